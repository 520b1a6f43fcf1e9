// What is wrong with JSON text as a person types it, and where: the line and column of a syntax error, or the
// path of the first schema problem (src-shared/json-check.ts does the checking).
import { parseJsonText, type SchemaCheck } from '../../../src-shared/json-check';

export type JsonProblem =
  | { kind: 'syntax'; line: number; column: number; offset: number; reason: string }
  | { kind: 'schema'; path: string; reason: string };

/** Blank text is unset, not wrong. `check` looks at the parsed value (a schema, function parameters). */
export function jsonProblem(text: string, check?: (value: unknown) => SchemaCheck): JsonProblem | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // parseJsonText's message leads with the place, which the editor shows as a link of its own.
    const reason = parsed.message.replace(/^Line \d+, column \d+: /, '');
    return { kind: 'syntax', line: parsed.line, column: parsed.column, offset: parsed.offset, reason };
  }
  const checked = check?.(parsed.value);
  return checked && !checked.ok ? { kind: 'schema', path: checked.path, reason: checked.message } : undefined;
}

/** The problem in one line, for a screen reader and a tooltip. */
export function problemText(problem: JsonProblem): string {
  return problem.kind === 'syntax' ? `Line ${problem.line}, column ${problem.column}: ${problem.reason}` : `At ${problem.path}: ${problem.reason}`;
}
