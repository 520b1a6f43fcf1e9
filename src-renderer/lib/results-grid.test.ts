import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../src-shared/eval/test-set';
import { arrangeRows, missingCount, rowMarks, rowOffsets, visibleRange, type RowMarks } from './results-grid';

const rows: RowMarks[] = [
  { failures: 0, disagrees: false },
  { failures: 1, disagrees: true },
  { failures: 1, disagrees: false },
  { failures: 2, disagrees: true },
  { failures: 0, disagrees: false },
  { failures: 3, disagrees: false },
];

describe('arranging the results rows', () => {
  it('keeps every case in case order by default', () => {
    expect(arrangeRows(rows, 'all', 'case')).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('“failed only” keeps the cases some pane failed', () => {
    expect(arrangeRows(rows, 'failed', 'case')).toEqual([1, 2, 3, 5]);
  });

  it('“panes disagree” keeps the cases one pane passed and another failed', () => {
    expect(arrangeRows(rows, 'disagree', 'case')).toEqual([1, 3]);
  });

  it('sorts by failures, most first, case order among equals', () => {
    expect(arrangeRows(rows, 'all', 'failures')).toEqual([5, 3, 1, 2, 0, 4]);
    expect(arrangeRows(rows, 'disagree', 'failures')).toEqual([3, 1]);
  });
});

describe('drawing only the rows in view', () => {
  it('places rows one after another, expanded ones taller', () => {
    expect(rowOffsets(4, 100, 300, (i) => i === 1)).toEqual({ offsets: [0, 100, 400, 500], total: 600 });
  });

  it('finds the rows meeting the viewport, with overscan, at any scroll position', () => {
    const { offsets, total } = rowOffsets(1_000, 100, 300, (i) => i === 5);
    // Rows 0–4 are 0–500, row 5 is 500–800, row 6 800–900…
    expect(visibleRange(offsets, total, 0, 250, 0)).toEqual({ first: 0, last: 3 });
    expect(visibleRange(offsets, total, 550, 300, 0)).toEqual({ first: 5, last: 7 });
    expect(visibleRange(offsets, total, 550, 300, 2)).toEqual({ first: 3, last: 9 });
    // The bottom: never past the last row, however far the scroll.
    expect(visibleRange(offsets, total, total - 200, 600, 3)).toEqual({ first: 995, last: 1_000 });
    expect(visibleRange([], 0, 0, 500, 3)).toEqual({ first: 0, last: 0 });
  });
});

describe('marks from the results', () => {
  const cell = (caseId: string, paneId: string, status: CellResult['status'], pass?: boolean, manual?: 'pass' | 'fail'): CellResult => ({
    caseId,
    paneId,
    status,
    text: '',
    at: '2026-01-01T00:00:00.000Z',
    ...(pass === undefined ? {} : { checks: [{ assertionId: 'a', pass }] }),
    ...(manual ? { manual } : {}),
  });
  const scored = {
    cases: ['c1', 'c2', 'c3', 'c4'].map((id) => ({ id, values: {} })),
    assertions: [{ id: 'a', type: 'contains' as const, value: 'x' }],
    results: [
      cell('c1', 'p1', 'done', true),
      cell('c1', 'p2', 'done', false),
      cell('c2', 'p1', 'failed'),
      cell('c2', 'p2', 'failed', undefined, 'pass'),
      cell('c3', 'p1', 'done', true),
      cell('c3', 'p2', 'stopped'),
    ],
  };

  it('counts a failed check and a failed request as failures (a hand pass excepted), and pass against fail as disagreement', () => {
    expect(rowMarks(scored, ['p1', 'p2'])).toEqual([
      { failures: 1, disagrees: true },
      { failures: 1, disagrees: false },
      { failures: 0, disagrees: false },
      { failures: 0, disagrees: false },
    ]);
    // Only the panes shown count.
    expect(rowMarks(scored, ['p1'])[0]).toEqual({ failures: 0, disagrees: false });
  });

  it('counts as missing every cell of the shown cases and panes without a finished answer, but one a person marked', () => {
    // c2 × p2's request failed, and a person marked it pass: sent again, it would come back without their verdict.
    expect(missingCount(scored, ['p1', 'p2'])).toBe(8 - 4);
    expect(missingCount({ ...scored, cases: scored.cases.slice(0, 1) }, ['p2'])).toBe(0);
  });

  it('counts as missing a finished answer without a verdict on a rubric: its judge failed, or it was never asked', () => {
    const rubric = { id: 'r', type: 'rubric' as const, value: 'Polite?' };
    const judged = (caseId: string, paneId: string, checks: CellResult['checks']): CellResult => ({ ...cell(caseId, paneId, 'done'), checks });
    const withRubric = {
      cases: [{ id: 'c1', values: {} }, { id: 'c2', values: {}, assertions: [rubric] }],
      assertions: [{ id: 'a', type: 'contains' as const, value: 'x' }],
      results: [
        judged('c1', 'p1', [{ assertionId: 'a', pass: true }]),
        // The case's own rubric: once a verdict (even a failing one), once none, once never asked.
        judged('c2', 'p1', [{ assertionId: 'a', pass: true }, { assertionId: 'r', pass: false, reason: 'rude' }]),
        judged('c2', 'p2', [{ assertionId: 'a', pass: true }, { assertionId: 'r', pass: false, noVerdict: true, reason: 'The judge failed: 429' }]),
        judged('c2', 'p3', [{ assertionId: 'a', pass: true }]),
      ],
    };
    // c1 × p2, c1 × p3 have no answer; c2 × p2 and c2 × p3 lack a verdict.
    expect(missingCount(withRubric, ['p1', 'p2', 'p3'])).toBe(4);
  });

  it('does not count a rubric no judge can be asked about yet: its case has no value for the rubric’s variable', () => {
    const rubric = { id: 'r', type: 'rubric' as const, value: 'Greets {{name}}' };
    const noValue = { assertionId: 'r', pass: false, noVerdict: true as const, reason: 'No value for {{name}}' };
    const scored = {
      cases: [
        { id: 'c1', values: {} as Record<string, string> },
        { id: 'c2', values: { name: 'Ada' } },
      ],
      assertions: [rubric],
      results: [{ ...cell('c1', 'p1', 'done'), checks: [noValue] }, { ...cell('c2', 'p1', 'done'), checks: [{ ...noValue, reason: 'The judge failed: 429' }] }],
    };
    // Only c2's judge can be asked again; c1's waits for a value to be typed.
    expect(missingCount(scored, ['p1'])).toBe(1);
  });
});
