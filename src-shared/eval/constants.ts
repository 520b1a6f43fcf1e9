// The test set's bounds and vocabularies, without zod (the renderer's first chunk imports these).

export const MAX_CASES = 1_000;
export const MAX_VARIABLES = 50;
export const MAX_ASSERTIONS = 20;
/** `{{name}}`: a letter or _, then letters, digits, _ or - (so it reads as a column name and an env-safe key). */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** The service tiers the typings list (ServiceTier in genai.d.ts); a test run may use a cheaper one. */
export const SERVICE_TIERS = ['flex', 'standard', 'priority', 'deferred'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

export const ASSERTION_TYPES = ['contains', 'not-contains', 'regex', 'equals-expected', 'is-json', 'matches-schema', 'length', 'rubric'] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];
