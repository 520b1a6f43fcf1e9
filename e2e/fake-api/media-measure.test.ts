// The fake reads the measures Gemini counts media by from the bytes alone: every image type it takes, at sizes
// other than 1×1 (headers written here byte by byte), a PDF's pages, a clip's length from its container.
import { describe, expect, it } from 'vitest';
import { pngBytes } from '../../test-support/main/images';
import { mediaFixture } from '../../test-support/main/media';
import { measureMedia } from './media-measure';

const u16le = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u16be = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const u32le = (n: number) => [...u16le(n & 0xffff), ...u16le(n >>> 16)];
const u32be = (n: number) => [...u16be(n >>> 16), ...u16be(n & 0xffff)];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const bytes = (...parts: number[][]) => Buffer.from(parts.flat());
const box = (type: string, ...body: number[][]) => [...u32be(8 + body.flat().length), ...ascii(type), ...body.flat()];
const riff = (form: string, ...chunks: number[][]) => bytes(ascii('RIFF'), u32le(4 + chunks.flat().length), ascii(form), ...chunks);
const fixture = (name: string) => Buffer.from(mediaFixture(name));

describe('image pixels from the header', () => {
  it('PNG (IHDR)', () => {
    expect(measureMedia('image/png', Buffer.from(pngBytes(1, 1000, 800)))).toEqual({ width: 1000, height: 800 });
  });

  it('JPEG: the frame header after the segments before it, progressive too', () => {
    const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const sof2 = [0xff, 0xc2, ...u16be(17), 8, ...u16be(1200), ...u16be(1600), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    expect(measureMedia('image/jpeg', bytes([0xff, 0xd8], app0, sof2, [0xff, 0xd9]))).toEqual({ width: 1600, height: 1200 });
  });

  it('GIF (logical screen)', () => {
    expect(measureMedia('image/gif', bytes(ascii('GIF89a'), u16le(640), u16le(480), [0, 0, 0, 0x3b]))).toEqual({ width: 640, height: 480 });
  });

  it('WebP: extended (VP8X), lossless (VP8L) and lossy (VP8)', () => {
    const vp8x = riff('WEBP', ascii('VP8X'), u32le(10), [0, 0, 0, 0], u24le(2999), u24le(1999));
    expect(measureMedia('image/webp', vp8x)).toEqual({ width: 3000, height: 2000 });
    const bits = (1023 - 1) | ((767 - 1) << 14);
    expect(measureMedia('image/webp', riff('WEBP', ascii('VP8L'), u32le(5), [0x2f], u32le(bits)))).toEqual({ width: 1023, height: 767 });
    const vp8 = riff('WEBP', ascii('VP8 '), u32le(10), [0, 0, 0, 0x9d, 0x01, 0x2a], u16le(800), u16le(600));
    expect(measureMedia('image/webp', vp8)).toEqual({ width: 800, height: 600 });
  });

  it('BMP, a top-down one (negative height) too', () => {
    const dib = (height: number) => bytes(ascii('BM'), u32le(0), u32le(0), u32le(54), u32le(40), u32le(500), u32le(height >>> 0), u16le(1), u16le(24));
    expect(measureMedia('image/bmp', dib(400))).toEqual({ width: 500, height: 400 });
    expect(measureMedia('image/bmp', dib(-400))).toEqual({ width: 500, height: 400 });
  });

  it('TIFF, big-endian with LONG extents', () => {
    const entry = (tag: number, value: number) => [...u16be(tag), ...u16be(4), ...u32be(1), ...u32be(value)];
    const tiff = bytes([0x4d, 0x4d, 0, 0x2a], u32be(8), u16be(2), entry(256, 2048), entry(257, 1536), u32be(0));
    expect(measureMedia('image/tiff', tiff)).toEqual({ width: 2048, height: 1536 });
  });

  it('HEIC: the largest `ispe`, the grid image rather than its 512×512 tiles', () => {
    const ispe = (w: number, h: number) => box('ispe', [0, 0, 0, 0], u32be(w), u32be(h));
    const meta = box('meta', [0, 0, 0, 0], box('hdlr', new Array<number>(25).fill(0)), box('iprp', box('ipco', ispe(512, 512), ispe(4032, 3024), ispe(512, 512))));
    const heic = bytes(box('ftyp', ascii('heic'), u32be(0), ascii('mif1heic')), meta);
    expect(measureMedia('image/heic', heic)).toEqual({ width: 4032, height: 3024 });
  });
});

describe('a clip’s length from its container', () => {
  it('WAV: the data size over the byte rate', () => {
    expect(measureMedia('audio/wav', fixture('sample.wav'))).toEqual({ seconds: 1 });
    const fmt = [...ascii('fmt '), ...u32le(16), ...u16le(1), ...u16le(1), ...u32le(8000), ...u32le(16_000), ...u16le(2), ...u16le(16)];
    const list = [...ascii('LIST'), ...u32le(3), 0, 0, 0, 0]; // an odd-sized chunk before the data, padded to even
    expect(measureMedia('audio/wav', riff('WAVE', fmt, list, ascii('data'), u32le(40_000), new Array<number>(40_000).fill(0)))).toEqual({ seconds: 2.5 });
  });

  it('FLAC (STREAMINFO) and MP4/MOV (`mvhd`), version 1 too', () => {
    expect(measureMedia('audio/flac', fixture('sample.flac'))).toEqual({ seconds: 1 });
    expect(measureMedia('video/mp4', fixture('sample.mp4'))).toEqual({ seconds: 1 });
    expect(measureMedia('video/mov', fixture('sample.mov'))).toEqual({ seconds: 1 });
    const mvhd1 = box('mvhd', [1, 0, 0, 0], new Array<number>(16).fill(0), u32be(600), u32be(0), u32be(6_000), new Array<number>(80).fill(0));
    const mp4 = bytes(box('ftyp', ascii('isom'), u32be(0), ascii('isom')), box('moov', mvhd1));
    expect(measureMedia('video/mp4', mp4)).toEqual({ seconds: 10 });
    // All ones is the header's "unknown", in 64 bits as in 32: no length, not 3×10¹⁶ seconds of tokens.
    const unknown = box('mvhd', [1, 0, 0, 0], new Array<number>(16).fill(0), u32be(600), new Array<number>(8).fill(0xff), new Array<number>(80).fill(0));
    expect(measureMedia('video/mp4', bytes(box('ftyp', ascii('isom'), u32be(0), ascii('isom')), box('moov', unknown)))).toBeUndefined();
  });

  it('no length where the container does not say it in a header (MP3, Ogg, WebM)', () => {
    expect(measureMedia('audio/mp3', fixture('sample.mp3'))).toBeUndefined();
    expect(measureMedia('audio/ogg', fixture('sample.ogg'))).toBeUndefined();
    expect(measureMedia('video/webm', fixture('sample.webm'))).toBeUndefined();
  });
});

describe('a PDF’s pages', () => {
  it('counts page objects, not the page tree, and an incremental update’s copy of a page once', () => {
    const pdf = fixture('sample.pdf');
    expect(measureMedia('application/pdf', pdf)).toEqual({ pages: 2 });
    const update = Buffer.from('\n3 0 obj\n<< /Type/Page /Parent 2 0 R /MediaBox [0 0 300 120] >>\nendobj\n', 'latin1');
    expect(measureMedia('application/pdf', Buffer.concat([pdf, update]))).toEqual({ pages: 2 });
  });

  it('reads any bytes after the header in one pass: a long run of digits or of unclosed objects ends at once', () => {
    // Quadratic before: 80 KB of digits took 2 s and 2 MB would hold the fake's request handler for many minutes,
    // past this test's time limit.
    expect(measureMedia('application/pdf', Buffer.from(`%PDF-1.4\n${'1'.repeat(2_000_000)}`, 'latin1'))).toBeUndefined();
    expect(measureMedia('application/pdf', Buffer.from(`%PDF-1.4\n${'1 0 obj '.repeat(250_000)}`, 'latin1'))).toBeUndefined();
  });

  it('no count when the pages sit in compressed object streams', () => {
    const packed = Buffer.from('%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 3 /First 12 /Filter /FlateDecode /Length 4 >>\nstream\nx\u009c\u0003\u0000\nendstream\nendobj\n', 'latin1');
    expect(measureMedia('application/pdf', packed)).toBeUndefined();
  });
});

it('a header cut short gives no measure rather than a wrong one or a throw', () => {
  const png = Buffer.from(pngBytes(1, 1000, 800));
  expect(measureMedia('image/png', png.subarray(0, 20))).toBeUndefined();
  expect(measureMedia('video/mp4', fixture('sample.mp4').subarray(0, 40))).toBeUndefined();
  expect(measureMedia('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8]))).toBeUndefined();
});
