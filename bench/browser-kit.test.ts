// Reading a Chromium trace: the tasks of the page's main thread with their wall and thread time.
import { expect, it } from 'vitest';
import { mainThreadTasks } from './browser-kit';

const thread = (pid: number, tid: number, name: string) => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
const task = (pid: number, tid: number, ts: number, dur: number, tdur?: number) => ({ name: 'RunTask', ph: 'X', pid, tid, ts, dur, ...(tdur === undefined ? {} : { tdur }) });

it('takes the busiest renderer main thread, its tasks in order, in ms from the first', () => {
  const tasks = mainThreadTasks({
    traceEvents: [
      thread(1, 10, 'CrRendererMain'),
      thread(2, 20, 'CrRendererMain'),
      thread(2, 21, 'Compositor'),
      task(1, 10, 5_000, 1_000, 900),
      task(2, 20, 130_000, 80_000, 30_000),
      task(2, 20, 100_000, 4_000),
      task(2, 21, 100_000, 500_000, 500_000),
      { name: 'FunctionCall', ph: 'X', pid: 2, tid: 20, ts: 130_000, dur: 70_000, tdur: 25_000 },
    ],
  });
  expect(tasks).toEqual([
    { atMs: 0, wallMs: 4, threadMs: 4 },
    { atMs: 30, wallMs: 80, threadMs: 30 },
  ]);
  expect(mainThreadTasks({ traceEvents: [] })).toEqual([]);
});
