// Folding several runs of a streaming case into one row: medians for the figures, the worst run for long tasks.
import { expect, it } from 'vitest';
import type { StreamFrameStats } from './browser-kit';
import { median, summarizeRuns, taskTimes } from './summary';

const run = (busyStart: number, busyEnd: number, tasks: number[], afterDeliveryMs = 0): StreamFrameStats => ({
  streamMs: 1000 + busyStart,
  start: { frames: 30, busyPerFrameMs: busyStart, gapP50Ms: 16.7, gapP90Ms: busyStart },
  end: { frames: 20, busyPerFrameMs: busyEnd, gapP50Ms: 16.7, gapP90Ms: busyEnd },
  ratio: busyEnd / busyStart,
  longTaskMaxMs: Math.max(0, ...tasks),
  longTasksOver50: tasks.filter((t) => t > 50).length,
  longTasks: tasks.map((ms, i) => ({ atMs: i * 100, ms })),
  afterDeliveryMs,
});

it('takes the middle value, or the mean of the two middle ones', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 10])).toBe(3.5);
  expect(median([])).toBe(0);
});

it('gives each figure its median over the runs, and the worst long task of any run with all of them counted', () => {
  const s = summarizeRuns([run(8, 6, [30], 400), run(10, 30, [70, 55], 900), run(9, 9, [], 500)]);
  expect(s.runs).toBe(3);
  expect(s.start.busyPerFrameMs).toBe(9);
  expect(s.end.busyPerFrameMs).toBe(9);
  expect(s.start.gapP90Ms).toBe(9);
  expect(s.ratio).toBe(1);
  expect(s.streamMs).toBe(1009);
  expect(s.afterDeliveryMs).toBe(500);
  expect(s.longTaskMaxMs).toBe(70);
  expect(s.longTasksOver50).toBe(2);
  expect(s.over50).toEqual([
    { run: 2, atMs: 0, ms: 70 },
    { run: 2, atMs: 100, ms: 55 },
  ]);
  expect(() => summarizeRuns([])).toThrow(/at least one run/);
});

it('counts a traced run\'s long tasks by wall time and, apart, by the thread\'s own time', () => {
  const t = taskTimes([
    { atMs: 0, wallMs: 12, threadMs: 11 },
    { atMs: 20, wallMs: 140, threadMs: 30 },
    { atMs: 200, wallMs: 70, threadMs: 55 },
  ]);
  expect(t).toEqual({ longestWallMs: 140, longestThreadMs: 55, over50Wall: 2, over50Thread: 1 });
  expect(taskTimes([])).toEqual({ longestWallMs: 0, longestThreadMs: 0, over50Wall: 0, over50Thread: 0 });
});
