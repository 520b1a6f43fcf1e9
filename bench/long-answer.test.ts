// Smoke variant of the long-answer benchmark: a short markdown answer into the app and the naive page, both
// measured by the frame probe; asserts the figures exist and are sane, never how fast they are.
import { expect, it } from 'vitest';
import { benchLongAnswer } from './long-answer';

it('measures frames at the start and end of a streamed answer, ours and the naive reference', async () => {
  const [row] = await benchLongAnswer({ chars: 3000, chunk: 50, delayMs: 2, paneCounts: [2] });
  expect(row).toBeDefined();
  if (!row) return;
  expect(row.answerChars).toBeGreaterThanOrEqual(3000);
  expect(row.deltas).toBeGreaterThan(1);
  for (const s of [row.ours, row.naive]) {
    expect(s.start.frames + s.end.frames).toBeGreaterThan(0);
    expect(s.streamMs).toBeGreaterThan(0);
    expect(s.longTaskMaxMs).toBeGreaterThanOrEqual(0);
  }
}, 40_000);
