// Pane settings → PaneConfig: unset fields omitted, validation that keeps what was typed.
import { describe, expect, it } from 'vitest';
import { buildPaneConfig, draftConfig, EMPTY_FIELDS, fieldsFromConfig, parseField, validateFields, type PaneFields } from './config';

const parseTemperature = (text: string) => parseField('temperature', text);
const parseTopP = (text: string) => parseField('topP', text);
const parseMaxOutputTokens = (text: string) => parseField('maxOutputTokens', text);
const parseSeed = (text: string) => parseField('seed', text);
const parseStopSequences = (text: string) => parseField('stopSequences', text);

const base: PaneFields = { model: 'gemini-3-flash-preview', ...EMPTY_FIELDS };

describe('building a pane config', () => {
  it('leaves every unset field out', () => {
    const result = buildPaneConfig(base);
    expect(result).toEqual({ ok: true, config: { model: 'gemini-3-flash-preview' } });
    if (result.ok) expect(Object.keys(result.config)).toEqual(['model']);
  });

  it('includes the fields that are set', () => {
    const result = buildPaneConfig({
      ...EMPTY_FIELDS,
      model: '  gemini-2.5-pro ',
      systemInstruction: 'Be brief.\nUse lists.',
      temperature: '0.7',
      topP: '0.9',
      maxOutputTokens: '1024',
      thinkingLevel: 'high',
      thinkingSummaries: true,
      stopSequences: 'END\n\n\\n\\n',
      seed: '-42',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        model: 'gemini-2.5-pro',
        systemInstruction: 'Be brief.\nUse lists.',
        temperature: 0.7,
        topP: 0.9,
        maxOutputTokens: 1024,
        thinkingLevel: 'high',
        thinkingSummaries: true,
        stopSequences: ['END', '\n\n'],
        seed: -42,
      },
    });
  });

  it('treats 0 as a value, not as unset', () => {
    expect(buildPaneConfig({ ...base, temperature: '0', topP: '0', seed: '0' })).toEqual({
      ok: true,
      config: { model: base.model, temperature: 0, topP: 0, seed: 0 },
    });
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

  it('reports every invalid field at once, each with its own message', () => {
    const errors = validateFields({ ...base, topP: '1.5', maxOutputTokens: '0', seed: '1.5', stopSequences: 'x\n'.repeat(6) });
    expect(errors).toEqual({
      topP: 'Top P must be between 0 and 1',
      maxOutputTokens: 'Max output tokens must be a whole number above 0',
      seed: 'Seed must be a whole number',
      stopSequences: 'At most 5 stop sequences: the API takes no more (6 here)',
    });
  });

  it('requires a model id', () => {
    expect(buildPaneConfig({ ...base, model: '  ' })).toEqual({ ok: false, errors: { model: 'Enter a model id' } });
  });

  it('keeps the valid fields in the draft while another is invalid', () => {
    expect(draftConfig({ ...base, temperature: '0.2', topP: 'nope' })).toEqual({ model: base.model, temperature: 0.2 });
  });
});

describe('a tool choice that names functions', () => {
  const functions = (...names: string[]) => JSON.stringify(names.map((name) => ({ name, description: '', parameters: '', mock: '' })));
  const only = (...tools: string[]) => JSON.stringify({ tools });

  it('allows the declared ones', () => {
    const result = buildPaneConfig({ ...base, functions: functions('get_weather', 'get_time'), toolChoice: only('get_time') });
    expect(result.ok && result.config.toolChoice).toEqual({ tools: ['get_time'] });
  });

  it('is an error once a ticked function is removed or renamed, as the API refuses it; the draft leaves it out', () => {
    const fields = { ...base, functions: functions('get_forecast'), toolChoice: only('get_weather', 'get_forecast') };
    expect(validateFields(fields)).toEqual({
      toolChoice: 'Tool choice allows only “get_weather”, which no function of this pane declares, and the API refuses that: untick it or declare it',
    });
    expect(validateFields({ ...fields, functions: '' }).toolChoice).toMatch(/^Tool choice allows only “get_weather”, “get_forecast”, which .*: untick them or declare them$/);
    expect(draftConfig(fields).toolChoice).toBeUndefined();
    // A functions list that does not parse says so itself; the tool choice waits for it.
    expect(Object.keys(validateFields({ ...fields, functions: '[{"name": ' }))).toEqual(['functions']);
  });
});

describe('parsing numbers', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['1', 1],
    ['.5', 0.5],
    ['0,25', 0.25],
    ['2', 2],
    ['2.0', 2],
  ])('temperature %j → %j', (text, value) => {
    expect(parseTemperature(text)).toEqual(value === undefined ? {} : { value });
  });

  it.each(['1e1', '0x1', 'NaN', '1.2.3', 'Infinity'])('rejects temperature %j', (text) => {
    expect(parseTemperature(text)).toEqual({ error: 'Temperature must be a number between 0 and 2' });
  });

  it('top P is between 0 and 1', () => {
    expect(parseTopP('0.95')).toEqual({ value: 0.95 });
    expect(parseTopP('1')).toEqual({ value: 1 });
    expect(parseTopP('1.01').error).toBe('Top P must be between 0 and 1');
  });

  it('max output tokens is a positive whole number', () => {
    expect(parseMaxOutputTokens('2048')).toEqual({ value: 2048 });
    expect(parseMaxOutputTokens('8_192')).toEqual({ value: 8192 });
    expect(parseMaxOutputTokens('-5')).toEqual({ error: 'Max output tokens must be a whole number above 0' });
    expect(parseMaxOutputTokens('12.5')).toEqual({ error: 'Max output tokens must be a whole number above 0' });
    expect(parseMaxOutputTokens('20000000').error).toBe('Max output tokens is at most 10,000,000');
  });

  it('seed is a 32-bit whole number, negative allowed', () => {
    expect(parseSeed('-7')).toEqual({ value: -7 });
    expect(parseSeed('2147483647')).toEqual({ value: 2147483647 });
    expect(parseSeed('2147483648')).toEqual({ error: 'Seed must be between −2147483648 and 2147483647' });
    expect(parseSeed('abc').error).toBe('Seed must be a whole number');
  });

  it('stop sequences: five are sent, a sixth is an error naming the API’s limit, and the text typed stays', () => {
    const five = ['END', '###', 'STOP', '\\n\\n', 'Q:'].join('\n');
    expect(parseStopSequences(five)).toEqual({ value: ['END', '###', 'STOP', '\n\n', 'Q:'] });
    // Blank lines are not items: they do not count towards the five.
    expect(parseStopSequences(`${five}\n\n  \n`)).toEqual({ value: ['END', '###', 'STOP', '\n\n', 'Q:'] });
    const six = `${five}\nA:`;
    expect(parseStopSequences(six)).toEqual({ error: 'At most 5 stop sequences: the API takes no more (6 here)' });
    const fields = { ...base, stopSequences: six };
    expect(buildPaneConfig(fields)).toEqual({ ok: false, errors: { stopSequences: 'At most 5 stop sequences: the API takes no more (6 here)' } });
    expect(fields.stopSequences).toBe(six);
    expect(draftConfig(fields)).toEqual({ model: 'gemini-3-flash-preview' });
  });

  it('stop sequences: one per line, escapes for newline, tab and backslash', () => {
    expect(parseStopSequences('')).toEqual({});
    expect(parseStopSequences('\n  \n')).toEqual({});
    expect(parseStopSequences('###\n\\n\\n\n\\t|\\\\')).toEqual({ value: ['###', '\n\n', '\t|\\'] });
    expect(parseStopSequences('x'.repeat(1001))).toEqual({ error: 'A stop sequence is at most 1000 characters' });
  });
});

describe('round trip with a config', () => {
  it('turns a config back into the same form text', () => {
    const config = {
      model: 'gemini-2.5-flash',
      systemInstruction: 'Be brief.',
      temperature: 0.3,
      topP: 0.5,
      maxOutputTokens: 100,
      thinkingLevel: 'low' as const,
      thinkingSummaries: true,
      stopSequences: ['\n\n', 'a\\b'],
      seed: 9,
    };
    const fields = fieldsFromConfig(config);
    expect(fields.stopSequences).toBe('\\n\\n\na\\\\b');
    expect(buildPaneConfig(fields)).toEqual({ ok: true, config });
    expect(fieldsFromConfig({ model: 'm' })).toEqual({ model: 'm', ...EMPTY_FIELDS });
  });
});
