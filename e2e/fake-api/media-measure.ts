// What the service reads of a media part's bytes to count its tokens: an image's pixels from its header (PNG IHDR,
// JPEG SOF, GIF screen, WebP VP8/VP8L/VP8X, BMP DIB, TIFF IFD0, HEIC/HEIF `ispe`), a PDF's page objects, a clip's
// length where its container says it cheaply (WAV `fmt `/`data`, FLAC STREAMINFO, ISO-BMFF `mvhd`). Readers of
// its own, not the app's (src-main/core/images/sniff.ts, the renderer's decoders), so the two cannot share a
// mistake. Undefined where the bytes do not say: MP3, AAC, Ogg and WebM lengths would need a walk of every frame
// or cluster, which the fake leaves to its fallback (media-billing.ts).
import type { MediaMeasure } from '../../src-shared/media-tokens';

type Reader = (b: Buffer) => MediaMeasure | undefined;

const has = (b: Buffer, at: number, n: number) => at >= 0 && at + n <= b.length;
const ascii = (b: Buffer, at: number, n: number) => (has(b, at, n) ? b.toString('latin1', at, at + n) : '');
const size = (width: number, height: number): MediaMeasure | undefined => (width > 0 && height > 0 ? { width, height } : undefined);

const png: Reader = (b) => (has(b, 16, 8) && ascii(b, 12, 4) === 'IHDR' ? size(b.readUInt32BE(16), b.readUInt32BE(20)) : undefined);

/** Start-of-frame markers: C0–CF but DHT (C4), JPG (C8) and DAC (CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const jpeg: Reader = (b) => {
  let at = 2;
  while (has(b, at, 4) && b[at] === 0xff) {
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (SOF.has(marker)) return has(b, at + 5, 4) ? size(b.readUInt16BE(at + 7), b.readUInt16BE(at + 5)) : undefined;
    if (marker === 0xda || marker === 0xd9) return undefined;
    at += 2 + b.readUInt16BE(at + 2);
  }
  return undefined;
};

const gif: Reader = (b) => (has(b, 6, 4) ? size(b.readUInt16LE(6), b.readUInt16LE(8)) : undefined);

const webp: Reader = (b) => {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X' && has(b, 24, 6)) return size(b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1);
  if (chunk === 'VP8L' && has(b, 21, 4) && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ' && has(b, 26, 4) && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return size(b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff);
  }
  return undefined;
};

const bmp: Reader = (b) => {
  if (!has(b, 14, 12)) return undefined;
  if (b.readUInt32LE(14) === 12) return size(b.readUInt16LE(18), b.readUInt16LE(20));
  // A negative height is a top-down bitmap of that many rows.
  return size(b.readInt32LE(18), Math.abs(b.readInt32LE(22)));
};

const tiff: Reader = (b) => {
  if (!has(b, 0, 8)) return undefined;
  const le = b[0] === 0x49;
  const u16 = (at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const ifd = u32(4);
  if (!has(b, ifd, 2)) return undefined;
  const found: Record<number, number> = {};
  for (let i = 0, n = u16(ifd); i < n && has(b, ifd + 2 + i * 12, 12); i++) {
    const entry = ifd + 2 + i * 12;
    const tag = u16(entry);
    // ImageWidth (256) and ImageLength (257), a SHORT or a LONG held in the entry itself.
    if (tag === 256 || tag === 257) found[tag] = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
  }
  return size(found[256] ?? 0, found[257] ?? 0);
};

/** ISO-BMFF boxes directly inside [from, to): type and where its body starts and ends. */
function boxes(b: Buffer, from: number, to: number): { type: string; body: number; end: number }[] {
  const out: { type: string; body: number; end: number }[] = [];
  let at = from;
  while (has(b, at, 8) && at < to) {
    let length = b.readUInt32BE(at);
    let header = 8;
    if (length === 1 && has(b, at, 16)) [length, header] = [Number(b.readBigUInt64BE(at + 8)), 16];
    else if (length === 0) length = to - at;
    if (length < header || at + length > to) break;
    out.push({ type: ascii(b, at + 4, 4), body: at + header, end: at + length });
    at += length;
  }
  return out;
}

/** The boxes at the end of a path of box types, each level walked by size; a full box's version and flags skipped. */
function boxPath(b: Buffer, path: string[], full: ReadonlySet<string>): { type: string; body: number; end: number }[] {
  let level = boxes(b, 0, b.length);
  for (const type of path.slice(0, -1)) {
    const parent = level.find((x) => x.type === type);
    if (!parent) return [];
    level = boxes(b, parent.body + (full.has(type) ? 4 : 0), parent.end);
  }
  return level.filter((x) => x.type === path.at(-1));
}

