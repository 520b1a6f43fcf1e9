// What an image file really is, decided by its bytes (never its name), and whether it is complete:
// each accepted format's structure is walked far enough to notice a truncated or damaged file cheaply
// (PNG chunks up to IEND, JPEG segments and scans up to EOI, GIF blocks up to the trailer, BMP/TIFF/WebP/
// ISO-BMFF declared sizes). Pixel data is never decoded. Pure: no I/O, no node:* imports.
import { ACCEPTED_IMAGE_LABEL, megabytesPair, type AcceptedImageType } from '../../../src-shared/media';

export type SniffResult =
  | { kind: 'image'; mimeType: AcceptedImageType }
  /** Recognised, but cut short or inconsistent. */
  | { kind: 'damaged'; format: string }
  /** A real format the API does not take as an image (AVIF, SVG, PDF…). */
  | { kind: 'unsupported'; format: string }
  | { kind: 'unknown' };

export type ImageCheck = { ok: true; mimeType: AcceptedImageType } | { ok: false; message: string };

export function sniffImage(bytes: Uint8Array): SniffResult {
  const r = new Reader(bytes);
  if (r.startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(r);
  if (r.startsWith([0xff, 0xd8, 0xff])) return jpeg(r);
  if (r.ascii(0, 6) === 'GIF87a' || r.ascii(0, 6) === 'GIF89a') return gif(r);
  if (r.ascii(0, 4) === 'RIFF' && r.ascii(8, 4) === 'WEBP') return webp(r);
  if (r.ascii(4, 4) === 'ftyp') return isoMedia(r);
  if (r.startsWith([0x49, 0x49, 0x2a, 0x00]) || r.startsWith([0x4d, 0x4d, 0x00, 0x2a])) return tiff(r);
  if (r.startsWith([0x49, 0x49, 0x2b, 0x00]) || r.startsWith([0x4d, 0x4d, 0x00, 0x2b])) return bigTiff(r);
  if (r.ascii(0, 2) === 'BM') {
    const bmp = bitmap(r);
    if (bmp) return bmp;
  }
  return otherFormat(r);
}

/** The whole check before an image is stored: empty, too large, not an accepted image, damaged. */
export function checkImage(name: string, bytes: Uint8Array, limits: { maxBytes: number }): ImageCheck {
  const who = name.trim() === '' ? 'The image' : name;
  if (bytes.byteLength === 0) return { ok: false, message: `${who} is empty` };
  if (bytes.byteLength > limits.maxBytes) {
    const [size, limit] = megabytesPair(bytes.byteLength, limits.maxBytes);
    return { ok: false, message: `${who} is ${size}; the limit is ${limit}` };
  }
  const sniffed = sniffImage(bytes);
  switch (sniffed.kind) {
    case 'image':
      return { ok: true, mimeType: sniffed.mimeType };
    case 'damaged':
      return { ok: false, message: `${who} is not a complete ${sniffed.format} image (it may be truncated or damaged)` };
    case 'unsupported':
      return { ok: false, message: `${who} is ${sniffed.format}; images must be ${ACCEPTED_IMAGE_LABEL}` };
    case 'unknown':
      return { ok: false, message: `${who} is not an image (${ACCEPTED_IMAGE_LABEL})` };
  }
}

export class Reader {
  readonly length: number;
  constructor(readonly b: Uint8Array) {
    this.length = b.byteLength;
  }
  has(pos: number, n: number): boolean {
    return pos >= 0 && pos + n <= this.length;
  }
  startsWith(sig: number[]): boolean {
    return this.has(0, sig.length) && sig.every((v, i) => this.b[i] === v);
  }
  ascii(pos: number, n: number): string {
    if (!this.has(pos, n)) return '';
    let s = '';
    for (let i = pos; i < pos + n; i++) s += String.fromCharCode(this.b[i]!);
    return s;
  }
  u8(pos: number): number {
    return this.b[pos] ?? 0;
  }
  u16(pos: number, le: boolean): number {
    const a = this.u8(pos);
    const c = this.u8(pos + 1);
    return le ? a | (c << 8) : (a << 8) | c;
  }
  u32(pos: number, le: boolean): number {
    const [a, b, c, d] = [this.u8(pos), this.u8(pos + 1), this.u8(pos + 2), this.u8(pos + 3)];
    return (le ? d * 2 ** 24 + (c << 16) + (b << 8) + a : a * 2 ** 24 + (b << 16) + (c << 8) + d) >>> 0;
  }
  i32le(pos: number): number {
    return this.u32(pos, true) | 0;
  }
  indexOf(value: number, from: number): number {
    return this.b.indexOf(value, from);
  }
}

const ok = (mimeType: AcceptedImageType): SniffResult => ({ kind: 'image', mimeType });
const damaged = (format: string): SniffResult => ({ kind: 'damaged', format });

/** PNG: IHDR first, then chunks that fit in the file, up to IEND (bytes after IEND are ignored, as decoders do). */
function png(r: Reader): SniffResult {
  if (r.u32(8, false) !== 13 || r.ascii(12, 4) !== 'IHDR' || !r.has(8, 25)) return damaged('PNG');
  if (r.u32(16, false) === 0 || r.u32(20, false) === 0) return damaged('PNG');
  let pos = 8;
  let data = false;
  while (r.has(pos, 12)) {
    const size = r.u32(pos, false);
    const type = r.ascii(pos + 4, 4);
    if (size > 0x7fffffff || !r.has(pos, 12 + size)) return damaged('PNG');
    if (type === 'IDAT') data = true;
    if (type === 'IEND') return data ? ok('image/png') : damaged('PNG');
    pos += 12 + size;
  }
  return damaged('PNG');
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: segments by their lengths; after each SOS, the entropy-coded data up to the next real marker; ends at EOI. */
function jpeg(r: Reader): SniffResult {
  let pos = 2;
  let frame = false;
  let scan = false;
  for (;;) {
    if (r.u8(pos) !== 0xff || !r.has(pos, 2)) return damaged('JPEG');
    while (r.u8(pos) === 0xff && pos < r.length) pos++; // fill bytes
    if (pos >= r.length) return damaged('JPEG');
    const marker = r.u8(pos++);
    if (marker === 0xd9) return frame && scan ? ok('image/jpeg') : damaged('JPEG');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // no length
    if (!r.has(pos, 2)) return damaged('JPEG');
    const size = r.u16(pos, false);
    if (size < 2 || !r.has(pos, size)) return damaged('JPEG');
    if (SOF.has(marker)) frame = true;
    pos += size;
    if (marker !== 0xda) continue;
    scan = true;
    // Inside a scan, 0xFF is followed by 0x00 (stuffing), a restart marker, or the next marker.
    for (;;) {
      const at = r.indexOf(0xff, pos);
      if (at < 0 || at + 1 >= r.length) return damaged('JPEG');
      const next = r.u8(at + 1);
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
        pos = at + 1;
        continue;
      }
      pos = at;
      break;
    }
  }
}

/** GIF: header, colour tables, then extension and image blocks made of sub-blocks, up to the 0x3B trailer. */
function gif(r: Reader): SniffResult {
  if (!r.has(0, 13)) return damaged('GIF');
  const flags = r.u8(10);
  let pos = 13 + (flags & 0x80 ? 3 * (2 << (flags & 7)) : 0);
  let image = false;
  const skipSubBlocks = (from: number): number => {
    let p = from;
    while (p < r.length) {
      const size = r.u8(p);
      p += 1 + size;
      if (size === 0) return p;
    }
    return -1;
  };
  while (pos < r.length) {
    const block = r.u8(pos++);
    if (block === 0x3b) return image ? ok('image/gif') : damaged('GIF');
    if (block === 0x21) {
      pos = skipSubBlocks(pos + 1);
    } else if (block === 0x2c) {
      if (!r.has(pos, 10)) return damaged('GIF');
      const local = r.u8(pos + 8);
      pos += 9 + (local & 0x80 ? 3 * (2 << (local & 7)) : 0) + 1; // descriptor, local table, LZW code size
      pos = skipSubBlocks(pos);
      if (pos >= 0) image = true;
    } else {
      return damaged('GIF');
    }
    if (pos < 0) return damaged('GIF');
  }
  // Some writers leave out only the trailer after a complete image; decoders accept that.
  return image && pos === r.length ? ok('image/gif') : damaged('GIF');
}

/** WebP: a RIFF container whose declared size fits, and a first chunk that is VP8, VP8L or VP8X and fits. */
function webp(r: Reader): SniffResult {
  if (!r.has(0, 20) || r.u32(4, true) + 8 > r.length) return damaged('WebP');
  const chunk = r.ascii(12, 4);
  if (chunk !== 'VP8 ' && chunk !== 'VP8L' && chunk !== 'VP8X') return damaged('WebP');
  return r.has(20, r.u32(16, true)) ? ok('image/webp') : damaged('WebP');
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'heif']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** ISO base media (HEIC, HEIF, AVIF, MP4…): the brands say which; top-level boxes must fit and include `meta`. */
function isoMedia(r: Reader): SniffResult {
  const ftypSize = r.u32(0, false);
  if (ftypSize < 16 || ftypSize % 4 !== 0 || !r.has(0, ftypSize)) return { kind: 'unknown' };
  const brands = [r.ascii(8, 4)];
  for (let p = 16; p + 4 <= ftypSize; p += 4) brands.push(r.ascii(p, 4));
  let mimeType: AcceptedImageType;
  let format: string;
  if (AVIF_BRANDS.has(brands[0]!)) return { kind: 'unsupported', format: 'an AVIF image' };
  if (brands.some((b) => HEIC_BRANDS.has(b))) [mimeType, format] = ['image/heic', 'HEIC'];
  else if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: 'unsupported', format: 'an AVIF image' };
  else if (brands.some((b) => HEIF_BRANDS.has(b))) [mimeType, format] = ['image/heif', 'HEIF'];
  else if (brands.some((b) => /^(isom|iso\d|mp4\d|avc1|qt {2}|M4V |3gp\d)$/.test(b))) return { kind: 'unsupported', format: 'a video' };
  else return { kind: 'unknown' };
  return hasTopBox(r, 'meta') ? ok(mimeType) : damaged(format);
}

