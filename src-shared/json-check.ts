// JSON text and JSON Schema checks shared by renderer and main (structured output, function declarations).
// All schema work is @cfworker/json-schema's: the renderer's CSP forbids eval, so ajv cannot compile there.
import { Validator, dereference, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { DRAFT_2020_12_META_SCHEMAS } from './json-schema-draft-2020-12';

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number; offset: number };

export type SchemaCheck = { ok: true } | { ok: false; path: string; message: string };

export type Validity = { valid: true } | { valid: false; path: string; reason: string };

export type AnswerCheck =
  | { kind: 'invalid-json'; message: string; line: number; column: number; offset: number }
  | { kind: 'valid'; value: unknown }
  | { kind: 'violation'; path: string; reason: string; value: unknown };

const ROOT = '(root)';

type Parsed = { ok: true; value: unknown } | { ok: false; offset: number; reason: string };

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, ...locateParseError(text, error instanceof Error ? error.message : String(error)) };
  }
}

export function parseJsonText(text: string): JsonParseResult {
  const parsed = parse(text);
  return parsed.ok ? parsed : { ok: false, ...parseFailure(text, parsed.offset, parsed.reason) };
}

function parseFailure(text: string, offset: number, reason: string) {
  const { line, column } = lineAndColumn(text, offset);
  return { message: `Line ${line}, column ${column}: ${reason}`, line, column, offset };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

// V8 names the failure in one of these forms (Electron's newer V8 adds "(line L column C)"; the line and column
// are recomputed from the offset here, the same numbers):
//   "<reason> in JSON at position N[ (line L column C)]"
//   "Unexpected end of JSON input"
//   "Unexpected token 'x', [...]"<context>"[...] is not valid JSON"   (no position: the context locates it)
//   "\"<text>\" is not valid JSON"                                     (the whole text, e.g. undefined)
function locateParseError(text: string, message: string): { offset: number; reason: string } {
  // Something missing at the end is shown where the writing stops, not after trailing blank lines.
  const end = text.trimEnd().length;
  const positioned = /^([\s\S]*?) in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message);
  if (positioned) return { offset: Math.min(Number(positioned[2]), end), reason: lowerFirst(positioned[1]!) };
  if (message === 'Unexpected end of JSON input') return { offset: end, reason: 'unexpected end of JSON input' };
  const unexpected = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (unexpected) {
    const token = unexpected[1]!;
    const offset = offsetFromContext(text, token, unexpected[3]!, unexpected[2] !== undefined, unexpected[4] !== undefined);
    return { offset, reason: `unexpected token '${token}'` };
  }
  if (/ is not valid JSON$/.test(message)) return { offset: text.length - text.trimStart().length, reason: 'not valid JSON' };
  return { offset: 0, reason: lowerFirst(message) };
}

// V8 quotes up to 10 characters either side of the bad one (kMaxContextCharacters), and the whole text when it is
// shorter than 21 characters.
const CONTEXT = 10;

function offsetFromContext(text: string, token: string, context: string, cutBefore: boolean, cutAfter: boolean): number {
  if (!cutBefore && cutAfter && text.startsWith(context)) return context.length - CONTEXT;
  if (cutBefore && !cutAfter && text.endsWith(context)) return text.length - context.length + CONTEXT;
  const candidates = cutBefore && cutAfter ? occurrences(text, context).map((at) => at + CONTEXT) : occurrences(text, token);
  // The bad character is the last candidate before which the text could still become JSON.
  const viable = candidates.filter((at) => text[at] === token && isViablePrefix(text.slice(0, at)));
  return viable.at(-1) ?? candidates[0] ?? 0;
}

function occurrences(text: string, part: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(part); at !== -1 && part !== ''; at = text.indexOf(part, at + 1)) found.push(at);
  return found;
}

function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    return error instanceof Error && error.message === 'Unexpected end of JSON input';
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// cfworker implements 2019-09's $recursiveRef but not 2020-12's $dynamicRef, which it would skip, leaving every
// nested schema unchecked. In the meta-schema the two say the same thing ("the outermost meta-schema"), so it is
// read in the older spelling.
function asRecursiveRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asRecursiveRefs);
  if (!isPlainObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === '$dynamicRef' && value === '#meta') return ['$recursiveRef', '#'];
      if (key === '$dynamicAnchor' && value === 'meta') return ['$recursiveAnchor', true];
      return [key, asRecursiveRefs(value)];
    }),
  );
}

