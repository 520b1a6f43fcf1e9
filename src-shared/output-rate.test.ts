// The speed of an answer is measured only over a stretch long enough to time.
import { describe, expect, it } from 'vitest';
import { MIN_RATE_WINDOW_MS, outputRate } from './output-rate';

describe('output rate', () => {
  it('is tokens per second from the minimum stretch on', () => {
    expect(outputRate(100, MIN_RATE_WINDOW_MS)).toBe((100 * 1000) / MIN_RATE_WINDOW_MS);
    expect(outputRate(30, 1_500)).toBe(20);
  });

  it('is not measured just below the minimum (an answer in one chunk), nor without a token count', () => {
    expect(outputRate(100, MIN_RATE_WINDOW_MS - 0.1)).toBeUndefined();
    expect(outputRate(35_700, 0.25)).toBeUndefined();
    expect(outputRate(100, 0)).toBeUndefined();
    expect(outputRate(100, Number.NaN)).toBeUndefined();
    expect(outputRate(undefined, 5_000)).toBeUndefined();
  });
});
