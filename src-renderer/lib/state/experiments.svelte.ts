// Experiments over the session's panes: the sweep that made them, repeat runs (k more answers to each
// pane's last turn, a few at a time, slowing down on 429) and blind ratings. Saved with the session.
import { blindPairs, currentRatings, shufflePairs, winRates, type BlindPair } from '../../../src-shared/blind';
import type { TurnEvent } from '../../../src-shared/domain';
import { DEFAULT_MAX_ATTEMPTS, MAX_WAIT_MS, RunQueue, type Job, type JobOutcome } from '../../../src-shared/run-queue';
import { MAX_ID, MAX_RATINGS, MAX_SAMPLES } from '../../../src-shared/limits';
import type { Experiments, Rating, SweepRecord } from '../../../src-shared/session';
import { usableWait, waitsWithin } from '../../../src-shared/wait';
import { toPlain } from '../api';
import type { PaneState } from './pane.svelte';
import { statusOf, type TurnState, type TurnStatus } from './turn.svelte';

/**
 * What experiments need of the session: its panes and their labels (the workspace) and a way to send samples
 * (the turn runner). Views rather than imports, so the session can own its experiments without the modules
 * importing each other.
 */
export interface ExperimentPanes {
  readonly panes: readonly PaneState[];
  labelOf(paneId: string): string;
  names(panes: readonly PaneState[]): string;
}

export interface SampleRunner {
  prepareSamples(paneId: string, runs: number): { turn: TurnState; samples: TurnState[] } | string;
  runSample(paneId: string, turnId: string, sample: TurnState, onEvent?: (event: TurnEvent) => void): Promise<void>;
}

export const DEFAULT_RUNS = 5;
export const DEFAULT_CONCURRENCY = 3;
export const MAX_RUNS = MAX_SAMPLES;

/** A repeat run in progress, for the status line. */
export class RepeatProgress {
  readonly total: number;
  ended = $state(0);
  failed = $state(0);
  /** Stopped by the person (the run, or a pane's Stop): not a failure, and told apart from one. */
  stopped = $state(0);
  /** Requests at once right now, and when sending resumes after a 429 (epoch ms, 0 = not paused). */
  concurrency = $state(0);
  pausedUntil = $state(0);
  stopping = $state(false);
  readonly queue: RunQueue;

  constructor(total: number, concurrency: number) {
    this.total = total;
    this.queue = new RunQueue({ concurrency, onChange: () => this.sync() });
    this.concurrency = concurrency;
  }

  /** The banner's line: "7 of 10 answered · 1 failed · 2 stopped". */
  get summary(): string {
    const answered = this.ended - this.failed - this.stopped;
    return `${answered} of ${this.total} answered${this.failed > 0 ? ` · ${this.failed} failed` : ''}${this.stopped > 0 ? ` · ${this.stopped} stopped` : ''}`;
  }

  sync(): void {
    this.concurrency = this.queue.concurrency;
    this.pausedUntil = this.queue.pausedUntil;
  }
}

let ratingCounter = 0;

/**
 * A repeat run sends the last turn again: there must be one, it must have ended, and it must not be a hand-written
 * example, whose answer is the person's (Retry refuses examples for the same reason).
 */
function notRepeatable(pane: PaneState): string | undefined {
  const turn = pane.lastTurn;
  if (!turn) return 'no prompt sent yet';
  if (turn.active) return 'still answering';
  if (turn.example) return 'its last turn is an example, never sent';
  return undefined;
}


export class ExperimentsState {
  sweep = $state.raw<SweepRecord | undefined>(undefined);
  /** The last repeat run's settings: the next run starts from them, and export repeats each call as often. */
  repeat = $state.raw<{ runs: number; concurrency: number } | undefined>(undefined);
  ratings = $state.raw<Rating[]>([]);
  running = $state.raw<RepeatProgress | undefined>(undefined);
  /** Why the last repeat run could not start (or only partly). */
  repeatError = $state('');

  readonly #workspace: ExperimentPanes;
  readonly #runner: SampleRunner;

  constructor(workspace: ExperimentPanes, runner: SampleRunner) {
    this.#workspace = workspace;
    this.#runner = runner;
  }

  /** The sweep that made these panes, kept with the session (and in exports). */
  recordSweep(sweep: Omit<SweepRecord, 'paneIds' | 'createdAt'>, paneIds: readonly string[]): void {
    this.sweep = { ...sweep, paneIds: [...paneIds], createdAt: new Date().toISOString() };
  }

