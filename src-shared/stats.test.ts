import { describe, expect, it } from 'vitest';
import { jaccardSimilarity, meanPairwiseSimilarity, median, quantile, range, summarize, wilsonInterval, winRate, words } from './stats';

describe('order statistics', () => {
  it('median of odd and even counts, unsorted input', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
  });

  it('quantiles interpolate between ranks (type 7)', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(10);
    expect(quantile(xs, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(xs, 0.9)).toBeCloseTo(9.1, 12);
    expect(() => quantile(xs, 1.5)).toThrow(RangeError);
  });

  it('range and five-number summary; NaN ignored', () => {
    expect(range([5, -1, 3, Number.NaN])).toEqual({ min: -1, max: 5 });
    expect(range([])).toBeUndefined();
    expect(summarize([1, 2, 3, 4, 5])).toEqual({ n: 5, min: 1, q1: 2, median: 3, q3: 4, max: 5 });
  });
});

describe('similarity', () => {
  it('words are lower-cased and keep decimals and contractions whole', () => {
    expect(words('It’s 0.2, THE end!')).toEqual(['it’s', '0.2', 'the', 'end']);
  });

  it('text written without spaces (Chinese, Japanese) counts by pairs of characters, not as one word per run', () => {
    expect(words('東京は日本、Tokyo東京')).toEqual(['東京', '京は', 'は日', '日本', 'tokyo', '東京']);
    expect(words('猫')).toEqual(['猫']);
    // Two answers that differ only in their last word are mostly alike, as the English pair below is.
    const ja = jaccardSimilarity('東京は日本の首都であり、人口が最も多い都市です。', '東京は日本の首都であり、人口が最も多い都市である。');
    const en = jaccardSimilarity('Tokyo is the capital of Japan and its largest city.', 'Tokyo is the capital of Japan and the largest city.');
    expect(ja).toBeGreaterThan(0.8);
    expect(en).toBeGreaterThan(0.8);
    expect(jaccardSimilarity('今日は晴れです', '明後日に雨が降る')).toBe(0);
  });

  it('identical texts are 1, disjoint texts 0, partial overlap |A∩B|/|A∪B|', () => {
    expect(jaccardSimilarity('the cat sat', 'the cat sat')).toBe(1);
    expect(jaccardSimilarity('The cat sat.', 'sat the CAT')).toBe(1);
    expect(jaccardSimilarity('red green', 'blue yellow')).toBe(0);
    expect(jaccardSimilarity('a b c', 'b c d')).toBeCloseTo(2 / 4, 12);
    expect(jaccardSimilarity('', '')).toBe(1);
    expect(jaccardSimilarity('', 'word')).toBe(0);
  });

  it('mean pairwise similarity over k(k-1)/2 pairs', () => {
    expect(meanPairwiseSimilarity(['x y', 'x y', 'x y'])).toBe(1);
    // pairs: (ab, ab)=1, (ab, cd)=0, (ab, cd)=0 → 1/3
    expect(meanPairwiseSimilarity(['a b', 'a b', 'c d'])).toBeCloseTo(1 / 3, 12);
    expect(meanPairwiseSimilarity(['only one'])).toBeUndefined();
  });
});

describe('Wilson score interval (95 %)', () => {
  // Reference values: R `prop.test(x, n, correct = FALSE)$conf.int`.
  it('8 of 10', () => {
    const ci = wilsonInterval(8, 10)!;
    expect(ci.rate).toBe(0.8);
    expect(ci.low).toBeCloseTo(0.4902, 4);
    expect(ci.high).toBeCloseTo(0.9433, 4);
  });

  it('0 of 10 and 10 of 10 stay inside [0, 1]', () => {
    const none = wilsonInterval(0, 10)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10)!;
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
  });

  it('50 of 100', () => {
    const ci = wilsonInterval(50, 100)!;
    expect(ci.low).toBeCloseTo(0.4038, 4);
    expect(ci.high).toBeCloseTo(0.5962, 4);
  });

  it('no trials is no interval; impossible counts throw', () => {
    expect(wilsonInterval(0, 0)).toBeUndefined();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });

  it('win rate counts a tie as half a win', () => {
    expect(winRate({ wins: 3, losses: 1, ties: 2 })!.rate).toBe(4 / 6);
    expect(winRate({ wins: 8, losses: 2 })).toEqual(wilsonInterval(8, 10));
  });
});