/** ISO-BMFF top-level boxes walked by their sizes: true when all fit and `box` is one of them. */
export function hasTopBox(r: Reader, box: string): boolean {
  let pos = 0;
  let found = false;
  while (pos < r.length) {
    if (!r.has(pos, 8)) return false;
    let size = r.u32(pos, false);
    let header = 8;
    if (size === 1) {
      if (!r.has(pos, 16)) return false;
      size = r.u32(pos + 8, false) * 2 ** 32 + r.u32(pos + 12, false);
      header = 16;
    } else if (size === 0) {
      size = r.length - pos;
    }
    if (size < header || !r.has(pos, size)) return false;
    if (r.ascii(pos + 4, 4) === box) found = true;
    pos += size;
  }
  return found;
}

const TIFF_OFFSETS = [
  [273, 279],
  [324, 325],
] as const;

/** TIFF: the first IFD fits, and every strip (or tile) it points to lies inside the file. */
function tiff(r: Reader): SniffResult {
  const le = r.u8(0) === 0x49;
  const ifd = r.u32(4, le);
  if (ifd < 8 || !r.has(ifd, 2)) return damaged('TIFF');
  const count = r.u16(ifd, le);
  if (count === 0 || !r.has(ifd + 2, count * 12)) return damaged('TIFF');
  const values = (tag: number): number[] | undefined => {
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (r.u16(entry, le) !== tag) continue;
      const type = r.u16(entry + 2, le);
      const n = r.u32(entry + 4, le);
      const width = type === 3 ? 2 : type === 4 ? 4 : 0;
      if (width === 0 || n === 0 || n > r.length) return undefined;
      const at = n * width <= 4 ? entry + 8 : r.u32(entry + 8, le);
      if (!r.has(at, n * width)) return undefined;
      return Array.from({ length: n }, (_, k) => (width === 2 ? r.u16(at + k * 2, le) : r.u32(at + k * 4, le)));
    }
    return undefined;
  };
  for (const [offsetsTag, countsTag] of TIFF_OFFSETS) {
    const offsets = values(offsetsTag);
    const sizes = values(countsTag);
    if (!offsets || !sizes || offsets.length !== sizes.length) continue;
    return offsets.every((o, i) => r.has(o, sizes[i]!)) ? ok('image/tiff') : damaged('TIFF');
  }
  return damaged('TIFF');
}

