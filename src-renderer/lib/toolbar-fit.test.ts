import { describe, expect, it } from 'vitest';
import { fitToolbar, type FitItem } from './toolbar-fit';

// In bar order; priorities say which stays longest (1 = last to go).
const items: FitItem[] = [
  { id: 'history', width: 100, priority: 6 },
  { id: 'add', width: 90, priority: 1 },
  { id: 'compare', width: 70, priority: 2 },
  { id: 'export', width: 90, priority: 3 },
  { id: 'sync', width: 80, priority: 5 },
  { id: 'help', width: 24, priority: 7 },
];
const space = { gap: 6, overflowWidth: 24 };
// 454 of widths and 5 gaps of 6.
const FULL = 484;

const kept = (available: number) => [...fitToolbar(items, { ...space, available })].sort();

describe('fitToolbar', () => {
  it('keeps every control, and no "⋯", when the whole row fits', () => {
    expect(kept(FULL)).toEqual(['add', 'compare', 'export', 'help', 'history', 'sync']);
    expect(kept(1000)).toHaveLength(items.length);
  });

  it('tolerates the half pixel that sub-pixel widths add up to', () => {
    expect(kept(FULL - 0.4)).toHaveLength(items.length);
    expect(kept(FULL - 1)).not.toContain('help');
  });

  it('reserves room for "⋯" and gives up the least important controls first', () => {
    // 483 - 24 - 6 = 453 of room: add, compare, export, sync and history take 430 + 4 gaps = 454.
    expect(kept(FULL - 1)).toEqual(['add', 'compare', 'export', 'sync']);
    // 300 - 30 = 270: add + compare + export = 250 + 2 gaps = 262; sync would make 348.
    expect(kept(300)).toEqual(['add', 'compare', 'export']);
  });

  it('never keeps a control while a more important one is in the menu, even where the smaller one would fit', () => {
    // 210 of room: add + compare = 166; export (90) does not fit, help (24) would, but it matters least.
    expect(kept(240)).toEqual(['add', 'compare']);
  });

  it('keeps nothing in a bar too narrow for one control, leaving every one to the menu', () => {
    expect(kept(100)).toEqual([]);
    expect(kept(0)).toEqual([]);
  });

  it('breaks ties between equal priorities by bar order', () => {
    const tied = items.map((item) => ({ ...item, priority: 1 }));
    expect([...fitToolbar(tied, { ...space, available: 230 })]).toEqual(['history', 'add']);
  });

  it('refuses a width that is not a measurement', () => {
    expect(() => fitToolbar(items, { ...space, available: Number.NaN })).toThrow(/toolbar width/);
    expect(() => fitToolbar(items, { ...space, available: -1 })).toThrow(/≥ 0/);
  });
});
