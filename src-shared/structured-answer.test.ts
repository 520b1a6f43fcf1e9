import { describe, expect, it } from 'vitest';
import { fenced, structuredAnswer } from './structured-answer';

const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } }, required: ['name'] };

describe('structuredAnswer', () => {
  it('formats a conforming answer and says it is valid', () => {
    expect(structuredAnswer(schema, '{"name":"Ada","age":36}')).toEqual({ kind: 'valid', json: '{\n  "name": "Ada",\n  "age": 36\n}', note: 'Valid against schema', before: '' });
  });

  it('names the path and reason of the first violation', () => {
    expect(structuredAnswer(schema, '{"name":"Ada","age":-1}')).toEqual({
      kind: 'violation',
      json: '{\n  "name": "Ada",\n  "age": -1\n}',
      note: 'Schema violation at /age: must be at least 0',
      before: '',
    });
  });

  it('says where text that is not JSON breaks, and keeps the text as received', () => {
    const text = '{\n  "name": "Ada",\n  age: 3\n}';
    const shown = structuredAnswer(schema, text);
    expect(shown.kind).toBe('invalid-json');
    expect(shown.json).toBe(text);
    expect(shown.note).toMatch(/^Not valid JSON: 3:3 — /);
  });

  const out = (text: string) => ({ type: 'model_output', content: [{ type: 'text', text }] });
  const called = [
    out('Let me look that up.'),
    { type: 'function_call', id: 'c1', name: 'lookup', arguments: { who: 'Ada' } },
    { type: 'function_result', call_id: 'c1', name: 'lookup', result: '{"age":36}' },
    out('{"name":"Ada","age":36}'),
  ];

  it('checks the round that answered when the model wrote a line before calling a function', () => {
    const shown = structuredAnswer(schema, 'Let me look that up.\n\n{"name":"Ada","age":36}', called);
    expect(shown).toEqual({ kind: 'valid', json: '{\n  "name": "Ada",\n  "age": 36\n}', note: 'Valid against schema', before: 'Let me look that up.' });
  });

  it('does the same after a built-in tool (a search) the model announced', () => {
    const steps = [out('Searching.'), { type: 'google_search_call', id: 's1', arguments: { queries: ['Ada'] } }, { type: 'google_search_result', call_id: 's1', result: [] }, out('{"name":"Ada"}')];
    expect(structuredAnswer(schema, 'Searching.{"name":"Ada"}', steps).kind).toBe('valid');
  });

  it('checks an answer edited by hand whole: its text no longer ends with what the model sent', () => {
    const shown = structuredAnswer(schema, '{"name":"Grace"}', called);
    expect(shown).toMatchObject({ kind: 'valid', json: '{\n  "name": "Grace"\n}', before: '' });
  });

  it('checks the JSON alone when the person edited it and kept the line the model wrote before calling', () => {
    const shown = structuredAnswer(schema, 'Let me look that up.\n\n{"name":"Ada","age":37}', called);
    expect(shown).toEqual({ kind: 'valid', json: '{\n  "name": "Ada",\n  "age": 37\n}', note: 'Valid against schema', before: 'Let me look that up.' });
  });

  it('checks the whole text when the answer made no call', () => {
    expect(structuredAnswer(schema, 'Sure! {"name":"Ada"}', [out('Sure! {"name":"Ada"}')]).kind).toBe('invalid-json');
  });
});

describe('fenced', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(fenced('{"a": 1}', 'json')).toBe('```json\n{"a": 1}\n```');
    expect(fenced('"``` and ````"', 'json')).toBe('`````json\n"``` and ````"\n`````');
  });
});
