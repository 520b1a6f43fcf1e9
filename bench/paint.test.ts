// Smoke variant of the latency-to-paint benchmark: every turn's first delta is seen painted; timings are not asserted.
import { expect, it } from 'vitest';
import { benchPaint } from './paint';

it('sees the first delta of each turn reach the screen', async () => {
  const r = await benchPaint(2);
  expect(r.turns).toBe(2);
  expect(r.dispatchToPaintP50).toBeGreaterThan(0);
  expect(r.emitToPaintP50).toBeGreaterThanOrEqual(r.dispatchToPaintP50 - r.clockRttMs);
  expect(Number.isFinite(r.transportP50)).toBe(true);
}, 30_000);
