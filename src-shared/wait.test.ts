// wait.ts: one unit ladder for waits, its boundaries, "much later", and which waits a policy may trust.
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_WAIT_MS, MUCH_LATER_MS, formatSpan, formatWait, isWait, usableWait, waitsWithin } from './wait';

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

describe('formatSpan', () => {
  it('seconds: tenths below 10 s, whole seconds up to ten minutes (the idle timeout reads "120 s")', () => {
    expect(formatSpan(300)).toBe('0.3 s');
    expect(formatSpan(1_500)).toBe('1.5 s');
    expect(formatSpan(9_940)).toBe('9.9 s');
    expect(formatSpan(9_960)).toBe('10 s');
    expect(formatSpan(7 * S)).toBe('7 s');
    expect(formatSpan(46_400)).toBe('46 s');
    expect(formatSpan(120 * S)).toBe('120 s');
    expect(formatSpan(599 * S)).toBe('599 s');
  });

  it('minutes from ten minutes, chosen on the rounded value', () => {
    expect(formatSpan(599_600)).toBe('10 min');
    expect(formatSpan(10 * MIN)).toBe('10 min');
    expect(formatSpan(119 * MIN)).toBe('119 min');
  });

  it('hours from two hours, days from two days', () => {
    expect(formatSpan(119.5 * MIN)).toBe('2 h');
    expect(formatSpan(2 * H)).toBe('2 h');
    expect(formatSpan(47 * H)).toBe('47 h');
    expect(formatSpan(47.5 * H)).toBe('2 days');
    expect(formatSpan(7 * DAY)).toBe('7 days');
    expect(formatSpan(1e12)).toBe('11574 days');
  });

  it('says so for a span that is not a number of milliseconds', () => {
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) expect(formatSpan(bad)).toBe('an unknown time');
  });
});

describe('formatWait', () => {
  it('"in …" up to a week, "much later" beyond', () => {
    expect(formatWait(46 * S)).toBe('in 46 s');
    expect(formatWait(3 * H)).toBe('in 3 h');
    expect(formatWait(MUCH_LATER_MS)).toBe('in 7 days');
    expect(formatWait(MUCH_LATER_MS + 1)).toBe('much later');
    // Retry-After: 1000000000 once read "16666667 min".
    expect(formatWait(1e12)).toBe('much later');
    expect(formatWait(MAX_KEPT_WAIT_MS)).toBe('much later');
  });

  it('never prints NaN, a negative or Infinity', () => {
    for (const bad of [Number.NaN, -5_000, Number.POSITIVE_INFINITY]) expect(formatWait(bad)).toBe('much later');
  });
});

describe('isWait and waitsWithin', () => {
  it('accept a finite wait that is not negative', () => {
    expect([0, 1, MAX_KEPT_WAIT_MS].map(isWait)).toEqual([true, true, true]);
    expect([-1, Number.NaN, Number.POSITIVE_INFINITY, '5', undefined].map(isWait)).toEqual([false, false, false, false, false]);
  });

  it('a policy may wait when nothing or a usable wait within its cap was asked', () => {
    expect(waitsWithin(undefined, 60_000)).toBe(true);
    expect(waitsWithin(60_000, 60_000)).toBe(true);
    expect(waitsWithin(60_001, 60_000)).toBe(false);
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) expect(waitsWithin(bad, 60_000)).toBe(false);
  });

  it('usableWait keeps a usable wait and takes any other as none given', () => {
    expect([0, 5_000, undefined, Number.NaN, -1, Number.POSITIVE_INFINITY].map(usableWait)).toEqual([0, 5_000, undefined, undefined, undefined, undefined]);
  });
});
