// Undo of deleted cases: the cells set aside are scored again for checks edited while they were out, each found by
// its case once, not by walking the whole list per cell (1,000 cases × 6 panes was six million steps).
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../src-shared/eval/assertions';
import type { Assertion, CellResult, TestCase } from '../../../src-shared/eval/test-set';
import type { Timers } from '../../../src-shared/timers';
import { DeferredScoring } from './test-set-scoring.svelte';

const ANSWER = 'The capital of France is Paris.';
const noTimers: Timers = { set: () => 0, clear: () => {} };

function setOf(caseCount: number, panes: number, assertions: Assertion[]) {
  const cases: TestCase[] = Array.from({ length: caseCount }, (_, i) => ({ id: `c${i}`, values: {} }));
  const results: CellResult[] = cases.flatMap((c) =>
    Array.from({ length: panes }, (_, p) => ({
      caseId: c.id,
      paneId: `p${p}`,
      status: 'done' as const,
      text: ANSWER,
      checks: runChecks(ANSWER, assertions, {}),
      at: '2025-01-01T00:00:00.000Z',
    })),
  );
  return { cases, assertions, results };
}

/** The same list, counting each element read: how many steps finding cases took. */
function counted<T extends object>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

describe('restoring deleted cases’ cells', () => {
  it('scores each cell again against the check as edited while it was out', () => {
    const set = setOf(3, 2, [{ id: 'a1', type: 'contains', value: 'Paris' }]);
    const scoring = new DeferredScoring(set, () => undefined, noTimers);
    scoring.reset();
    const gone = set.cases.slice(0, 2);
    const aside = scoring.setAside(gone);
    set.cases = set.cases.slice(2);
    set.results = set.results.filter((r) => r.caseId === 'c2');

    set.assertions = [{ id: 'a1', type: 'contains', value: 'London' }];
    scoring.later();
    scoring.now();
    set.cases = [...gone, ...set.cases];

    const back = scoring.restore(aside, new Set(gone.map((c) => c.id)));
    expect(back).toHaveLength(4);
    expect(back.every((cell) => cell.checks?.[0]?.pass === false)).toBe(true);
    expect(set.results.every((cell) => cell.checks?.[0]?.pass === false)).toBe(true);
  });

  it('finds each cell’s case in one walk of the list, not one walk per cell', () => {
    const caseCount = 300;
    const set = setOf(caseCount, 6, [{ id: 'a1', type: 'contains', value: 'Paris' }]);
    const scoring = new DeferredScoring(set, () => undefined, noTimers);
    scoring.reset();
    const aside = scoring.setAside(set.cases);
    set.assertions = [{ id: 'a1', type: 'contains', value: 'London' }];
    const { list, reads } = counted(set.cases);
    set.cases = list;

    const back = scoring.restore(aside, new Set(set.cases.map((c) => c.id)));
    expect(back).toHaveLength(caseCount * 6);
    expect(back.every((cell) => cell.checks?.[0]?.pass === false)).toBe(true);
    // The ids above read each case once; restoring may read each once or twice more, never once per cell.
    expect(reads()).toBeLessThanOrEqual(caseCount * 3);
  });
});
