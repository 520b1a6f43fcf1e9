// Whether two documents would be written as the same JSON (key order aside): the JSON text of each with its keys
// sorted is the referee (no node:* here: renderer code and its tests stay off Node's modules).
import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json';

const shared = { text: 'x'.repeat(1000), list: [1, 2, 3] };
const pairs: [string, unknown, unknown][] = [
  ['equal trees built apart', { a: [1, { b: 'c' }], d: null }, { d: null, a: [1, { b: 'c' }] }],
  ['an undefined property and none', { a: 1, b: undefined }, { a: 1 }],
  ['none and an undefined property', { a: 1 }, { a: 1, b: undefined }],
  ['a value and none', { a: 1, b: 2 }, { a: 1 }],
  ['none and a value', { a: 1 }, { a: 1, b: 2 }],
  ['another key, same count', { a: 1 }, { b: 1 }],
  ['a changed leaf deep down', { a: [{ b: [1, 2] }] }, { a: [{ b: [1, 3] }] }],
  ['a longer array', [1, 2], [1, 2, 3]],
  ['an array and an object', [], {}],
  ['null and an object', null, {}],
  ['a number and its text', 1, '1'],
  ['shared parts', { s: shared, n: 1 }, { s: shared, n: 1 }],
  ['shared parts, one leaf changed', { s: shared, n: 1 }, { s: shared, n: 2 }],
];

describe('sameJson', () => {
  const sortedKeys = (_key: string, v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v;
  const canonical = (v: unknown): string => JSON.stringify(v, sortedKeys);
  it.each(pairs)('%s: as their JSON says', (_what, a, b) => {
    expect(sameJson(a, b)).toBe(canonical(a) === canonical(b));
  });

  it('tells equal and different apart in the table above (neither answer is always given)', () => {
    const answers = new Set(pairs.map(([, a, b]) => sameJson(a, b)));
    expect([...answers].sort()).toEqual([false, true]);
  });
});
