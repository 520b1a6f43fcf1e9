// A session's test set (issue 17): the cases a prompt template runs over, the assertions that score each answer,
// and the results grid (one cell per case × pane). Types and the zod schema of the saved document; the logic is
// in the modules beside this one (template.ts, cases-io.ts, assertions.ts, summary.ts, promptfoo.ts). The renderer
// imports types from here and values from constants.ts, so its first chunk carries no zod.
import { z } from 'zod';
import { MAX_ID, MAX_TEXT } from '../limits';
import { ASSERTION_TYPES, MAX_ASSERTION_TEXT, MAX_ASSERTIONS, MAX_CASES, MAX_NOTES, MAX_RESULTS, MAX_VARIABLES, SERVICE_TIERS, VARIABLE_NAME } from './constants';

export * from './constants';

const id = z.string().min(1).max(MAX_ID);

/**
 * One check of an answer. `value` is the text for contains / not-contains, the pattern for regex (`flags` beside
 * it), the rubric for rubric (judged by `judgeModel`); `min` / `max` are the length bounds in characters.
 * `matches-schema` uses the pane's response schema; `equals-expected` the case's `expected`, both trimmed.
 */
export const assertionSchema = z.strictObject({
  id,
  type: z.enum(ASSERTION_TYPES),
  value: z.string().max(MAX_ASSERTION_TEXT).optional(),
  flags: z.string().regex(/^[dgimsuvy]*$/).max(8).optional(),
  min: z.number().int().nonnegative().max(MAX_TEXT).optional(),
  max: z.number().int().nonnegative().max(MAX_TEXT).optional(),
  judgeModel: z.string().min(1).max(MAX_ID).optional(),
});

export const testCaseSchema = z.strictObject({
  id,
  /** Variable name → its value; a test run does not send a cell whose template uses a variable without one. */
  values: z.record(z.string().regex(VARIABLE_NAME), z.string().max(MAX_TEXT)),
  expected: z.string().max(MAX_TEXT).optional(),
  notes: z.string().max(MAX_NOTES).optional(),
  /** Checks for this case only, after the set's. */
  assertions: z.array(assertionSchema).max(MAX_ASSERTIONS).optional(),
});

/** What one assertion said of one answer. `reason` explains a failure (and a judge's verdict either way). */
export const checkResultSchema = z.strictObject({
  assertionId: id,
  pass: z.boolean(),
  reason: z.string().max(10_000).optional(),
  /**
   * The judge gave no verdict (its request failed, or it answered something that is not one): `reason` says why, and
   * the rubric counts as not judged, not as failed, since nothing was learnt of the answer.
   */
  noVerdict: z.literal(true).optional(),
});

export const cellStatusSchema = z.enum(['done', 'failed', 'stopped']);

/** One case answered by one pane. */
export const cellResultSchema = z.strictObject({
  caseId: id,
  paneId: id,
  status: cellStatusSchema,
  text: z.string().max(MAX_TEXT),
  /**
   * Where the model's last output starts in `text`, when it wrote before calling a tool (a search, code execution):
   * is-json and matches-schema read from there (assertions.ts CheckContext).
   */
  answerFrom: z.number().int().positive().max(MAX_TEXT).optional(),
  error: z.strictObject({ code: z.string().max(50), message: z.string().max(10_000) }).optional(),
  interactionId: z.string().max(500).optional(),
  latencyMs: z.number().nonnegative().optional(),
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  /** The service tier the request asked for, shown with the results. */
  serviceTier: z.enum(SERVICE_TIERS).optional(),
  /**
   * The model the request was sent with: it prices the cell, whatever the pane's model is now. A cell saved before it
   * was kept has none and is priced at the pane's model.
   */
  model: z.string().min(1).max(MAX_ID).optional(),
  checks: z.array(checkResultSchema).max(MAX_ASSERTIONS * 2).optional(),
  /**
   * The tokens of the judge calls that scored this cell's rubrics, one entry per call with the judge's model (which
   * prices them; once Run missing has asked a judge again, one entry per model): counted in a run's tokens and a
   * pane's cost, and shown apart as "judge".
   */
  judgeUsage: z
    .array(z.strictObject({ model: z.string().min(1).max(MAX_ID), inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() }))
    .max(MAX_ASSERTIONS * 2)
    .optional(),
  /** A person's verdict; it overrides the assertions in every pass rate. */
  manual: z.enum(['pass', 'fail']).optional(),
  at: z.iso.datetime(),
});

export const testSetSchema = z.strictObject({
  /** Column order of the table; every name is a `{{variable}}` of the prompt or a system instruction. */
  variables: z.array(z.string().regex(VARIABLE_NAME)).max(MAX_VARIABLES),
  /** The prompt template the cases fill (the composer's text when the set was run). */
  prompt: z.string().max(MAX_TEXT),
  cases: z.array(testCaseSchema).max(MAX_CASES),
  assertions: z.array(assertionSchema).max(MAX_ASSERTIONS),
  /** One per case × pane at most; a re-run replaces its cell. */
  results: z.array(cellResultSchema).max(MAX_RESULTS),
  serviceTier: z.enum(SERVICE_TIERS).optional(),
});

export type Assertion = z.infer<typeof assertionSchema>;
export type TestCase = z.infer<typeof testCaseSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
export type JudgeUsage = NonNullable<CellResult['judgeUsage']>[number];
export type CellStatus = z.infer<typeof cellStatusSchema>;
export type CellResult = z.infer<typeof cellResultSchema>;
export type TestSet = z.infer<typeof testSetSchema>;
