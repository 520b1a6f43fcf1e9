// Answers a test set scripts exactly (issue 17): markers in the prompt (a case's values, filled into the template)
// fix the answer's whole text, or a judge's verdict, so a test knows every check's result before the run.
//
// Unlike the other markers (markers.ts), these carry text that may itself hold `]` (JSON arrays, a verdict's
// reason): a value runs to the first `]]` after which it reads as what it claims to be.
import type { TextFormat } from './format-validation';
import { isObject, type JsonSchema } from './tool-types';

export interface Verdict {
  pass: boolean;
  reason: string;
}

const OPENER = /\[\[(answer|json)(?:@([^:\]\s]+))?:/g;
const JUDGE = /\[\[judge:(pass|fail)(?::((?:(?!\]\])[\s\S])*))?\]\]/g;

/** Every end the value starting at `start` could have: the offsets of each `]]` after it. */
function* closings(text: string, start: number): Generator<number> {
  for (let at = text.indexOf(']]', start); at !== -1; at = text.indexOf(']]', at + 1)) yield at;
}

function parsesAs<T>(text: string, test: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isAny = (_value: unknown): _value is unknown => true;

/**
 * `[[answer:TEXT]]`: TEXT as written, up to the first `]]`; `[[answer:"…"]]`: a JSON string, for an answer holding
 * `]]`, line breaks or leading spaces; `[[json:VALUE]]`: VALUE, JSON as written (trimmed), which may hold `]]`
 * itself. A `json` value that is not JSON is no marker.
 */
function valueAt(text: string, kind: string, start: number): string | undefined {
  if (kind === 'answer' && text[start] === '"') {
    for (const end of closings(text, start)) {
      const value = parsesAs(text.slice(start, end), isString);
      if (value !== undefined) return value;
    }
  }
  if (kind === 'answer') {
    const end = text.indexOf(']]', start);
    return end === -1 ? undefined : text.slice(start, end);
  }
  for (const end of closings(text, start)) {
    const candidate = text.slice(start, end).trim();
    if (candidate !== '' && parsesAs(candidate, isAny) !== undefined) return candidate;
  }
  return undefined;
}

const modelName = (model: string): string => model.trim().replace(/^models\//, '');

/**
 * The answer the prompt scripts for `model`, if any: the first `[[answer@MODEL:…]]` / `[[json@MODEL:…]]` naming it,
 * else the first marker naming no model. A marker naming another model leaves this one's answer as it was, so the
 * panes of a comparison can answer one case differently.
 */
export function scriptedAnswer(prompt: string, model: string): string | undefined {
  let unscoped: string | undefined;
  const own = modelName(model);
  for (const match of prompt.matchAll(OPENER)) {
    const [opener, kind, scope] = match;
    if (scope !== undefined && modelName(scope) !== own) continue;
    const value = valueAt(prompt, kind!, match.index + opener.length);
    if (value === undefined) continue;
    if (scope !== undefined) return value;
    unscoped ??= value;
  }
  return unscoped;
}

/** A judge's request: its response schema asks for a `pass` and a `reason` (the app's rubric verdict, assertions.ts). */
export function isVerdictSchema(schema: JsonSchema | undefined): boolean {
  const properties = schema?.properties;
  return isObject(properties) && 'pass' in properties && 'reason' in properties;
}

/**
 * `[[judge:pass]]`, `[[judge:fail]]`, each optionally `:REASON`: the last in the judge's input, so one in the graded
 * answer (which comes after the rubric, the prompt and the expected answer) is the one that counts.
 */
export function scriptedVerdict(input: string): Verdict | undefined {
  const last = [...input.matchAll(JUDGE)].at(-1);
  if (!last) return undefined;
  const pass = last[1] === 'pass';
  const reason = last[2]?.trim() || (pass ? 'Scripted pass: the answer meets the rubric.' : 'Scripted fail: the answer does not meet the rubric.');
  return { pass, reason };
}

/**
 * The text a request's markers script, or undefined for the usual answer. A judge's request (a verdict schema)
 * answers only its verdict, as JSON: the graded answer it quotes may hold another pane's `[[answer@…]]`.
 */
export function scriptedText(format: TextFormat, prompt: string, model: string): string | undefined {
  if (format.json && isVerdictSchema(format.schema)) {
    const verdict = scriptedVerdict(prompt);
    return verdict && JSON.stringify(verdict, null, 2);
  }
  return scriptedAnswer(prompt, model);
}
