// Which part type each kind of file is sent as, what a stateless history names it by, and the size limits per kind.
import { describe, expect, it } from 'vitest';
import { ACCEPTED_MEDIA_TYPES, DEFAULT_MEDIA_MAX_BYTES, isStoredMediaPart, maxBytesFor, mediaKindOf, storedMediaPart } from './media';
import { historyUserStep, userContent } from './request';
import type { MediaRef } from './session';

const ref = (mimeType: string, extra: Partial<MediaRef> = {}): MediaRef => ({ sha256: 'a'.repeat(64), mimeType, name: 'f', size: 1, ...extra });

describe('mediaKindOf', () => {
  it('every accepted type maps back to its kind; anything else is undefined', () => {
    for (const [kind, types] of Object.entries(ACCEPTED_MEDIA_TYPES)) for (const type of types) expect(mediaKindOf(type), type).toBe(kind);
    expect(mediaKindOf('video/x-matroska')).toBeUndefined();
    expect(mediaKindOf('text/html')).toBeUndefined();
  });
});

describe('parts sent for each kind', () => {
  it('a turn sends document, audio and video parts as the typings name them; resolution only on image and video', () => {
    const images = [ref('application/pdf', { resolution: 'high' }), ref('audio/mp3', { resolution: 'low' }), ref('video/mp4', { resolution: 'low' }), ref('image/png', { resolution: 'ultra_high' })];
    const parts = userContent({ text: 'Compare', images }, [
      { mimeType: 'application/pdf', data: 'UERG' },
      { mimeType: 'audio/mp3', uri: 'https://files/a' },
      { mimeType: 'video/mp4', uri: 'https://files/v' },
      { mimeType: 'image/png', data: 'iVBO' },
    ]);
    expect(parts).toEqual([
      { type: 'text', text: 'Compare' },
      { type: 'document', data: 'UERG', mime_type: 'application/pdf' },
      { type: 'audio', uri: 'https://files/a', mime_type: 'audio/mp3' },
      { type: 'video', uri: 'https://files/v', mime_type: 'video/mp4', resolution: 'low' },
      { type: 'image', data: 'iVBO', mime_type: 'image/png', resolution: 'ultra_high' },
    ]);
  });

  it('a stateless history names each attachment by sha256 under its own part type, which main resolves', () => {
    const step = historyUserStep({ text: 'Listen', images: [ref('audio/wav', { resolution: 'high' }), ref('video/webm', { resolution: 'medium' })] });
    expect(step).toEqual({
      type: 'user_input',
      content: [
        { type: 'text', text: 'Listen' },
        { type: 'audio', mime_type: 'audio/wav', sha256: 'a'.repeat(64) },
        { type: 'video', mime_type: 'video/webm', sha256: 'a'.repeat(64), resolution: 'medium' },
      ],
    });
    expect(storedMediaPart(ref('text/csv'))).toEqual({ type: 'document', mime_type: 'text/csv', sha256: 'a'.repeat(64) });
    expect(isStoredMediaPart({ type: 'document', sha256: 'b', mime_type: 'application/pdf' })).toBe(true);
    expect(isStoredMediaPart({ type: 'video', sha256: 'b', uri: 'https://files/v' })).toBe(false);
    expect(isStoredMediaPart({ type: 'text', sha256: 'b' })).toBe(false);
  });
});

describe('maxBytesFor', () => {
  it('images follow the settings limit; the other kinds their own', () => {
    expect(maxBytesFor('image', 7)).toBe(7);
    expect(maxBytesFor('document', 7)).toBe(DEFAULT_MEDIA_MAX_BYTES.document);
    expect(maxBytesFor('video', 7)).toBe(DEFAULT_MEDIA_MAX_BYTES.video);
  });
});
