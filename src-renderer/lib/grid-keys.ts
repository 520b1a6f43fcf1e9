// The keys of a data grid that is one Tab stop (the WAI-ARIA grid pattern): the arrows, Home/End and Page Up/Down
// move between cells, and a cell's own buttons are reached with Enter and cycled with Tab. The results grid had every
// button of every cell in the Tab order, hundreds of stops a keyboard user could not get past.

export interface GridPlace {
  /** From 0, the heading rows included. */
  row: number;
  col: number;
}

type Key = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>;

/** The cell a navigation key moves to from `at` in a grid of `rows` × `cols`; undefined for other keys. `page` rows per Page Up/Down. */
export function gridStep(event: Key, at: GridPlace, rows: number, cols: number, page: number): GridPlace | undefined {
  const clampRow = (row: number) => Math.max(0, Math.min(rows - 1, row));
  const clampCol = (col: number) => Math.max(0, Math.min(cols - 1, col));
  const ctrl = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case 'ArrowUp':
      return { row: clampRow(at.row - 1), col: at.col };
    case 'ArrowDown':
      return { row: clampRow(at.row + 1), col: at.col };
    case 'ArrowLeft':
      return { row: at.row, col: clampCol(at.col - 1) };
    case 'ArrowRight':
      return { row: at.row, col: clampCol(at.col + 1) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 };
    case 'PageUp':
      return { row: clampRow(at.row - page), col: at.col };
    case 'PageDown':
      return { row: clampRow(at.row + page), col: at.col };
    default:
      return undefined;
  }
}

const CONTROLS = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]';

/** The controls inside a cell, in document order: all out of the Tab order (tabindex -1), reached with Enter. */
export function cellControls(cell: Element): HTMLElement[] {
  return [...cell.querySelectorAll<HTMLElement>(CONTROLS)];
}

/** The control Tab (or Shift+Tab, `back`) goes to from `from` while the keyboard is inside `cell`: round its controls. */
export function cycleControls(cell: Element, from: Element, back: boolean): HTMLElement | undefined {
  const controls = cellControls(cell);
  if (controls.length === 0) return undefined;
  const at = controls.findIndex((c) => c === from || c.contains(from));
  const next = at === -1 ? (back ? controls.length - 1 : 0) : (at + (back ? -1 : 1) + controls.length) % controls.length;
  return controls[next];
}
