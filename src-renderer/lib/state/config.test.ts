// Pane settings → PaneConfig: unset fields omitted, validation that keeps what was typed.
import { describe, expect, it } from 'vitest';
import { buildPaneConfig, parseTemperature, summarizeConfig, type PaneFields } from './config';

const base: PaneFields = { model: 'gemini-3-flash-preview', systemInstruction: '', temperature: '', thinkingLevel: '', thinkingSummaries: false };

describe('building a pane config', () => {
  it('leaves every unset field out', () => {
    const result = buildPaneConfig(base);
    expect(result).toEqual({ ok: true, config: { model: 'gemini-3-flash-preview' } });
    if (result.ok) expect(Object.keys(result.config)).toEqual(['model']);
  });

  it('includes the fields that are set', () => {
    const result = buildPaneConfig({
      model: '  gemini-2.5-pro ',
      systemInstruction: 'Be brief.\nUse lists.',
      temperature: '0.7',
      thinkingLevel: 'high',
      thinkingSummaries: true,
    });
    expect(result).toEqual({
      ok: true,
      config: { model: 'gemini-2.5-pro', systemInstruction: 'Be brief.\nUse lists.', temperature: 0.7, thinkingLevel: 'high', thinkingSummaries: true },
    });
  });

  it('treats 0 as a value, not as unset', () => {
    expect(buildPaneConfig({ ...base, temperature: '0' })).toEqual({ ok: true, config: { model: base.model, temperature: 0 } });
  });

  it('does not send a whitespace-only system instruction', () => {
    expect(buildPaneConfig({ ...base, systemInstruction: '  \n ' })).toEqual({ ok: true, config: { model: base.model } });
  });

  it('reports a bad temperature without changing what was typed', () => {
    const fields = { ...base, temperature: '2.5' };
    expect(buildPaneConfig(fields)).toEqual({ ok: false, errors: { temperature: 'Temperature must be between 0 and 2' } });
    expect(fields.temperature).toBe('2.5');
    expect(buildPaneConfig({ ...base, temperature: 'warm' })).toEqual({
      ok: false,
      errors: { temperature: 'Temperature must be a number between 0 and 2' },
    });
    expect(buildPaneConfig({ ...base, temperature: '-0.1' }).ok).toBe(false);
  });

  it('requires a model id', () => {
    expect(buildPaneConfig({ ...base, model: '  ' })).toEqual({ ok: false, errors: { model: 'Enter a model id' } });
  });
});

describe('parsing temperature', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['1', 1],
    ['.5', 0.5],
    ['0,25', 0.25],
    ['2', 2],
    ['2.0', 2],
  ])('%j → %j', (text, value) => {
    expect(parseTemperature(text)).toEqual(value === undefined ? {} : { value });
  });

  it.each(['1e1', '0x1', 'NaN', '1.2.3', 'Infinity'])('rejects %j', (text) => {
    expect(parseTemperature(text).error).toBeDefined();
  });
});

describe('summary line', () => {
  it('names what differs from the defaults', () => {
    expect(summarizeConfig(base)).toBe('gemini-3-flash-preview');
    expect(summarizeConfig({ ...base, temperature: '0.2', thinkingLevel: 'low', thinkingSummaries: true, systemInstruction: 'x' })).toBe(
      'gemini-3-flash-preview · temp 0.2 · thinking low · summaries · system instruction',
    );
  });
});
