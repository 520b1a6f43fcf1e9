// Running a test set (issue 17): every case × pane is one request with that pane's settings and that case's values,
// a few at a time through the run queue (slower after a 429, Stop). Cells are not conversation turns: their requests
// (cell-requests.ts) go through the one `start` method under ids of their own and nothing reaches a pane's transcript.
// A finished cell is scored (cell-results.ts; a rubric asks the judge model through `start` too) and kept in the test
// set's results, which the session saves; a cell's text while it streams stays in memory only (run-pace.svelte.ts
// says when changes show and are written).
import { assertionsFor, unjudgedRubrics } from '../../../src-shared/eval/assertions';
import { cellKey, type PlannedCell } from '../../../src-shared/eval/summary';
import type { Assertion, CellResult } from '../../../src-shared/eval/test-set';
import { DEFAULT_MAX_ATTEMPTS, MAX_WAIT_MS, type Job, type JobOutcome } from '../../../src-shared/run-queue';
import type { Unsubscribe } from '../../../src-shared/contract';
import type { Api } from '../api';
import { CellRequests, type Ended } from './cell-requests';
import { mergeResults } from '../../../src-shared/eval/results-delta';
import { cellRequest, checksOf, judge, refusedResult, resultOf, unfilledResult, withVerdicts, type RunSnapshot } from './cell-results';
import type { AppError } from '../../../src-shared/domain';
import { inOrder, rescoreSince, scoredAgainst, type ScoredAgainst } from '../../../src-shared/eval/rescore';
import { describeError, toAppError } from './errors';
import { judgedOnly, planCells, whyNotRun } from './run-plan';
import { realTimers } from '../../../src-shared/timers';
import { RunPace } from './run-pace.svelte';
import { snapshotOf } from './run-snapshot.svelte';
import { TestRunProgress } from './test-run-progress.svelte';
import type { CellView, LiveCell, RunPanes, RunScope, RunTestSet, TestRunOptions } from './test-run-types';

export { TestRunProgress };
export type { CellView, LiveCell, RunPanes, RunScope, RunTestSet, TestRunOptions };

const DEFAULT_COMMIT_MS = 1_000;

type Planned = PlannedCell;

export class TestRunState {
  running = $state.raw<TestRunProgress | undefined>(undefined);
  /** Why the last run could not start, or stopped early. */
  error = $state('');

  readonly #panes: RunPanes;
  readonly #set: RunTestSet;
  readonly #concurrency: () => number;
  readonly #onSaved: () => void;
  readonly #onNeedKey: () => void;
  readonly #commitMs: number;
  readonly #now: () => number;
  readonly #requests: CellRequests;
  readonly #pace: RunPace;
  readonly #live = new Map<string, LiveCell>();
  /** Finished cells not yet written into the test set's results (a write is a save: at most every commitMs). */
  readonly #pending = new Map<string, CellResult>();
  /** What each of those was scored against: a check edited before its commit is scored on it then. */
  readonly #scoredAgainst = new Map<string, ScoredAgainst>();
  /** The saved results by cell, rebuilt when the test set's list is replaced. */
  readonly #saved = $derived(new Map(this.#savedResults().map((r) => [cellKey(r.caseId, r.paneId), r])));
  /** Each run's number: a run that was reset (another session opened) writes nothing more. */
  #epoch = 0;

  constructor(api: Pick<Api, 'start' | 'cancelTurn' | 'onTurn'>, panes: RunPanes, set: RunTestSet, options: TestRunOptions) {
    this.#panes = panes;
    this.#set = set;
    this.#concurrency = options.concurrency;
    this.#onSaved = options.onSaved ?? (() => {});
    this.#onNeedKey = options.onNeedKey ?? (() => {});
    this.#commitMs = options.commitMs ?? DEFAULT_COMMIT_MS;
    this.#now = options.now ?? Date.now;
    this.#requests = new CellRequests(api);
    this.#pace = new RunPace(options.scheduler, options.timers ?? realTimers, this.#now, () => this.running !== undefined);
  }

  /** Bumped once per animation frame while cells change (streaming text too). */
  get version(): number {
    return this.#pace.version;
  }

  /** Bumped when finished cells changed; during a run at most every 250 ms. */
  get resultsVersion(): number {
    return this.#pace.resultsVersion;
  }

