import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkFunctionParameters,
  checkSchema,
  formatJson,
  parseJsonText,
  validateAgainst,
  validateAnswerJson,
} from './json-check';

/** Where `part` starts in `text`, as the 0-based offset, 1-based line and column an editor shows. */
function at(text: string, part: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(part, offset + 1);
  if (offset < 0) throw new Error(`"${part}" not in the text`);
  const lines = text.slice(0, offset).split('\n');
  return { offset, line: lines.length, column: lines.at(-1)!.length + 1 };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseJsonText', () => {
  it('returns the parsed value', () => {
    expect(parseJsonText('{"a": [1, 2.5, null, "x"]}')).toEqual({ ok: true, value: { a: [1, 2.5, null, 'x'] } });
  });

  it('locates a missing comma on a later line and keeps V8’s reason without its position', () => {
    const text = '{\n  "name": "Ada",\n  "age": 36\n  "city": "London"\n}';
    const where = at(text, '"city"');
    expect(where).toMatchObject({ line: 4, column: 3 });
    expect(parseJsonText(text)).toEqual({
      ok: false,
      message: "Line 4, column 3: expected ',' or '}' after property value",
      ...where,
    });
  });

  it('locates a trailing comma', () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n}';
    expect(parseJsonText(text)).toMatchObject({ ...at(text, '}'), message: expect.stringMatching(/^Line 4, column 1: expected double-quoted property name$/) });
  });

  it('locates an unexpected token that V8 reports only by its surrounding text', () => {
    const text = '{\n  "name": "Ada",\n  "age": oops,\n  "city": "London"\n}';
    expect(parseJsonText(text)).toEqual({ ok: false, message: "Line 3, column 10: unexpected token 'o'", ...at(text, 'oops') });
  });

  it('locates an unexpected token near the start and near the end of a long text', () => {
    const start = '{\n x: 1, "b": 2, "c": 3, "d": 4 }';
    expect(parseJsonText(start)).toMatchObject(at(start, 'x'));
    const nearStart = '[tru, 1, 2, 3, 4, 5, 6, 7, 8, 9]';
    expect(parseJsonText(nearStart)).toMatchObject({ ...at(nearStart, ','), message: "Line 1, column 5: unexpected token ','" });
    const end = '{"alpha": 1, "beta": 2,\n "gamma": }';
    expect(parseJsonText(end)).toMatchObject({ ...at(end, '}'), line: 2, column: 11 });
  });

  it('picks the bad occurrence when the quoted surroundings also appear earlier, inside a string', () => {
    const text = '{"s": ": [[[[ [[[x]]]]]]]]]", "t": [[[[ [[[x]]]]]]]]]}';
    expect(parseJsonText(text)).toMatchObject(at(text, 'x', 1));
  });

  it('picks the bad occurrence when a short text has the same character earlier', () => {
    const text = '["a", a]';
    expect(parseJsonText(text)).toMatchObject(at(text, 'a', 1));
  });

  it('puts an unexpected end where the writing stops, not after trailing blank lines', () => {
    const truncated = '{\n  "items": [1, 2\n\n';
    expect(parseJsonText(truncated)).toMatchObject({ line: 2, column: 17, offset: truncated.indexOf('2') + 1 });
    const cut = '{\n  "a": "unfinished';
    expect(parseJsonText(cut)).toMatchObject({ line: 2, column: 19 });
    const literal = '[\n  tru';
    expect(parseJsonText(literal)).toEqual({ ok: false, message: 'Line 2, column 6: unexpected end of JSON input', line: 2, column: 6, offset: literal.length });
    expect(parseJsonText('')).toMatchObject({ line: 1, column: 1, offset: 0 });
  });

  it('reads the "(line L column C)" form of newer V8 (as Electron’s Chromium words it)', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError("Expected ',' or '}' after property value in JSON at position 13 (line 3 column 3)");
    });
    expect(parseJsonText(text)).toEqual({ ok: false, message: "Line 3, column 3: expected ',' or '}' after property value", line: 3, column: 3, offset: 13 });
  });

  it('names a text that is a JavaScript value but not JSON', () => {
    expect(parseJsonText('undefined')).toEqual({ ok: false, message: 'Line 1, column 1: not valid JSON', line: 1, column: 1, offset: 0 });
    expect(parseJsonText('  undefined')).toEqual({ ok: false, message: "Line 1, column 3: unexpected token 'u'", line: 1, column: 3, offset: 2 });
  });
});

