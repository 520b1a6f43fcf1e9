// When buffered stream deltas reach the screen: on shared animation frames in the app, on demand in tests.
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

/**
 * One animation frame for every pane, running at most `perFrame` callbacks per frame, oldest first. A pane
 * asks again after its flush, so with more streaming panes than the budget they take turns (six panes
 * repaint every other frame) and a frame's work stays bounded however many panes stream.
 */
export class SharedFrames implements FrameScheduler {
  readonly #queue = new Set<{ run: () => void }>();
  readonly #raf: Raf;
  readonly #perFrame: number;
  #handle: number | undefined;

  constructor(options: { perFrame?: number; raf?: Raf } = {}) {
    this.#perFrame = Math.max(1, options.perFrame ?? 3);
    this.#raf = options.raf ?? browserRaf;
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
    let budget = this.#perFrame;
    for (const entry of this.#queue) {
      if (budget-- === 0) break;
      this.#queue.delete(entry);
      entry.run();
    }
    if (this.#queue.size > 0) this.#handle ??= this.#raf.request(() => this.#frame());
  }
}

export const animationFrames: FrameScheduler = new SharedFrames();

/** A scheduler that runs callbacks only when told to, for tests. */
export class ManualFrames implements FrameScheduler {
  #queue = new Set<() => void>();

  request(callback: () => void): () => void {
    const entry = () => callback();
    this.#queue.add(entry);
    return () => this.#queue.delete(entry);
  }

  get pending(): number {
    return this.#queue.size;
  }

  flush(): void {
    const due = [...this.#queue];
    this.#queue.clear();
    for (const run of due) run();
  }
}
