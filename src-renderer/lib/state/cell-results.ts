// One cell of a test run, from what it sends to what it keeps: the request (the case's values in the template and in
// the pane's system instruction), the answer scored by the assertions (a rubric asked of the judge model), and the
// result saved for it.
import type { AppError, PaneConfig, PaneTurnRequest } from '../../../src-shared/domain';
import { parseVerdict, rubricRequest, runChecks, type JudgedCase } from '../../../src-shared/eval/assertions';
import { billedTokens } from '../../../src-shared/eval/prices';
import { checkContext, inOrder } from '../../../src-shared/eval/rescore';
import type { ServiceTier } from '../../../src-shared/eval/constants';
import type { PlannedCell } from '../../../src-shared/eval/summary';
import { fill } from '../../../src-shared/eval/template';
import { lastOutputStart } from '../../../src-shared/structured-answer';
import type { Assertion, CellResult, CheckResult, JudgeUsage, TestCase } from '../../../src-shared/eval/test-set';
import { toAppError } from './errors';
import { newId } from './ids';
import type { Ended } from './cell-requests';

/**
 * What a run sends, as it was when the run started (the prompt template, the planned cases, the panes' settings): a
 * person editing while it goes on changes the next run, never cells of this one.
 */
export interface RunSnapshot {
  template: string;
  cases: ReadonlyMap<string, TestCase>;
  configs: ReadonlyMap<string, PaneConfig>;
}

/** The cell's one request: the case's values in the template and in the pane's system instruction. */
export function cellRequest(
  template: string,
  testCase: TestCase,
  config: PaneConfig,
  paneId: string,
  tier: ServiceTier | undefined,
): { input: string; request: PaneTurnRequest; missing: string[] } {
  const filled: PaneConfig = { ...config };
  const prompt = fill(template, testCase.values);
  const system = config.systemInstruction ? fill(config.systemInstruction, testCase.values) : undefined;
  if (system) filled.systemInstruction = system.text;
  return {
    input: prompt.text,
    request: { requestId: newId('cell'), paneId, config: filled, ...(tier ? { serviceTier: tier } : {}) },
    missing: [...new Set([...prompt.missing, ...(system?.missing ?? [])])],
  };
}

/**
 * A cell not sent because its case has no value for variables its template or system instruction uses: sent
 * blank, they would ask the model a different question than the person wrote.
 */
export function unfilledResult(cell: PlannedCell, missing: readonly string[], tier: ServiceTier | undefined, at: number): CellResult {
  return refusedResult(cell, { code: 'INVALID_REQUEST', message: `No value for ${variableNames(missing)} in this case: not sent.`, retryable: false }, tier, at);
}

function variableNames(missing: readonly string[]): string {
  return missing.map((name) => `{{${name}}}`).join(', ');
}

/** What a finished request keeps: its text, how it ended, its figures, the model and tier it went to (checks come after). */
export function resultOf(cell: PlannedCell, { event, text }: Ended, sent: Pick<PaneTurnRequest, 'config' | 'serviceTier'>, at: number): CellResult {
  const result: CellResult = {
    caseId: cell.caseId,
    paneId: cell.paneId,
    status: event.type === 'done' ? 'done' : event.type === 'error' ? 'failed' : 'stopped',
    text,
    at: new Date(at).toISOString(),
    latencyMs: event.metrics.totalMs,
    ...(sent.serviceTier ? { serviceTier: sent.serviceTier } : {}),
    ...(sent.config.model ? { model: sent.config.model } : {}),
    ...billedTokens(event.metrics.usage),
  };
  const answerFrom = lastOutputStart(text, event.steps);
  if (answerFrom > 0) result.answerFrom = answerFrom;
  if (event.type === 'error') result.error = errorOf(event.error);
  if (event.type === 'done') result.interactionId = event.interactionId;
  return result;
}

/** A request main refused to start. */
export function refusedResult(cell: PlannedCell, error: AppError, tier: ServiceTier | undefined, at: number): CellResult {
  return { caseId: cell.caseId, paneId: cell.paneId, status: 'failed', text: '', error: errorOf(error), at: new Date(at).toISOString(), ...(tier ? { serviceTier: tier } : {}) };
}

function errorOf(error: AppError): { code: string; message: string } {
  return { code: error.code, message: error.message.slice(0, 10_000) };
}

