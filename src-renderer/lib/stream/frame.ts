// When buffered stream deltas reach the screen: on shared animation frames in the app, on demand in tests.
import { flushSync } from 'svelte';

export interface FrameScheduler {
  /** Runs `callback` before a coming paint; returns a function that cancels it. */
  request(callback: () => void): () => void;
}

interface Raf {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const browserRaf: Raf = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface SharedFramesOptions {
  /** Most callbacks per frame. */
  perFrame?: number;
  /**
   * Milliseconds of work after which a frame runs no further callback (the first always runs). Counts the
   * DOM update each one causes when `settle` applies it at once.
   */
  budgetMs?: number;
  /** Applies the state changes a callback made (Svelte's flushSync), so the budget sees their cost. */
  settle?: () => void;
  raf?: Raf;
  now?: () => number;
}

/**
 * One animation frame for every pane, running at most `perFrame` callbacks per frame, oldest first, and
 * none after `budgetMs` of work. A pane asks again after its flush, so with more streaming panes than a
 * frame takes they take turns; a pane that waits more than one frame brings more text at once, which costs
 * less per character (the open tail is rendered once, not per frame). A frame's work stays bounded however
 * many panes stream and however slow the machine is.
 */
export class SharedFrames implements FrameScheduler {
  readonly #queue = new Set<{ run: () => void }>();
  readonly #raf: Raf;
  readonly #perFrame: number;
  readonly #budgetMs: number;
  readonly #settle: () => void;
  readonly #now: () => number;
  #handle: number | undefined;

  constructor(options: SharedFramesOptions = {}) {
    this.#perFrame = Math.max(1, options.perFrame ?? 3);
    this.#budgetMs = options.budgetMs ?? Infinity;
    this.#settle = options.settle ?? (() => {});
    this.#raf = options.raf ?? browserRaf;
    this.#now = options.now ?? (() => performance.now());
  }

  request(callback: () => void): () => void {
    const entry = { run: callback };
    this.#queue.add(entry);
    this.#handle ??= this.#raf.request(() => this.#frame());
    return () => {
      this.#queue.delete(entry);
      if (this.#queue.size === 0 && this.#handle !== undefined) {
        this.#raf.cancel(this.#handle);
        this.#handle = undefined;
      }
    };
  }

  #frame(): void {
    this.#handle = undefined;
    const start = this.#now();
    let ran = 0;
    for (const entry of this.#queue) {
      if (ran === this.#perFrame || (ran > 0 && this.#now() - start >= this.#budgetMs)) break;
      this.#queue.delete(entry);
      entry.run();
      this.#settle();
      ran++;
    }
    if (this.#queue.size > 0) this.#handle ??= this.#raf.request(() => this.#frame());
  }
}

/**
 * A second pane only when the first took under 5 ms, and never a third: style, layout and paint of what the
 * flushes changed grow with the panes a frame touches (four streaming panes then update at ~30 Hz each).
 * Measured with bench/long-answer.ts: a pane's markdown and DOM update takes 1–4 ms on a slow machine, its
 * layout and paint as much again; 5 and 8 ms budgets measured alike there.
 */
export const animationFrames: FrameScheduler = new SharedFrames({ perFrame: 2, budgetMs: 5, settle: flushSync });
