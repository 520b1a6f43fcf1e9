// Answers too long to diff word by word are refused before any of the diff's work starts: the time limit covers only
// the diff's search, and splitting two 20,000-word answers into words ran the window out of memory before it.
import { diffWords } from 'diff';
import { afterEach, expect, it, vi } from 'vitest';
import { compareAnswers } from './answer-diff';
import { MAX_DIFF_CHARS } from './diff-limits';

// Records the calls and does none of the work: what is checked is whether the work would have started.
vi.mock('diff', async (importOriginal) => ({ ...(await importOriginal<typeof import('diff')>()), diffWords: vi.fn(() => undefined) }));

const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');

afterEach(() => {
  vi.mocked(diffWords).mockClear();
  segment.mockClear();
});

/** Prose of `words` words, each answer its own. */
function prose(words: number, salt: number): string {
  return Array.from({ length: words }, (_, i) => `word${(i * salt) % 997}${i % 12 === 11 ? '.' : ''}`).join(' ');
}

it('two 20,000-word answers are too large: neither split into words nor handed to the diff', () => {
  const a = prose(20_000, 7);
  const b = prose(20_000, 13);
  expect(a.length + b.length).toBeGreaterThan(MAX_DIFF_CHARS);
  expect(compareAnswers(a, b)).toBe('too-large');
  expect(diffWords).not.toHaveBeenCalled();
  expect(segment).not.toHaveBeenCalled();
});

it('the limit is on both answers together: one character over it is too large, at it the diff is tried', () => {
  const half = 'x'.repeat(MAX_DIFF_CHARS / 2);
  expect(compareAnswers(half, `${half}y`)).toBe('too-large');
  expect(compareAnswers(`${half}${half}y`, '')).toBe('too-large');
  expect(diffWords).not.toHaveBeenCalled();
  // The recorder gives up as a diff out of time would.
  expect(compareAnswers(half, half)).toBe('stopped');
  expect(diffWords).toHaveBeenCalledTimes(1);
});
