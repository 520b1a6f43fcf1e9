// What differs between pane configurations: wire-level equality, display values, the "same in all" line.
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, describeSame, diffConfigs, fieldValue, sameInAll, wireValue } from './config-diff';
import type { PaneConfig } from './domain';

const M = 'gemini-3-flash-preview';

describe('diffConfigs', () => {
  it('puts every field in exactly one of differing / same, in the reading order', () => {
    const diff = diffConfigs([{ model: M, temperature: 0.2 }, { model: M, temperature: 0.7 }]);
    const fields = [...diff.differing, ...diff.same].map((f) => f.field).sort();
    expect(fields).toEqual(CONFIG_FIELDS.map((f) => f.field).sort());
    expect(diff.differing.map((f) => f.field)).toEqual(['temperature']);
    expect(diff.differing[0]!.values.map((v) => v.text)).toEqual(['0.2', '0.7']);
  });

  it('tells an unset value apart from any value, 0 included', () => {
    const diff = diffConfigs([{ model: M }, { model: M, temperature: 0 }, { model: M, temperature: 1 }]);
    const temperature = diff.differing.find((f) => f.field === 'temperature')!;
    expect(temperature.values).toEqual([
      { set: false, text: 'default', full: expect.stringContaining('default') },
      { set: true, text: '0', full: '0' },
      { set: true, text: '1', full: '1' },
    ]);
  });

  it('compares what goes on the wire: a blank system instruction or an empty stop list is unset', () => {
    const configs: PaneConfig[] = [
      { model: M, systemInstruction: '  \n', stopSequences: [] },
      { model: M },
    ];
    expect(diffConfigs(configs).differing).toEqual([]);
    expect(wireValue(configs[0]!, 'systemInstruction')).toBeUndefined();
    expect(wireValue(configs[0]!, 'stopSequences')).toBeUndefined();
  });

  it('compares stop sequences by content and order', () => {
    expect(sameInAll([{ model: M, stopSequences: ['a', 'b'] }, { model: M, stopSequences: ['a', 'b'] }], 'stopSequences')).toBe(true);
    expect(sameInAll([{ model: M, stopSequences: ['a', 'b'] }, { model: M, stopSequences: ['b', 'a'] }], 'stopSequences')).toBe(false);
  });

  it('treats summaries off (sent as "none") as different from unset', () => {
    const diff = diffConfigs([{ model: M, thinkingSummaries: false }, { model: M }, { model: M, thinkingSummaries: true }]);
    expect(diff.differing.find((f) => f.field === 'thinkingSummaries')!.values.map((v) => v.text)).toEqual(['off', 'default', 'on']);
  });

  it('finds several differing fields at once and leaves the rest as same', () => {
    const diff = diffConfigs([
      { model: M, temperature: 0.2, thinkingLevel: 'high', systemInstruction: 'Be brief.' },
      { model: M, temperature: 0.9, thinkingLevel: 'low' },
      { model: 'gemini-2.5-pro', temperature: 0.2, thinkingLevel: 'high', seed: 7 },
    ]);
    expect(diff.differing.map((f) => f.field)).toEqual(['model', 'temperature', 'thinkingLevel', 'systemInstruction', 'seed']);
    expect(diff.same.map((f) => f.field)).toEqual([
      'thinkingSummaries',
      'topP',
      'maxOutputTokens',
      'stopSequences',
      ...CONFIG_FIELDS.filter((f) => f.tools).map((f) => f.field),
    ]);
  });

  it('has nothing differing for one pane or for none', () => {
    expect(diffConfigs([{ model: M, temperature: 1 }]).differing).toEqual([]);
    expect(diffConfigs([]).differing).toEqual([]);
  });
});

describe('display values', () => {
  it('shortens a long system instruction and keeps the whole text for the tooltip', () => {
    const long = 'You are a meticulous reviewer.\nAlways answer in numbered lists and cite sources.';
    const value = fieldValue({ model: M, systemInstruction: long }, 'systemInstruction');
    expect(value.text.length).toBeLessThanOrEqual(34);
    expect(value.text).toMatch(/^“You are a meticulous reviewer\. .*…”$/);
    expect(value.full).toBe(long);
  });

  it('shows a tiny swept temperature as the pane label and the settings form write it, not in exponent form', () => {
    expect(fieldValue({ model: M, temperature: 1e-7 }, 'temperature')).toMatchObject({ text: '0.0000001', full: '0.0000001' });
  });

  it('shows stop sequences quoted with visible newlines', () => {
    expect(fieldValue({ model: M, stopSequences: ['\n\n', 'END'] }, 'stopSequences').text).toBe('"\\n\\n", "END"');
  });
});

describe('describeSame', () => {
  it('names set values and groups the unset ones', () => {
    const diff = diffConfigs([
      { model: M, temperature: 0.2, seed: 3 },
      { model: M, temperature: 0.7, seed: 3 },
    ]);
    expect(describeSame(diff.same)).toBe(`${M} · Seed 3 · default Thinking, Summaries, System, Top P, Max tokens, Stop`);
  });
});
