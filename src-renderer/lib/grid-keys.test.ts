import { describe, expect, it } from 'vitest';
import { gridStep } from './grid-keys';

const key = (k: string, ctrlKey = false) => ({ key: k, ctrlKey, metaKey: false });
/** A grid of 22 rows (two heading rows, 20 cases) × 4 columns, 4 rows a page. */
const step = (k: string, row: number, col: number, ctrl = false) => gridStep(key(k, ctrl), { row, col }, 22, 4, 4);

describe('moving between the results grid’s cells', () => {
  it('moves one cell with an arrow, and stops at the edges', () => {
    expect(step('ArrowDown', 2, 1)).toEqual({ row: 3, col: 1 });
    expect(step('ArrowUp', 2, 1)).toEqual({ row: 1, col: 1 });
    expect(step('ArrowRight', 2, 1)).toEqual({ row: 2, col: 2 });
    expect(step('ArrowLeft', 2, 1)).toEqual({ row: 2, col: 0 });
    expect(step('ArrowUp', 0, 0)).toEqual({ row: 0, col: 0 });
    expect(step('ArrowLeft', 0, 0)).toEqual({ row: 0, col: 0 });
    expect(step('ArrowDown', 21, 3)).toEqual({ row: 21, col: 3 });
    expect(step('ArrowRight', 21, 3)).toEqual({ row: 21, col: 3 });
  });

  it('goes to the row’s ends with Home and End, the grid’s with Ctrl', () => {
    expect(step('Home', 5, 2)).toEqual({ row: 5, col: 0 });
    expect(step('End', 5, 2)).toEqual({ row: 5, col: 3 });
    expect(step('Home', 5, 2, true)).toEqual({ row: 0, col: 0 });
    expect(step('End', 5, 2, true)).toEqual({ row: 21, col: 3 });
  });

  it('moves a page of rows with Page Up and Down, no further than the first and last rows', () => {
    expect(step('PageDown', 5, 2)).toEqual({ row: 9, col: 2 });
    expect(step('PageUp', 5, 2)).toEqual({ row: 1, col: 2 });
    expect(step('PageDown', 20, 2)).toEqual({ row: 21, col: 2 });
    expect(step('PageUp', 2, 2)).toEqual({ row: 0, col: 2 });
  });

  it('leaves other keys alone', () => {
    expect(step('Enter', 5, 2)).toBeUndefined();
    expect(step('a', 5, 2)).toBeUndefined();
  });
});
