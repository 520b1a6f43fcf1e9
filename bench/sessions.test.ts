// Smoke variant of the sessions benchmark: asserts it runs and finds what it searches, never timings.
import { expect, it } from 'vitest';
import { benchSessions } from './sessions';

it('measures saves, listing and search on small repositories', async () => {
  const r = await benchSessions({ small: 5, large: 120, runs: 2, runCases: 50 });
  expect(r.large).toBe(120);
  // Sessions 0 and 97 of 120 mention zebras: a search that misses one, or finds more, is wrong.
  expect(r.found).toBe(2);
  // Every one of the 50 × 4 cells is still saved after the saves that changed 24 of them.
  expect(r.run).toMatchObject({ results: 200, changed: 24, savedResults: 200 });
  for (const ms of [r.saveSmallMs, r.saveLargeMs, r.listLargeMs, r.searchLargeMs, r.openLargeMs, r.run.wholeMs, r.run.changeMs, r.run.wholeStallMs, r.run.changeStallMs]) {
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
  }
});
