// One blob answered as HTTP does for <audio> and <video>: they ask for byte ranges to read a duration at the end
// of a file and to seek, and play nothing from a server that ignores them. Shared by the app:// handler
// (src-main/window.ts) and the harness's static server (e2e/harness.ts), so the two answer alike. Pure.

export interface BlobAnswer {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What to answer, by size alone: the whole blob, bytes `start`..`end` (inclusive) of it, or "not satisfiable". */
export interface RangePlan {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  start: number;
  end: number;
}

/**
 * The whole blob (200), one range of it (206) or "not satisfiable" (416), by the request's Range header (RFC 9110,
 * section 14): `bytes=a-b`, `bytes=a-` and `bytes=-n`. A list of ranges is answered whole, which the RFC allows and
 * media elements never ask for; a header in another unit is ignored likewise. Needs only the size, so a range can
 * be read from disk alone (images-service.ts: a video's seek need not read the whole file).
 */
export function planRange(size: number, range: string | null | undefined): RangePlan {
  const whole: RangePlan = { status: 200, headers: { 'accept-ranges': 'bytes', 'content-length': String(size) }, start: 0, end: size - 1 };
  const match = /^bytes=(\d*)-(\d*)$/.exec(range?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return whole;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end || (match[1] === '' && Number(match[2]) === 0)) {
    return { status: 416, headers: { 'accept-ranges': 'bytes', 'content-range': `bytes */${size}`, 'content-length': '0' }, start: 0, end: -1 };
  }
  return {
    status: 206,
    headers: { 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) },
    start,
    end,
  };
}

/** `planRange` answered from the bytes in hand. */
export function answerRange(bytes: Uint8Array, range: string | null | undefined): BlobAnswer {
  const { status, headers, start, end } = planRange(bytes.byteLength, range);
  return { status, headers, body: status === 200 ? bytes : bytes.subarray(start, end + 1) };
}
