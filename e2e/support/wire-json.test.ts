import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeBytes } from './bytes-codec';
import { fromWire, isLarge, LARGE_OVER, roughSize, toWire } from './wire-json';

describe('the JSON text large IPC arguments cross the harness in', () => {
  it('gives back what structured clone would: undefined, NaN, infinities and dates included', () => {
    const value = {
      text: 'a'.repeat(10),
      absent: undefined,
      list: [1, undefined, NaN, Infinity, -Infinity, null, 'x'],
      nested: { when: new Date(1_700_000_000_000), deep: { n: 0.5, ok: true } },
    };
    const back = fromWire(toWire(value)) as typeof value;
    expect(back).toStrictEqual(value);
    expect('absent' in back).toBe(true);
    expect(back.nested.when).toBeInstanceOf(Date);
  });

  it('keeps bytes marked by bytes-codec for the harness to turn back, and dates through both', () => {
    const bytes = new Uint8Array([0, 1, 2, 250]);
    const when = new Date(1_700_000_000_000);
    const back = decodeBytes(fromWire(toWire(encodeBytes({ bytes, when })))) as { bytes: Uint8Array; when: Date };
    expect([...back.bytes]).toEqual([...bytes]);
    expect(back.when).toEqual(when);
  });

  it('reads an empty body as no argument', () => {
    expect(fromWire('')).toBeUndefined();
    expect(fromWire(toWire(null))).toBeNull();
  });
});

describe('roughSize', () => {
  it('counts the characters of strings and the bytes of arrays, and stops once past the limit', () => {
    expect(roughSize({ a: 'xyz', b: [new Uint8Array(10), 'ab'] }, LARGE_OVER)).toBe(3 + 10 + 2 + 8 * 2);
    const session = { panes: Array.from({ length: 6 }, () => ({ turns: [{ text: 'x'.repeat(20_000) }] })) };
    expect(roughSize(session, LARGE_OVER)).toBeGreaterThan(LARGE_OVER);
    expect(roughSize({ query: 'small' }, LARGE_OVER)).toBeLessThan(LARGE_OVER);
    expect([isLarge(session), isLarge({ query: 'small' })]).toEqual([true, false]);
  });

  it('ends on a value that holds itself', () => {
    const loop: Record<string, unknown> = { name: 'a' };
    loop['self'] = loop;
    expect(roughSize(loop, LARGE_OVER)).toBe(8 + 1 + 8);
  });
});
