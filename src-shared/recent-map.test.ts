import { expect, it } from 'vitest';
import { RecentMap } from './recent-map';

it('keeps the most recently set entries, dropping the oldest', () => {
  const map = new RecentMap<string, number>(2).set('a', 1).set('b', 2).set('c', 3);
  expect([map.has('a'), map.get('b'), map.get('c'), map.size]).toEqual([false, 2, 3, 2]);
  // Setting a kept key again makes it the most recent, not a second entry.
  map.set('b', 20).set('d', 4);
  expect([map.has('c'), map.get('b'), map.get('d')]).toEqual([false, 20, 4]);
});

it('a touched entry stays, a read one keeps its place, a missing one is not made', () => {
  const map = new RecentMap<string, number>(2).set('a', 1).set('b', 2);
  expect(map.touch('a')).toBe(1);
  map.set('c', 3);
  expect([map.has('a'), map.has('b')]).toEqual([true, false]);
  expect(map.get('a')).toBe(1);
  map.set('d', 4);
  expect(map.has('a')).toBe(false);
  expect(map.touch('zzz')).toBeUndefined();
  expect(map.size).toBe(2);
  expect(map.delete('d')).toBe(true);
  expect(map.size).toBe(1);
});
