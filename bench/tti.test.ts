// Smoke variant of the time-to-interactive benchmark: both pages show an enabled prompt; timings are not asserted.
import { expect, it } from 'vitest';
import { benchTti } from './tti';

it('times the prompt becoming usable in the app and in a blank Svelte page', async () => {
  const r = await benchTti(1);
  expect(r.floorReadyMs).toBeGreaterThan(0);
  expect(r.oursReadyMs).toBeGreaterThan(0);
  expect(r.oursPaintedMs).toBeGreaterThanOrEqual(r.oursReadyMs);
  expect(r.floorPaintedMs).toBeGreaterThanOrEqual(r.floorReadyMs);
}, 40_000);
