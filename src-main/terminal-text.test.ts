// terminal-text.ts: control and bidi characters become visible escapes; everything else is left as it is.
import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from './terminal-text';

describe('escapeForTerminal', () => {
  it('shows C0 controls, DEL and C1 controls as \\x escapes', () => {
    expect(escapeForTerminal('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07');
    expect(escapeForTerminal('a\u0000b\tc\nd\re\u007ff\u0085g\u009bh')).toBe('a\\x00b\\x09c\\x0ad\\x0de\\x7ff\\x85g\\x9bh');
  });

  it('shows bidi marks, embeddings, overrides, isolates and line separators as \\u escapes', () => {
    expect(escapeForTerminal('txt.\u202egnp.exe')).toBe('txt.\\u202egnp.exe');
    const bidi = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u2028\u2029';
    expect(escapeForTerminal(bidi)).toBe('\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u2028\\u2029');
  });

  it('leaves printable text alone, including non-Latin scripts, emoji and backslashes', () => {
    const text = 'C:\\sessions\\été — 日本語 ✓ 🎉 "quoted"';
    expect(escapeForTerminal(text)).toBe(text);
  });
});