let metaValidator: Validator | undefined;

function metaSchemaValidator(): Validator {
  if (!metaValidator) {
    const [main, ...vocabularies] = DRAFT_2020_12_META_SCHEMAS.map((schema) => asRecursiveRefs(schema) as Schema);
    metaValidator = new Validator(main!, '2020-12', true);
    for (const vocabulary of vocabularies) metaValidator.addSchema(vocabulary);
  }
  return metaValidator;
}

export function checkSchema(schema: unknown): SchemaCheck {
  if (!isPlainObject(schema)) return { ok: false, path: ROOT, message: 'a schema must be a JSON object, like {"type": "object"}' };
  const result = metaSchemaValidator().validate(schema);
  if (!result.valid) {
    const { path, reason } = firstViolation(result.errors);
    return { ok: false, path, message: reason };
  }
  return checkReferences(schema);
}

// A $ref to nothing passes the meta-schema but would throw at the first validation that reaches it.
function checkReferences(schema: Record<string, unknown>): SchemaCheck {
  let lookup: Record<string, Schema | boolean>;
  try {
    lookup = dereference(copyOf(schema));
  } catch (error) {
    return { ok: false, path: ROOT, message: firstSentence(error) };
  }
  for (const [uri, sub] of Object.entries(lookup)) {
    if (typeof sub === 'object' && sub.__absolute_ref__ !== undefined && lookup[sub.__absolute_ref__] === undefined) {
      const fragment = uri.includes('#') ? uri.slice(uri.indexOf('#') + 1) : '';
      return { ok: false, path: `${decodeFragment(fragment)}/$ref`, message: `nothing in the schema is at "${sub.$ref}"` };
    }
  }
  return { ok: true };
}

export function checkFunctionParameters(schema: unknown): SchemaCheck {
  const check = checkSchema(schema);
  if (!check.ok) return check;
  if ((schema as Record<string, unknown>).type !== 'object') {
    return { ok: false, path: '/type', message: 'function parameters must be "type": "object" (the arguments are named)' };
  }
  return check;
}

// An answer is re-checked as it streams and renders: compile each schema once (so a schema object is not to be changed
// in place after its first use). cfworker annotates the schema objects it is given, so it gets its own copy (the
// caller's may be frozen or a reactive proxy).
const validators = new WeakMap<object, Validator>();

export function validateAgainst(schema: object, value: unknown): Validity {
  let validator = validators.get(schema);
  try {
    if (!validator) {
      validator = new Validator(copyOf(schema) as Schema, '2020-12', true);
      validators.set(schema, validator);
    }
    const result = validator.validate(value);
    return result.valid ? { valid: true } : { valid: false, ...firstViolation(result.errors) };
  } catch (error) {
    return { valid: false, path: ROOT, reason: `the schema cannot be applied: ${firstSentence(error)}` };
  }
}

function copyOf(value: object): Schema {
  return JSON.parse(JSON.stringify(value)) as Schema;
}

// cfworker's messages go on to list every schema URI it knows; the first sentence is the one for people.
function firstSentence(error: unknown): string {
  return lowerFirst((error instanceof Error ? error.message : String(error)).split(/\.(?:\s|$)/)[0]!);
}

// Errors that only say "a subschema failed"; the ones after them say what failed.
const WRAPPERS = new Set([
  '$ref',
  '$recursiveRef',
  'allOf',
  'anyOf',
  'if',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'dependentSchemas',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
]);

function isWrapper(unit: OutputUnit): boolean {
  if (unit.keyword === 'oneOf') return unit.error.includes('(0 matches)');
  if (unit.keyword === 'dependencies') return unit.error.includes('dependant schema');
  return WRAPPERS.has(unit.keyword);
}

