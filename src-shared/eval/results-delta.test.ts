import { describe, expect, it } from 'vitest';
import { applyResultsDelta, resultsDelta } from './results-delta';
import type { CellResult } from './test-set';

const SINCE = '2026-12-06T10:00:00.000Z';

function cell(caseId: string, paneId: string, text = `${caseId}/${paneId}`): CellResult {
  return { caseId, paneId, status: 'done', text, at: SINCE };
}

/** Deterministic pseudo-random numbers, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('resultsDelta', () => {
  const a = cell('c1', 'p1');
  const b = cell('c1', 'p2');
  const c = cell('c2', 'p1');

  it('sends only the cells that are new or changed, and names the removed ones', () => {
    const b2 = { ...b, text: 'again' };
    const d = cell('c3', 'p1');
    expect(resultsDelta([a, b, c], [a, b2, d], SINCE)).toEqual({ since: SINCE, put: [b2, d], remove: [{ caseId: 'c2', paneId: 'p1' }] });
  });

  it('sends nothing for an unchanged list, however long', () => {
    const many = Array.from({ length: 4000 }, (_, i) => cell(`c${i >> 2}`, `p${i & 3}`));
    expect(resultsDelta(many, [...many], SINCE)).toEqual({ since: SINCE, put: [], remove: [] });
  });

  it('refuses a change that would not keep the order: kept cells moved, or a new cell before a kept one', () => {
    expect(resultsDelta([a, b], [b, a], SINCE)).toBeUndefined();
    expect(resultsDelta([a, b], [a, c, b], SINCE)).toBeUndefined();
  });

  it('refuses a list holding a case × pane twice, now or as saved (a file may)', () => {
    expect(resultsDelta([a], [a, { ...a, text: 'twice' }], SINCE)).toBeUndefined();
    const again = { ...a, text: 'again' };
    expect(resultsDelta([a, again], [again], SINCE)).toBeUndefined();
  });
});

describe('applyResultsDelta', () => {
  it('replaces in place, drops the removed and appends the new in order', () => {
    const [a, b, c, d, e] = ['1', '2', '3', '4', '5'].map((n) => cell(`c${n}`, 'p'));
    const b2 = { ...b!, text: 'b2' };
    expect(applyResultsDelta([a!, b!, c!], { put: [b2, d!, e!], remove: [{ caseId: 'c1', paneId: 'p' }] })).toEqual([b2, c, d, e]);
  });

  // What the test set does to its results (test-run's mergeResults, deleting cases, their undo, hand marks), in
  // random sequences: whenever a delta is given, applying it to what was saved gives exactly the list now.
  it('rebuilds the list exactly from any sequence of the test set’s own edits', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const pick = (n: number) => Math.floor(next() * n);
      let saved: CellResult[] = [];
      let now: CellResult[] = [];
      let deltas = 0;
      for (let step = 0; step < 40; step++) {
        const op = pick(5);
        if (op === 0 || op === 1) {
          // A run commits finished cells: re-run ones replace theirs in place, new ones are appended.
          const finished = Array.from({ length: 1 + pick(4) }, () => cell(`c${pick(12)}`, `p${pick(3)}`, `t${step}`));
          const byKey = new Map(finished.map((r) => [`${r.caseId} ${r.paneId}`, r]));
          now = now.map((r) => {
            const key = `${r.caseId} ${r.paneId}`;
            const replaced = byKey.get(key);
            byKey.delete(key);
            return replaced ?? r;
          });
          now = [...now, ...byKey.values()];
        } else if (op === 2) {
          const gone = `c${pick(12)}`;
          now = now.filter((r) => r.caseId !== gone);
        } else if (op === 3 && now.length > 0) {
          const i = pick(now.length);
          now = now.map((r, j) => (j === i ? { ...r, manual: 'fail' as const } : r));
        } else if (op === 4 && saved.length > 0) {
          // Undo of a deletion appends the cells it brings back.
          const back = saved[pick(saved.length)]!;
          if (!now.some((r) => r.caseId === back.caseId && r.paneId === back.paneId)) now = [...now, back];
        }
        if (pick(3) === 0) {
          const delta = resultsDelta(saved, now, SINCE);
          if (delta) {
            deltas++;
            expect(applyResultsDelta(saved, delta), `seed ${seed}, step ${step}`).toEqual(now);
          }
          saved = now;
        }
      }
      expect(deltas, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});
