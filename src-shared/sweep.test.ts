import { describe, expect, it } from 'vitest';
import type { PaneConfig } from './domain';
import { derivePaneLabels } from './pane-label';
import { estimateSweepCost, expandSweep, parseTemperatureList, sweepProblem, sweepSize, SweepError } from './sweep';

const BASE: PaneConfig = { model: 'gemini-3-flash-preview', topP: 0.9, seed: 7, stopSequences: ['END'] };

describe('expandSweep', () => {
  it('makes the cross product in nested order, thinking level fastest', () => {
    const configs = expandSweep(BASE, { temperatures: [0.2, 0.6, 1], thinkingLevels: ['low', 'high'] });
    expect(configs.map((c) => [c.temperature, c.thinkingLevel])).toEqual([
      [0.2, 'low'],
      [0.2, 'high'],
      [0.6, 'low'],
      [0.6, 'high'],
      [1, 'low'],
      [1, 'high'],
    ]);
    expect(derivePaneLabels(configs)).toEqual(['T=0.2 · thinking=low', 'T=0.2 · thinking=high', 'T=0.6 · thinking=low', 'T=0.6 · thinking=high', 'T=1 · thinking=low', 'T=1 · thinking=high']);
  });

  it('models outermost, then system instructions; a blank variant removes the system instruction', () => {
    const configs = expandSweep(
      { ...BASE, systemInstruction: 'Base.' },
      { models: ['m1', 'm2'], systemInstructions: ['Be terse.', ' '], temperatures: [0.5] },
    );
    expect(configs.map((c) => [c.model, c.systemInstruction, c.temperature])).toEqual([
      ['m1', 'Be terse.', 0.5],
      ['m1', undefined, 0.5],
      ['m2', 'Be terse.', 0.5],
      ['m2', undefined, 0.5],
    ]);
    expect('systemInstruction' in configs[1]!).toBe(false);
  });

  it('leaves settings without an axis as the base has them, and does not share arrays with it', () => {
    const configs = expandSweep({ ...BASE, thinkingLevel: 'medium', temperature: 1.5 }, { temperatures: [0, 2] });
    expect(configs).toEqual([
      { ...BASE, thinkingLevel: 'medium', temperature: 0 },
      { ...BASE, thinkingLevel: 'medium', temperature: 2 },
    ]);
    expect(configs[0]!.stopSequences).not.toBe(BASE.stopSequences);
    expect(expandSweep(BASE, {})).toEqual([BASE]);
    expect(expandSweep(BASE, { temperatures: [], models: [] })).toEqual([BASE]);
  });

  it('refuses more combinations than the limit, by default 6 panes', () => {
    const axes = { temperatures: [0, 0.5, 1, 1.5], thinkingLevels: ['low', 'high'] as const };
    expect(sweepSize(axes)).toBe(8);
    expect(() => expandSweep(BASE, axes)).toThrow(SweepError);
    expect(() => expandSweep(BASE, axes)).toThrow(/8 combinations make 8 panes, but only 6 fit/);
    expect(expandSweep(BASE, axes, 8)).toHaveLength(8);
    expect(sweepProblem({ temperatures: [0, 1] }, 1)).toMatch(/only 1 fit/);
    expect(sweepProblem({ temperatures: [0, 1] }, 0)).toMatch(/No room/);
  });

  it('rejects invalid values', () => {
    expect(() => expandSweep(BASE, { temperatures: [2.5] })).toThrow(/not between 0 and 2/);
    expect(() => expandSweep(BASE, { temperatures: [1, 1] })).toThrow(/listed twice/);
    expect(() => expandSweep(BASE, { systemInstructions: ['a', 'b', 'c', 'd'] })).toThrow(/At most 3/);
    expect(() => expandSweep(BASE, { models: [''] })).toThrow(/empty/);
    expect(sweepProblem({ systemInstructions: ['', 'a', 'b', 'c'] })).toBe('At most 3 system instructions, “no system instruction” included');
  });
});

describe('parseTemperatureList', () => {
  it('accepts commas, semicolons and spaces', () => {
    expect(parseTemperatureList('0, 0.5, 1')).toEqual({ values: [0, 0.5, 1] });
    expect(parseTemperatureList(' .2;0.6  1.0 ')).toEqual({ values: [0.2, 0.6, 1] });
    expect(parseTemperatureList('')).toEqual({ values: [] });
  });

  it('says clearly what is wrong', () => {
    expect(parseTemperatureList('0, hot').error).toBe('“hot” is not a number: list temperatures like 0, 0.5, 1');
    expect(parseTemperatureList('0, 3').error).toBe('Temperature 3 is out of range: each must be between 0 and 2');
    expect(parseTemperatureList('0.5, .5').error).toBe('Temperature .5 is listed twice');
  });
});

describe('estimateSweepCost', () => {
  it('counts what each new pane sends, the prompt and system instruction, not the base pane’s conversation', () => {
    // The base pane's last turn read 50,000 tokens of conversation; a sweep's panes start with none of it.
    const usage = { total_input_tokens: 50_000, total_output_tokens: 200, total_thought_tokens: 100, total_tokens: 50_300 };
    expect(estimateSweepCost(6, 400, usage)).toEqual({ requests: 6, tokensPerRequest: 100 + 300, basis: 'last-answer', totalTokens: 2_400 });
    expect(estimateSweepCost(2, 40, { total_output_tokens: 20 }).totalTokens).toBe(2 * (10 + 20));
  });

  it('before any answer, the input size / 4 alone', () => {
    expect(estimateSweepCost(6, 41)).toEqual({ requests: 6, tokensPerRequest: 11, basis: 'input-size', totalTokens: 66 });
    expect(estimateSweepCost(6, 41, { total_input_tokens: 900 }).tokensPerRequest).toBe(11);
    expect(estimateSweepCost(3, 0).tokensPerRequest).toBe(1);
  });

  it('adds the attached files’ tokens to every request', () => {
    // Four images of one 258-token tile each, sent with a 40-character prompt by each of 6 panes.
    expect(estimateSweepCost(6, 40, undefined, 4 * 258)).toEqual({ requests: 6, tokensPerRequest: 10 + 1_032, basis: 'input-size', totalTokens: 6 * 1_042 });
    expect(estimateSweepCost(2, 0, { total_output_tokens: 20 }, 258).tokensPerRequest).toBe(258 + 20);
  });
});