/** Every assertion but rubrics, against the answer; the case's expected answer and the pane's schema as they apply. */
export function checksOf(cell: Pick<CellResult, 'text' | 'answerFrom'>, assertions: readonly Assertion[], testCase: TestCase, config: PaneConfig): CheckResult[] {
  return runChecks(cell.text, assertions, checkContext(testCase, config.responseSchema, cell));
}

export interface JudgeRequests {
  send(input: string, request: PaneTurnRequest): Promise<Ended>;
  /** The run was stopped: no more judges are asked. */
  cancelled(): boolean;
}

export interface JudgeInput extends JudgedCase {
  /** Variables of the prompt the case has no value for (its answer came from a template edited since): no judge is asked. */
  unfilled: readonly string[];
}

/**
 * Each rubric, filled with the case's values, asked of its judge model (the pane's when it names none) in turn, with
 * the prompt as sent and the expected answer beside the answer; a judge that fails or answers something that is not
 * a verdict, or a rubric using a variable the case has no value for, says so in its check, which is then no verdict
 * (not a failed rubric). `stopped` when the run stopped before every verdict was in.
 * `usage`: the tokens of each judge call that reported them (a failed or stopped one may have been billed too).
 */
export async function judge(
  rubrics: readonly Assertion[],
  answer: string,
  judged: JudgeInput,
  paneModel: string,
  paneId: string,
  tier: ServiceTier | undefined,
  requests: JudgeRequests,
): Promise<{ checks: CheckResult[]; stopped: boolean; usage: JudgeUsage[] }> {
  const checks: CheckResult[] = [];
  const usage: JudgeUsage[] = [];
  for (const rubric of rubrics) {
    if (requests.cancelled()) return { checks, stopped: true, usage };
    const request = rubricRequest(rubric.value ?? '', answer, rubric.judgeModel || paneModel, judged);
    const { config, input } = request;
    const missing = [...new Set([...judged.unfilled, ...request.missing])];
    if (missing.length > 0) {
      checks.push({ assertionId: rubric.id, pass: false, noVerdict: true, reason: `No value for ${variableNames(missing)} in this case: the judge was not asked.` });
      continue;
    }
    let end: Ended;
    try {
      end = await requests.send(input, { requestId: newId('judge'), paneId, config, ...(tier ? { serviceTier: tier } : {}) });
    } catch (e) {
      checks.push({ assertionId: rubric.id, pass: false, noVerdict: true, reason: `The judge could not be asked: ${toAppError(e).message}` });
      continue;
    }
    const tokens = billedTokens(end.event.metrics.usage);
    if (tokens.inputTokens !== undefined || tokens.outputTokens !== undefined) {
      usage.push({ model: config.model, inputTokens: tokens.inputTokens ?? 0, outputTokens: tokens.outputTokens ?? 0 });
    }
    if (end.event.type === 'cancelled') return { checks, stopped: true, usage };
    if (end.event.type === 'error') {
      checks.push({ assertionId: rubric.id, pass: false, noVerdict: true, reason: `The judge failed: ${end.event.error.message}` });
      continue;
    }
    const verdict = parseVerdict(end.text);
    checks.push('error' in verdict ? { assertionId: rubric.id, pass: false, noVerdict: true, reason: verdict.error } : { assertionId: rubric.id, pass: verdict.pass, reason: verdict.reason });
  }
  return { checks, stopped: false, usage };
}

/**
 * A finished cell with the verdicts a judge was asked again for (Run missing, for rubrics without one) in place of
 * what it held for those rubrics, and that judge's tokens added to its own; its answer and everything else as it was.
 * The tokens are kept one entry per judge model: a judge asked again on every Run missing would otherwise add an
 * entry each time, past what a saved cell holds.
 */
export function withVerdicts(cell: CellResult, verdicts: readonly CheckResult[], usage: readonly JudgeUsage[], assertions: readonly Assertion[]): CellResult {
  const asked = new Set(verdicts.map((c) => c.assertionId));
  const checks = inOrder([...(cell.checks ?? []).filter((c) => !asked.has(c.assertionId)), ...verdicts], assertions);
  const byModel = new Map<string, JudgeUsage>();
  for (const call of [...(cell.judgeUsage ?? []), ...usage]) {
    const sum = byModel.get(call.model);
    byModel.set(call.model, sum ? { model: call.model, inputTokens: sum.inputTokens + call.inputTokens, outputTokens: sum.outputTokens + call.outputTokens } : { ...call });
  }
  return { ...cell, ...(checks.length > 0 ? { checks } : {}), ...(byModel.size > 0 ? { judgeUsage: [...byModel.values()] } : {}) };
}
