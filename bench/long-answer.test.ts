// Smoke variant of the long-answer benchmark: a short markdown answer into the app and the naive page, both
// measured by the frame probe; asserts the figures exist and are sane, never how fast they are.
import { expect, it } from 'vitest';
import { benchLongAnswer } from './long-answer';

it('measures frames at the start and end of a streamed answer, ours and the naive reference', async () => {
  const rows = await benchLongAnswer({ chars: 3000, chunk: 50, delayMs: 2, paneCounts: [2] });
  expect(rows.map((r) => r.panes)).toEqual([2]);
  const row = rows[0]!;
  expect(row.answerChars).toBeGreaterThanOrEqual(3000);
  expect(row.naiveFedShare).toBeGreaterThan(0);
  expect(row.naiveFedShare).toBeLessThanOrEqual(1);
  expect(row.deltas).toBeGreaterThan(1);
  for (const s of [row.ours, row.naive]) {
    expect(s.start.frames + s.end.frames).toBeGreaterThan(0);
    expect(s.streamMs).toBeGreaterThan(0);
    for (const figure of [s.streamMs, s.ratio, s.longTaskMaxMs, s.start.busyPerFrameMs, s.end.busyPerFrameMs]) {
      expect(Number.isFinite(figure)).toBe(true);
    }
    expect(s.longTaskMaxMs).toBeGreaterThanOrEqual(0);
    expect(s.longTasksOver50).toBeLessThanOrEqual(s.longTasks.length);
  }
}, 40_000);
