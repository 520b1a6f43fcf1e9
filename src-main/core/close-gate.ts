// Before the window closes or the app quits, the page is asked to write what it has not saved yet: the open
// session saves half a second after the last edit, and a person who edits and quits within that half second
// (or after a save that failed) would otherwise lose the edit. The page answers through `closeReady`; a page
// that does not answer in time (hung, or gone) does not keep the app from closing.
import { realTimers, type Timers } from '../../src-shared/timers';
import type { Dialogs, EmitEvent } from './ports';

export interface CloseAnswer {
  /** The open session as it is now is on disk. */
  saved: boolean;
  /** Why not, in the app's words (the save's error). */
  problem?: string;
}

/** How long the page may take to write the session before the window closes anyway. */
export const CLOSE_ANSWER_MS = 5_000;

export class CloseGate {
  readonly #emit: EmitEvent;
  readonly #timers: Timers;
  readonly #waitMs: number;
  #waiting: { resolve: (answer: CloseAnswer | 'unanswered') => void; timer: unknown } | undefined;
  #asked: Promise<CloseAnswer | 'unanswered'> | undefined;

  constructor(emit: EmitEvent, options: { timers?: Timers; waitMs?: number } = {}) {
    this.#emit = emit;
    this.#timers = options.timers ?? realTimers;
    this.#waitMs = options.waitMs ?? CLOSE_ANSWER_MS;
  }

  /** Asks the page to save; one question at a time (a close and a quit at once share it). */
  ask(): Promise<CloseAnswer | 'unanswered'> {
    this.#asked ??= new Promise<CloseAnswer | 'unanswered'>((resolve) => {
      const timer = this.#timers.set(() => this.#settle('unanswered'), this.#waitMs);
      this.#waiting = { resolve, timer };
      try {
        this.#emit('closing', {});
      } catch {
        // No window to ask: nothing of the page's can be saved.
        this.#settle('unanswered');
      }
    }).finally(() => (this.#asked = undefined));
    return this.#asked;
  }

  /** The page's answer (the `closeReady` method); an answer nobody asked for is ignored. */
  answer(answer: CloseAnswer): void {
    this.#settle({ saved: answer.saved === true, ...(answer.problem ? { problem: answer.problem } : {}) });
  }

  #settle(answer: CloseAnswer | 'unanswered'): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    this.#waiting = undefined;
    this.#timers.clear(waiting.timer);
    waiting.resolve(answer);
  }
}

/**
 * Asks the page to save; when it could not, asks the person whether to close anyway (true: close). A page that
 * did not answer is closed: it cannot be waited for, and an answer that was streaming is in main's journal.
 */
export async function mayClose(gate: CloseGate, dialogs: Pick<Dialogs, 'confirm'>): Promise<boolean> {
  const answer = await gate.ask();
  if (answer === 'unanswered' || answer.saved) return true;
  return dialogs.confirm({
    title: 'Close without the latest changes?',
    message: 'The latest changes to the open session could not be saved.',
    detail: `${answer.problem ?? 'The save failed.'}\n\nCancel keeps the window open, so you can try again or copy what you need.`,
    confirmLabel: 'Close without them',
  });
}
