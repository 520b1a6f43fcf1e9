// The functions editor's list: the form's JSON text ⇄ function cards (name, description, parameters and mock as
// typed text, so a half-typed schema is kept), a first example, and what is wrong with each card.
import { checkFunctionParameters } from '../../../src-shared/json-check';
import { MAX_FUNCTIONS, parseFunction, type FunctionForm } from '../../../src-shared/settings/structured';
import { jsonProblem, type JsonProblem } from './json-problem';

export { MAX_FUNCTIONS, type FunctionForm };

export type FunctionList = { ok: true; forms: FunctionForm[] } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The form's text → cards. Text this editor did not write (an older session's, a hand edit) that is not a list
 * of functions is reported, not replaced: the editor then shows it as it is.
 */
export function readFunctionForms(text: string): FunctionList {
  if (text.trim() === '') return { ok: true, forms: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The functions are not a JSON list' };
  }
  if (!Array.isArray(raw) || !raw.every(isObject)) return { ok: false, error: 'The functions are not a JSON list of functions' };
  return {
    ok: true,
    forms: raw.map((f) => ({
      name: typeof f.name === 'string' ? f.name : '',
      description: typeof f.description === 'string' ? f.description : '',
      parameters: typeof f.parameters === 'string' ? f.parameters : f.parameters === undefined ? '' : JSON.stringify(f.parameters, null, 2),
      mock: typeof f.mock === 'string' ? f.mock : '',
    })),
  };
}

/** Cards → the form's text, as structured.ts formats a saved list; no cards is unset. */
export function writeFunctionForms(forms: readonly FunctionForm[]): string {
  return forms.length === 0 ? '' : JSON.stringify(forms, null, 2);
}

const EXAMPLE: FunctionForm = {
  name: 'get_weather',
  description: 'The current weather in a city',
  parameters: JSON.stringify(
    {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'The city, e.g. Lisbon' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
    null,
    2,
  ),
  mock: JSON.stringify({ temperature: 21, unit: 'celsius', conditions: 'sunny' }, null, 2),
};

/** The card "Add function" adds: a worked example first, to edit; then an empty object schema to fill in. */
export function newFunction(existing: readonly FunctionForm[]): FunctionForm {
  if (existing.length === 0) return { ...EXAMPLE };
  return { name: '', description: '', parameters: '{\n  "type": "object",\n  "properties": {}\n}', mock: '' };
}

export interface FunctionProblems {
  /** The name is missing, malformed or taken by an earlier card (parseFunction's words). */
  name?: string;
  parameters?: JsonProblem;
  mock?: JsonProblem;
}

/** Each card's problems, by field, so each shows next to what it is about. */
export function functionProblems(forms: readonly FunctionForm[]): FunctionProblems[] {
  const names = new Set<string>();
  return forms.map((form, i) => {
    const problems: FunctionProblems = {};
    // The name alone: the JSON fields are located by jsonProblem below.
    const named = parseFunction({ ...form, parameters: '', mock: '' }, i, names);
    if (named.error) problems.name = named.error;
    else names.add(named.value!.name);
    const parameters = jsonProblem(form.parameters, checkFunctionParameters);
    if (parameters) problems.parameters = parameters;
    const mock = jsonProblem(form.mock);
    if (mock) problems.mock = mock;
    return problems;
  });
}

/** The names declared so far (trimmed, non-empty, first of each), for "only these tools". */
export function declaredNames(forms: readonly FunctionForm[]): string[] {
  return [...new Set(forms.map((f) => f.name.trim()).filter((n) => n !== ''))];
}
