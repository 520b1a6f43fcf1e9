import { describe, expect, it } from 'vitest';
import { morePanesLabel, offscreenPanes } from './offscreen-panes';

// Three 300 px panes side by side.
const panes = [
  { left: 0, right: 300 },
  { left: 300, right: 600 },
  { left: 600, right: 900 },
];

describe('offscreenPanes', () => {
  it('finds nothing beyond the edges when every pane is in view', () => {
    expect(offscreenPanes(panes, { left: 0, right: 900 })).toEqual({ before: 0, after: 0, previous: undefined, next: undefined });
  });

  it('counts a pane cut by the right edge, and names it as the next to bring in', () => {
    expect(offscreenPanes(panes, { left: 0, right: 867 })).toEqual({ before: 0, after: 1, previous: undefined, next: 2 });
    expect(offscreenPanes(panes, { left: 0, right: 450 })).toEqual({ before: 0, after: 2, previous: undefined, next: 1 });
  });

  it('counts both sides when the board is scrolled to the middle, naming the nearest cut pane on each', () => {
    const wide = [...panes, { left: 900, right: 1200 }, { left: 1200, right: 1500 }];
    expect(offscreenPanes(wide, { left: 650, right: 1150 })).toEqual({ before: 3, after: 2, previous: 2, next: 3 });
  });

  it('does not count a pane that overhangs an edge by a rounding error', () => {
    expect(offscreenPanes(panes, { left: 0.6, right: 899.4 })).toEqual({ before: 0, after: 0, previous: undefined, next: undefined });
    expect(offscreenPanes(panes, { left: 0, right: 898 }).after).toBe(1);
  });
});

describe('morePanesLabel', () => {
  it('says pane or panes', () => {
    expect(morePanesLabel(1)).toBe('1 more pane');
    expect(morePanesLabel(3)).toBe('3 more panes');
  });
});
