// The test cases table's rows and keyboard moves (issue 17): which rows are drawn when only those in view are, where
// the scroller goes to show a row under the sticky header, and which cell Tab / Enter lead to. Pure, so they are
// checked without a DOM.

/** A row's height in px; cells are one line tall until focused (then the text opens over the rows below). */
export const CASE_ROW = 34;
/** Rows drawn beyond each edge of the view, so a quick scroll does not show blank space first. */
const OVERSCAN = 8;

export interface Cell {
  row: number;
  col: number;
}

/** The rows to draw, [first, last), for a scroller at `scrollTop` showing `viewport` px of `count` rows. */
export function drawnRows(scrollTop: number, viewport: number, count: number): { first: number; last: number } {
  return {
    first: Math.max(0, Math.floor(scrollTop / CASE_ROW) - OVERSCAN),
    last: Math.min(count, Math.ceil((scrollTop + viewport) / CASE_ROW) + OVERSCAN),
  };
}

/** The scrollTop that shows `row` whole below the header row; undefined when it is in view already. */
export function revealRow(row: number, scrollTop: number, clientHeight: number): number | undefined {
  const top = row * CASE_ROW;
  const header = CASE_ROW;
  if (top < scrollTop) return top;
  if (top + CASE_ROW > scrollTop + clientHeight - header) return top + CASE_ROW + header - clientHeight;
  return undefined;
}

/**
 * Where Tab (along the rows, wrapping to the next) or Enter (down the column; `back` for Shift) goes from `at` in a
 * table of `rows` × `cols`. undefined: nowhere (Tab past either end then leaves the table, as Tab does). `adds`:
 * Enter on the last row, which goes to a new row if one can be added.
 */
export function nextCell(key: 'Tab' | 'Enter', back: boolean, at: Cell, rows: number, cols: number): (Cell & { adds?: true }) | undefined {
  if (key === 'Tab') {
    const i = at.row * cols + at.col + (back ? -1 : 1);
    return i < 0 || i >= rows * cols ? undefined : { row: Math.floor(i / cols), col: i % cols };
  }
  if (back) return at.row > 0 ? { row: at.row - 1, col: at.col } : undefined;
  return at.row < rows - 1 ? { row: at.row + 1, col: at.col } : { row: at.row + 1, col: at.col, adds: true };
}

/**
 * Pasted text that is a spreadsheet's block rather than one cell's text: cells side by side (a tab), or lines that
 * the clipboard's HTML shows were rows of a table (one column copied from a spreadsheet). Any other text with line
 * breaks (a letter, a poem, code) is one cell's value; a final line break does not count. Tabs with HTML that holds
 * no table are an editor's or a page's text (Go or a Makefile, tab-indented): taken as cells, its lines became cases
 * with code in Expected and Notes, and the code could not go into one cell. Spreadsheets put their table beside the text.
 */
export function isBlock(text: string, html = ''): boolean {
  const body = text.replace(/\r?\n$/, '');
  const rows = html.match(/<tr[\s>]/gi)?.length ?? 0;
  if (body.includes('\t')) return html === '' || rows > 0;
  if (!/[\r\n]/.test(body)) return false;
  return rows > 1;
}

/** How a row's buttons name their case: its number and, to tell rows apart, the start of its first value. */
export function caseName(values: Readonly<Record<string, string>> | undefined, row: number): string {
  const value = values ? Object.values(values).find((v) => v.trim() !== '') : undefined;
  return value ? `case ${row + 1} (${value.length > 30 ? `${value.slice(0, 29)}…` : value})` : `case ${row + 1}`;
}
