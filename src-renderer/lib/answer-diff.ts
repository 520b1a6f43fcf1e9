// Word-level diff of two answers (the `diff` package) and how similar they are, as the share of equal words.
import { diffWords } from 'diff';

export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface AnswerDiff {
  parts: DiffPart[];
  /** 2·equal / (words in A + words in B), 0–1; 1 for two empty answers. */
  similarity: number;
  equalWords: number;
  wordsA: number;
  wordsB: number;
}

/** Beyond this the diff gives up rather than freeze the window on two long, very different answers. */
const DIFF_TIMEOUT_MS = 1_500;

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}_]+(?:['’.-][\p{L}\p{N}_]+)*/gu)?.length ?? 0;
}

let segmenter: Intl.Segmenter | undefined;

/** undefined when the diff took too long to compute. */
export function compareAnswers(a: string, b: string): AnswerDiff | undefined {
  // Intl word segmentation keeps "0.2" and "it’s" whole, where the default regex splits them at the dot.
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  const changes = diffWords(a, b, { timeout: DIFF_TIMEOUT_MS, intlSegmenter: segmenter });
  if (!changes) return undefined;
  const parts: DiffPart[] = [];
  let equalWords = 0;
  for (const change of changes) {
    const kind: DiffKind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    if (kind === 'same') equalWords += countWords(change.value);
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  const wordsA = countWords(a);
  const wordsB = countWords(b);
  const total = wordsA + wordsB;
  return { parts, similarity: total === 0 ? 1 : (2 * equalWords) / total, equalWords, wordsA, wordsB };
}

/** "87 %" — floors, so two answers that differ at all never read 100 %. */
export function formatSimilarity(similarity: number): string {
  const percent = similarity >= 1 ? 100 : Math.min(99, Math.floor(similarity * 100));
  return `${percent} %`;
}
