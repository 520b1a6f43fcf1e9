// Smoke variant of the results-grid benchmark: a few cases × 2 panes through the whole path (import, run, trace,
// profile, heap); asserts the run finished and the figures are sane, never how fast anything was.
import { expect, it } from 'vitest';
import { benchGridRun } from './grid-run';

it('runs every cell, traces the run and weighs the finished cells', async () => {
  const r = await benchGridRun({ cases: 6, panes: 2, concurrency: 4, answerChars: 120, chunk: 40, delayMs: 2 });
  expect(r.cellsDone).toBe(12);
  expect(r.savedPerCellChars).toBeGreaterThan(120);
  expect(r.heapAfterBytes).toBeGreaterThan(0);
  expect(r.saves.count + r.grid.over50Wall).toBeLessThanOrEqual(r.thread.over50Wall + r.thread.over50Thread);
  for (const figure of [r.runMs, r.wall.longestMs, r.thread.longestThreadMs, r.heapPerCellBytes]) expect(Number.isFinite(figure)).toBe(true);
}, 120_000);
