import { describe, expect, it } from 'vitest';
import { plainNumber, showNumber } from './values';

describe('plainNumber', () => {
  it('writes numbers JavaScript shows in exponent form as plain decimals that read back the same', () => {
    const cases: [number, string][] = [
      [1e-7, '0.0000001'],
      [1.5e-7, '0.00000015'],
      [-2.25e-9, '-0.00000000225'],
      [1e21, '1000000000000000000000'],
      [1.25e22, '12500000000000000000000'],
      [0.5, '0.5'],
      [2, '2'],
    ];
    for (const [n, text] of cases) {
      expect(plainNumber(n)).toBe(text);
      expect(Number(text)).toBe(n);
    }
    expect(showNumber(-1e-7)).toBe('−0.0000001');
  });
});
