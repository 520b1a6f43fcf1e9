// Two answers side by side, block against block: the same blocks on one row, the rest paired up in order within
// each stretch where the answers differ, and what one answer has more on a row of its own.
import { diffArrays } from 'diff';
import { compareAnswers, type DiffPart } from './answer-diff';
import { DIFF_TIMEOUT_MS } from './diff-limits';

export type RowKind = 'same' | 'changed' | 'removed' | 'added';

/** One row of the side-by-side view: a block of A, of B, or of both (`removed`: only A has it, `added`: only B). */
export type AlignedRow =
  | { kind: 'same'; left: string; right: string }
  | { kind: 'changed'; left: string; right: string }
  | { kind: 'removed'; left: string; right?: undefined }
  | { kind: 'added'; left?: undefined; right: string };

/** Blocks that differ only in spacing or line breaks read the same. */
const normalize = (block: string) => block.replace(/\s+/g, ' ').trim();

export interface Alignment {
  rows: AlignedRow[];
  /**
   * Lining the blocks up took longer than its time limit (two long answers with little in common): the blocks
   * between the common start and end are paired in order instead.
   */
  pairedInOrder: boolean;
}

export function alignBlocks(a: readonly string[], b: readonly string[], timeoutMs = DIFF_TIMEOUT_MS): Alignment {
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
  const na = a.map(normalize);
  const nb = b.map(normalize);
  const aligned: readonly BlockChange[] | undefined = diffArrays(na, nb, { timeout: Math.max(1, timeoutMs) });
  for (const change of aligned ?? inOrder(na, nb)) {
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
  return { rows, pairedInOrder: aligned === undefined };
}

interface BlockChange {
  count?: number;
  value: string[];
  added?: boolean;
  removed?: boolean;
}

/** The common first and last blocks as the same, everything between as removed then added (paired in order). */
function inOrder(a: readonly string[], b: readonly string[]): BlockChange[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const changes: BlockChange[] = [];
  const push = (count: number, value: string[], kind: { added?: boolean; removed?: boolean } = {}) => {
    if (count > 0) changes.push({ count, value, ...kind });
  };
  push(start, a.slice(0, start));
  push(a.length - start - end, a.slice(start, a.length - end), { removed: true });
  push(b.length - start - end, b.slice(start, b.length - end), { added: true });
  push(end, a.slice(a.length - end));
  return changes;
}

/** What each side of a row shows in the word view: its own words, those the other side lacks marked. */
export interface RowWords {
  left: DiffPart[];
  right: DiffPart[];
}

/** The words of every row, marked within one time limit for the whole view. */
export interface MarkedRows {
  words: (RowWords | undefined)[];
  /** Changed rows shown unmarked: too long to diff, or the view's time ran out before or while they were diffed. */
  unmarked: number;
}

/**
 * Each changed row is diffed with what is left of one shared limit, so that many long changed blocks cost the
 * limit once, not once each. `now` is the clock the limit is counted on (a page's performance.now).
 */
export function markRows(rows: readonly AlignedRow[], timeoutMs = DIFF_TIMEOUT_MS, now: () => number = () => performance.now()): MarkedRows {
  const deadline = now() + timeoutMs;
  let unmarked = 0;
  const words = rows.map((row) => {
    const left = deadline - now();
    const marked = row.kind === 'changed' && left < 1 ? undefined : rowWords(row, left);
    if (!marked) unmarked++;
    return marked;
  });
  return { words, unmarked };
}

/**
 * The word diff of a row, split by side. Undefined when the two blocks are too long to diff word by word or take
 * too long to (answer-diff.ts): the view then shows both blocks unmarked.
 */
export function rowWords(row: AlignedRow, timeoutMs = DIFF_TIMEOUT_MS): RowWords | undefined {
  switch (row.kind) {
    case 'same':
      return { left: [{ kind: 'same', text: row.left }], right: [{ kind: 'same', text: row.right }] };
    case 'removed':
      return { left: [{ kind: 'removed', text: row.left }], right: [] };
    case 'added':
      return { left: [], right: [{ kind: 'added', text: row.right }] };
    case 'changed': {
      const diff = compareAnswers(row.left, row.right, timeoutMs);
      if (typeof diff === 'string') return undefined;
      return { left: asWritten(diff.parts.filter((p) => p.kind !== 'added'), row.left), right: asWritten(diff.parts.filter((p) => p.kind !== 'removed'), row.right) };
    }
  }
}

const SPACE = /\s/;

/**
 * The word diff ignores spacing and gives the words both answers share one answer's spacing, so a column would show
 * A's code with B's indentation, or lose A's line breaks. Each part takes its words' place in the side's own text,
 * so the column reads as that answer was written.
 */
function asWritten(parts: readonly DiffPart[], text: string): DiffPart[] {
  const solid = (s: string) => s.replace(/\s+/g, '');
  // The diff only moves spacing; should it ever change more, its own text is shown rather than a wrong cut of this one.
  if (solid(parts.map((p) => p.text).join('')) !== solid(text)) return [...parts];
  let at = 0;
  const out = parts.map((part) => {
    const start = at;
    for (const char of part.text) {
      if (SPACE.test(char)) continue;
      while (SPACE.test(text[at]!)) at++;
      at += char.length;
    }
    // Spacing goes with the part the diff gave it to, so a mark does not start at the space before a word.
    if (SPACE.test(part.text.at(-1) ?? '')) while (SPACE.test(text[at]!)) at++;
    return { kind: part.kind, text: text.slice(start, at) };
  });
  if (out.length > 0) out[out.length - 1]!.text += text.slice(at);
  return out.filter((p) => p.text !== '');
}
