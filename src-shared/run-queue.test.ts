import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF_MS, MAX_WAIT_MS, RunQueue, type Job, type JobOutcome } from './run-queue';

/** A clock that jumps ahead when slept on, so pauses cost no real time but are still measured. */
function virtualClock() {
  const clock = { t: 1_000, slept: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
  };
}

/** A clock that moves only when the test says so; sleepers wake when their time has come. */
function manualClock() {
  const clock = { t: 1_000 };
  let timers: { at: number; wake: () => void }[] = [];
  return {
    clock,
    now: () => clock.t,
    sleep: (ms: number) => new Promise<void>((wake) => timers.push({ at: clock.t + ms, wake })),
    advance: async (ms: number) => {
      clock.t += ms;
      const due = timers.filter((t) => t.at <= clock.t);
      timers = timers.filter((t) => t.at > clock.t);
      for (const t of due) t.wake();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

/** Jobs the test ends by hand, recording how many ran at once and when each started. */
function manualJobs(count: number, now: () => number) {
  let running = 0;
  const seen = { maxRunning: 0, starts: [] as { index: number; attempt: number; at: number }[] };
  const finishers: ((outcome: JobOutcome) => void)[][] = Array.from({ length: count }, () => []);
  const jobs: Job[] = Array.from({ length: count }, (_, index) => (attempt) => {
    running++;
    seen.maxRunning = Math.max(seen.maxRunning, running);
    seen.starts.push({ index, attempt, at: now() });
    return new Promise<JobOutcome>((resolve) =>
      finishers[index]!.push((outcome) => {
        running--;
        resolve(outcome);
      }),
    );
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  /** Ends the running attempt of job `index`. */
  const end = async (index: number, outcome: JobOutcome = { kind: 'done' }) => {
    const finish = finishers[index]!.shift();
    if (!finish) throw new Error(`job ${index} is not running`);
    finish(outcome);
    await settle();
  };
  /** Ends whatever runs, as `done`, until every job has ended. */
  const endAll = async () => {
    while (running > 0) {
      const index = finishers.findIndex((f) => f.length > 0);
      await end(index);
    }
  };
  return { jobs, seen, end, endAll, settle, running: () => running };
}

describe('RunQueue', () => {
  it('runs at most `concurrency` jobs at once, in order, until all have ended', async () => {
    const v = virtualClock();
    const queue = new RunQueue({ concurrency: 2, now: v.now, sleep: v.sleep });
    const m = manualJobs(5, v.now);
    const done = queue.run(m.jobs);
    await m.settle();
    expect(m.seen.starts.map((s) => s.index)).toEqual([0, 1]);
    await m.end(1);
    expect(m.seen.starts.map((s) => s.index)).toEqual([0, 1, 2]);
    for (const i of [0, 2, 3, 4]) await m.end(i);
    await done;
    expect(m.seen.maxRunning).toBe(2);
    expect(m.seen.starts).toHaveLength(5);
  });

  it('after a 429 it halves the requests at once, waits as long as asked, and runs the job again first', async () => {
    const v = manualClock();
    const queue = new RunQueue({ concurrency: 4, now: v.now, sleep: v.sleep });
    const m = manualJobs(6, v.now);
    const done = queue.run(m.jobs);
    await m.settle();
    expect(m.seen.starts.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    const limitedAt = v.clock.t;
    await m.end(0, { kind: 'rate-limited', retryAfterMs: 5_000 });
    expect(queue.concurrency).toBe(2);
    // Three still run: nothing new starts until they are down to the new limit and the pause is over.
    await m.end(1);
    await m.end(2);
    expect(m.seen.starts).toHaveLength(4);
    await m.end(3);
    await v.advance(4_999);
    expect(m.seen.starts).toHaveLength(4);
    await v.advance(1);
    const retried = m.seen.starts[4]!;
    expect(retried).toEqual({ index: 0, attempt: 2, at: limitedAt + 5_000 });
    expect(m.seen.starts[5]!.index).toBe(4);
    expect(m.running()).toBe(2);
    await m.end(0);
    await m.end(4);
    await m.end(5);
    await done;
  });

  it('without Retry-After it backs off 2 s, doubling for each 429 in a row, and gives up after maxAttempts', async () => {
    const v = virtualClock();
    const queue = new RunQueue({ concurrency: 1, maxAttempts: 3, now: v.now, sleep: v.sleep });
    const m = manualJobs(2, v.now);
    const done = queue.run(m.jobs);
    await m.settle();
    await m.end(0, { kind: 'rate-limited' });
    await m.end(0, { kind: 'rate-limited' });
    await m.end(0, { kind: 'rate-limited' });
    expect(v.clock.slept).toEqual([DEFAULT_BACKOFF_MS, DEFAULT_BACKOFF_MS * 2, DEFAULT_BACKOFF_MS * 4]);
    // The third 429 was job 0's last attempt: job 1 runs next.
    expect(m.seen.starts.map((s) => `${s.index}#${s.attempt}`)).toEqual(['0#1', '0#2', '0#3', '1#1']);
    await m.end(1);
    await done;
  });

  it('climbs back one request at a time after successes, never above where it started', async () => {
    const v = virtualClock();
    const queue = new RunQueue({ concurrency: 2, now: v.now, sleep: v.sleep });
    const m = manualJobs(12, v.now);
    const done = queue.run(m.jobs);
    await m.settle();
    await m.end(0, { kind: 'rate-limited', retryAfterMs: 100 });
    await m.end(1);
    expect(queue.concurrency).toBe(1);
    for (let i = 0; i < 3; i++) {
      const next = m.seen.starts.at(-1)!.index;
      await m.end(next);
    }
    expect(queue.concurrency).toBe(2);
    await m.endAll();
    await done;
    expect(queue.concurrency).toBe(2);
    expect(m.seen.maxRunning).toBe(2);
  });

  it('a main-side retry of a 429 (rateLimited from outside) also slows the queue down', async () => {
    const v = virtualClock();
    const queue = new RunQueue({ concurrency: 3, now: v.now, sleep: v.sleep });
    const m = manualJobs(4, v.now);
    const done = queue.run(m.jobs);
    await m.settle();
    queue.rateLimited(1_500);
    expect(queue.concurrency).toBe(1);
    expect(queue.pausedUntil).toBe(v.clock.t + 1_500);
    for (const i of [0, 1, 2]) await m.end(i);
    await m.settle();
    expect(m.seen.starts[3]).toMatchObject({ index: 3, at: 1_000 + 1_500 });
    await m.end(3);
    await done;
  });

  it('cancel starts nothing more and resolves once the running jobs end; a job that throws counts as failed', async () => {
    const v = virtualClock();
    const queue = new RunQueue({ concurrency: 2, now: v.now, sleep: v.sleep });
    const m = manualJobs(5, v.now);
    const throwing: Job = async () => {
      throw new Error('boom');
    };
    const done = queue.run([throwing, ...m.jobs]);
    await m.settle();
    // The throwing job ended at once and was not tried again; jobs 0 and 1 run.
    expect(m.seen.starts.map((s) => s.index)).toEqual([0, 1]);
    queue.cancel();
    await m.end(0);
    await m.end(1);
    await done;
    expect(m.seen.starts).toHaveLength(2);
    expect(queue.cancelled).toBe(true);
  });

  it('cancel during a pause ends the run at once', async () => {
    const v = manualClock();
    const queue = new RunQueue({ concurrency: 1, now: v.now, sleep: v.sleep });
    const m = manualJobs(3, v.now);
    let finished = false;
    const done = queue.run(m.jobs).then(() => (finished = true));
    await m.settle();
    await m.end(0, { kind: 'rate-limited', retryAfterMs: 30_000 });
    expect(finished).toBe(false);
    queue.cancel();
    await done;
    expect(m.seen.starts).toHaveLength(1);
  });

  it('a job asked to wait longer than a minute (a daily quota) is not run again, and the pause is a minute at most', async () => {
    const v = virtualClock();
    const queue = new RunQueue({ concurrency: 1, now: v.now, sleep: v.sleep });
    const m = manualJobs(2, v.now);
    const done = queue.run(m.jobs);
    await m.settle();
    await m.end(0, { kind: 'rate-limited', retryAfterMs: 3_600_000 });
    expect(v.clock.slept).toEqual([MAX_WAIT_MS]);
    expect(m.seen.starts.map((s) => `${s.index}#${s.attempt}`)).toEqual(['0#1', '1#1']);
    await m.end(1);
    await done;
  });

  for (const asked of [Number.NaN, -5_000, Number.POSITIVE_INFINITY]) {
    it(`a wait of ${asked} counts as none given: the doubling backoff, the job run again, and later 429s still pause`, async () => {
      const v = virtualClock();
      const queue = new RunQueue({ concurrency: 1, now: v.now, sleep: v.sleep });
      const m = manualJobs(3, v.now);
      const done = queue.run(m.jobs);
      await m.settle();
      await m.end(0, { kind: 'rate-limited', retryAfterMs: asked });
      expect(v.clock.slept).toEqual([DEFAULT_BACKOFF_MS]);
      expect(m.seen.starts.map((s) => `${s.index}#${s.attempt}`)).toEqual(['0#1', '0#2']);
      // Main retrying a 429 with such a wait: the backoff doubled, as for a second 429 in a row.
      queue.rateLimited(asked);
      expect(queue.pausedUntil).toBe(v.clock.t + DEFAULT_BACKOFF_MS * 2);
      await m.end(0, { kind: 'rate-limited', retryAfterMs: 5_000 });
      expect(v.clock.slept).toEqual([DEFAULT_BACKOFF_MS, 5_000]);
      expect(m.seen.starts.map((s) => `${s.index}#${s.attempt}`)).toEqual(['0#1', '0#2', '0#3']);
      await m.endAll();
      await done;
    });
  }

  it('refuses a concurrency that is not a whole number ≥ 1', () => {
    expect(() => new RunQueue({ concurrency: 0 })).toThrow(RangeError);
    expect(() => new RunQueue({ concurrency: 1.5 })).toThrow(RangeError);
  });
});
