// A test run in progress, for its progress bar and Stop.
import type { ServiceTier } from '../../../src-shared/eval/constants';
import type { PlannedCell } from '../../../src-shared/eval/summary';
import { RunQueue } from '../../../src-shared/run-queue';

/**
 * A run in progress: what it sends, since when, on which tier, and the queue's pace. How far it is comes from the
 * results themselves (summary.ts runProgress), which the cells write as they finish.
 */
export class TestRunProgress {
  readonly plan: readonly PlannedCell[];
  readonly startedAt: number;
  readonly serviceTier: ServiceTier | undefined;
  /** Requests at once right now, and when sending resumes after a 429 (epoch ms, 0 = not paused). */
  concurrency = $state(0);
  pausedUntil = $state(0);
  stopping = $state(false);
  readonly queue: RunQueue;

  constructor(plan: readonly PlannedCell[], concurrency: number, startedAt: number, serviceTier: ServiceTier | undefined) {
    this.plan = plan;
    this.startedAt = startedAt;
    this.serviceTier = serviceTier;
    this.queue = new RunQueue({ concurrency, onChange: () => this.sync() });
    this.concurrency = concurrency;
  }

  sync(): void {
    this.concurrency = this.queue.concurrency;
    this.pausedUntil = this.queue.pausedUntil;
  }
}
