import { describe, expect, it } from 'vitest';
import { formatOfFile } from './case-format';
import { exportCsv, exportJsonl, importCases, importDelimited, importJsonl, importPasted, type ImportResult } from './cases-io';
import { MAX_CASES } from './constants';
import { testCaseSchema, type TestCase } from './test-set';

const ids = () => {
  let n = 0;
  return () => `c${++n}`;
};
const opts = () => ({ newId: ids() });

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
}

describe('CSV import', () => {
  it('reads the header as variables, expected and notes case-insensitively', () => {
    const result = importDelimited('question,Expected,NOTES,lang\nWhat is 2+2?,4,easy,en\n', ',', opts());
    expect(result).toEqual({
      ok: true,
      variables: ['question', 'lang'],
      cases: [{ id: 'c1', values: { question: 'What is 2+2?', lang: 'en' }, expected: '4', notes: 'easy' }],
    });
  });

  it('handles an Excel BOM, CRLF, quoted commas, quotes and newlines, and unicode', () => {
    const text = '\ufeffq,expected\r\n"a, b","say ""hi""\r\nthen go"\r\nZoë 👋,日本\r\n';
    expect(ok(importDelimited(text, ',', opts())).cases).toEqual([
      { id: 'c1', values: { q: 'a, b' }, expected: 'say "hi"\r\nthen go' },
      { id: 'c2', values: { q: 'Zoë 👋' }, expected: '日本' },
    ]);
  });

  it('keeps cell whitespace, trims header names, and an empty expected means none', () => {
    expect(ok(importDelimited(' q , expected\n  padded ,\n', ',', opts())).cases).toEqual([{ id: 'c1', values: { q: '  padded ' } }]);
  });

  it('skips blank lines and the rows of bare separators a spreadsheet saves, but keeps a row that quotes an empty cell', () => {
    expect(ok(importDelimited('a,b\n\n1,2\n\n"",\n,\n,\n', ',', opts())).cases.map((c) => c.values)).toEqual([{ a: '1', b: '2' }, { a: '', b: '' }]);
    expect(ok(importCases('a\tb\tc\r\nx\t\ty\r\n\t\t\r\n\t\t\r\n', 'tsv', opts())).cases.map((c) => c.values)).toEqual([{ a: 'x', b: '', c: 'y' }]);
  });

  it('reads TSV', () => {
    expect(ok(importCases('a\tb\nx,y\tz\n', 'tsv', opts())).cases[0]!.values).toEqual({ a: 'x,y', b: 'z' });
  });

  it('refuses a column named as JavaScript objects’ own properties, naming it, and reads Expected / Notes as the table’s columns', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const result = importDelimited(`q,${name}\nx,y\n`, ',', opts());
      expect(result).toMatchObject({ ok: false, line: 1, message: `Line 1: column 2: “${name}” is a name JavaScript objects already use; rename the column` });
    }
    expect(ok(importDelimited('q,Expected,NOTES\nx,y,z\n', ',', opts())).cases).toEqual([{ id: 'c1', values: { q: 'x' }, expected: 'y', notes: 'z' }]);
  });
});

