// Whether two documents would be written as the same JSON (key order aside): what JSON keeps of each, compared by
// node's deep equality, is the referee.
import { isDeepStrictEqual } from 'node:util';
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
  const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
  it.each(pairs)('%s: as their JSON says', (_what, a, b) => {
    expect(sameJson(a, b)).toBe(isDeepStrictEqual(asJson(a), asJson(b)));
  });

  it('tells equal and different apart in the table above (neither answer is always given)', () => {
    const answers = new Set(pairs.map(([, a, b]) => sameJson(a, b)));
    expect([...answers].sort()).toEqual([false, true]);
  });
});
