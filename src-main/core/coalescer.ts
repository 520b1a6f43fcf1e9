// Merges streamed text deltas into at most one event per window: the first goes out at once (no added
// latency for the first token), later ones are held until the window closes.
import { realTimers, type Timers } from '../../src-shared/timers';

export interface CoalescedDelta {
  text?: string;
  thought?: string;
}

export class DeltaCoalescer {
  private text = '';
  private thought = '';
  private timer: unknown = undefined;

  constructor(
    private readonly send: (delta: CoalescedDelta) => void,
    private readonly windowMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  push(text: string | undefined, thought: string | undefined): void {
    if (text) this.text += text;
    if (thought) this.thought += thought;
    if (this.timer !== undefined) return;
    // Leading edge: nothing was sent during the last window, so send now and open a new one.
    this.flush();
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      if (this.text || this.thought) this.push(undefined, undefined);
    }, this.windowMs);
  }

  /** Sends what is pending now (before a step, done or error event, so order is kept). */
  flush(): void {
    if (!this.text && !this.thought) return;
    const delta: CoalescedDelta = {};
    if (this.text) delta.text = this.text;
    if (this.thought) delta.thought = this.thought;
    this.text = '';
    this.thought = '';
    this.send(delta);
  }

  /** Flushes and stops the timer: after this no callback of this coalescer runs. */
  close(): void {
    this.flush();
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
