// When buffered stream deltas reach the screen: on shared animation frames in the app, on demand in tests.
import { flushSync } from 'svelte';

export interface FrameScheduler {
  /** Runs `callback` before a coming paint; returns a function that cancels it. */
  request(callback: () => void): () => void;
  /**
   * Most characters of a turn's answer one callback draws; the rest waits for a later frame (none: all of it).
   * Bounds a frame's work when panes receive text faster than frames can draw it, at the price of the screen
   * trailing the stream until it catches up.
   */
  readonly charsPerFlush?: number;
  /** Runs `callback` in a task of its own once the coming frame is rendered. */
  afterFrame(callback: () => void): void;
}

export interface Visibility {
  hidden(): boolean;
  /** Calls `callback` whenever the window is shown or hidden. */
  onChange(callback: () => void): void;
}

const documentVisibility: Visibility | undefined =
  typeof document === 'undefined'
    ? undefined
    : { hidden: () => document.hidden, onChange: (callback) => document.addEventListener('visibilitychange', callback) };

interface Raf {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const browserRaf: Raf = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/**
 * Calls back in the task after the current one: posted from a frame callback, that is once the browser has done
 * the frame's style, layout, paint and commit, which run in the same task right after the frame callbacks.
 */
function afterRendering(): (callback: () => void) => void {
  // Opened on the first frame, not when the module loads: an open port would keep a Node test process alive.
  let channel: MessageChannel | undefined;
  const waiting: (() => void)[] = [];
  return (callback) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(callback);
    channel.port2.postMessage(0);
  };
}

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
  /**
   * Milliseconds a whole frame should take, the browser's rendering of it included. A frame that took longer
   * lowers the next frame's `perFrame` in proportion (never below one), as the rendering of what the callbacks
   * changed (style, layout, paint, compositing) is not seen by `budgetMs`.
   */
  frameMs?: number;
  /** See FrameScheduler.charsPerFlush. */
  charsPerFlush?: number;
  /**
   * Whether the window is hidden, and a way to hear when that changes (default: the document's visibility). A hidden
   * window gets no animation frames: what waits for one then runs at once, and nothing is capped.
   */
  visibility?: Visibility;
  /** Runs a callback once the browser has rendered the current frame (default: a message posted from it). */
  afterRendering?: (callback: () => void) => void;
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
  readonly #charsPerFlush: number | undefined;
  readonly #visibility: Visibility | undefined;
  readonly #queue = new Set<{ run: () => void }>();
  readonly #raf: Raf;
  readonly #perFrame: number;
  readonly #budgetMs: number;
  readonly #settle: () => void;
  readonly #now: () => number;
  readonly #frameMs: number;
  readonly #afterRendering: ((callback: () => void) => void) | undefined;
  #afterFrame: ((callback: () => void) => void) | undefined;
  #handle: number | undefined;
  /** What the last frame that ran callbacks cost, from its first callback to the end of its rendering. */
  #lastFrameMs = 0;

  constructor(options: SharedFramesOptions = {}) {
    this.#perFrame = Math.max(1, options.perFrame ?? 3);
    this.#budgetMs = options.budgetMs ?? Infinity;
    this.#charsPerFlush = options.charsPerFlush;
    this.#visibility = options.visibility ?? documentVisibility;
    this.#visibility?.onChange(() => {
      if (this.#visibility?.hidden()) this.#runAll();
    });
    this.#settle = options.settle ?? (() => {});
    this.#frameMs = options.frameMs ?? Infinity;
    this.#afterRendering = this.#frameMs === Infinity ? undefined : (options.afterRendering ?? afterRendering());
    this.#raf = options.raf ?? browserRaf;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Work that must not add to the coming frame (it has enough to draw) runs after it, in a task of its own; at once
   * while the window is hidden, as no frame would come.
   */
  afterFrame(callback: () => void): void {
    if (this.#visibility?.hidden()) return callback();
    const after = (this.#afterFrame ??= this.#afterRendering ?? afterRendering());
    this.#raf.request(() => after(callback));
  }

  /** Uncapped while the window is hidden: no frame would come to draw the rest, or to end an answer that waits. */
  get charsPerFlush(): number | undefined {
    return this.#visibility?.hidden() ? undefined : this.#charsPerFlush;
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
    const most = this.#mostThisFrame();
    let ran = 0;
    for (const entry of this.#queue) {
      if (ran === most || (ran > 0 && this.#now() - start >= this.#budgetMs)) break;
      this.#queue.delete(entry);
      entry.run();
      this.#settle();
      ran++;
    }
    if (ran > 0) this.#afterRendering?.(() => (this.#lastFrameMs = this.#now() - start));
    if (this.#queue.size > 0) this.#handle ??= this.#raf.request(() => this.#frame());
  }

  /** The window was hidden: what waits for a frame that will not come runs now. */
  #runAll(): void {
    if (this.#handle !== undefined) this.#raf.cancel(this.#handle);
    this.#handle = undefined;
    for (const entry of this.#queue) {
      this.#queue.delete(entry);
      entry.run();
    }
    this.#settle();
  }

  /** Fewer callbacks after a frame that ran long, so one frame's rendering stays bounded too. */
  #mostThisFrame(): number {
    if (this.#lastFrameMs <= this.#frameMs) return this.#perFrame;
    return Math.max(1, Math.floor((this.#perFrame * this.#frameMs) / this.#lastFrameMs));
  }
}

/**
 * A second pane only when the first took under 5 ms, and never a third: style, layout and paint of what the
 * flushes changed grow with the panes a frame touches (four streaming panes then update at ~30 Hz each).
 * Measured with bench/long-answer.ts: a pane's markdown and DOM update takes 1–4 ms on a slow machine, its
 * layout and paint as much again; 5 and 8 ms budgets measured alike there. The 5 ms budget cannot see that
 * rendering, which with six panes made frames of 30–65 ms of thread time (bench/RESULTS.md §3): after a frame
 * over 25 ms (half the 50 ms long-task line, as a pane that waited brings more text) the next flushes one pane.
 * Fewer flushes per frame still let a pane that waited bring all it got at once; at most 1,500 characters of an answer
 * per flush bounds that too. A pane at a fast model's pace (a few thousand characters a second) never reaches it;
 * six panes of the bench's 20,000 a second each do, and on two shared cores their screens end one to three seconds
 * after the stream (bench/RESULTS.md §3, where this traded frames over 50 ms for that lag).
 */
export const animationFrames: FrameScheduler = new SharedFrames({
  perFrame: 2,
  budgetMs: 5,
  frameMs: 25,
  charsPerFlush: 1500,
  settle: flushSync,
});

let rendered: ((callback: () => void) => void) | undefined;

/** Runs `callback` once the coming frame has been rendered: from a message posted by that frame's callback. */
export function afterNextFrame(callback: () => void): void {
  rendered ??= afterRendering();
  const then = rendered;
  requestAnimationFrame(() => then(callback));
}