describe('checkSchema', () => {
  it('accepts a realistic structured-output schema', () => {
    expect(
      checkSchema({
        type: 'object',
        properties: {
          title: { type: 'string', description: 'Recipe name' },
          servings: { type: 'integer', minimum: 1 },
          ingredients: { type: 'array', items: { $ref: '#/$defs/ingredient' } },
          diet: { enum: ['vegan', 'vegetarian', 'any'] },
        },
        required: ['title', 'ingredients'],
        $defs: { ingredient: { type: 'object', properties: { name: { type: 'string' }, grams: { type: ['number', 'null'] } } } },
        additionalProperties: false,
      }),
    ).toEqual({ ok: true });
  });

  it('refuses anything but a JSON object', () => {
    for (const schema of [true, null, [], 'object', 3]) {
      expect(checkSchema(schema)).toEqual({ ok: false, path: '(root)', message: 'a schema must be a JSON object, like {"type": "object"}' });
    }
  });

  it('refuses a misspelt type with its path and the allowed names', () => {
    expect(checkSchema({ type: 'strng' })).toEqual({
      ok: false,
      path: '/type',
      message: 'not one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string"',
    });
  });

  it('refuses keywords of the wrong kind', () => {
    expect(checkSchema({ properties: 3 })).toEqual({ ok: false, path: '/properties', message: 'expected object, got number' });
    expect(checkSchema({ type: 'object', required: 'name' })).toEqual({ ok: false, path: '/required', message: 'expected array, got string' });
    expect(checkSchema({ type: 'string', pattern: '(' })).toEqual({ ok: false, path: '/pattern', message: 'not a valid regex' });
  });

  it('checks nested schemas all the way down', () => {
    expect(checkSchema({ type: 'object', properties: { name: { type: 'strng' } } })).toMatchObject({ ok: false, path: '/properties/name/type' });
    expect(checkSchema({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string', minLength: -1 } } } })).toEqual({
      ok: false,
      path: '/properties/tags/items/minLength',
      message: 'must be at least 0',
    });
    expect(checkSchema({ $defs: { row: { anyOf: [{ type: 'string' }, { maxItems: 'ten' }] } } })).toEqual({
      ok: false,
      path: '/$defs/row/anyOf/1/maxItems',
      message: 'expected integer, got string',
    });
  });

  it('refuses a $ref to nothing, where it is', () => {
    expect(checkSchema({ type: 'object', properties: { a: { $ref: '#/$defs/missing' } } })).toEqual({
      ok: false,
      path: '/properties/a/$ref',
      message: 'nothing in the schema is at "#/$defs/missing"',
    });
  });

  it('leaves the schema it checks as it was, even frozen', () => {
    const schema = deepFreeze({ type: 'object', properties: { a: { $ref: '#/$defs/x' } }, $defs: { x: { type: 'string' } } });
    expect(checkSchema(schema)).toEqual({ ok: true });
    expect(Object.getOwnPropertyNames(schema.properties.a)).toEqual(['$ref']);
  });
});

describe('checkFunctionParameters', () => {
  it('accepts an object of named arguments', () => {
    expect(checkFunctionParameters({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] })).toEqual({ ok: true });
  });

  it('refuses parameters that are not an object schema', () => {
    const refusal = { ok: false, path: '/type', message: 'function parameters must be "type": "object" (the arguments are named)' };
    expect(checkFunctionParameters({ type: 'string' })).toEqual(refusal);
    expect(checkFunctionParameters({ properties: { city: { type: 'string' } } })).toEqual(refusal);
    expect(checkFunctionParameters({ type: ['object', 'null'] })).toEqual(refusal);
  });

  it('reports a broken schema before its top-level type', () => {
    expect(checkFunctionParameters({ type: 'object', properties: { city: { type: 'txt' } } })).toMatchObject({ ok: false, path: '/properties/city/type' });
  });
});

const order = {
  type: 'object',
  properties: {
    status: { enum: ['open', 'closed'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1 }, price: { type: 'number', minimum: 0 }, qty: { type: 'integer' } },
        required: ['name', 'price'],
        additionalProperties: false,
      },
    },
    note: { type: ['string', 'null'], maxLength: 5 },
  },
  required: ['items'],
};