  /** Panes whose last turn a repeat run can send again (one that has ended), with their labels. */
  get repeatable(): { id: string; label: string }[] {
    return this.#workspace.panes
      .filter((p) => notRepeatable(p) === undefined)
      .map((p) => ({ id: p.id, label: this.#workspace.labelOf(p.id) }));
  }

  /** Why a pane's last turn cannot be repeated, in a few words for the pane's line in the dialog. */
  notRepeatable(paneId: string): string | undefined {
    const pane = this.#workspace.panes.find((p) => p.id === paneId);
    return pane ? notRepeatable(pane) : 'removed';
  }

  /**
   * Sends each pane's last prompt `runs` more times, at most `concurrency` at once, round-robin over
   * the panes so they progress together. Resolves when every sample has ended or the run was stopped.
   */
  async startRepeat(paneIds: readonly string[], runs: number, concurrency: number): Promise<void> {
    if (this.running) return;
    const prepared: { paneId: string; turn: TurnState; samples: TurnState[] }[] = [];
    const problems: string[] = [];
    for (const paneId of paneIds) {
      const pane = this.#workspace.panes.find((p) => p.id === paneId);
      if (pane?.lastTurn?.example) {
        problems.push(`${this.#workspace.names([pane])} ends with an example, which is never sent: send a prompt after it first.`);
        continue;
      }
      const result = this.#runner.prepareSamples(paneId, runs);
      if (typeof result === 'string') problems.push(result);
      else prepared.push({ paneId, ...result });
    }
    this.repeatError = problems.join(' ');
    if (prepared.length === 0) return;
    this.repeat = { runs, concurrency };
    const progress = new RepeatProgress(runs * prepared.length, concurrency);
    this.running = progress;
    const jobs: Job[] = [];
    for (let run = 0; run < runs; run++) {
      for (const { paneId, turn, samples } of prepared) jobs.push(this.#job(progress, paneId, turn.id, samples[run]!));
    }
    try {
      await progress.queue.run(jobs);
    } finally {
      // Samples never sent (the run was stopped) end as stopped rather than waiting for ever.
      for (const { samples } of prepared) for (const sample of samples) sample.abandon();
      if (this.running === progress) this.running = undefined;
    }
  }

  /** Starts no more samples; the session stops those streaming. */
  stopRepeat(): void {
    const progress = this.running;
    if (!progress) return;
    progress.stopping = true;
    progress.queue.cancel();
  }

  #job(progress: RepeatProgress, paneId: string, turnId: string, sample: TurnState): Job {
    const ended = (status: TurnStatus): JobOutcome => {
      progress.ended++;
      if (status === 'stopped') progress.stopped++;
      else if (status !== 'done') progress.failed++;
      return status === 'done' ? { kind: 'done' } : { kind: 'failed' };
    };
    return async (attempt): Promise<JobOutcome> => {
      // Stopped while queued (Stop on its pane, or the whole run).
      if (sample.status === 'stopped' || progress.queue.cancelled) {
        sample.abandon();
        return ended('stopped');
      }
      const onEvent = (event: TurnEvent) => {
        if (event.type === 'retrying' && event.code === 'RATE_LIMITED') progress.queue.rateLimited(event.delayMs);
      };
      await this.#runner.runSample(paneId, turnId, sample, onEvent);
      // Read anew: the await changed it.
      const status = statusOf(sample);
      if (status !== 'failed' || sample.error?.code !== 'RATE_LIMITED') return ended(status);
      // Judged as the queue judges it, so a sample sent back is one the queue runs again, not one left waiting.
      const retryAfterMs = usableWait(sample.error.retryAfterMs);
      const again = !progress.queue.cancelled && attempt < DEFAULT_MAX_ATTEMPTS && waitsWithin(retryAfterMs, MAX_WAIT_MS);
      if (!again) {
        progress.queue.rateLimited(retryAfterMs);
        return ended(status);
      }
      // Back in the queue, so the pane stays busy and Stop reaches it; the queue runs it again later.
      sample.begin(undefined, sample.config);
      sample.note = 'Rate limited: sent again once the run resumes.';
      return { kind: 'rate-limited', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    };
  }

  // ── blind rating ─────────────────────────────────────────────────────────

  /** Pairs of answers not rated yet, shuffled, each with its sides at random. */
  blindQueue(random: () => number = Math.random): BlindPair[] {
    const panes = this.#workspace.panes.map((p) => ({ id: p.id, label: this.#workspace.labelOf(p.id), turns: p.turns }));
    return shufflePairs(blindPairs(panes, this.ratings), random);
  }

  /** Records the person's pick for a pair as shown (a = left); undefined when the session holds all it can. */
  rate(pair: BlindPair, winner: Rating['winner']): Rating | undefined {
    if (this.ratings.length >= MAX_RATINGS) return undefined;
    const side = ({ paneId, label, turnId, sampleId, answer }: BlindPair['a']): Rating['a'] => ({
      paneId,
      label: label.slice(0, MAX_ID),
      turnId,
      ...(sampleId !== undefined ? { sampleId } : {}),
      answer,
    });
    const rating: Rating = {
      id: `rating-${Date.now().toString(36)}${(++ratingCounter).toString(36)}`,
      at: new Date().toISOString(),
      turn: pair.turn,
      ...(pair.sample !== undefined ? { sample: pair.sample } : {}),
      a: side(pair.a),
      b: side(pair.b),
      winner,
    };
    this.ratings = [...this.ratings, rating];
    return rating;
  }

  /** Takes back one rating (Undo in the rating dialog). */
  removeRating(id: string): void {
    this.ratings = this.ratings.filter((r) => r.id !== id);
  }

  clearRatings(): void {
    this.ratings = [];
  }

  /** The ratings that count: a verdict on an answer since regenerated, edited or replaced by a later repeat run is kept but judges nothing there now. */
  readonly currentRatings = $derived.by(() => currentRatings(this.#workspace.panes, this.ratings));

  readonly winRates = $derived.by(() => {
    const labels = new Map(this.#workspace.panes.map((p) => [p.id, this.#workspace.labelOf(p.id)]));
    return winRates(this.currentRatings, labels);
  });

  // ── the saved-session shape ──────────────────────────────────────────────

  toSaved(): Experiments | undefined {
    const saved: Experiments = {};
    if (this.sweep) saved.sweep = toPlain(this.sweep);
    if (this.repeat) saved.repeat = { ...this.repeat };
    if (this.ratings.length > 0) saved.ratings = toPlain(this.ratings);
    return Object.keys(saved).length > 0 ? saved : undefined;
  }

  load(saved: Experiments | undefined): void {
    this.stopRepeat();
    this.sweep = saved?.sweep;
    this.repeat = saved?.repeat;
    this.ratings = saved?.ratings ?? [];
    this.repeatError = '';
  }
}
