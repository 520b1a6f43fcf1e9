// A deterministic JSON value valid against a JSON Schema (function arguments, structured output), and one that is not.
import { type JsonSchema, isObject } from './tool-types';

/** Deep enough for any real declaration; a recursive $ref stops here with only what it requires. */
export const MAX_DEPTH = 12;
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
const FORMATS: Record<string, string> = {
  date: '2026-01-02',
  'date-time': '2026-01-02T03:04:05Z',
  time: '03:04:05Z',
  email: 'someone@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000001',
  ipv4: '192.0.2.1',
  hostname: 'example.com',
};

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = isObject(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isObject(at) ? at : {};
}

/** The schema's type, lower-cased (Gemini's OpenAPI subset writes STRING, OBJECT…), the first non-null of a list. */
function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  const name = Array.isArray(type) ? type.find((t) => t !== 'null') ?? type[0] : type;
  if (typeof name === 'string') return name.toLowerCase();
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function stringFor(schema: JsonSchema, name: string): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  let text = format ?? WORDS[name.length % WORDS.length] ?? 'alpha';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  while (text.length < min) text += 'x';
  return text.slice(0, max);
}

function numberFor(schema: JsonSchema, integer: boolean): number {
  let value = 1;
  if (typeof schema.minimum === 'number' && value < schema.minimum) value = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) value = schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === 'number' && value > schema.maximum) value = schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) value = schema.exclusiveMaximum - 1;
  return integer ? Math.ceil(value) : value;
}

function objectFor(schema: JsonSchema, root: JsonSchema, depth: number): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const names = depth >= MAX_DEPTH ? required : [...new Set([...Object.keys(properties), ...required])];
  const value: Record<string, unknown> = {};
  for (const name of names) {
    const property = properties[name];
    value[name] = valueFor(isObject(property) ? property : {}, root, name, depth + 1);
  }
  return value;
}

function valueFor(raw: JsonSchema, root: JsonSchema, name: string, depth: number): unknown {
  const schema = resolve(raw, root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const options = schema[key];
    if (Array.isArray(options) && isObject(options[0])) return valueFor({ ...schema, [key]: undefined, ...options[0] }, root, name, depth);
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectFor(schema, root, depth);
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
      const count = Math.min(Math.max(1, min), typeof schema.maxItems === 'number' ? schema.maxItems : 1 + min);
      const items = isObject(schema.items) ? schema.items : {};
      return depth >= MAX_DEPTH && min === 0 ? [] : Array.from({ length: count }, () => valueFor(items, root, name, depth + 1));
    }
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringFor(schema, name);
  }
}

export function jsonFromSchema(schema: JsonSchema): unknown {
  return valueFor(schema, schema, '', 0);
}

/** Another type than the schema allows: what a client's validator must catch. */
function wrongType(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case 'string':
      return 12345;
    case 'object':
    case 'array':
      return 'not an object or an array';
    default:
      return 'not a number, boolean or null';
  }
}

/**
 * Valid except at the first place a client would look: the first property of an object (or the first item of an
 * array, or the root itself) has the wrong type. Returns the value and the JSON Pointer of the violation.
 */
export function jsonViolatingSchema(schema: JsonSchema): { value: unknown; path: string } {
  const root = resolve(schema, schema);
  const value = jsonFromSchema(schema);
  const properties = isObject(root.properties) ? root.properties : {};
  if (isObject(value)) {
    const first = Object.keys(value)[0];
    if (first !== undefined) {
      const property = properties[first];
      return { value: { ...value, [first]: wrongType(resolve(isObject(property) ? property : {}, schema)) }, path: `/${first}` };
    }
  }
  if (Array.isArray(value) && value.length > 0) {
    return { value: [wrongType(resolve(isObject(root.items) ? root.items : {}, schema)), ...value.slice(1)], path: '/0' };
  }
  return { value: wrongType(root), path: '' };
}
