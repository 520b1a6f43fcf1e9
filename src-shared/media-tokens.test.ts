import { describe, expect, it } from 'vitest';
import { fileTokens, filesTokens } from './media-tokens';

const png = { mimeType: 'image/png', size: 10_000 };

describe('fileTokens', () => {
  it('counts an image up to 384 px a side as one 258-token tile, and a larger one in 768×768 tiles', () => {
    expect(fileTokens(png, { width: 384, height: 200 })).toBe(258);
    expect(fileTokens(png, { width: 385, height: 200 })).toBe(258);
    expect(fileTokens(png, { width: 1024, height: 768 })).toBe(2 * 258);
    expect(fileTokens(png, { width: 3000, height: 2000 })).toBe(4 * 3 * 258);
  });

  it('counts video at 263 and audio at 32 tokens a second, a PDF at 258 a page, text at 4 bytes a token', () => {
    expect(fileTokens({ mimeType: 'video/mp4', size: 1 }, { seconds: 10 })).toBe(2_630);
    expect(fileTokens({ mimeType: 'audio/mp3', size: 1 }, { seconds: 60 })).toBe(1_920);
    expect(fileTokens({ mimeType: 'audio/wav', size: 1 }, { seconds: 0.5 })).toBe(16);
    expect(fileTokens({ mimeType: 'application/pdf', size: 1 }, { pages: 3 })).toBe(774);
    expect(fileTokens({ mimeType: 'text/csv', size: 401 }, undefined)).toBe(101);
  });

  it('counts a type outside the app’s own list by the part type it is sent as', () => {
    expect(fileTokens({ mimeType: 'video/3gpp', size: 1, kind: 'video' }, { seconds: 10 })).toBe(2_630);
    expect(fileTokens({ mimeType: 'video/3gpp', size: 1 }, { seconds: 10 })).toBeUndefined();
  });

  it('knows nothing of a file whose measure is missing or of another kind', () => {
    expect(fileTokens(png, undefined)).toBeUndefined();
    expect(fileTokens(png, { seconds: 3 })).toBeUndefined();
    expect(fileTokens({ mimeType: 'video/mp4', size: 1 }, undefined)).toBeUndefined();
  });
});

describe('fileTokens, Gemini 3', () => {
  const model = 'gemini-3-flash-preview';

  it('counts an image at its resolution’s budget whatever its size, high when unset, and needs no measure for it', () => {
    expect(fileTokens(png, { width: 3000, height: 2000 }, model)).toBe(1_120);
    expect(fileTokens(png, undefined, `models/${model}`)).toBe(1_120);
    expect((['low', 'medium', 'high', 'ultra_high'] as const).map((resolution) => fileTokens({ ...png, resolution }, undefined, model))).toEqual([280, 560, 1_120, 2_240]);
  });

  it('counts a PDF page at 560, a video second at one 70-token frame (280 at high), audio and text as before', () => {
    expect(fileTokens({ mimeType: 'application/pdf', size: 1 }, { pages: 3 }, model)).toBe(1_680);
    expect(fileTokens({ mimeType: 'video/mp4', size: 1 }, { seconds: 10 }, model)).toBe(700);
    expect(fileTokens({ mimeType: 'video/mp4', size: 1, resolution: 'high' }, { seconds: 10 }, model)).toBe(2_800);
    expect(fileTokens({ mimeType: 'video/mp4', size: 1 }, undefined, model)).toBeUndefined();
    expect(fileTokens({ mimeType: 'audio/mp3', size: 1 }, { seconds: 60 }, model)).toBe(1_920);
    expect(fileTokens({ mimeType: 'text/csv', size: 401 }, undefined, model)).toBe(101);
  });

  it('an earlier model still counts by tiles', () => {
    expect(fileTokens(png, { width: 3000, height: 2000 }, 'gemini-2.5-flash')).toBe(4 * 3 * 258);
  });
});

describe('filesTokens', () => {
  it('adds the files it can count and says how many it could not', () => {
    const files = ['a', 'b', 'c', 'd'].map((sha256) => ({ sha256, ...png }));
    const measures = new Map([
      ['a', { width: 1000, height: 1000 }],
      ['b', { width: 100, height: 100 }],
      ['c', { width: 800, height: 300 }],
    ]);
    expect(filesTokens(files, measures)).toEqual({ tokens: 4 * 258 + 258 + 2 * 258, unknown: 1 });
  });
});
