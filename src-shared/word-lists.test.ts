import { describe, expect, it } from 'vitest';
import { andList, orList } from './word-lists';

describe('word lists', () => {
  it('names none, one, two and more items as a sentence does', () => {
    expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map(andList)).toEqual(['', 'a', 'a and b', 'a, b and c']);
    expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map(orList)).toEqual(['', 'a', 'a or b', 'a, b or c']);
  });
});
