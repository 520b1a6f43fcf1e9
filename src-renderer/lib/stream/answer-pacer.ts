// A turn's answer on its way to the screen: deltas wait in a buffer for a frame, a frame draws at most the scheduler's
// `charsPerFlush` of the answer (all of the thoughts), and an answer's end that comes before its text is drawn waits
// for the frame that draws the last of it, so a finished answer never shows as done with text still to come.
import type { TerminalTurnEvent } from '../../../src-shared/domain';
import type { FrameScheduler } from './frame';

export interface PacedTurn {
  /** Shows more of the answer and of the thoughts (either may be ''). */
  draw(text: string, thought: string): void;
  /** Applies the turn's end, then tells `ended`. */
  end(event: TerminalTurnEvent, ended: (() => void) | undefined): void;
}

export class AnswerPacer {
  readonly #scheduler: FrameScheduler;
  readonly #turn: PacedTurn;
  #text = '';
  #thought = '';
  #cancelFrame: (() => void) | undefined;
  #pendingEnd: { event: TerminalTurnEvent; ended: (() => void) | undefined } | undefined;

  constructor(scheduler: FrameScheduler, turn: PacedTurn) {
    this.#scheduler = scheduler;
    this.#turn = turn;
  }

  /** Main has finished this answer; the screen is still drawing it, and its end waits for that. */
  get ending(): boolean {
    return this.#pendingEnd !== undefined;
  }

  /** A delta: kept for the next frame. */
  add(text: string | undefined, thought: string | undefined): void {
    if (text) this.#text += text;
    if (thought) this.#thought += thought;
    this.#cancelFrame ??= this.#scheduler.request(() => this.flush());
  }

  /**
   * The answer's end: applied at once, or — a `done` with text still undrawn, under frames that draw a bounded share —
   * in the frame that draws the last of it. A stopped or failed request shows all it got at once.
   */
  end(event: TerminalTurnEvent, ended: (() => void) | undefined): void {
    if (event.type === 'done' && this.#text !== '' && this.#scheduler.charsPerFlush !== undefined) {
      this.#pendingEnd = { event, ended };
      return;
    }
    this.#turn.end(event, ended);
  }

  /** The frame's share: at most `charsPerFlush` of the answer, the rest on a later frame (then the end that waited). */
  flush(): void {
    this.#cancelFrame?.();
    this.#cancelFrame = undefined;
    this.#draw(this.#scheduler.charsPerFlush ?? Infinity);
    if (this.#text !== '') this.#cancelFrame = this.#scheduler.request(() => this.flush());
    else if (this.#pendingEnd) this.endNow();
  }

  /** An end that waits for its text is drawn and applied now (Stop while the screen catches up). */
  endNow(): void {
    const pending = this.#pendingEnd;
    if (!pending) return;
    this.#pendingEnd = undefined;
    this.#turn.end(pending.event, pending.ended);
  }

  /** Everything buffered, now: the turn is ending. */
  drawAll(): void {
    this.#cancelFrame?.();
    this.#cancelFrame = undefined;
    this.#draw(Infinity);
  }

  /** Forgets what is buffered and an end that waits: a new attempt, or one that never started. */
  drop(): void {
    this.#pendingEnd = undefined;
    this.#cancelFrame?.();
    this.#cancelFrame = undefined;
    this.#text = '';
    this.#thought = '';
  }

  #draw(most: number): void {
    let text = this.#text;
    if (text.length > most) {
      // Never between the two halves of a surrogate pair: the drawn text would end in half a character.
      const cut = isHighSurrogate(text.charCodeAt(most - 1)) ? most - 1 : most;
      this.#text = text.slice(cut);
      text = text.slice(0, cut);
    } else this.#text = '';
    const thought = this.#thought;
    this.#thought = '';
    if (text !== '' || thought !== '') this.#turn.draw(text, thought);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
