// The results grid's numbers (issue 17): a summary per pane (pass rate with its 95 % Wilson interval, latency,
// tokens, cost), the cases on which panes disagree, and a run's progress. Pure: results in, numbers out.
import { median, wilsonInterval, type Proportion } from '../stats';
import { assertionsFor, cellPasses, lacksValue, unjudgedRubrics, type Verdict } from './assertions';
import { priceOf, requestCost } from './prices';
import type { Assertion, CellResult, TestCase, TestSet } from './test-set';

export interface PaneRef {
  id: string;
  /** The pane's model now: it prices a cell saved without the model it was sent with. */
  model: string;
}

type Scored = Pick<TestSet, 'cases' | 'assertions' | 'results'>;

export interface PaneSummary {
  paneId: string;
  /** Cells with an answer (status done). */
  answered: number;
  /** Cells whose request failed. */
  errors: number;
  /** Verdicts (a hand mark counts, on any cell). */
  passed: number;
  failed: number;
  /** Answered cells without a verdict yet (no assertions, a rubric not judged). */
  unjudged: number;
  /** Of those, the ones a rubric's judge has not given a verdict on (it failed, or is still to be asked): Run missing asks it. */
  awaitingJudge: number;
  /** Of those, the ones whose rubric uses a variable the case has no value for: no judge is asked until one is typed. */
  awaitingValues: number;
  /** passed / (passed + failed) with its 95 % Wilson interval; undefined before any verdict. */
  passRate?: Proportion;
  medianLatencyMs?: number;
  inputTokens: number;
  outputTokens: number;
  /** The rubrics' judge calls, apart from the answers' tokens above (their cost is in costUsd). */
  judgeTokens: number;
  /** USD at the model's (and the judges' models') standard price; undefined when a price is not known (see costUnknown). */
  costUsd?: number;
  /** Why there is no cost: no price for the model, or cells ran on a tier whose price the table does not hold. */
  costUnknown?: 'model' | 'service-tier';
}

/** Each case's assertions (the set's, then its own), looked up once per summary rather than per cell. */
function assertionsByCase(set: Pick<TestSet, 'cases' | 'assertions'>): Map<string, Assertion[]> {
  return new Map(set.cases.map((c: TestCase) => [c.id, assertionsFor(set.assertions, c)]));
}

export function summarizePanes(set: Scored, panes: readonly PaneRef[]): PaneSummary[] {
  const byCase = assertionsByCase(set);
  const cellsOf = new Map<string, CellResult[]>(panes.map((p) => [p.id, []]));
  for (const cell of set.results) if (byCase.has(cell.caseId)) cellsOf.get(cell.paneId)?.push(cell);
  const casesById = new Map(set.cases.map((c) => [c.id, c]));
  return panes.map((pane) => summarizePane(pane, cellsOf.get(pane.id)!, byCase, casesById));
}

function summarizePane(pane: PaneRef, cells: readonly CellResult[], byCase: ReadonlyMap<string, Assertion[]>, casesById: ReadonlyMap<string, TestCase>): PaneSummary {
  const summary: PaneSummary = { paneId: pane.id, answered: 0, errors: 0, passed: 0, failed: 0, unjudged: 0, awaitingJudge: 0, awaitingValues: 0, inputTokens: 0, outputTokens: 0, judgeTokens: 0 };
  const latencies: number[] = [];
  // A pane with no cells yet still says whether its model has a price.
  let unpriced = cells.length === 0 && !priceOf(pane.model);
  let cost = 0;
  let otherTier = false;
  for (const cell of cells) {
    if (cell.status === 'done') summary.answered++;
    if (cell.status === 'failed') summary.errors++;
    const verdict = cellPasses(cell, byCase.get(cell.caseId) ?? []);
    if (verdict === 'pass') summary.passed++;
    else if (verdict === 'fail') summary.failed++;
    else if (cell.status === 'done') {
      summary.unjudged++;
      const testCase = casesById.get(cell.caseId);
      const assertions = byCase.get(cell.caseId) ?? [];
      const waiting = testCase ? unjudgedRubrics(cell, assertions) : [];
      if (waiting.some((a) => !lacksValue(a, testCase!.values))) summary.awaitingJudge++;
      else if (waiting.length > 0) summary.awaitingValues++;
    }
    if (cell.status === 'done' && cell.latencyMs !== undefined) latencies.push(cell.latencyMs);
    summary.inputTokens += cell.inputTokens ?? 0;
    summary.outputTokens += cell.outputTokens ?? 0;
    if (cell.serviceTier !== undefined && cell.serviceTier !== 'standard') otherTier = true;
    const price = priceOf(cell.model ?? pane.model);
    if (price) cost += requestCost(price, cell.inputTokens ?? 0, cell.outputTokens ?? 0);
    else unpriced = true;
    for (const call of cell.judgeUsage ?? []) {
      summary.judgeTokens += call.inputTokens + call.outputTokens;
      const judgePrice = priceOf(call.model);
      if (judgePrice) cost += requestCost(judgePrice, call.inputTokens, call.outputTokens);
      else unpriced = true;
    }
  }
  const passRate = wilsonInterval(summary.passed, summary.passed + summary.failed);
  if (passRate) summary.passRate = passRate;
  const medianLatency = median(latencies);
  if (medianLatency !== undefined) summary.medianLatencyMs = medianLatency;
  if (unpriced) summary.costUnknown = 'model';
  else if (otherTier) summary.costUnknown = 'service-tier';
  else summary.costUsd = cost;
  return summary;
}