/** BigTIFF (64-bit offsets): the header only. */
function bigTiff(r: Reader): SniffResult {
  const le = r.u8(0) === 0x49;
  if (!r.has(0, 16) || r.u16(4, le) !== 8) return damaged('TIFF');
  const high = r.u32(le ? 12 : 8, le);
  const low = r.u32(le ? 8 : 12, le);
  return high === 0 && low >= 16 && r.has(low, 8) ? ok('image/tiff') : damaged('TIFF');
}

const DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/** BMP: a known DIB header, pixel data inside the file; undefined when "BM" is only how a text begins. */
function bitmap(r: Reader): SniffResult | undefined {
  const dib = r.u32(14, true);
  if (!r.has(0, 18) || !DIB_SIZES.has(dib)) return undefined;
  if (!r.has(0, 14 + dib)) return damaged('BMP');
  const core = dib === 12;
  const width = core ? r.u16(18, true) : r.i32le(18);
  const height = core ? r.u16(20, true) : r.i32le(22);
  const bits = r.u16(core ? 24 : 28, true);
  const compression = core ? 0 : r.u32(30, true);
  const offset = r.u32(10, true);
  if (width <= 0 || height === 0 || ![1, 2, 4, 8, 16, 24, 32].includes(bits) || offset >= r.length) return damaged('BMP');
  if (compression === 0 || compression === 3 || compression === 6) {
    const row = Math.floor((bits * width + 31) / 32) * 4;
    return r.has(offset, row * Math.abs(height)) ? ok('image/bmp') : damaged('BMP');
  }
  const declared = r.u32(2, true);
  return declared === 0 || declared <= r.length ? ok('image/bmp') : damaged('BMP');
}

/** Formats people try that the API does not take as images, so the message can say what the file is. */
function otherFormat(r: Reader): SniffResult {
  if (r.ascii(0, 5) === '%PDF-') return { kind: 'unsupported', format: 'a PDF document' };
  if (r.startsWith([0xff, 0x0a]) || r.startsWith([0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return { kind: 'unsupported', format: 'a JPEG XL image' };
  }
  if (r.startsWith([0, 0, 1, 0]) && r.u16(4, true) > 0 && r.has(0, 6 + 16 * r.u16(4, true))) {
    return { kind: 'unsupported', format: 'an icon (ICO)' };
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(r.b.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) {
    return { kind: 'unsupported', format: 'an SVG image' };
  }
  return { kind: 'unknown' };
}
