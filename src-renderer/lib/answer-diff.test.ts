// Word diff of two answers and the similarity figure.
import { describe, expect, it } from 'vitest';
import { compareAnswers, countWords, formatSimilarity, similarityDetail, type AnswerDiff } from './answer-diff';

function diffOf(a: string, b: string): AnswerDiff {
  const diff = compareAnswers(a, b);
  if (typeof diff === 'string') throw new Error(`no diff: ${diff}`);
  return diff;
}

describe('compareAnswers', () => {
  it('marks the words that differ and keeps the rest', () => {
    const diff = diffOf('Echo: temperature=0.2 thinking=high', 'Echo: temperature=0.9 thinking=high');
    expect(diff.parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['0.2']);
    expect(diff.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['0.9']);
    expect(diff.parts.map((p) => p.text).join('')).toContain('Echo:');
    expect(diff.similarity).toBeGreaterThan(0.5);
    expect(diff.similarity).toBeLessThan(1);
  });

  it('identical answers are 100 %, disjoint ones 0 %', () => {
    expect(diffOf('same words here', 'same words here').similarity).toBe(1);
    expect(diffOf('alpha beta', 'gamma delta').similarity).toBe(0);
    expect(diffOf('', '').similarity).toBe(1);
  });

  it('merges neighbouring parts of the same kind', () => {
    const diff = diffOf('a b c', 'x y z');
    const kinds = diff.parts.map((p) => p.kind);
    expect(kinds.filter((k, i) => i > 0 && k === kinds[i - 1])).toEqual([]);
  });
});

describe('similarity counts words one way', () => {
  it('CJK answers that differ in one word are neither above 100 % nor 100 %', () => {
    const diff = diffOf('猫和狗', '猫与狗');
    expect(diff).toMatchObject({ equalWords: 2, wordsA: 3, wordsB: 3 });
    expect(formatSimilarity(diff.similarity)).toBe('66 %');
    const long = diffOf('我今天很高兴因为天气很好。', '我今天很难过因为天气很差。');
    expect(long.similarity).toBeGreaterThan(0);
    expect(long.similarity).toBeLessThan(1);
  });

  it('a hyphenated word that differs is a word that differs', () => {
    const diff = diffOf('a well-known fact', 'a well-made fact');
    expect(diff).toMatchObject({ equalWords: 3, wordsA: 4, wordsB: 4 });
    expect(formatSimilarity(diff.similarity)).toBe('75 %');
  });

  it('answers without words that differ have nothing in common', () => {
    expect(diffOf('👍', '👎').similarity).toBe(0);
    expect(diffOf('👍', '👍').similarity).toBe(1);
  });

  it('answers differing only in punctuation read 99 % and say why', () => {
    const diff = diffOf('Hello there.', 'Hello there!');
    expect(formatSimilarity(diff.similarity)).toBe('99 %');
    expect(similarityDetail(diff)).toBe('2 words in common; 2 words and 2 words in all; only punctuation, symbols or spacing differ');
    expect(similarityDetail(diffOf('one', 'two'))).toBe('0 words in common; 1 word and 1 word in all');
  });
});

describe('words and figures', () => {
  it('counts words, not punctuation', () => {
    expect(countWords('Hello, world! It’s 3.5 degrees.')).toBe(5);
    expect(countWords('  ')).toBe(0);
    expect(countWords('猫和狗 👍')).toBe(3);
  });

  it('never shows 100 % for answers that differ', () => {
    expect(formatSimilarity(0.999)).toBe('99 %');
    expect(formatSimilarity(1)).toBe('100 %');
    expect(formatSimilarity(0.5)).toBe('50 %');
  });
});
