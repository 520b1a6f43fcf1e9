// overBudget: every visit counts, a shared object once per path to it, and the first limit gone over is named.
import { describe, expect, it } from 'vitest';
import { deeperThan } from './storage/safe-json';
import { describeOverrun, overBudget, walkValue, type ValueBudget } from './value-budget';

const ROOMY: ValueBudget = { maxDepth: 100, maxValues: 1_000, maxChars: 1_000 };

describe('overBudget', () => {
  it('counts each object, array, field and item, and an object reached twice twice', () => {
    // The object, its two fields, and the array's three items: six values.
    expect(overBudget({ a: 1, b: [true, null, 'x'] }, { ...ROOMY, maxValues: 6 })).toBeUndefined();
    expect(overBudget({ a: 1, b: [true, null, 'x'] }, { ...ROOMY, maxValues: 5 })).toEqual({ limit: 'values', maxValues: 5 });
    const shared = { x: 1 };
    expect(overBudget([shared, shared], { ...ROOMY, maxValues: 5 })).toBeUndefined();
    expect(overBudget([shared, shared], { ...ROOMY, maxValues: 4 })).toEqual({ limit: 'values', maxValues: 4 });
  });

  it("counts an array's length, holes included, as JSON.stringify writes each hole", () => {
    const sparse: unknown[] = [];
    sparse.length = 1_000_000_000;
    expect(overBudget(sparse, ROOMY)).toEqual({ limit: 'values', maxValues: 1_000 });
  });

  it('counts the characters of strings and keys at every place they are reached', () => {
    const shared = { abc: 'defg' };
    expect(overBudget([shared, shared], { ...ROOMY, maxChars: 14 })).toBeUndefined();
    expect(overBudget([shared, shared], { ...ROOMY, maxChars: 13 })).toEqual({ limit: 'chars', maxChars: 13 });
  });

  it('counts bytes one by one unless they are opaque', () => {
    const bytes = { data: new Uint8Array(2_000) };
    expect(overBudget(bytes, ROOMY)).toEqual({ limit: 'values', maxValues: 1_000 });
    expect(overBudget(bytes, { ...ROOMY, opaqueBytes: true })).toBeUndefined();
  });

  it('names the first place deeper than the limit, as deeperThan (which it serves) reports it', () => {
    const value = { panes: [{ turns: [{ steps: [{ deep: [[[{ x: [] }]]] }] }] }] };
    const deep = 'panes.0.turns.0.steps.0.deep.0.…';
    const expected = ['panes', 'panes.0.turns', 'panes.0.turns.0.steps.0', 'panes.0.turns.0.steps.0.deep.0', deep, deep, deep, undefined];
    for (const [i, limit] of [1, 3, 6, 8, 9, 10, 11, 12].entries()) {
      const over = overBudget(value, { ...ROOMY, maxDepth: limit });
      expect(over === undefined ? undefined : over.limit === 'depth' && over.path, `limit ${limit}`).toBe(expected[i]);
      expect(deeperThan(value, limit), `deeperThan, limit ${limit}`).toBe(expected[i]);
    }
    expect(describeOverrun({ limit: 'depth', path: 'panes.0', maxDepth: 2 }, 'it')).toBe('panes.0 is nested more than 2 levels deep');
  });

  it('says how deep a value within budget goes, as JSON counts it, so a lower limit needs no second walk', () => {
    expect(walkValue('text', ROOMY)).toEqual({ over: undefined, depth: 0 });
    expect(walkValue({}, ROOMY)).toEqual({ over: undefined, depth: 1 });
    expect(walkValue({ a: [1, { b: [] }], c: {} }, ROOMY)).toEqual({ over: undefined, depth: 4 });
    expect(walkValue([[[]]], { ...ROOMY, maxDepth: 2 })).toMatchObject({ over: { limit: 'depth' } });
  });

  it('stops at a cycle by its depth', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(overBudget(loop, { ...ROOMY, maxDepth: 3 })).toEqual({ limit: 'depth', path: 'self.self.self', maxDepth: 3 });
  });
});
