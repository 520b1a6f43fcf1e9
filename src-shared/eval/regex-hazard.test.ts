// Regex assertions that could freeze the window are refused before they run: a repeated group that repeats inside,
// or chooses between branches that can match the same text. Ordinary patterns run as before.
import { describe, expect, it } from 'vitest';
import { runChecks } from './assertions';
import { regexHazard } from './regex-hazard';

describe('patterns that could take exponential time', () => {
  it('refuses a repeated group holding a repeat, at any depth, with any repeating quantifier', () => {
    for (const pattern of ['^(\\w+\\s?)*$', '(a+)+$', '(a*)*', '(?:x(?:ab*))+', '((a)+b){2,}', '(\\d+-){1,9}', '(?<word>\\w+ ?)+', '(a{1,3})+']) {
      expect(regexHazard(pattern), pattern).toMatch(/^A repeated group holds a repeat of its own/);
    }
  });

  it('refuses a repeated choice whose branches can match the same text', () => {
    for (const pattern of ['(a|a)*', '(a|aa)+', '(\\w|\\d)+$', '(.|\\s)*x', '(cat|Cat)+']) {
      expect(regexHazard(pattern, pattern === '(cat|Cat)+' ? 'i' : ''), pattern).toMatch(/^A repeated group chooses between branches/);
    }
  });

  it('lets ordinary patterns run: repeats of one level, classes, plain alternatives, counted groups without repeats inside', () => {
    for (const pattern of ['^\\d{3}-\\d{4}$', '(cat|dog)+', '(\\d{3}-){2}\\d{4}', '^[\\w\\s]*$', 'Paris|London', '\\bfoo\\b.*bar', '[(+*)]+', '\\(a+\\)+', '(ab)+', '\\p{L}+', '(?:x|y)?z+', '(a+)?', '(?=.*\\d)\\w+', '[a[b]]+']) {
      expect(regexHazard(pattern), pattern).toBeUndefined();
    }
  });

  // Run, this pattern would backtrack for minutes on this answer: the test would hang past its timeout.
  it('a check of such a pattern fails with the reason instead of running', () => {
    const answer = 'the quick brown fox jumps over the lazy dog, again and again and again.';
    const [check] = runChecks(answer, [{ id: 'r', type: 'regex', value: '^(\\w+\\s?)*$' }]);
    expect(check).toMatchObject({ pass: false, reason: expect.stringMatching(/^not run: A repeated group holds a repeat/) });
    expect(runChecks(answer, [{ id: 'r', type: 'regex', value: '^(\\w+[\\s,.]?)+$' }])[0]!.reason).toMatch(/^not run/);
    expect(runChecks(answer, [{ id: 'r', type: 'regex', value: 'lazy (dog|cat)' }])[0]).toEqual({ assertionId: 'r', pass: true });
  });
});
