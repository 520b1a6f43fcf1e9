// Two answers side by side, block against block: the same blocks on one row, the rest paired up in order within
// each stretch where the answers differ, and what one answer has more on a row of its own.
import { diffArrays } from 'diff';
import { compareAnswers, type DiffPart } from './answer-diff';

export type RowKind = 'same' | 'changed' | 'removed' | 'added';

/** One row of the side-by-side view: a block of A, of B, or of both (`removed`: only A has it, `added`: only B). */
export type AlignedRow =
  | { kind: 'same'; left: string; right: string }
  | { kind: 'changed'; left: string; right: string }
  | { kind: 'removed'; left: string; right?: undefined }
  | { kind: 'added'; left?: undefined; right: string };

/** Blocks that differ only in spacing or line breaks read the same. */
const normalize = (block: string) => block.replace(/\s+/g, ' ').trim();

export function alignBlocks(a: readonly string[], b: readonly string[]): AlignedRow[] {
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  let removed: string[] = [];
  let added: string[] = [];
  // A stretch of changes ends at the next common block: pair what each side has there, in order.
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) rows.push({ kind: 'changed', left: removed[k]!, right: added[k]! });
    for (const left of removed.slice(paired)) rows.push({ kind: 'removed', left });
    for (const right of added.slice(paired)) rows.push({ kind: 'added', right });
    removed = [];
    added = [];
  };
  for (const change of diffArrays(a.map(normalize), b.map(normalize))) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      removed.push(...a.slice(i, i + count));
      i += count;
    } else if (change.added) {
      added.push(...b.slice(j, j + count));
      j += count;
    } else {
      flush();
      for (let k = 0; k < count; k++) rows.push({ kind: 'same', left: a[i + k]!, right: b[j + k]! });
      i += count;
      j += count;
    }
  }
  flush();
  return rows;
}

/** What each side of a row shows in the word view: its own words, those the other side lacks marked. */
export interface RowWords {
  left: DiffPart[];
  right: DiffPart[];
}

/**
 * The word diff of a row, split by side. Undefined when the two blocks are too long to diff word by word or take
 * too long to (answer-diff.ts): the view then shows both blocks unmarked.
 */
export function rowWords(row: AlignedRow): RowWords | undefined {
  switch (row.kind) {
    case 'same':
      return { left: [{ kind: 'same', text: row.left }], right: [{ kind: 'same', text: row.right }] };
    case 'removed':
      return { left: [{ kind: 'removed', text: row.left }], right: [] };
    case 'added':
      return { left: [], right: [{ kind: 'added', text: row.right }] };
    case 'changed': {
      const diff = compareAnswers(row.left, row.right);
      if (typeof diff === 'string') return undefined;
      return { left: diff.parts.filter((p) => p.kind !== 'added'), right: diff.parts.filter((p) => p.kind !== 'removed') };
    }
  }
}
