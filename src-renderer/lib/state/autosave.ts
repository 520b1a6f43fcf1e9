// When the open session is written: debounced while typing, at once when a turn ends, one write at a time.
import { realTimers, type Timers } from '../../../src-shared/timers';

export type AutosaveTimers = Timers;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaverOptions {
  /** Writes the current state; a rejection is reported through onState('error') and retried on the next change. */
  save: () => Promise<void>;
  delayMs?: number;
  timers?: AutosaveTimers;
  onState?: (state: SaveState, error?: unknown) => void;
}

export const AUTOSAVE_DELAY_MS = 500;

/**
 * `schedule()` (an edit) waits for a pause of `delayMs`; `now()` (a turn ended or failed) saves at once.
 * Saves never overlap: a request made while one is running is kept and runs right after it, so the last
 * state always reaches disk and an older write never lands after a newer one.
 */
export class Autosaver {
  readonly #save: () => Promise<void>;
  readonly #delayMs: number;
  readonly #timers: AutosaveTimers;
  readonly #onState: (state: SaveState, error?: unknown) => void;
  #timer: unknown;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(options: AutosaverOptions) {
    this.#save = options.save;
    this.#delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.#timers = options.timers ?? realTimers;
    this.#onState = options.onState ?? (() => {});
  }

  get pending(): boolean {
    return this.#timer !== undefined || this.#running !== undefined;
  }

  schedule(): void {
    this.#cancelTimer();
    this.#onState('pending');
    this.#timer = this.#timers.set(() => {
      this.#timer = undefined;
      void this.now();
    }, this.#delayMs);
  }

  /** Saves now (after the running save, if any); resolves once the state as of this call is written. */
  now(): Promise<void> {
    this.#cancelTimer();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop();
    return this.#running;
  }

  /** Writes whatever is waiting (before switching sessions or closing). */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) await this.now();
    else if (this.#running) await this.#running;
  }

  /** Forgets a waiting save (the session it was for is gone). */
  cancel(): void {
    this.#cancelTimer();
    this.#again = false;
  }

  async #loop(): Promise<void> {
    try {
      do {
        this.#again = false;
        this.#onState('saving');
        try {
          await this.#save();
          if (!this.#again && this.#timer === undefined) this.#onState('saved');
        } catch (error) {
          this.#onState('error', error);
        }
      } while (this.#again);
    } finally {
      this.#running = undefined;
    }
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    this.#timers.clear(this.#timer);
    this.#timer = undefined;
  }
}
