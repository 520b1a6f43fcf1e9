// Range requests as media elements make them: whole, a slice, the tail, and what cannot be satisfied.
import { describe, expect, it } from 'vitest';
import { answerRange } from './byte-range';

const bytes = Uint8Array.from({ length: 10 }, (_, i) => i);

describe('answerRange', () => {
  it('no Range header, or one it does not serve: the whole blob, saying ranges are accepted', () => {
    for (const range of [undefined, '', 'bytes=0-1,4-5', 'items=0-1', 'bytes=-']) {
      const a = answerRange(bytes, range);
      expect(a.status, range).toBe(200);
      expect(a.headers).toMatchObject({ 'accept-ranges': 'bytes', 'content-length': '10' });
      expect([...a.body]).toEqual([...bytes]);
    }
  });

  it('bytes=a-b, bytes=a- and bytes=-n give 206 with the slice and its Content-Range', () => {
    expect(answerRange(bytes, 'bytes=2-4')).toEqual({ status: 206, headers: { 'accept-ranges': 'bytes', 'content-range': 'bytes 2-4/10', 'content-length': '3' }, body: Uint8Array.of(2, 3, 4) });
    expect(answerRange(bytes, 'bytes=7-')).toMatchObject({ status: 206, headers: { 'content-range': 'bytes 7-9/10' }, body: Uint8Array.of(7, 8, 9) });
    expect(answerRange(bytes, 'bytes=-2')).toMatchObject({ status: 206, headers: { 'content-range': 'bytes 8-9/10' }, body: Uint8Array.of(8, 9) });
    expect(answerRange(bytes, 'bytes=8-100')).toMatchObject({ status: 206, headers: { 'content-range': 'bytes 8-9/10' } });
    expect(answerRange(bytes, 'bytes=-100')).toMatchObject({ status: 206, headers: { 'content-range': 'bytes 0-9/10' } });
  });

  it('a start past the end, an end before the start, or an empty suffix: 416 naming the size', () => {
    for (const range of ['bytes=10-', 'bytes=5-2', 'bytes=-0']) {
      expect(answerRange(bytes, range), range).toMatchObject({ status: 416, headers: { 'content-range': 'bytes */10' } });
    }
  });
});
