// A test set's results saved as what changed since the last save, not all of them (issue 17): with 1,000 cases × 4
// panes every save copied and sent ~4,000 cells across IPC, the longest tasks of a run. The renderer names the
// version it changes (`since`, the saved document's updatedAt); main applies the change to that version's results.
// Applying must give exactly the renderer's list, order included, or the reopened session would differ from what was
// shown; `resultsDelta` answers undefined whenever a change cannot say that (then the whole list is sent).
import { cellKey } from './summary';
import type { CellResult } from './test-set';

export interface CellKey {
  caseId: string;
  paneId: string;
}

export interface ResultsDelta {
  /** The updatedAt of the saved document whose results this changes. */
  since: string;
  /** New cells and cells that changed, in the order of the list: one replaces the cell of its case × pane in place. */
  put: CellResult[];
  /** Cells no longer in the list. */
  remove: CellKey[];
}

const keyOf = (cell: CellKey): string => cellKey(cell.caseId, cell.paneId);

/**
 * The change from `saved` to `now`, cells compared by reference (the renderer replaces a cell's object when it
 * changes). Undefined when `applyResultsDelta` could not rebuild `now` from it: cells kept from `saved` out of
 * their saved order, a new cell before a kept one, or a case × pane twice in either list.
 */
export function resultsDelta(saved: readonly CellResult[], now: readonly CellResult[], since: string): ResultsDelta | undefined {
  const savedAt = new Map<string, number>();
  saved.forEach((cell, i) => savedAt.set(keyOf(cell), i));
  // A file may hold a cell twice; a change names cells by case × pane, so it could not say which copy went.
  if (savedAt.size !== saved.length) return undefined;
  const seen = new Set<string>();
  const put: CellResult[] = [];
  let lastKept = -1;
  let added = false;
  for (const cell of now) {
    const key = keyOf(cell);
    if (seen.has(key)) return undefined;
    seen.add(key);
    const at = savedAt.get(key);
    if (at === undefined) {
      added = true;
      put.push(cell);
      continue;
    }
    if (added || at < lastKept) return undefined;
    lastKept = at;
    if (saved[at] !== cell) put.push(cell);
  }
  const remove = saved.filter((cell) => !seen.has(keyOf(cell))).map(({ caseId, paneId }) => ({ caseId, paneId }));
  return { since, put, remove };
}

/**
 * `results` with `replacing`'s cells (by `cellKey`) in place of theirs and the new ones after: how a run commits
 * finished cells (test-run.svelte.ts), and so how main applies a change of them.
 */
export function mergeResults(results: readonly CellResult[], replacing: ReadonlyMap<string, CellResult>): CellResult[] {
  const left = new Map(replacing);
  const merged = results.map((r) => {
    const key = keyOf(r);
    const replaced = left.get(key);
    if (!replaced) return r;
    left.delete(key);
    return replaced;
  });
  return [...merged, ...left.values()];
}

/** `saved` changed by `delta`: removed cells dropped, changed ones replaced in place, new ones appended in order. */
export function applyResultsDelta(saved: readonly CellResult[], delta: Pick<ResultsDelta, 'put' | 'remove'>): CellResult[] {
  const gone = new Set(delta.remove.map(keyOf));
  return mergeResults(
    saved.filter((cell) => !gone.has(keyOf(cell))),
    new Map(delta.put.map((cell) => [keyOf(cell), cell])),
  );
}
