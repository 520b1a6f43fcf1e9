// A FrameScheduler that runs callbacks only when told to, so renderer tests decide when a frame happens.
import type { FrameScheduler } from '../../src-renderer/lib/stream/frame';

export class ManualFrames implements FrameScheduler {
  #queue = new Set<() => void>();
  readonly charsPerFlush: number | undefined;

  /** `charsPerFlush`: what the app's frames draw of an answer at most per flush (none: all of it). */
  constructor(options: { charsPerFlush?: number } = {}) {
    this.charsPerFlush = options.charsPerFlush;
  }

  request(callback: () => void): () => void {
    const entry = () => callback();
    this.#queue.add(entry);
    return () => this.#queue.delete(entry);
  }

  /** At once: these tests decide what a frame is, and what runs after one needs no frame of its own. */
  afterFrame(callback: () => void): void {
    callback();
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
