// Test support: tiny but real images of every accepted type, built byte by byte (1×1 pixel; PNG, JPEG, GIF,
// BMP and WebP decode in Chromium; TIFF is baseline; HEIC/HEIF are containers with the boxes a reader needs
// first — their HEVC payload is a stand-in). Not used by the app.
import { deflateSync } from 'node:zlib';
import type { AcceptedImageType } from '../../src-shared/media';

const u16be = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const u16le = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: number[]): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: number[]): number[] {
  const body = [...ascii(type), ...data];
  return [...u32be(data.length), ...body, ...u32be(crc32(body))];
}

/** A grey PNG, 1×1 unless given a size; `pixel` changes its bytes (and so its sha256). */
export function pngBytes(pixel = 0x80, width = 1, height = 1): Uint8Array {
  const ihdr = [...u32be(width), ...u32be(height), 8, 0, 0, 0, 0];
  const row = Buffer.alloc(width + 1, pixel);
  row[0] = 0;
  const idat = [...deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))];
  return Uint8Array.from([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...pngChunk('IHDR', ihdr),
    ...pngChunk('IDAT', idat),
    ...pngChunk('IEND', []),
  ]);
}

/** A PNG of about `size` bytes: the 1×1 image plus a private ancillary chunk of filler (still a valid PNG). */
export function pngOfSize(size: number, seed = 1): Uint8Array {
  const base = pngBytes(seed & 0xff);
  const fill = Math.max(0, size - base.length - 12);
  const filler = new Uint8Array(fill);
  for (let i = 0; i < fill; i++) filler[i] = (i * 31 + seed) & 0xff;
  const iend = base.length - 12;
  const chunkHead = Uint8Array.from([...u32be(fill), ...ascii('prVt')]);
  const out = new Uint8Array(base.length + 12 + fill);
  out.set(base.subarray(0, iend), 0);
  out.set(chunkHead, iend);
  out.set(filler, iend + 8);
  // The CRC is not checked by the sniffer; zeros keep this cheap for multi-megabyte samples.
  out.set(base.subarray(iend), iend + 8 + fill + 4);
  return out;
}

/** 1×1 baseline JPEG, one component, with one-code Huffman tables (DC category 0, AC end-of-block). */
export function jpegBytes(): Uint8Array {
  const segment = (marker: number, data: number[]) => [0xff, marker, ...u16be(data.length + 2), ...data];
  const oneCodeTable = (classId: number) => [classId, 1, ...new Array<number>(15).fill(0), 0x00];
  return Uint8Array.from([
    0xff, 0xd8,
    ...segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, ...u16be(1), ...u16be(1), 1, 1, 0x11, 0]),
    ...segment(0xc4, oneCodeTable(0x00)),
    ...segment(0xc4, oneCodeTable(0x10)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f, // DC "0" + EOB "0", padded with ones
    0xff, 0xd9,
  ]);
}

/** The classic 1×1 GIF89a. */
export function gifBytes(): Uint8Array {
  return Uint8Array.from([
    ...ascii('GIF89a'), ...u16le(1), ...u16le(1), 0x80, 0, 0,
    0xff, 0xff, 0xff, 0, 0, 0,
    0x21, 0xf9, 4, 1, 0, 0, 0, 0,
    0x2c, ...u16le(0), ...u16le(0), ...u16le(1), ...u16le(1), 0,
    2, 2, 0x44, 0x01, 0,
    0x3b,
  ]);
}

/** 1×1 24-bit BMP (BITMAPINFOHEADER, one padded row). */
export function bmpBytes(): Uint8Array {
  const pixels = [0x20, 0x40, 0x80, 0];
  const offset = 14 + 40;
  return Uint8Array.from([
    ...ascii('BM'), ...u32le(offset + pixels.length), 0, 0, 0, 0, ...u32le(offset),
    ...u32le(40), ...u32le(1), ...u32le(1), ...u16le(1), ...u16le(24), ...u32le(0), ...u32le(pixels.length),
    ...u32le(2835), ...u32le(2835), ...u32le(0), ...u32le(0),
    ...pixels,
  ]);
}

/** 1×1 8-bit grey baseline TIFF, little-endian, one uncompressed strip. */
export function tiffBytes(): Uint8Array {
  const entries: [number, number, number][] = [
    [256, 3, 1], // ImageWidth
    [257, 3, 1], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // Photometric: black is zero
    [273, 4, 8 + 2 + 8 * 12 + 4], // StripOffsets: right after the IFD
    [278, 3, 1], // RowsPerStrip
    [279, 4, 1], // StripByteCounts
  ];
  const ifd = entries.flatMap(([tag, type, value]) => [
    ...u16le(tag), ...u16le(type), ...u32le(1), ...(type === 3 ? [...u16le(value), 0, 0] : u32le(value)),
  ]);
  return Uint8Array.from([0x49, 0x49, 0x2a, 0x00, ...u32le(8), ...u16le(entries.length), ...ifd, ...u32le(0), 0x80]);
}

/** 1×1 lossless WebP (VP8L) whose five prefix codes each have a single symbol. */
export function webpBytes(): Uint8Array {
  const vp8l = [0x2f, 0, 0, 0, 0, 0x88, 0x88, 0x08];
  const chunk = [...ascii('VP8L'), ...u32le(vp8l.length), ...vp8l];
  return Uint8Array.from([...ascii('RIFF'), ...u32le(4 + chunk.length), ...ascii('WEBP'), ...chunk]);
}

function box(type: string, data: number[]): number[] {
  return [...u32be(8 + data.length), ...ascii(type), ...data];
}

/** An ISO-BMFF still image: ftyp with the given brands, a meta box (hdlr "pict"), and an mdat. */
export function heifBytes(major: string, compatible: string[]): Uint8Array {
  const ftyp = box('ftyp', [...ascii(major), ...u32be(0), ...compatible.flatMap(ascii)]);
  const hdlr = box('hdlr', [0, 0, 0, 0, ...u32be(0), ...ascii('pict'), ...new Array<number>(12).fill(0), 0]);
  const meta = box('meta', [0, 0, 0, 0, ...hdlr]);
  const mdat = box('mdat', [0, 0, 0, 4, 0x26, 0x01, 0xaf, 0x00]);
  return Uint8Array.from([...ftyp, ...meta, ...mdat]);
}

export const SAMPLES: Record<AcceptedImageType, () => Uint8Array> = {
  'image/png': () => pngBytes(),
  'image/jpeg': jpegBytes,
  'image/webp': webpBytes,
  'image/heic': () => heifBytes('heic', ['mif1', 'heic']),
  'image/heif': () => heifBytes('mif1', ['mif1']),
  'image/gif': gifBytes,
  'image/bmp': bmpBytes,
  'image/tiff': tiffBytes,
};
