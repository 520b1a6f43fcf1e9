// Running one benchmark section: which sections `--only` names, and how they replace their old text in RESULTS.md.
import { describe, expect, it } from 'vitest';
import { parseOnly, spliceSections } from './report';

describe('parseOnly', () => {
  it('is a whole run without --only', () => {
    expect(parseOnly([])).toBeUndefined();
    expect(parseOnly(['--other'])).toBeUndefined();
  });

  it('reads the sections after --only or --only=, comma separated', () => {
    expect([...parseOnly(['--only', '3b'])!]).toEqual(['3b']);
    expect([...parseOnly(['--only=3, 3b'])!]).toEqual(['3', '3b']);
  });

  it('refuses an unknown or missing section, naming the ones there are', () => {
    expect(() => parseOnly(['--only', '9'])).toThrow(/no section 9 \(sections: 1, 2, 2b, 3, 3b, 3c, 4, 5, 5b\)/);
    expect(() => parseOnly(['--only', 'Before/after'])).toThrow(/no section Before\/after/);
    expect(() => parseOnly(['--only'])).toThrow(/needs one or more sections/);
  });
});

describe('spliceSections', () => {
  const existing = ['# Results', '', 'Measured then.', '', '## 3. Long', '', 'old 3', '', '## 4. Sessions', '', 'old 4', '', '## Before/after (x)', '', 'ba', ''].join('\n');

  it('puts a section in place of the one with its number, keeping the rest as it was', () => {
    const out = spliceSections(existing, new Map([['3', ['## 3. Long', '', 'new 3', '']]]));
    expect(out).toBe(existing.replace('old 3', 'new 3'));
  });

  it('inserts a section it does not have before the first that follows it', () => {
    const out = spliceSections(existing, new Map([['3b', ['## 3b. Grounded', '', 'new 3b', '']]]));
    expect(out.split('\n')).toEqual(['# Results', '', 'Measured then.', '', '## 3. Long', '', 'old 3', '', '## 3b. Grounded', '', 'new 3b', '', '## 4. Sessions', '', 'old 4', '', '## Before/after (x)', '', 'ba', '']);
  });

  it('appends a section when none follows it, and refuses text without its heading', () => {
    const out = spliceSections('# R\n\n## 1. A\n\na\n', new Map([['5b', ['## 5b. T', '', 't', '']]]));
    expect(out).toBe('# R\n\n## 1. A\n\na\n\n## 5b. T\n\nt\n');
    expect(() => spliceSections(existing, new Map([['3b', ['## 3. Long', 'x']]]))).toThrow(/must start with its "## 3b\." heading/);
  });
});
