// The arithmetic of synchronised scrolling: same turn, same fraction of it.
import { describe, expect, it } from 'vitest';
import { anchorAt, scrollTopFor } from './scroll-sync';

const a = [
  { top: 0, height: 400 },
  { top: 420, height: 1000 },
];
const b = [
  { top: 0, height: 200 },
  { top: 220, height: 300 },
];

describe('scroll anchors', () => {
  it('finds the turn at the top and how far into it', () => {
    expect(anchorAt(a, 0)).toEqual({ index: 0, fraction: 0, lead: 0 });
    expect(anchorAt(a, 200)).toEqual({ index: 0, fraction: 0.5, lead: 0 });
    expect(anchorAt(a, 920)).toEqual({ index: 1, fraction: 0.5, lead: 0 });
  });

  it('maps to the same turn and fraction in another pane', () => {
    expect(scrollTopFor(b, { index: 1, fraction: 0.5, lead: 0 })).toBe(370);
    expect(scrollTopFor(b, { index: 0, fraction: 0.5, lead: 0 })).toBe(100);
  });

  it('uses the last turn when the other pane has fewer, and nothing when it has none', () => {
    expect(scrollTopFor(b.slice(0, 1), { index: 1, fraction: 1, lead: 0 })).toBe(200);
    expect(scrollTopFor([], { index: 0, fraction: 0, lead: 0 })).toBeUndefined();
    expect(anchorAt([], 10)).toBeUndefined();
  });

  it('past the end stays in the last turn', () => {
    expect(anchorAt(a, 5000)).toEqual({ index: 1, fraction: 1, lead: 0 });
  });

  it('keeps the distance above the first turn, so the very top maps to the very top', () => {
    const padded = [{ top: 18, height: 400 }];
    const anchor = anchorAt(padded, 0)!;
    expect(anchor).toEqual({ index: 0, fraction: 0, lead: -18 });
    expect(scrollTopFor([{ top: 18, height: 900 }], anchor)).toBe(0);
  });
});
