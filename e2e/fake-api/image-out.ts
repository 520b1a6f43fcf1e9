// Images the fake's image models make when response_format asks for `image` (ImageResponseFormat in genai.d.ts):
// a real, small PNG or JPEG of one colour drawn from the prompt, so the same prompt always gives the same bytes.
// Its shape follows aspect_ratio and image_size, scaled down 16 times (1K, 1:1 → 64 × 64) to stay a few hundred bytes.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { isObject } from './tool-types';

/** One image of the answer, as an `image` content part carries it inline. */
export interface OutputImage {
  mimeType: 'image/png' | 'image/jpeg';
  data: string;
  width: number;
  height: number;
}

const LONG_SIDE: Record<string, number> = { '512': 32, '1K': 64, '2K': 128, '4K': 256 };
/** What one image counts as in output tokens (Google bills an image of up to 1K as 1290 tokens). */
export const IMAGE_TOKENS = 1290;

/** The `image` entry of response_format (one object or a list), when there is one. */
export function imageFormatOf(responseFormat: unknown): Record<string, unknown> | undefined {
  const formats: unknown[] = Array.isArray(responseFormat) ? responseFormat : [responseFormat];
  return formats.find((f): f is Record<string, unknown> => isObject(f) && f.type === 'image');
}

export function imageSize(format: Record<string, unknown>): { width: number; height: number } {
  const long = LONG_SIDE[String(format.image_size ?? '1K')] ?? 64;
  const [w, h] = String(format.aspect_ratio ?? '1:1')
    .split(':')
    .map(Number) as [number, number];
  const scale = long / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/** The colour a prompt draws: its sha256's first three bytes. */
export function colourOf(prompt: string): [number, number, number] {
  const d = createHash('sha256').update(prompt).digest();
  return [d[0]!, d[1]!, d[2]!];
}

export function makeImage(prompt: string, format: Record<string, unknown>): OutputImage {
  const { width, height } = imageSize(format);
  const rgb = colourOf(prompt);
  const jpeg = format.mime_type === 'image/jpeg';
  const bytes = jpeg ? solidJpeg(width, height, rgb) : solidPng(width, height, rgb);
  return { mimeType: jpeg ? 'image/jpeg' : 'image/png', data: bytes.toString('base64'), width, height };
}

// --- PNG: signature, IHDR, one IDAT of filter-0 rows, IEND (each chunk with its CRC-32).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- JPEG: baseline, YCbCr without subsampling, every quantizer 1. A block of one colour has only its DC
// coefficient (8 × (value − 128)); every later block repeats it, so its difference is 0 and its ACs end at once.

/** The standard DC and AC luminance tables (ITU T.81, K.3): code counts per length, then the symbols. */
const DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_COUNTS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
/** Only EOB (0x00) is ever written; the table lists its first symbols, as the standard orders them. */
const AC_SYMBOLS_HEAD = [0x01, 0x02, 0x03, 0x00, 0x04, 0x11];

function huffmanCodes(counts: number[], symbols: number[]): Map<number, { code: number; length: number }> {
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < counts[length - 1]!; i++) {
      if (k < symbols.length) codes.set(symbols[k]!, { code, length });
      k++;
      code++;
    }
    code <<= 1;
  }
  return codes;
}

class BitWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #n = 0;
  write(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.#acc = (this.#acc << 1) | ((code >> i) & 1);
      if (++this.#n === 8) this.#flushByte();
    }
  }
  #flushByte(): void {
    this.bytes.push(this.#acc);
    if (this.#acc === 0xff) this.bytes.push(0); // byte stuffing
    this.#acc = 0;
    this.#n = 0;
  }
  finish(): number[] {
    while (this.#n !== 0) this.write(1, 1); // pad with ones
    return this.bytes;
  }
}

function segment(marker: number, body: number[]): number[] {
  return [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
}

export function solidJpeg(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  const dc = [y, cb, cr].map((v) => Math.round(8 * (v - 128)));
  const acSymbols = [...AC_SYMBOLS_HEAD, ...Array.from({ length: 162 - AC_SYMBOLS_HEAD.length }, (_, i) => 0x12 + i)];
  const dcCodes = huffmanCodes(DC_COUNTS, DC_SYMBOLS);
  const eob = huffmanCodes(AC_COUNTS, acSymbols).get(0x00)!;
  const bits = new BitWriter();
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let m = 0; m < blocks; m++) {
    for (const value of dc) {
      const diff = m === 0 ? value : 0;
      const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const { code, length } = dcCodes.get(size)!;
      bits.write(code, length);
      if (size > 0) bits.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
      bits.write(eob.code, eob.length);
    }
  }
  const quant = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const frame = segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  const dht = segment(0xc4, [0x00, ...DC_COUNTS, ...DC_SYMBOLS, 0x10, ...AC_COUNTS, ...acSymbols]);
  const scan = segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  return Buffer.from([0xff, 0xd8, ...jfif, ...quant, ...frame, ...dht, ...scan, ...bits.finish(), 0xff, 0xd9]);
}
