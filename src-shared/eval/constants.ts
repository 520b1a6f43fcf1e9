// The test set's bounds and vocabularies, without zod (the renderer's first chunk imports these).

import { MAX_PANES } from '../limits';

export const MAX_CASES = 1_000;
/** A test run's results: one cell per case and pane. */
export const MAX_RESULTS = MAX_CASES * MAX_PANES;
export const MAX_VARIABLES = 50;
/** A case's notes, in characters (its values and expected answer hold up to MAX_TEXT). */
export const MAX_NOTES = 10_000;
export const MAX_ASSERTIONS = 20;
/** An assertion's text (what contains looks for, a pattern, a rubric), in characters; its length bounds are up to MAX_TEXT. */
export const MAX_ASSERTION_TEXT = 100_000;
/** `{{name}}`: a letter or _, then letters, digits, _ or - (so it reads as a column name and an env-safe key). */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Why `name` (one VARIABLE_NAME accepts) still cannot be a variable, or undefined when it can: `expected` and `notes`
 * in any case are the cases table's own columns (a file's column of that name is read as one), and `__proto__`,
 * `constructor` and `prototype` are names every JavaScript object already has, which the scripts a suite exports
 * (and the app's own maps of values) would not keep apart from a variable.
 */
export function reservedVariableName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'expected' || lower === 'notes') return `“${name}” is the name of the table’s own ${lower === 'expected' ? 'Expected' : 'Notes'} column`;
  if (name === '__proto__' || name === 'constructor' || name === 'prototype') return `“${name}” is a name JavaScript objects already use`;
  return undefined;
}
/** The service tiers the typings list (ServiceTier in genai.d.ts); a test run may use a cheaper one. */
export const SERVICE_TIERS = ['flex', 'standard', 'priority', 'deferred'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

export const ASSERTION_TYPES = ['contains', 'not-contains', 'regex', 'equals-expected', 'is-json', 'matches-schema', 'length', 'rubric'] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];