  /** Reads main's turn events for this run's requests; call the result to stop. */
  connect(): Unsubscribe {
    return this.#requests.connect();
  }

  /** One cell as the grid shows it; reactive through `version` (once a frame), not per delta. */
  cell(caseId: string, paneId: string): CellView {
    void this.#pace.version;
    const key = cellKey(caseId, paneId);
    return { live: this.#live.get(key), result: this.#pending.get(key) ?? this.#saved.get(key) };
  }

  /** Every finished cell: saved ones with those still to be written in their place. */
  get results(): CellResult[] {
    void this.#pace.resultsVersion;
    return this.#pending.size === 0 ? this.#set.results : mergeResults(this.#set.results, this.#pending);
  }

  /** The cells `scope` covers, in case order and pane order within a case. */
  cellsOf(scope: RunScope): Planned[] {
    return planCells(this.#set, this.#panes, scope, (caseId, paneId) => this.cell(caseId, paneId).result);
  }

  /**
   * Runs the cells of `scope` at most `concurrency` at once, case by case so the panes progress together; a cell run
   * again keeps its earlier result until the new one is in. Resolves once every cell has ended or the run was stopped.
   */
  async run(scope: RunScope): Promise<void> {
    if (this.running) return;
    // A value typed in the pause before its edit is scored has cleared no verdict yet: planned now, it would be skipped.
    this.#set.scoring.now();
    const problem = whyNotRun(this.#set, this.#panes, scope);
    const planned = problem ? [] : this.cellsOf(scope);
    if (problem || planned.length === 0) {
      this.error = problem ?? (scope.kind === 'missing' ? 'Every cell has an answer, and a verdict on each rubric: nothing is missing.' : 'There is nothing to run.');
      return;
    }
    this.error = '';
    // The template as run is the set's from now on (the composer may be cleared later).
    this.#set.prompt = this.#set.template;
    const epoch = ++this.#epoch;
    const sent = snapshotOf(this.#set, this.#panes, planned);
    const rejudge = judgedOnly(scope, planned, (caseId, paneId) => this.cell(caseId, paneId).result);
    const progress = new TestRunProgress(planned, Math.max(1, this.#concurrency()), this.#now(), this.#set.serviceTier);
    this.running = progress;
    for (const { caseId, paneId } of planned) this.#live.set(cellKey(caseId, paneId), { phase: 'queued', text: '' });
    this.#pace.touch();
    try {
      await progress.queue.run(planned.map((cell) => this.#job(progress, epoch, sent, cell, rejudge.has(cellKey(cell.caseId, cell.paneId)))));
    } finally {
      if (epoch === this.#epoch) {
        // Cells never sent (the run was stopped) are not worked on any more; their earlier results stand.
        for (const { caseId, paneId } of planned) this.#live.delete(cellKey(caseId, paneId));
        this.running = undefined;
        this.#commit();
        this.#pace.resultsNow();
      }
    }
  }

  /**
   * Starts no more cells and stops those streaming or being judged: each keeps what arrived, as stopped, unless it
   * had an earlier result, which stands.
   */
  async stop(): Promise<void> {
    const progress = this.running;
    if (!progress) return;
    progress.stopping = true;
    progress.queue.cancel();
    try {
      await this.#requests.cancelAll();
    } catch (e) {
      this.error = `Could not stop: ${toAppError(e).message}`;
    }
  }

  /**
   * Another session is open: the run ends here (its requests are cancelled) and writes nothing into the new set.
   * The cells it finished are written first, into the set they belong to.
   */
  reset(): void {
    this.running?.queue.cancel();
    this.#commit();
    this.#epoch++;
    this.#requests.abandonAll();
    this.#live.clear();
    this.#pending.clear();
    this.running = undefined;
    this.error = '';
    this.#pace.resultsNow();
  }

  /** Writes finished cells waiting for the next save into the test set now; true when there were any. */
  flush(): boolean {
    const any = this.#pending.size > 0;
    this.#commit();
    return any;
  }

  /** A person's verdict on a cell (it overrides the assertions in every pass rate), or none again. Saved at once. */
  setManual(caseId: string, paneId: string, verdict: 'pass' | 'fail' | undefined): void {
    const key = cellKey(caseId, paneId);
    const result = this.#pending.get(key) ?? this.#saved.get(key);
    if (!result) return;
    const { manual: _old, ...rest } = result;
    this.#pending.set(key, verdict ? { ...rest, manual: verdict } : rest);
    this.#commit();
    this.#pace.resultsNow();
  }

  #savedResults(): CellResult[] {
    return this.#set.results;
  }

  #job(progress: TestRunProgress, epoch: number, sent: RunSnapshot, planned: Planned, rejudge: boolean): Job {
    const key = cellKey(planned.caseId, planned.paneId);
    const current = () => epoch === this.#epoch;
    const tier = progress.serviceTier;
    const hooks = { onRateLimit: (delayMs: number) => progress.queue.rateLimited(delayMs), stopping: () => progress.stopping };
    return async (attempt): Promise<JobOutcome> => {
      // Sent as the run started; scored by the case's checks and expected answer as they are when the answer is in.
      const testCase = sent.cases.get(planned.caseId);
      const config = sent.configs.get(planned.paneId);
      const scoredBy = () => this.#set.cases.find((c) => c.id === planned.caseId) ?? testCase!;
      // Stopped while queued, or its case or pane is gone.
      if (progress.queue.cancelled || !current() || !testCase || !config || !this.#set.cases.some((c) => c.id === planned.caseId) || !this.#panes.panes.some((p) => p.id === planned.paneId)) {
        if (current()) this.#live.delete(key);
        this.#pace.touch();
        return { kind: 'failed' };
      }
      const { input, request, missing } = cellRequest(sent.template, testCase, config, planned.paneId, tier);
      // Shown the prompt as this run sends it, and the case's expected answer as it is when the answer is in.
      const judgeAll = (rubrics: readonly Assertion[], text: string, live: LiveCell) => {
        live.phase = 'judging';
        this.#live.set(key, live);
        this.#pace.touch();
        // A judge refused for the key stops the run and asks for one, as a refused answer does.
        const send = (input: string, request: Parameters<CellRequests['send']>[1]) =>
          this.#requests.send(input, request, hooks).catch((e: unknown) => {
            this.#stopIfNoKey(toAppError(e));
            throw e;
          });
        const requests = { send, cancelled: () => progress.queue.cancelled };
        return judge(rubrics, text, { values: testCase.values, prompt: input, expected: scoredBy().expected, unfilled: missing }, config.model, planned.paneId, tier, requests);
      };
      // The checks as they are now, and the values the judge fills the rubrics with: a value edited since is rescored.
      const scoredNow = () => scoredAgainst(this.#set.assertions, { ...scoredBy(), values: testCase.values }, config.responseSchema);
      if (rejudge) {
        // Scored first for checks edited in the typing's pause, so the rubrics without a verdict are those of now.
        this.#set.scoring.now();
        const assertions = assertionsFor(this.#set.assertions, scoredBy());
        const earlier = this.#pending.get(key) ?? this.#saved.get(key);
        const rubrics = earlier ? unjudgedRubrics(earlier, assertions, testCase.values) : [];
        if (!earlier || rubrics.length === 0) return this.#leave(key, 'done');
        const against = scoredNow();
        const judged = await judgeAll(rubrics, earlier.text, { phase: 'judging', text: earlier.text });
        if (!current()) return { kind: 'failed' };
        // Into the cell as it is now (a hand mark given meanwhile stays); verdicts in before a Stop are kept too. Dated
        // now, as the run's progress counts the cells written since it started.
        const latest = this.#pending.get(key) ?? this.#saved.get(key);
        if (!latest) return this.#leave(key, 'failed');
        this.#finish(key, { ...withVerdicts(latest, judged.checks, judged.usage, assertions), at: new Date(this.#now()).toISOString() }, against);
        return { kind: judged.stopped ? 'failed' : 'done' };
      }
      if (missing.length > 0) {
        this.#finish(key, unfilledResult(planned, missing, tier, this.#now()));
        return { kind: 'failed' };
      }
      const live: LiveCell = { phase: 'running', text: '' };
      this.#live.set(key, live);
      this.#pace.touch();
      let answer: Ended;
      try {
        const onDelta = (text: string) => {
          live.text += text;
          this.#pace.touch();
        };
        answer = await this.#requests.send(input, request, { ...hooks, onDelta });
      } catch (e) {
        const error = toAppError(e);
        if (!current()) return { kind: 'failed' };
        this.#finish(key, refusedResult(planned, error, tier, this.#now()));
        this.#stopIfNoKey(error);
        return { kind: 'failed' };
      }
      if (!current()) return { kind: 'failed' };
      const { event } = answer;
      if (event.type === 'error' && event.error.code === 'RATE_LIMITED') {
        const retryAfterMs = event.error.retryAfterMs;
        if (!progress.queue.cancelled && attempt < DEFAULT_MAX_ATTEMPTS && (retryAfterMs ?? 0) <= MAX_WAIT_MS) {
          // Back in the queue: sent again once the run resumes.
          this.#live.set(key, { phase: 'queued', text: '' });
          this.#pace.touch();
          return { kind: 'rate-limited', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
        }
        progress.queue.rateLimited(retryAfterMs);
      }
      const cell = resultOf(planned, answer, request, this.#now());
      let against: ScoredAgainst | undefined;
      if (cell.status === 'done') {
        const assertions = assertionsFor(this.#set.assertions, scoredBy());
        against = scoredNow();
        const checks = checksOf(cell, assertions, scoredBy(), config);
        const rubrics = assertions.filter((a) => a.type === 'rubric');
        if (rubrics.length > 0) {
          const judged = await judgeAll(rubrics, cell.text, live);
          if (!current()) return { kind: 'failed' };
          checks.push(...judged.checks);
          if (judged.usage.length > 0) cell.judgeUsage = judged.usage;
          // A judge stopped before its verdict leaves the cell unfinished: Run missing asks again.
          if (judged.stopped) cell.status = 'stopped';
        }
        if (checks.length > 0) cell.checks = inOrder(checks, assertions);
      }
      this.#finish(key, cell, against);
      return cell.status === 'done' ? { kind: 'done' } : { kind: 'failed' };
    };
  }

  /** A request main refused: without a usable key the run stops and the person is asked for one. */
  #stopIfNoKey(error: AppError): void {
    if (error.code !== 'NO_KEY' && error.code !== 'BAD_KEY') return;
    this.error = `${describeError(error).title}: the run stopped.`;
    this.#onNeedKey();
    void this.stop();
  }

  /** A cell left as it was: its live view goes. */
  #leave(key: string, kind: 'done' | 'failed'): JobOutcome {
    this.#live.delete(key);
    this.#pace.touch(true);
    return { kind };
  }

  #finish(key: string, cell: CellResult, against?: ScoredAgainst): void {
    this.#live.delete(key);
    // A re-run stopped before its end keeps the cell's earlier result (its checks, its hand mark), not the part.
    if (cell.status === 'stopped' && (this.#pending.has(key) || this.#saved.has(key))) {
      this.#pace.touch(true);
      return;
    }
    this.#pending.set(key, cell);
    if (against) this.#scoredAgainst.set(key, against);
    else this.#scoredAgainst.delete(key);
    // A commit walks every result held (merging, the grid's summaries, the save's comparison; the save itself sends
    // only the change): a large set is committed less often.
    this.#pace.commitLater(() => this.#commit(), Math.max(this.#commitMs, this.#set.results.length));
    this.#pace.touch(true);
  }

  /** Finished cells into the test set's results (replacing a cell run again), for the session to save. */
  #commit(): void {
    this.#pace.commitDone();
    if (this.#pending.size === 0) return;
    // The cells joining the results were scored against the checks as they are now. Those already in are scored for
    // a check edited since first: left to the pause, it would score these again as if older, dropping judges' verdicts.
    this.#set.scoring.now();
    // A case deleted while its cells ran keeps no cells.
    const cases = new Set(this.#set.cases.map((c) => c.id));
    for (const [key, cell] of this.#pending) {
      const against = this.#scoredAgainst.get(key);
      if (!cases.has(cell.caseId)) this.#pending.delete(key);
      // A check edited since it was scored was scored on the results already in, which this cell was not.
      else if (against) this.#pending.set(key, rescoreSince(cell, against, this.#set));
    }
    this.#scoredAgainst.clear();
    this.#set.results = mergeResults(this.#set.results, this.#pending);
    this.#pending.clear();
    this.#onSaved();
  }
}
