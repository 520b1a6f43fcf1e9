// Smoke variant of the grounded long-answer benchmark: a short answer with a few citations into a pane with the
// three server tools; checks the pane really showed the steps, markers and sources and that the figures exist,
// never how fast they are.
import { expect, it } from 'vitest';
import { benchToolsAnswer } from './tools-answer';

it('streams tool steps and a cited answer into one pane and measures it until the citations are drawn', async () => {
  const r = await benchToolsAnswer({ chars: 3000, citations: 12, chunk: 50, delayMs: 2, runs: 1 });
  expect(r.shown).toEqual([{ toolSteps: 3, markers: 12, sources: 12 }]);
  expect(r.answerChars).toBeGreaterThanOrEqual(3000);
  for (const s of [r.grounded, r.plain]) {
    expect(s.runs).toBe(1);
    expect(s.start.frames + s.end.frames).toBeGreaterThan(0);
    for (const figure of [s.streamMs, s.ratio, s.afterDeliveryMs, s.longTaskMaxMs, s.start.busyPerFrameMs, s.end.busyPerFrameMs]) {
      expect(Number.isFinite(figure)).toBe(true);
    }
    expect(s.afterDeliveryMs).toBeGreaterThanOrEqual(0);
  }
  expect(r.naiveFedShare).toBeGreaterThan(0);
  for (const t of [r.traced.grounded, r.traced.plain]) {
    expect(t.longestWallMs).toBeGreaterThan(0);
    expect(t.longestThreadMs).toBeGreaterThan(0);
    expect(t.longestThreadMs).toBeLessThanOrEqual(t.longestWallMs + 1);
    expect(t.over50Thread).toBeLessThanOrEqual(t.over50Wall);
  }
}, 90_000);
