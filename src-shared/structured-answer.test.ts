import { describe, expect, it } from 'vitest';
import { fenced, structuredAnswer } from './structured-answer';

const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } }, required: ['name'] };

describe('structuredAnswer', () => {
  it('formats a conforming answer and says it is valid', () => {
    expect(structuredAnswer(schema, '{"name":"Ada","age":36}')).toEqual({ kind: 'valid', json: '{\n  "name": "Ada",\n  "age": 36\n}', note: 'Valid against schema' });
  });

  it('names the path and reason of the first violation', () => {
    expect(structuredAnswer(schema, '{"name":"Ada","age":-1}')).toEqual({
      kind: 'violation',
      json: '{\n  "name": "Ada",\n  "age": -1\n}',
      note: 'Schema violation at /age: must be at least 0',
    });
  });

  it('says where text that is not JSON breaks, and keeps the text as received', () => {
    const text = '{\n  "name": "Ada",\n  age: 3\n}';
    const shown = structuredAnswer(schema, text);
    expect(shown.kind).toBe('invalid-json');
    expect(shown.json).toBe(text);
    expect(shown.note).toMatch(/^Not valid JSON: 3:3 — /);
  });
});

describe('fenced', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(fenced('{"a": 1}', 'json')).toBe('```json\n{"a": 1}\n```');
    expect(fenced('"``` and ````"', 'json')).toBe('`````json\n"``` and ````"\n`````');
  });
});
