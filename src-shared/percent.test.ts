import { describe, expect, it } from 'vitest';
import { formatShare } from './percent';

describe('formatShare', () => {
  it('reads whole percentages', () => {
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(0.8)).toBe('80 %');
    expect(formatShare(2 / 3, '')).toBe('67%');
  });

  it('never says all or none of something that is not', () => {
    expect(formatShare(199 / 200, '')).toBe('99.5%');
    expect(formatShare(1 / 201, '')).toBe('0.5%');
    expect(formatShare(1999 / 2000)).toBe('99.9 %');
    expect(formatShare(1 / 5000)).toBe('0.1 %');
  });
});
