// Runs many requests (a repeat run's samples) a few at a time, and backs off when the API says
// "too many requests": fewer at once (halved), a pause for as long as it asked, the job tried again.
// Pure: the clock and the sleeping are injected, so the policy is tested without waiting.
import { usableWait, waitsWithin } from './wait';

export type JobOutcome =
  | { kind: 'done' }
  | { kind: 'failed' }
  /** 429 after main's own retries: the job may run again later. */
  | { kind: 'rate-limited'; retryAfterMs?: number };

/** One unit of work; `attempt` counts from 1. */
export type Job = (attempt: number) => Promise<JobOutcome>;

export interface RunQueueOptions {
  /** Requests at once at the start, and the most it climbs back to. */
  concurrency: number;
  /** Runs of one job before a 429 is its final answer. */
  maxAttempts?: number;
  /** Pause after a 429 that did not say how long to wait; doubles with each 429 in a row. */
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when the requests allowed at once or the pause change, for a status line. */
  onChange?: () => void;
}

export const DEFAULT_BACKOFF_MS = 2_000;
export const DEFAULT_MAX_ATTEMPTS = 3;
/** The longest pause after a 429; a job asked to wait longer (a daily quota) is not run again. */
export const MAX_WAIT_MS = 60_000;
/** Successes in a row that earn one more request at once, up to the starting concurrency. */
const RECOVER_AFTER = 3;

interface Entry {
  job: Job;
  attempt: number;
}

/** Successes count towards climbing back only for jobs started after the last 429. */
interface Started extends Entry {
  epoch: number;
}

export class RunQueue {
  readonly #limit: number;
  readonly #maxAttempts: number;
  readonly #backoffMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #onChange: () => void;
  #concurrency: number;
  #pausedUntil = 0;
  #streak = 0;
  #limitedInARow = 0;
  #epoch = 0;
  #cancelled = false;
  #wake: (() => void) | undefined;

  constructor(options: RunQueueOptions) {
    if (!(Number.isInteger(options.concurrency) && options.concurrency >= 1)) throw new RangeError('concurrency is a whole number ≥ 1');
    this.#limit = options.concurrency;
    this.#concurrency = options.concurrency;
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.#backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#onChange = options.onChange ?? (() => {});
  }

  /** Requests allowed at once right now (lowered by 429s, raised again by successes). */
  get concurrency(): number {
    return this.#concurrency;
  }

  /** When new requests may start again (ms, the injected clock), or 0. */
  get pausedUntil(): number {
    return this.#pausedUntil > this.#now() ? this.#pausedUntil : 0;
  }

  get cancelled(): boolean {
    return this.#cancelled;
  }

  /**
   * The API answered 429 (seen as a final error, or as main retrying): halve the requests at once and
   * start nothing new for `retryAfterMs`, or for a backoff that doubles with each 429 in a row. A wait that
   * is not a usable number (NaN would freeze pausedUntil at NaN) is taken as none given: the backoff.
   */
  rateLimited(retryAfterMs?: number): void {
    this.#concurrency = Math.max(1, Math.floor(this.#concurrency / 2));
    this.#streak = 0;
    this.#epoch++;
    const wait = Math.min(MAX_WAIT_MS, usableWait(retryAfterMs) ?? this.#backoffMs * 2 ** this.#limitedInARow);
    this.#limitedInARow++;
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + wait);
    this.#onChange();
  }

  /** Starts nothing more; jobs already running finish on their own (the caller stops them). */
  cancel(): void {
    this.#cancelled = true;
    this.#wake?.();
  }

  /** Runs every job; resolves once each has ended (or, after cancel, once the running ones have). */
  async run(jobs: readonly Job[]): Promise<void> {
    const pending: Entry[] = jobs.map((job) => ({ job, attempt: 1 }));
    let running = 0;
    while (running > 0 || (pending.length > 0 && !this.#cancelled)) {
      const wait = this.pausedUntil - this.#now();
      if (!this.#cancelled && wait > 0 && running === 0) {
        // cancel() ends the pause too.
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          void this.#sleep(wait).then(resolve);
        });
        this.#wake = undefined;
        continue;
      }
      while (!this.#cancelled && this.pausedUntil === 0 && running < this.#concurrency && pending.length > 0) {
        const entry: Started = { ...pending.shift()!, epoch: this.#epoch };
        running++;
        void this.#start(entry).then((outcome) => {
          running--;
          if (outcome.kind === 'rate-limited') {
            this.rateLimited(outcome.retryAfterMs);
            // Tried again first: it has waited longest; not when asked to wait longer than we ever do.
            const again = entry.attempt < this.#maxAttempts && waitsWithin(usableWait(outcome.retryAfterMs), MAX_WAIT_MS);
            if (again) pending.unshift({ job: entry.job, attempt: entry.attempt + 1 });
          } else if (entry.epoch === this.#epoch) {
            this.#limitedInARow = 0;
            if (++this.#streak >= RECOVER_AFTER && this.#concurrency < this.#limit) {
              this.#concurrency++;
              this.#streak = 0;
              this.#onChange();
            }
          }
          this.#wake?.();
        });
      }
      if (running === 0) continue;
      // Woken by a job ending or by cancel; a pause is handled at the top once nothing runs, or here when
      // something still does, by waking again when it is over.
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        const wait = this.pausedUntil - this.#now();
        if (wait > 0 && pending.length > 0 && !this.#cancelled) void this.#sleep(wait).then(resolve);
      });
      this.#wake = undefined;
    }
  }

  async #start(entry: Entry): Promise<JobOutcome> {
    try {
      return await entry.job(entry.attempt);
    } catch {
      return { kind: 'failed' };
    }
  }
}
