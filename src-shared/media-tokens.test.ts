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

  it('knows nothing of a file whose measure is missing or of another kind', () => {
    expect(fileTokens(png, undefined)).toBeUndefined();
    expect(fileTokens(png, { seconds: 3 })).toBeUndefined();
    expect(fileTokens({ mimeType: 'video/mp4', size: 1 }, undefined)).toBeUndefined();
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
