// Pure statistics for experiments (repeat runs, sweeps, blind rating): order statistics, answer
// similarity, and win rates with a Wilson score interval. No dependencies, no I/O.

/** Sorted copy, ascending; NaN values are dropped. */
function sortedNumbers(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
}

/**
 * The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks (Hyndman & Fan type 7,
 * the default of R and NumPy): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * undefined for no values.
 */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`A quantile is between 0 and 1, not ${q}`);
  const sorted = sortedNumbers(values);
  if (sorted.length === 0) return undefined;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The middle value; the mean of the two middle values for an even count. undefined for no values. */
export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

export function range(values: readonly number[]): { min: number; max: number } | undefined {
  const sorted = sortedNumbers(values);
  if (sorted.length === 0) return undefined;
  return { min: sorted[0]!, max: sorted.at(-1)! };
}

export interface Summary {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** Five-number summary (quartiles as in `quantile`); undefined for no values. */
export function summarize(values: readonly number[]): Summary | undefined {
  const sorted = sortedNumbers(values);
  if (sorted.length === 0) return undefined;
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantile(sorted, 0.25)!,
    median: quantile(sorted, 0.5)!,
    q3: quantile(sorted, 0.75)!,
    max: sorted.at(-1)!,
  };
}

// ── similarity ─────────────────────────────────────────────────────────────

/** Scripts written without spaces between words: a run of them is a sentence or more, not a word. */
const UNSPACED = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30fc';
const WORD = new RegExp(`[${UNSPACED}]+|(?:(?![${UNSPACED}])[\\p{L}\\p{N}_])+(?:['’.-](?:(?![${UNSPACED}])[\\p{L}\\p{N}_])+)*`, 'gu');
const UNSPACED_RUN = new RegExp(`^[${UNSPACED}]`, 'u');

/**
 * Words: runs of letters and digits (any script), joined by inner ' ’ . - ("it’s", "0.2"), lower-cased. Chinese and
 * Japanese, which put no spaces between words, count by overlapping pairs of characters (a common stand-in for their
 * words), so two answers differing in one word are not counted as differing in the whole sentence.
 */
export function words(text: string): string[] {
  return (text.match(WORD) ?? []).flatMap((run) => {
    if (!UNSPACED_RUN.test(run)) return [run.toLocaleLowerCase()];
    const chars = [...run];
    return chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i]! + c);
  });
}

/**
 * Word-set Jaccard similarity: |A ∩ B| / |A ∪ B| where A and B are the sets of distinct words (see
 * `words`) of each text. 1 for identical word sets (including two texts without words), 0 for texts
 * that share no word. Ignores order, repetition, case and punctuation: a cheap "do they say the same
 * things" measure, not a diff.
 */
export function jaccardSimilarity(a: string, b: string): number {
  const setA = new Set(words(a));
  const setB = new Set(words(b));
  if (setA.size === 0 && setB.size === 0) return 1;
  let shared = 0;
  for (const word of setA) if (setB.has(word)) shared++;
  return shared / (setA.size + setB.size - shared);
}

/**
 * The mean of `similarity` over all k·(k−1)/2 unordered pairs of the texts (how consistent k answers
 * to the same prompt are). undefined for fewer than two texts.
 */
export function meanPairwiseSimilarity(
  texts: readonly string[],
  similarity: (a: string, b: string) => number = jaccardSimilarity,
): number | undefined {
  if (texts.length < 2) return undefined;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      sum += similarity(texts[i]!, texts[j]!);
      pairs++;
    }
  }
  return sum / pairs;
}

// ── win rates ──────────────────────────────────────────────────────────────

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface Proportion {
  /** successes / trials */
  rate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion (no continuity correction):
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Stays within [0, 1] and behaves at 0 and n
 * successes, unlike the normal approximation. undefined for no trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Proportion | undefined {
  if (!(trials > 0)) return undefined;
  if (successes < 0 || successes > trials) throw new RangeError(`${successes} successes out of ${trials} trials`);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0 and n successes the bounds are exactly 0 and 1; rounding would leave 1e-17 and 0.9999….
  return {
    rate: p,
    low: successes === 0 ? 0 : Math.max(0, centre - margin),
    high: successes === trials ? 1 : Math.min(1, centre + margin),
  };
}

export interface Tally {
  wins: number;
  losses: number;
  ties?: number;
}

/** Win rate of A over B with its 95 % Wilson interval; a tie counts as half a win and half a loss. */
export function winRate(tally: Tally, z = Z_95): Proportion | undefined {
  const ties = tally.ties ?? 0;
  return wilsonInterval(tally.wins + ties / 2, tally.wins + tally.losses + ties, z);
}
