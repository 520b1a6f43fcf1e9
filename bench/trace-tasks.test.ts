// Long tasks of a trace named by what they ran: the largest event directly inside, a script call by its function.
import { expect, it } from 'vitest';
import { longTasksByKind, tasksMostlyIn } from './trace-tasks';

const thread = (tid: number, name: string) => ({ name: 'thread_name', ph: 'M', pid: 1, tid, ts: 0, args: { name } });
const x = (name: string, ts: number, dur: number, tdur = dur, data?: { functionName: string; url: string }) => ({ name, ph: 'X', pid: 1, tid: 10, ts, dur, tdur, ...(data ? { args: { data } } : {}) });

it('groups tasks over 50 ms of wall or thread time by their largest top-level event', () => {
  const { tasks, kinds } = longTasksByKind({
    traceEvents: [
      thread(10, 'CrRendererMain'),
      // Wall 90, thread 60: a frame whose callbacks hold a longer layout nested inside — the frame is what it ran.
      x('RunTask', 0, 90_000, 60_000),
      x('FireAnimationFrame', 1_000, 70_000),
      x('Layout', 2_000, 60_000),
      x('Paint', 75_000, 10_000),
      // Wall 120, thread 20: a timer's script call, named by its function and file.
      x('RunTask', 200_000, 120_000, 20_000),
      x('TimerFire', 201_000, 5_000),
      x('FunctionCall', 207_000, 100_000, 15_000, { functionName: 'flush', url: 'app://x/assets/index-abc.js' }),
      // Short: not listed.
      x('RunTask', 400_000, 30_000),
      x('Layout', 401_000, 29_000),
    ],
  });
  expect(tasks.map((t) => [t.wallMs, t.threadMs])).toEqual([[90, 60], [120, 20], [30, 30]]);
  expect(kinds).toEqual([
    { kind: 'FireAnimationFrame', count: 1, longestWallMs: 90, longestThreadMs: 60 },
    { kind: 'FunctionCall flush (index-abc.js)', count: 1, longestWallMs: 120, longestThreadMs: 20 },
  ]);
});

it('tells the long tasks spent mostly under a function from a sampled profile in the same clock', () => {
  const long = [
    { startUs: 1_000, endUs: 61_000, wallMs: 60, threadMs: 60, kind: 'TimerFire' },
    { startUs: 100_000, endUs: 160_000, wallMs: 60, threadMs: 60, kind: 'FireAnimationFrame' },
  ];
  // root → save → callBinding; root → frame. Samples every 10 ms from 0.
  const profile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)' }, children: [2, 4] },
      { id: 2, callFrame: { functionName: 'save' }, children: [3] },
      { id: 3, callFrame: { functionName: 'callBinding' } },
      { id: 4, callFrame: { functionName: 'frame' } },
    ],
    startTime: 0,
    samples: [2, 3, 3, 3, 2, 2, 1, 1, 1, 1, 4, 4, 4, 3, 4, 4, 4],
    timeDeltas: Array.from({ length: 17 }, () => 10_000),
  };
  expect(tasksMostlyIn(long, profile, 'callBinding').map((t) => t.kind)).toEqual(['TimerFire']);
  expect(tasksMostlyIn(long, profile, 'frame').map((t) => t.kind)).toEqual(['FireAnimationFrame']);
});
