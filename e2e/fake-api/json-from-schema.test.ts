// The generated JSON is valid against its schema (checked by a real validator), deterministic, and the violating
// variant breaks it exactly at the first property.
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, jsonFromSchema, jsonViolatingSchema } from './json-from-schema';
import { schemaErrors } from './test-support';

const SCHEMAS: Record<string, Record<string, unknown>> = {
  flat: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer' }, rate: { type: 'number' }, metric: { type: 'boolean' } },
    required: ['city'],
  },
  enums: { type: 'object', properties: { unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, level: { enum: [3, 4] }, kind: { const: 'fixed' } } },
  bounds: {
    type: 'object',
    properties: {
      n: { type: 'integer', minimum: 5, maximum: 9 },
      x: { type: 'number', exclusiveMaximum: 0 },
      code: { type: 'string', minLength: 8, maxLength: 10 },
      tags: { type: 'array', items: { type: 'string' }, minItems: 3 },
      none: { type: 'array', maxItems: 0 },
    },
    required: ['n', 'x', 'code', 'tags', 'none'],
  },
  formats: {
    type: 'object',
    properties: { when: { type: 'string', format: 'date-time' }, day: { type: 'string', format: 'date' }, mail: { type: 'string', format: 'email' }, site: { type: 'string', format: 'uri' } },
  },
  nested: {
    type: 'object',
    properties: {
      owner: { type: 'object', properties: { name: { type: 'string' }, pets: { type: 'array', items: { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] } } }, required: ['name', 'pets'] },
      matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
    },
    required: ['owner'],
    additionalProperties: false,
  },
  nullable: { type: 'object', properties: { note: { type: ['string', 'null'] }, either: { anyOf: [{ type: 'integer' }, { type: 'string' }] } } },
  refs: {
    type: 'object',
    $defs: { node: { type: 'object', properties: { label: { type: 'string' }, next: { $ref: '#/$defs/node' } }, required: ['label'] } },
    properties: { head: { $ref: '#/$defs/node' } },
    required: ['head'],
  },
  rootArray: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
};

describe('jsonFromSchema', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: the value is valid against the schema, and the same every time`, () => {
      const value = jsonFromSchema(schema);
      expect(schemaErrors(schema, value)).toEqual([]);
      expect(jsonFromSchema(schema)).toEqual(value);
    });
  }

  it('fills every declared property: short words, 1, true, the first enum value', () => {
    expect(jsonFromSchema(SCHEMAS.flat!)).toEqual({ city: 'echo', days: 1, rate: 1, metric: true });
    expect(jsonFromSchema(SCHEMAS.enums!)).toEqual({ unit: 'celsius', level: 3, kind: 'fixed' });
  });

  it('reads Gemini OpenAPI-style upper-case types', () => {
    expect(jsonFromSchema({ type: 'OBJECT', properties: { n: { type: 'INTEGER' }, ok: { type: 'BOOLEAN' } } })).toEqual({ n: 1, ok: true });
  });

  it('stops a recursive $ref with only what it requires', () => {
    let node = (jsonFromSchema(SCHEMAS.refs!) as { head: Record<string, unknown> }).head;
    let depth = 0;
    while (node.next !== undefined) {
      node = node.next as Record<string, unknown>;
      depth += 1;
    }
    // head is one level down: the optional `next` stops at MAX_DEPTH.
    expect(depth).toBe(MAX_DEPTH - 1);
    expect(Object.keys(node)).toEqual(['label']);
  });
});

describe('jsonViolatingSchema', () => {
  it('gives the first property the wrong type, and a validator reports exactly that path', () => {
    for (const [name, path] of [
      ['flat', '/city'],
      ['nested', '/owner'],
      ['enums', '/unit'],
      ['rootArray', '/0'],
    ] as const) {
      const schema = SCHEMAS[name]!;
      const violation = jsonViolatingSchema(schema);
      expect(violation.path, name).toBe(path);
      const errors = schemaErrors(schema, violation.value, true);
      expect(errors.length, name).toBeGreaterThan(0);
      expect(errors.every((e) => e.instanceLocation === '#' || e.instanceLocation === `#${path}`), name).toBe(true);
      expect(errors.some((e) => e.instanceLocation === `#${path}`), name).toBe(true);
    }
  });

  it('breaks a scalar root schema at the root', () => {
    expect(jsonViolatingSchema({ type: 'string' })).toEqual({ value: 12345, path: '' });
  });
});
