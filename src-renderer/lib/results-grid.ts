// The results grid's rows (issue 17): which cases show, in which order, and where each row sits when only the rows
// in view are drawn. Pure, so 1,000 cases × 6 panes can be checked without a DOM.
import { assertionsFor, isMissing } from '../../src-shared/eval/assertions';
import { cellKey, disagreements, verdicts } from '../../src-shared/eval/summary';
import type { TestSet } from '../../src-shared/eval/test-set';

export type RowFilter = 'all' | 'failed' | 'disagree';
export type RowSort = 'case' | 'failures';

/** What filtering and sorting need of a case's row. */
export interface RowMarks {
  /** Panes that failed the case: by its checks (or a hand mark), or because the request failed. */
  failures: number;
  /** One pane passed it and another failed it (summary.ts disagreements). */
  disagrees: boolean;
}

type Scored = Pick<TestSet, 'cases' | 'assertions' | 'results'>;

/** Each case's marks over the given panes, in case order (summary.ts's verdicts and disagreements). */
export function rowMarks(scored: Scored, paneIds: readonly string[]): RowMarks[] {
  const grid = verdicts(scored, paneIds);
  const split = disagreements(scored, paneIds);
  // A request that failed fails its cell here too, unless a person marked it pass.
  const requestFailed = new Set(scored.results.filter((r) => r.status === 'failed').map((r) => cellKey(r.caseId, r.paneId)));
  return scored.cases.map((c) => ({
    failures: paneIds.filter((p) => {
      const verdict = grid.get(c.id)?.get(p);
      return verdict === 'fail' || (verdict !== 'pass' && requestFailed.has(cellKey(c.id, p)));
    }).length,
    disagrees: split.has(c.id),
  }));
}

/**
 * Cells of these cases × panes without a finished answer, or a verdict on each rubric: what "Run missing" sends.
 * `dropping`: rubric verdicts, by case id, judged with values edited since, which the scoring drops once the typing pauses.
 */
export function missingCount(scored: Scored, paneIds: readonly string[], dropping: ReadonlyMap<string, ReadonlySet<string>> = new Map()): number {
  // Each case's assertions looked up once, not once per cell: this runs again whenever results come in.
  const cases = new Map(scored.cases.map((c) => [c.id, { values: c.values, assertions: assertionsFor(scored.assertions, c) }]));
  const panes = new Set(paneIds);
  let complete = 0;
  for (const r of scored.results) {
    const testCase = cases.get(r.caseId);
    if (!testCase || !panes.has(r.paneId)) continue;
    const gone = dropping.get(r.caseId);
    const cell = gone && r.checks ? { ...r, checks: r.checks.filter((c) => !gone.has(c.assertionId)) } : r;
    if (!isMissing(cell, testCase.assertions, testCase.values)) complete++;
  }
  return cases.size * panes.size - complete;
}

/**
 * The cases to draw, as indexes into `rows`: filtered, then in case order or with the most failures first (case
 * order among equals, so the order is stable while results stream in).
 */
export function arrangeRows(rows: readonly RowMarks[], filter: RowFilter, sort: RowSort): number[] {
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (filter === 'failed' && row.failures === 0) continue;
    if (filter === 'disagree' && !row.disagrees) continue;
    kept.push(i);
  }
  return sort === 'case' ? kept : kept.sort((a, b) => rows[b]!.failures - rows[a]!.failures || a - b);
}

/** Where each row starts (px) and the total height, rows of `height` except the expanded ones. */
export function rowOffsets(count: number, height: number, expandedHeight: number, expanded: (row: number) => boolean): { offsets: number[]; total: number } {
  const offsets = new Array<number>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    offsets[i] = at;
    at += expanded(i) ? expandedHeight : height;
  }
  return { offsets, total: at };
}

/** The rows [first, last) that meet the band from `top` to `top + viewport`, and `overscan` more either side. */
export function visibleRange(offsets: readonly number[], total: number, top: number, viewport: number, overscan: number): { first: number; last: number } {
  const count = offsets.length;
  if (count === 0) return { first: 0, last: 0 };
  const rowAt = (y: number): number => {
    // The last row starting at or above y.
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const bottom = Math.min(total, top + viewport);
  const first = rowAt(Math.max(0, top));
  const last = rowAt(Math.max(0, bottom - 1)) + 1;
  return { first: Math.max(0, first - overscan), last: Math.min(count, last + overscan) };
}
