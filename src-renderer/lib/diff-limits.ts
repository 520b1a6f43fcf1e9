// What a word diff of two answers may cost. Apart from answer-diff.ts so that the comparison state, in the first
// load, can read the limits without bringing the diff library with it (bench/bundle.test.ts).

/** Beyond this the diff gives up rather than freeze the window on two long, very different answers. */
export const DIFF_TIMEOUT_MS = 1_500;

/**
 * Answers longer than this together are not diffed word by word. The time limit only covers the diff's search:
 * splitting both answers into words, and counting them, runs before it and grows with their length, and an engine
 * whose word segmenter copies the whole answer into each word (V8 before 2024) runs out of memory on two
 * 20,000-word answers. Two answers this long that differ much seldom finish within the time limit anyway.
 */
export const MAX_DIFF_CHARS = 100_000;

/** Checked before any word is split: the length of a string is there for nothing. */
export function tooLargeToDiff(a: string, b: string): boolean {
  return a.length + b.length > MAX_DIFF_CHARS;
}
