// Word-level diff of two answers (the `diff` package) and how similar they are, as the share of equal words.
import { diffWords } from 'diff';
import { DIFF_TIMEOUT_MS, tooLargeToDiff } from './diff-limits';
import { madeOnce } from './made-once';

export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface AnswerDiff {
  parts: DiffPart[];
  /** 2·equal / (words in A + words in B), 0–1; 1 only for identical answers. */
  similarity: number;
  equalWords: number;
  wordsA: number;
  wordsB: number;
}

/** Why two answers have no word diff: too long to try (diff-limits.ts), or stopped at its time limit. */
export type NoDiff = 'too-large' | 'stopped';

// Intl word segmentation keeps "0.2" and "it’s" whole, where the default regex splits them at the dot, and splits CJK
// text into words where a letters-only regex sees one word per run of characters.
const wordSegmenter = madeOnce(() => new Intl.Segmenter(undefined, { granularity: 'word' }));

/** Words as the diff sees them: the segmenter's word-like segments, so punctuation and emoji are not words. */
export function countWords(text: string): number {
  let words = 0;
  for (const segment of wordSegmenter().segment(text)) if (segment.isWordLike) words++;
  return words;
}

/** `stopped` when the diff took longer than `timeoutMs` (at least 1: the library takes 0 for no limit). */
export function compareAnswers(a: string, b: string, timeoutMs = DIFF_TIMEOUT_MS): AnswerDiff | NoDiff {
  if (tooLargeToDiff(a, b)) return 'too-large';
  const changes = diffWords(a, b, { timeout: Math.max(1, timeoutMs), intlSegmenter: wordSegmenter() });
  if (!changes) return 'stopped';
  const parts: DiffPart[] = [];
  let sameWords = 0;
  for (const change of changes) {
    const kind: DiffKind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    if (kind === 'same') sameWords += countWords(change.value);
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  const wordsA = countWords(a);
  const wordsB = countWords(b);
  // A fragment segmented on its own can split differently from the whole answer (CJK without its context), so the
  // count is bounded by either answer's: the figure stays within 0–1 and the tooltip's counts add up.
  const equalWords = Math.min(sameWords, wordsA, wordsB);
  return { parts, similarity: similarity(a, b, equalWords, wordsA + wordsB), equalWords, wordsA, wordsB };
}

function similarity(a: string, b: string, equalWords: number, total: number): number {
  if (a === b) return 1;
  // Answers with no words (emoji, punctuation) that differ have nothing in common to count.
  if (total === 0) return 0;
  // Answers that differ only in punctuation or spacing have every word in common, yet are not the same answer.
  return Math.min((2 * equalWords) / total, ALMOST_SAME);
}

/** Below 1 by less than any real share of words, so it reads "99 %". */
const ALMOST_SAME = 0.999;

/** "87 %" — floors, so two answers that differ at all never read 100 %. */
export function formatSimilarity(similarity: number): string {
  const percent = similarity >= 1 ? 100 : Math.min(99, Math.floor(similarity * 100));
  return `${percent} %`;
}

/** The similarity figure's tooltip, in the same words the figure counts. */
export function similarityDetail(diff: AnswerDiff): string {
  const words = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  const counts = `${words(diff.equalWords)} in common; ${words(diff.wordsA)} and ${words(diff.wordsB)} in all`;
  const sameWords = diff.similarity < 1 && diff.equalWords === diff.wordsA && diff.equalWords === diff.wordsB;
  return sameWords ? `${counts}; only punctuation, symbols or spacing differ` : counts;
}
