import { describe, expect, it } from 'vitest';
import { CASE_ROW, caseName, drawnRows, isBlock, nextCell, revealRow } from './cases-table';

describe('the rows the cases table draws', () => {
  it('draws the rows in view and eight more at each edge, within the table', () => {
    expect(drawnRows(0, 10 * CASE_ROW, 1000)).toEqual({ first: 0, last: 18 });
    expect(drawnRows(100 * CASE_ROW, 10 * CASE_ROW, 1000)).toEqual({ first: 92, last: 118 });
    expect(drawnRows(995 * CASE_ROW, 10 * CASE_ROW, 1000)).toEqual({ first: 987, last: 1000 });
  });
});

describe('scrolling a row into view', () => {
  const height = 10 * CASE_ROW;

  it('leaves a row in view where it is', () => {
    expect(revealRow(3, 0, height)).toBeUndefined();
  });

  it('scrolls up to a row above the view, and down to one below it so it shows whole under the header row', () => {
    expect(revealRow(2, 5 * CASE_ROW, height)).toBe(2 * CASE_ROW);
    // Nine rows fit under the header: row 9 needs the view moved by one row.
    expect(revealRow(8, 0, height)).toBeUndefined();
    expect(revealRow(9, 0, height)).toBe(CASE_ROW);
  });
});

describe('moving between cells', () => {
  it('Tab goes along the row and on to the next, Shift+Tab back; past either end it goes nowhere', () => {
    expect(nextCell('Tab', false, { row: 0, col: 1 }, 3, 3)).toEqual({ row: 0, col: 2 });
    expect(nextCell('Tab', false, { row: 0, col: 2 }, 3, 3)).toEqual({ row: 1, col: 0 });
    expect(nextCell('Tab', true, { row: 1, col: 0 }, 3, 3)).toEqual({ row: 0, col: 2 });
    expect(nextCell('Tab', true, { row: 0, col: 0 }, 3, 3)).toBeUndefined();
    expect(nextCell('Tab', false, { row: 2, col: 2 }, 3, 3)).toBeUndefined();
  });

  it('Enter goes down the column, and from the last row to a row to be added; Shift+Enter up, not above the first', () => {
    expect(nextCell('Enter', false, { row: 0, col: 1 }, 3, 3)).toEqual({ row: 1, col: 1 });
    expect(nextCell('Enter', false, { row: 2, col: 1 }, 3, 3)).toEqual({ row: 3, col: 1, adds: true });
    expect(nextCell('Enter', true, { row: 2, col: 1 }, 3, 3)).toEqual({ row: 1, col: 1 });
    expect(nextCell('Enter', true, { row: 0, col: 1 }, 3, 3)).toBeUndefined();
  });
});

describe('pasting', () => {
  it('takes a tab as a block, and one value with a final line break as a cell', () => {
    expect(isBlock('a\tb')).toBe(true);
    expect(isBlock('a\tb\r\nc\td\r\n')).toBe(true);
    expect(isBlock('one value\r\n')).toBe(false);
    expect(isBlock('one value')).toBe(false);
  });

  it('takes tab-indented code copied from an editor or a page (HTML without a table) as one cell’s text', () => {
    const code = 'func main() {\n\tfmt.Println("hi")\n}\n';
    // As VS Code puts it on the clipboard beside the plain text.
    expect(isBlock(code, '<div style="color: #d4d4d4;"><div><span>func</span> main() {</div><div>\tfmt.Println(<span>"hi"</span>)</div><div>}</div></div>')).toBe(false);
    expect(isBlock('x\ty', '<pre>x\ty</pre>')).toBe(false);
    // A spreadsheet's copy: its HTML is a table, one row or more.
    expect(isBlock('a\tb', '<table><tr><td>a</td><td>b</td></tr></table>')).toBe(true);
    expect(isBlock('a\tb\nc\td', '<google-sheets-html-origin><table><tbody><tr style="height:21px;"><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>')).toBe(true);
  });

  it('takes text with line breaks but no tab as one cell’s, unless the clipboard shows a table’s rows', () => {
    expect(isBlock('Hi team,\n\nThe invoice is late.\nRegards, Ann')).toBe(false);
    expect(isBlock('"Urgent" she wrote\r\nplease reply\r\n')).toBe(false);
    expect(isBlock('a\r\nb', '<p>a<br>b</p>')).toBe(false);
    // One column copied from a spreadsheet: its HTML is a table of rows.
    expect(isBlock('a\r\nb\r\n', '<table><tr><td>a</td></tr><tr style="height:21px"><td>b</td></tr></table>')).toBe(true);
    expect(isBlock('a\nb', '<table><tr><td>a<br>b</td></tr></table>')).toBe(false);
  });
});

describe('naming a case', () => {
  it('names a case by its number and the start of its first non-blank value', () => {
    expect(caseName({ a: ' ', b: 'Paris' }, 0)).toBe('case 1 (Paris)');
    expect(caseName({ a: 'x'.repeat(31) }, 4)).toBe(`case 5 (${'x'.repeat(29)}…)`);
    expect(caseName({ a: 'x'.repeat(30) }, 4)).toBe(`case 5 (${'x'.repeat(30)})`);
    expect(caseName({}, 2)).toBe('case 3');
  });
});