/** The largest `ispe` (image spatial extents): a grid image's own extent is larger than each of its tiles'. */
const heif: Reader = (b) => {
  const extents = boxPath(b, ['meta', 'iprp', 'ipco', 'ispe'], new Set(['meta']))
    .filter((x) => has(b, x.body + 4, 8))
    .map((x) => ({ width: b.readUInt32BE(x.body + 4), height: b.readUInt32BE(x.body + 8) }));
  const largest = extents.sort((p, q) => q.width * q.height - p.width * p.height)[0];
  return largest && size(largest.width, largest.height);
};

const isoClip: Reader = (b) => {
  const mvhd = boxPath(b, ['moov', 'mvhd'], new Set())[0];
  if (!mvhd || !has(b, mvhd.body, 4)) return undefined;
  // Version 1 has 64-bit creation and modification times and duration; version 0, 32-bit ones.
  const v1 = b[mvhd.body] === 1;
  const at = mvhd.body + 4 + (v1 ? 16 : 8);
  if (!has(b, at, v1 ? 12 : 8)) return undefined;
  const timescale = b.readUInt32BE(at);
  // All ones is "unknown" in either width (a live or fragmented recording).
  const raw = v1 ? b.readBigUInt64BE(at + 4) : BigInt(b.readUInt32BE(at + 4));
  if (raw === (v1 ? 0xffffffffffffffffn : 0xffffffffn)) return undefined;
  const duration = Number(raw);
  return timescale > 0 && duration > 0 ? { seconds: duration / timescale } : undefined;
};

const wav: Reader = (b) => {
  let byteRate = 0;
  for (let at = 12; has(b, at, 8); at += 8 + b.readUInt32LE(at + 4) + (b.readUInt32LE(at + 4) % 2)) {
    const id = ascii(b, at, 4);
    if (id === 'fmt ' && has(b, at + 8, 12)) byteRate = b.readUInt32LE(at + 16);
    // A recorder still writing leaves the data size at its maximum: then the bytes present are the length.
    if (id === 'data') return byteRate > 0 ? { seconds: Math.min(b.readUInt32LE(at + 4), b.length - at - 8) / byteRate } : undefined;
  }
  return undefined;
};

const flac: Reader = (b) => {
  // STREAMINFO, always the first metadata block: a 20-bit sample rate, then 36 bits of total samples.
  if (!has(b, 8, 18) || (b[4]! & 0x7f) !== 0) return undefined;
  const rate = (b[18]! << 12) | (b[19]! << 4) | (b[20]! >> 4);
  const samples = (b[21]! & 0x0f) * 2 ** 32 + b.readUInt32BE(22);
  return rate > 0 && samples > 0 ? { seconds: samples / rate } : undefined;
};

/** One page per page object (`/Type /Page`, not `/Pages`), by object number so an incremental update's copy counts once. */
const pdf: Reader = (b) => {
  const text = b.toString('latin1');
  const pages = new Set<string>();
  // Bounded numbers that start a number, and each object's end found by indexOf: whatever bytes a test sends, the
  // scan stays linear (an unbounded `\d+\s+\d+\s+obj` retried at every digit of a long run of them is quadratic).
  const start = /(?<!\d)(\d{1,10})\s+\d{1,5}\s+obj\b/g;
  for (let found = start.exec(text); found; found = start.exec(text)) {
    const end = text.indexOf('endobj', start.lastIndex);
    if (end < 0) break;
    if (/\/Type\s*\/Page(?![A-Za-z0-9#])/.test(text.slice(start.lastIndex, end))) pages.add(found[1]!);
    start.lastIndex = end + 'endobj'.length;
  }
  // Page objects packed in compressed object streams (PDF 1.5) are not in the text: the fallback counts those.
  return pages.size > 0 ? { pages: pages.size } : undefined;
};

const READERS: Record<string, Reader> = {
  'image/png': png,
  'image/jpeg': jpeg,
  'image/gif': gif,
  'image/webp': webp,
  'image/bmp': bmp,
  'image/tiff': tiff,
  'image/heic': heif,
  'image/heif': heif,
  'application/pdf': pdf,
  'audio/wav': wav,
  'audio/flac': flac,
  'audio/m4a': isoClip,
  'video/mp4': isoClip,
  'video/mov': isoClip,
  'video/3gpp': isoClip,
};

/** The measure the bytes of a part of this mime type give, or undefined where they do not say. */
export function measureMedia(mimeType: string, bytes: Buffer): MediaMeasure | undefined {
  try {
    return READERS[mimeType]?.(bytes);
  } catch {
    // A header cut short where a reader did not look first: no measure, as for a container it does not read.
    return undefined;
  }
}
