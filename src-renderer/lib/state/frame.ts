// When buffered stream deltas reach the screen: once per animation frame in the app, on demand in tests.
export interface FrameScheduler {
  /** Runs `callback` before the next paint; returns a function that cancels it. */
  request(callback: () => void): () => void;
}

export const animationFrames: FrameScheduler = {
  request(callback) {
    const handle = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(handle);
  },
};

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
