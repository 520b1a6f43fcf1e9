import { describe, expect, it } from 'vitest';
import { hasBidiControl, isBidiControl, namedControl, spellBidiControls } from './bidi-controls';

describe('bidirectional controls', () => {
  it('the pattern and the code-point test name the same characters, and only those', () => {
    const byPattern: number[] = [];
    const byCode: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (hasBidiControl(String.fromCharCode(code))) byPattern.push(code);
      if (isBidiControl(code)) byCode.push(code);
    }
    expect(byCode).toEqual(byPattern);
    expect(byCode).toEqual([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
  });

  it('spells every control and leaves right-to-left text alone', () => {
    expect(spellBidiControls('a\u202eb\u2066c שלום', namedControl)).toBe('a<U+202E>b<U+2066>c שלום');
  });
});