function firstViolation(errors: OutputUnit[]): { path: string; reason: string } {
  const at = Math.max(0, errors.findIndex((unit) => !isWrapper(unit)));
  const unit = errors[at];
  if (!unit) return { path: ROOT, reason: 'does not match the schema' };
  return { path: decodeFragment(unit.instanceLocation.replace(/^#/, '')) || ROOT, reason: reasonFor(unit, errors[at - 1]) };
}

// cfworker writes locations as URI fragments: "#/unit%20price/0". The path shown is the plain JSON Pointer.
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function reasonFor(unit: OutputUnit, parent: OutputUnit | undefined): string {
  const message = unit.error;
  const limit = /(\S+)\.$/.exec(message)?.[1] ?? '';
  switch (unit.keyword) {
    case 'type': {
      const found = /^Instance type "(\w+)" is invalid\. Expected "(.*)"\.$/.exec(message);
      if (found) return `expected ${found[2]!.split('", "').join(' or ')}, got ${found[1]}`;
      break;
    }
    case 'required': {
      const found = /required property "([\s\S]*)"\.$/.exec(message);
      if (found) return `missing required property "${found[1]}"`;
      break;
    }
    case 'enum':
      return `not one of the allowed values${listed(message.replace(/^Instance does not match any of /, '').replace(/\.$/, ''))}`;
    case 'const':
      return 'not the required value';
    case 'false':
      if (parent?.keyword === 'additionalProperties' || parent?.keyword === 'unevaluatedProperties') return 'property not allowed';
      if (parent && /items$/i.test(parent.keyword)) return 'item not allowed';
      return 'not allowed by the schema';
    case 'minLength':
    case 'maxLength': {
      const found = /\((\d+) [<>] (\d+)\)/.exec(message);
      if (found) return unit.keyword === 'minLength' ? `too short: ${found[1]} characters, at least ${found[2]}` : `too long: ${found[1]} characters, at most ${found[2]}`;
      break;
    }
    case 'minItems':
    case 'maxItems': {
      const found = /\((\d+) [<>] (\d+)\)/.exec(message);
      if (found) return unit.keyword === 'minItems' ? `too few items: ${found[1]}, at least ${found[2]}` : `too many items: ${found[1]}, at most ${found[2]}`;
      break;
    }
    case 'minProperties':
      return `too few properties: at least ${/\d+/.exec(message)?.[0]}`;
    case 'maxProperties':
      return `too many properties: at most ${/\d+/.exec(message)?.[0]}`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'exclusiveMinimum':
      return `must be greater than ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'multipleOf':
      return `must be a multiple of ${limit}`;
    case 'pattern':
      return 'does not match the required pattern';
    case 'format': {
      const found = /format "(.*)"\.$/.exec(message);
      if (found) return `not a valid ${found[1]}`;
      break;
    }
    case 'not':
      return 'matches a schema it must not match';
    case 'oneOf': {
      const found = /\((\d+) matches\)/.exec(message);
      if (found) return `matches ${found[1]} of the alternatives, exactly one is allowed`;
      break;
    }
  }
  return lowerFirst(message.replace(/^Instance /, '').replace(/\.$/, ''));
}

// A short list of allowed values helps fix a typo ("strng"); a long one would bury the reason.
function listed(json: string): string {
  try {
    const values: unknown = JSON.parse(json);
    if (!Array.isArray(values) || values.length > 10) return '';
    const shown = values.map((value) => JSON.stringify(value)).join(', ');
    return shown.length > 120 ? '' : `: ${shown}`;
  } catch {
    return '';
  }
}

// Models sometimes answer ```json … ``` despite a JSON response type; one surrounding fence is taken off before
// parsing. Error locations still count in the text as received, the one the person sees.
const FENCE = /^(\s*```[^\n`]*\r?\n)([\s\S]*?)\r?\n?[ \t]*```\s*$/;

export function validateAnswerJson(schema: object, text: string): AnswerCheck {
  const fenced = FENCE.exec(text);
  const start = fenced ? fenced[1]!.length : 0;
  const body = fenced ? fenced[2]! : text;
  const parsed = parse(body);
  if (!parsed.ok) return { kind: 'invalid-json', ...parseFailure(text, start + parsed.offset, parsed.reason) };
  const validity = validateAgainst(schema, parsed.value);
  return validity.valid
    ? { kind: 'valid', value: parsed.value }
    : { kind: 'violation', path: validity.path, reason: validity.reason, value: parsed.value };
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? '';
}
