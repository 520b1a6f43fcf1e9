// When a test run's changes show and are saved. Cells redraw once per animation frame however many stream; pass
// rates, filters and progress, which go over every cell, follow finished cells at most every RESULTS_EVERY_MS during
// a run; finished cells are written into the test set (a save of the whole session) at most every commit interval.
import type { FrameScheduler } from '../stream/frame';
import type { Timers } from '../../../src-shared/timers';

export const RESULTS_EVERY_MS = 250;


export class RunPace {
  /** Bumped once per animation frame while cells change (streaming text too): the grid's cells read through it. */
  version = $state(0);
  /** Bumped when finished cells changed, at the pace above: the summary, filters and progress read through it. */
  resultsVersion = $state(0);

  readonly #scheduler: FrameScheduler;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #running: () => boolean;
  #cancelFrame: (() => void) | undefined;
  /** Finished cells changed and the next frame tells; or a timer waits to let it. */
  #resultsDue = false;
  #resultsTimer: unknown;
  #resultsAt = -Infinity;
  #commitTimer: unknown;

  constructor(scheduler: FrameScheduler, timers: Timers, now: () => number, running: () => boolean) {
    this.#scheduler = scheduler;
    this.#timers = timers;
    this.#now = now;
    this.#running = running;
  }

  /** Changes reach the screen on the next frame, all of them at once; `finished` when a cell's result changed. */
  touch(finished = false): void {
    if (finished) this.#finished();
    this.#cancelFrame ??= this.#scheduler.request(() => {
      this.#cancelFrame = undefined;
      this.version++;
      if (!this.#resultsDue) return;
      this.#resultsDue = false;
      this.#resultsAt = this.#now();
      this.resultsVersion++;
    });
  }

  /** The run ended (or a person changed a cell): the next frame tells of every finished cell, whatever the pace. */
  resultsNow(): void {
    if (this.#resultsTimer !== undefined) this.#timers.clear(this.#resultsTimer);
    this.#resultsTimer = undefined;
    this.#resultsDue = true;
    this.touch();
  }

  /** `commit` runs once `ms` have passed since the first call that found none waiting. */
  commitLater(commit: () => void, ms: number): void {
    this.#commitTimer ??= this.#timers.set(() => {
      this.#commitTimer = undefined;
      commit();
    }, ms);
  }

  /** The commit waiting is done now by the caller. */
  commitDone(): void {
    if (this.#commitTimer !== undefined) this.#timers.clear(this.#commitTimer);
    this.#commitTimer = undefined;
  }

  #finished(): void {
    if (this.#resultsDue || this.#resultsTimer !== undefined) return;
    const wait = this.#running() ? this.#resultsAt + RESULTS_EVERY_MS - this.#now() : 0;
    if (wait <= 0) {
      this.#resultsDue = true;
      return;
    }
    this.#resultsTimer = this.#timers.set(() => {
      this.#resultsTimer = undefined;
      this.#resultsDue = true;
      this.touch();
    }, wait);
  }
}