describe('validateAgainst', () => {
  it('accepts a matching value', () => {
    expect(validateAgainst(order, { status: 'open', items: [{ name: 'tea', price: 2.5, qty: 2 }], note: null })).toEqual({ valid: true });
  });

  it('reports the first violation with its JSON Pointer and a short reason', () => {
    expect(validateAgainst(order, { items: [{ name: 'tea', price: 2 }, { name: 'cake', price: '3' }] })).toEqual({
      valid: false,
      path: '/items/1/price',
      reason: 'expected number, got string',
    });
  });

  it('says which required property is missing, at the object that lacks it', () => {
    expect(validateAgainst(order, { items: [{ price: 3 }] })).toEqual({ valid: false, path: '/items/0', reason: 'missing required property "name"' });
    expect(validateAgainst(order, {})).toEqual({ valid: false, path: '(root)', reason: 'missing required property "items"' });
  });

  it('names enum, type-list, integer, bound, length and extra-property failures', () => {
    expect(validateAgainst(order, { status: 'pending', items: [] })).toEqual({ valid: false, path: '/status', reason: 'not one of the allowed values: "open", "closed"' });
    expect(validateAgainst(order, { items: [], note: 3 })).toEqual({ valid: false, path: '/note', reason: 'expected string or null, got number' });
    expect(validateAgainst(order, { items: [{ name: 'a', price: 1, qty: 1.5 }] })).toEqual({ valid: false, path: '/items/0/qty', reason: 'expected integer, got number' });
    expect(validateAgainst(order, { items: [{ name: 'a', price: -1 }] })).toEqual({ valid: false, path: '/items/0/price', reason: 'must be at least 0' });
    expect(validateAgainst(order, { items: [], note: 'too long' })).toEqual({ valid: false, path: '/note', reason: 'too long: 8 characters, at most 5' });
    expect(validateAgainst(order, { items: [{ name: 'a', price: 1, colour: 'red' }] })).toEqual({ valid: false, path: '/items/0/colour', reason: 'property not allowed' });
  });

  it('reports the root as (root)', () => {
    expect(validateAgainst(order, [])).toEqual({ valid: false, path: '(root)', reason: 'expected object, got array' });
  });

  it('gives property names as written, in JSON Pointer escaping', () => {
    const schema = { type: 'object', properties: { 'unit price': { type: 'number' }, 'a/b~c': { type: 'number' }, 'x#y': { type: 'number' } } };
    expect(validateAgainst(schema, { 'unit price': 'x' })).toMatchObject({ path: '/unit price' });
    expect(validateAgainst(schema, { 'a/b~c': 'x' })).toMatchObject({ path: '/a~1b~0c' });
    expect(validateAgainst(schema, { 'x#y': 'x' })).toMatchObject({ path: '/x#y' });
  });

  it('compiles a schema object once: an edit in place goes unseen, a new object is seen', () => {
    const schema = { type: 'object', properties: { n: { type: 'number' } } };
    expect(validateAgainst(schema, { n: 'x' })).toMatchObject({ valid: false });
    schema.properties.n.type = 'string';
    expect(validateAgainst(schema, { n: 'x' })).toMatchObject({ valid: false });
    expect(validateAgainst(structuredClone(schema), { n: 'x' })).toEqual({ valid: true });
  });

  it('works on a frozen schema and leaves it unannotated', () => {
    const schema = deepFreeze({ $ref: '#/$defs/n', $defs: { n: { type: 'number' } } });
    expect(validateAgainst(schema, 'x')).toEqual({ valid: false, path: '(root)', reason: 'expected number, got string' });
    expect(Object.getOwnPropertyNames(schema)).toEqual(['$ref', '$defs']);
  });

  it('reports a schema that cannot be applied instead of throwing', () => {
    expect(validateAgainst({ $ref: '#/nowhere' }, 1)).toEqual({ valid: false, path: '(root)', reason: 'the schema cannot be applied: unresolved $ref "#/nowhere"' });
  });
});

describe('validateAnswerJson', () => {
  const schema = { type: 'object', properties: { answer: { type: 'integer' } }, required: ['answer'] };

  it('accepts a plain JSON answer that matches', () => {
    expect(validateAnswerJson(schema, '{"answer": 42}')).toEqual({ kind: 'valid', value: { answer: 42 } });
  });

  it('takes one surrounding markdown fence off before parsing', () => {
    expect(validateAnswerJson(schema, '```json\n{"answer": 42}\n```')).toEqual({ kind: 'valid', value: { answer: 42 } });
    expect(validateAnswerJson(schema, '\n```\n{"answer": 42}\n```\n')).toEqual({ kind: 'valid', value: { answer: 42 } });
    expect(validateAnswerJson(schema, '```JSON\r\n{"answer": 1}\r\n```')).toEqual({ kind: 'valid', value: { answer: 1 } });
  });

  it('does not strip a fence that does not surround the whole answer', () => {
    expect(validateAnswerJson(schema, 'Here it is:\n```json\n{"answer": 42}\n```')).toMatchObject({ kind: 'invalid-json', line: 1, column: 1 });
  });

  it('reports a violation with the parsed value', () => {
    expect(validateAnswerJson(schema, '```json\n{"answer": "42"}\n```')).toEqual({
      kind: 'violation',
      path: '/answer',
      reason: 'expected integer, got string',
      value: { answer: '42' },
    });
  });

  it('locates a JSON error in the text as received, fence included', () => {
    const text = '```json\n{\n  "answer": 42\n  "more": 1\n}\n```';
    expect(validateAnswerJson(schema, text)).toEqual({
      kind: 'invalid-json',
      message: "Line 4, column 3: expected ',' or '}' after property value",
      ...at(text, '"more"'),
    });
    const unfenced = '{\n  "answer": 42,\n}';
    expect(validateAnswerJson(schema, unfenced)).toMatchObject({ kind: 'invalid-json', ...at(unfenced, '}') });
  });
});

describe('formatJson', () => {
  it('indents by two spaces', () => {
    expect(formatJson({ a: [1, { b: null }], c: 'd' })).toBe('{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "c": "d"\n}');
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
