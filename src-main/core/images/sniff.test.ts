// Image type by content: every accepted type from a tiny real sample, and the files people drop by mistake.
import { describe, expect, it } from 'vitest';
import { ACCEPTED_IMAGE_TYPES, megabytesPair } from '../../../src-shared/media';
import { checkImage, sniffImage } from './sniff';
import { SAMPLES, heifBytes, jpegBytes, pngBytes, pngOfSize } from '../../../test-support/main/images';

const LIMITS = { maxBytes: 20 * 1_048_576 };
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffImage', () => {
  it.each(ACCEPTED_IMAGE_TYPES)('recognises %s from its bytes', (type) => {
    expect(sniffImage(SAMPLES[type]())).toEqual({ kind: 'image', mimeType: type });
  });

  it('every accepted type has a sample (the list and the samples agree)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...ACCEPTED_IMAGE_TYPES].sort());
  });

  it('a cut file of each type is damaged, not an image', () => {
    for (const type of ACCEPTED_IMAGE_TYPES) {
      const bytes = SAMPLES[type]();
      const cut = bytes.subarray(0, bytes.length - 3);
      expect(sniffImage(cut).kind, type).toBe('damaged');
    }
  });

  it('PNG: without IHDR, or without IEND, is damaged; bytes after IEND are tolerated', () => {
    const png = pngBytes();
    const noIhdr = Uint8Array.from([...png.subarray(0, 8), ...png.subarray(8 + 25)]);
    expect(sniffImage(noIhdr)).toEqual({ kind: 'damaged', format: 'PNG' });
    expect(sniffImage(png.subarray(0, png.length - 12))).toEqual({ kind: 'damaged', format: 'PNG' });
    expect(sniffImage(png.subarray(0, 8))).toEqual({ kind: 'damaged', format: 'PNG' });
    expect(sniffImage(Uint8Array.from([...png, 0, 0, 0]))).toEqual({ kind: 'image', mimeType: 'image/png' });
  });

  it('JPEG: needs SOI, a frame, a scan and EOI; an EOI inside a segment does not count', () => {
    const jpeg = jpegBytes();
    expect(sniffImage(jpeg.subarray(0, jpeg.length - 2)).kind).toBe('damaged');
    expect(sniffImage(jpeg.subarray(2)).kind).toBe('unknown');
    // An APP1 segment (EXIF) holding FF D9, and the file cut before its real scan: still damaged.
    const exif = [0xff, 0xe1, 0x00, 0x06, 0xff, 0xd9, 0x00, 0x00];
    const cut = Uint8Array.from([0xff, 0xd8, ...exif, 0xff, 0xdb, 0x00, 0x43]);
    expect(sniffImage(cut).kind).toBe('damaged');
    expect(sniffImage(Uint8Array.from([...jpeg, 0, 0]))).toEqual({ kind: 'image', mimeType: 'image/jpeg' });
  });

  it('HEIC vs HEIF by brand; AVIF and MP4 are not accepted', () => {
    expect(sniffImage(heifBytes('mif1', ['mif1', 'heic']))).toEqual({ kind: 'image', mimeType: 'image/heic' });
    expect(sniffImage(heifBytes('msf1', ['msf1']))).toEqual({ kind: 'image', mimeType: 'image/heif' });
    expect(sniffImage(heifBytes('avif', ['mif1', 'avif']))).toEqual({ kind: 'unsupported', format: 'an AVIF image' });
    expect(sniffImage(heifBytes('isom', ['isom', 'mp42']))).toEqual({ kind: 'unsupported', format: 'a video' });
  });

  it('text, SVG, PDF and random bytes are not images', () => {
    expect(sniffImage(text('Meeting notes\nBM is not a bitmap'))).toEqual({ kind: 'unknown' });
    expect(sniffImage(text('BMW service notes'))).toEqual({ kind: 'unknown' });
    expect(sniffImage(text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ kind: 'unsupported', format: 'an SVG image' });
    expect(sniffImage(text('%PDF-1.7\n'))).toEqual({ kind: 'unsupported', format: 'a PDF document' });
    expect(sniffImage(Uint8Array.from({ length: 64 }, (_, i) => (i * 7) & 0xff))).toEqual({ kind: 'unknown' });
  });
});

describe('checkImage', () => {
  it('accepts a JPEG renamed .png as image/jpeg', () => {
    expect(checkImage('holiday.png', jpegBytes(), LIMITS)).toEqual({ ok: true, mimeType: 'image/jpeg' });
  });

  it('names the file and the reason', () => {
    expect(checkImage('notes.txt', text('hello'), LIMITS)).toEqual({
      ok: false,
      message: 'notes.txt is not an image (PNG, JPEG, WebP, HEIC, HEIF, GIF, BMP or TIFF)',
    });
    expect(checkImage('empty.png', new Uint8Array(0), LIMITS)).toEqual({ ok: false, message: 'empty.png is empty' });
    const png = pngBytes();
    expect(checkImage('cut.png', png.subarray(0, 40), LIMITS)).toEqual({
      ok: false,
      message: 'cut.png is not a complete PNG image (it may be truncated or damaged)',
    });
    expect(checkImage('logo.svg', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), LIMITS)).toEqual({
      ok: false,
      message: 'logo.svg is an SVG image; images must be PNG, JPEG, WebP, HEIC, HEIF, GIF, BMP or TIFF',
    });
  });

  it('refuses an oversized file before looking inside, with its size and the limit', () => {
    const big = pngOfSize(31 * 1_048_576);
    expect(sniffImage(big)).toEqual({ kind: 'image', mimeType: 'image/png' });
    expect(checkImage('big.png', big, LIMITS)).toEqual({ ok: false, message: 'big.png is 31 MB; the limit is 20 MB' });
    expect(checkImage('small.png', pngBytes(), { maxBytes: 10 })).toMatchObject({ ok: false });
  });

  it('sizes read differently from the limit even just above it', () => {
    expect(megabytesPair(31 * 1_048_576, 20 * 1_048_576)).toEqual(['31 MB', '20 MB']);
    expect(megabytesPair(20.4 * 1_048_576, 20 * 1_048_576)).toEqual(['20.4 MB', '20 MB']);
    expect(megabytesPair(20 * 1_048_576 + 1, 20 * 1_048_576)).toEqual([`${20 * 1_048_576 + 1} bytes`, `${20 * 1_048_576} bytes`]);
  });
});