/** Each case's verdict per pane, for sorting and filtering the grid. Missing cells are absent. */
export function verdicts(set: Scored, paneIds: readonly string[]): Map<string, Map<string, Verdict>> {
  const byCase = assertionsByCase(set);
  const wanted = new Set(paneIds);
  const grid = new Map<string, Map<string, Verdict>>();
  for (const cell of set.results) {
    const assertions = byCase.get(cell.caseId);
    if (!assertions || !wanted.has(cell.paneId)) continue;
    let row = grid.get(cell.caseId);
    if (!row) grid.set(cell.caseId, (row = new Map()));
    row.set(cell.paneId, cellPasses(cell, assertions));
  }
  return grid;
}

/** Cases some of the given panes pass and others fail (an unknown verdict takes no side). */
export function disagreements(set: Scored, paneIds: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const [caseId, row] of verdicts(set, paneIds)) {
    const sides = new Set(row.values());
    if (sides.has('pass') && sides.has('fail')) found.add(caseId);
  }
  return found;
}

// ── a run's progress ─────────────────────────────────────────────────────────

export interface PlannedCell {
  caseId: string;
  paneId: string;
}

export interface RunProgress {
  total: number;
  done: number;
  failed: number;
  remaining: number;
  elapsedMs: number;
  /** The answers' tokens, then the rubrics' judge calls' (which tokens so far include). */
  inputTokens: number;
  outputTokens: number;
  judgeTokens: number;
  /** The median latency so far × the rounds of `concurrency` requests left; undefined before the first answer. */
  remainingMs?: number;
  /** The mean tokens of a finished cell (its judges' included) × the cells left; undefined before the first one. */
  remainingTokens?: number;
}

/**
 * How far a run is: its planned cells whose result came in since it started (`at` ≥ startedAt, so a re-run cell
 * counts only once replaced). Times are epoch milliseconds.
 */
export function runProgress(
  plan: readonly PlannedCell[],
  results: readonly CellResult[],
  startedAt: number,
  now: number,
  concurrency: number,
): RunProgress {
  const planned = new Set(plan.map((p) => cellKey(p.caseId, p.paneId)));
  const progress: RunProgress = { total: planned.size, done: 0, failed: 0, remaining: 0, elapsedMs: Math.max(0, now - startedAt), inputTokens: 0, outputTokens: 0, judgeTokens: 0 };
  const latencies: number[] = [];
  for (const cell of results) {
    if (cell.status === 'stopped' || !planned.has(cellKey(cell.caseId, cell.paneId)) || Date.parse(cell.at) < startedAt) continue;
    if (cell.status === 'done') progress.done++;
    else progress.failed++;
    progress.inputTokens += cell.inputTokens ?? 0;
    progress.outputTokens += cell.outputTokens ?? 0;
    for (const call of cell.judgeUsage ?? []) progress.judgeTokens += call.inputTokens + call.outputTokens;
    if (cell.latencyMs !== undefined) latencies.push(cell.latencyMs);
  }
  progress.remaining = Math.max(0, progress.total - progress.done - progress.failed);
  const finished = progress.done + progress.failed;
  if (finished > 0) {
    const tokens = progress.inputTokens + progress.outputTokens + progress.judgeTokens;
    progress.remainingTokens = Math.round((tokens / finished) * progress.remaining);
  }
  const typical = median(latencies);
  if (typical !== undefined) progress.remainingMs = typical * Math.ceil(progress.remaining / Math.max(1, concurrency));
  return progress;
}

/** One key per case × pane (ids never hold a NUL). */
export function cellKey(caseId: string, paneId: string): string {
  return `${caseId}\u0000${paneId}`;
}
