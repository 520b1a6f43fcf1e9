// Word diff of two answers and the similarity figure.
import { describe, expect, it } from 'vitest';
import { compareAnswers, countWords, formatSimilarity } from './answer-diff';

describe('compareAnswers', () => {
  it('marks the words that differ and keeps the rest', () => {
    const diff = compareAnswers('Echo: temperature=0.2 thinking=high', 'Echo: temperature=0.9 thinking=high')!;
    expect(diff.parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['0.2']);
    expect(diff.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['0.9']);
    expect(diff.parts.map((p) => p.text).join('')).toContain('Echo:');
    expect(diff.similarity).toBeGreaterThan(0.5);
    expect(diff.similarity).toBeLessThan(1);
  });

  it('identical answers are 100 %, disjoint ones 0 %', () => {
    expect(compareAnswers('same words here', 'same words here')!.similarity).toBe(1);
    expect(compareAnswers('alpha beta', 'gamma delta')!.similarity).toBe(0);
    expect(compareAnswers('', '')!.similarity).toBe(1);
  });

  it('merges neighbouring parts of the same kind', () => {
    const diff = compareAnswers('a b c', 'x y z')!;
    const kinds = diff.parts.map((p) => p.kind);
    expect(kinds.filter((k, i) => i > 0 && k === kinds[i - 1])).toEqual([]);
  });
});

describe('words and figures', () => {
  it('counts words, not punctuation', () => {
    expect(countWords('Hello, world! It’s 3.5 degrees.')).toBe(5);
    expect(countWords('  ')).toBe(0);
  });

  it('never shows 100 % for answers that differ', () => {
    expect(formatSimilarity(0.999)).toBe('99 %');
    expect(formatSimilarity(1)).toBe('100 %');
    expect(formatSimilarity(0.5)).toBe('50 %');
  });
});
