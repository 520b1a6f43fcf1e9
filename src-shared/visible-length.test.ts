import { describe, expect, it } from 'vitest';
import { sampleSpread } from './sample-spread';
import { visibleLength } from './visible-length';

describe('visibleLength', () => {
  it('counts what a person sees as one character once: emoji, flags, families, combining accents, CR LF', () => {
    expect(visibleLength('')).toBe(0);
    expect(visibleLength('plain text, naïve\n')).toBe(18);
    expect(visibleLength('ok 😀')).toBe(4);
    expect(visibleLength('👍🏽')).toBe(1);
    expect(visibleLength('🇫🇷🇩🇪')).toBe(2);
    expect(visibleLength('👨‍👩‍👧')).toBe(1);
    expect(visibleLength('cafe\u0301')).toBe(4);
    expect(visibleLength('a\r\nb')).toBe(3);
    expect(visibleLength('日本語')).toBe(3);
  });

  it('is the repeat-run summary’s answer length', () => {
    const spread = sampleSpread([
      { status: 'done', text: '😀😀😀' },
      { status: 'done', text: 'abc' },
    ]);
    expect(spread.length).toMatchObject({ min: 3, max: 3 });
  });
});