describe('CSV refusals name the line', () => {
  const refusal = (text: string) => {
    const result = importDelimited(text, ',', opts());
    return result.ok ? 'accepted' : result.message;
  };

  it('a row with too many or too few cells, counting lines inside quoted cells', () => {
    expect(refusal('a,b\n"multi\nline",2\n1,2,3\n')).toBe('Line 4: 3 cells where the header has 2');
    expect(refusal('a,b\r\n1,2\r\n\r\n3\r\n')).toBe('Line 4: 1 cells where the header has 2');
  });

  it('an unclosed quote', () => {
    expect(refusal('a,b\n1,2\n3,"never closed\n4,5\n')).toMatch(/^Line 3: a quoted cell is never closed/);
    // The row starts on line 2; the quote that is never closed is on line 3.
    expect(refusal('a,b\n"multi\nline","never closed\n4,5\n')).toMatch(/^Line 3: a quoted cell is never closed/);
  });

  it('text after a closing quote', () => {
    expect(refusal('a,b\n1,2\n"x"y,2\n')).toMatch(/^Line 3: a quoted cell has text after its closing "/);
  });

  it('bad, empty or duplicate header names', () => {
    expect(refusal('ok,my var\n1,2\n')).toMatch(/^Line 1: column 2 is named "my var", which is not a variable name/);
    expect(refusal('a,,b\n1,2,3\n')).toBe('Line 1: column 2 has no name in the header row');
    expect(refusal('a,a\n1,2\n')).toBe('Line 1: column 2: "a" appears twice in the header row');
    expect(refusal('Expected,expected\n1,2\n')).toBe('Line 1: column 2: "expected" appears twice in the header row');
  });

  it('an empty file', () => {
    expect(refusal('')).toBe('Line 1: the file is empty; its first row names the columns');
  });

  it(`more than ${MAX_CASES} cases`, () => {
    const text = `a\n${Array.from({ length: MAX_CASES + 1 }, (_, i) => `v${i}`).join('\n')}\n`;
    expect(refusal(text)).toBe(`Line ${MAX_CASES + 2}: this is case 1,001; a test set holds at most 1,000`);
    expect(refusal(`a\n${Array.from({ length: MAX_CASES }, (_, i) => `v${i}`).join('\n')}\n`)).toBe('accepted');
  });
});

describe('JSONL import', () => {
  it('reads one object per line, the union of keys as variables, blank lines skipped', () => {
    const text = '{"q": "one", "expected": "1"}\r\n\n{"q": "two", "ctx": "x", "Notes": "n"}\n';
    expect(importJsonl(text, opts())).toEqual({
      ok: true,
      variables: ['q', 'ctx'],
      cases: [
        { id: 'c1', values: { q: 'one' }, expected: '1' },
        { id: 'c2', values: { q: 'two', ctx: 'x' }, notes: 'n' },
      ],
    });
  });

  it('skips an Excel BOM', () => {
    expect(ok(importJsonl('\ufeff{"q": "a"}', opts())).cases[0]!.values).toEqual({ q: 'a' });
  });

  it('refuses with the line and reason', () => {
    const refusal = (text: string) => {
      const result = importJsonl(text, opts());
      return result.ok ? 'accepted' : [result.line, result.message];
    };
    expect(refusal('{"q": "a"}\n\n{"q": }\n')).toEqual([3, 'Line 3: not valid JSON: column 7: unexpected token \'}\'']);
    expect(refusal('{"q": 3}')).toEqual([1, 'Line 1: "q" is a number; every value is a string']);
    expect(refusal('{"q": "a"}\n["a"]')).toEqual([2, 'Line 2: each line is one JSON object, like {"question": "…", "expected": "…"}']);
    expect(refusal('{"bad key": "a"}')).toEqual([1, expect.stringMatching(/^Line 1: "bad key" is not a variable name/)]);
    expect(refusal('{"expected": "a", "EXPECTED": "b"}')).toEqual([1, 'Line 1: "EXPECTED" appears twice']);
    expect(refusal('{"q": "a"}\n{"q": "b", "__proto__": "p"}')).toEqual([2, 'Line 2: “__proto__” is a name JavaScript objects already use; rename the key']);
    expect(refusal('{"constructor": "c"}')).toEqual([1, 'Line 1: “constructor” is a name JavaScript objects already use; rename the key']);
  });
});

describe('pasting a spreadsheet block', () => {
  it('maps cells by column order when the table has columns: variables, expected, notes', () => {
    const result = ok(importPasted('x1\ty1\texp\r\nx2\r\n', ['x', 'y'], opts()));
    expect(result.variables).toEqual(['x', 'y']);
    expect(result.cases).toEqual([
      { id: 'c1', values: { x: 'x1', y: 'y1' }, expected: 'exp' },
      { id: 'c2', values: { x: 'x2' } },
    ]);
  });

  it('uses a first row that names the columns as a header, in any order', () => {
    expect(ok(importPasted('y\tEXPECTED\tx\nY\tE\tX\n', ['x', 'y'], opts())).cases).toEqual([{ id: 'c1', values: { y: 'Y', x: 'X' }, expected: 'E' }]);
  });

  it('a header naming a column the table lacks is still a header: the column is added, or refused by name, never a case', () => {
    const added = ok(importPasted('city\tcountry\texpected\nParis\tFrance\tyes\n', ['city', 'notes_x'], opts()));
    expect(added.variables).toEqual(['city', 'country']);
    expect(added.cases).toEqual([{ id: 'c1', values: { city: 'Paris', country: 'France' }, expected: 'yes' }]);
    expect(importPasted('city\tcountry\tExpected answer\nParis\tFrance\tyes\n', ['city', 'country'], opts())).toMatchObject({ ok: false, line: 1, message: expect.stringContaining('"Expected answer", which is not a variable name') });
    // One known name among as many values is data, as a spreadsheet row that merely holds it would be.
    expect(ok(importPasted('city\tFrance\n', ['city', 'country'], opts())).cases).toEqual([{ id: 'c1', values: { city: 'city', country: 'France' } }]);
  });

  it('refuses a row wider than the table', () => {
    expect(importPasted('1\t2\t3\t4\n', ['x'], opts())).toEqual({ ok: false, line: 1, message: 'Line 1: 4 cells, but the table has 3 columns (1 variables, expected, notes)' });
  });

  it('a table without columns takes the header row', () => {
    expect(ok(importPasted('a\tb\n1\t2\n', [], opts())).variables).toEqual(['a', 'b']);
  });

  it('keeps a quoted multi-line cell as a spreadsheet copies it', () => {
    expect(ok(importPasted('"two\nlines"\tb\n', ['x', 'y'], opts())).cases[0]!.values).toEqual({ x: 'two\nlines', y: 'b' });
  });
});

describe('export and round trip', () => {
  const variables = ['question', 'context'];
  const cases: TestCase[] = [
    { id: 'c1', values: { question: 'a, "quoted"', context: 'line1\nline2' }, expected: ' 4 ', notes: 'n' },
    { id: 'c2', values: { question: '=1+1', context: 'Zoë 👋 日本' } },
    { id: 'c3', values: { question: ' padded ', context: 'tab\there' }, expected: 'x' },
  ];

  it('CSV: BOM, CRLF rows, quoting where needed', () => {
    expect(exportCsv(['q'], [{ id: 'a', values: { q: 'x,y' } }, { id: 'b', values: { q: 'say "hi"' } }])).toBe('\ufeffq\r\n"x,y"\r\n"say ""hi"""\r\n');
  });

  it('CSV → import gives the same cases, each one the session schema accepts', () => {
    const back = ok(importCases(exportCsv(variables, cases), 'csv', { newId: () => crypto.randomUUID() }));
    expect(back.variables).toEqual(variables);
    expect(back.cases.map(({ id: _, ...rest }) => rest)).toEqual(cases.map(({ id: _, ...rest }) => rest));
    for (const c of back.cases) expect(testCaseSchema.safeParse(c).success).toBe(true);
  });

  it('CSV of one column: a case with no value is written "" and comes back, not a blank line the import skips', () => {
    const three: TestCase[] = [{ id: 'a', values: { q: 'first' } }, { id: 'b', values: {} }, { id: 'c', values: { q: 'last' } }];
    const text = exportCsv(['q'], three);
    expect(text).toBe('\ufeffq\r\nfirst\r\n""\r\nlast\r\n');
    const back = ok(importCases(text, 'csv', { newId: () => crypto.randomUUID() }));
    expect(back.cases).toHaveLength(3);
  });

  it('refuses notes longer than the session keeps', () => {
    const result = importDelimited(`a,notes\n1,${'n'.repeat(10_001)}\n`, ',', opts());
    expect(result).toMatchObject({ ok: false, line: 2, message: 'Line 2: cell 2 is 10,001 characters; at most 10,000' });
  });

  it('JSONL → import gives the same cases', () => {
    const text = exportJsonl(variables, cases);
    expect(text.split('\n')).toHaveLength(cases.length + 1);
    const back = ok(importCases(text, 'jsonl', opts()));
    expect(back.variables).toEqual(variables);
    expect(back.cases).toEqual(cases);
  });

  it('CSV of several columns: a case with nothing in any cell is written quoted and comes back', () => {
    const text = exportCsv(['a', 'b'], [{ id: 'x', values: {} }, { id: 'y', values: { a: '1' } }]);
    expect(text).toBe('\ufeffa,b\r\n"",""\r\n1,\r\n');
    expect(ok(importCases(text, 'csv', opts())).cases.map((c) => c.values)).toEqual([{ a: '', b: '' }, { a: '1', b: '' }]);
  });

  it('CSV leaves out expected and notes when no case has them, and writes a missing value as empty', () => {
    expect(exportCsv(['a', 'b'], [{ id: 'x', values: { a: '1' } }])).toBe('\ufeffa,b\r\n1,\r\n');
  });

  it('JSONL leaves a missing value out', () => {
    expect(exportJsonl(['a', 'b'], [{ id: 'x', values: { a: '1' } }])).toBe('{"a":"1"}\n');
  });

  it('JSONL spells bidirectional controls as \\u escapes, so no editor shows the file reordered; reading it back gives them again', () => {
    const sneaky = 'access = "user\u202e \u2066// admin\u2069 \u2066"';
    const text = exportJsonl(['q'], [{ id: 'x', values: { q: sneaky }, expected: 'ok\u200f' }]);
    expect(text).toBe('{"q":"access = \\"user\\u202e \\u2066// admin\\u2069 \\u2066\\"","expected":"ok\\u200f"}\n');
    const back = importJsonl(text);
    expect(back.ok && back.cases[0]).toMatchObject({ values: { q: sneaky }, expected: 'ok\u200f' });
  });

  it('does not read inherited properties as values, and keeps a __proto__ value of a set saved before such names were refused', () => {
    expect(exportCsv(['a', 'constructor'], [{ id: 'x', values: { a: '1' } }])).toBe('\ufeffa,constructor\r\n1,\r\n');
    const values = JSON.parse('{"__proto__": "p"}') as Record<string, string>;
    expect(exportJsonl(['__proto__'], [{ id: 'x', values }])).toBe('{"__proto__":"p"}\n');
  });
});

describe('formatOfFile', () => {
  it('reads the extension', () => {
    expect(['a.CSV', 'b.tsv', 'c.jsonl', 'd.ndjson', 'e.json'].map(formatOfFile)).toEqual(['csv', 'tsv', 'jsonl', 'jsonl', undefined]);
  });
});
