import { describe, expect, it } from 'vitest';
import { clipDetail, describeMedia, formatDuration, mediaNoun, pageCount } from './media-labels';

const of = (...types: string[]) => types.map((mimeType) => ({ mimeType }));

describe('describeMedia', () => {
  it('counts each kind by its own noun, not every attachment as an image', () => {
    expect(describeMedia(of('application/pdf', 'video/mp4', 'application/pdf'))).toBe('2 PDFs, 1 video');
  });

  it('lists images, then documents, then audio, then video, whatever the attach order', () => {
    expect(describeMedia(of('video/webm', 'audio/wav', 'text/csv', 'image/png', 'image/jpeg'))).toBe('2 images, 1 CSV file, 1 audio file, 1 video');
  });

  it('says one in the singular and tells text formats apart', () => {
    expect(describeMedia(of('audio/mp3'))).toBe('1 audio file');
    expect(describeMedia(of('text/plain', 'text/markdown', 'text/plain'))).toBe('1 Markdown file, 2 text files');
  });

  it('names a type it does not know as a file rather than guessing', () => {
    expect(describeMedia(of('application/zip'))).toBe('1 file');
    expect(mediaNoun('application/zip')).toBe('file');
  });

  it('is empty for no attachments', () => {
    expect(describeMedia([])).toBe('');
  });
});

describe('mediaNoun', () => {
  it('names each kind', () => {
    expect(['image/webp', 'application/pdf', 'audio/flac', 'video/mov'].map(mediaNoun)).toEqual(['image', 'PDF', 'audio file', 'video']);
  });
});

describe('formatDuration', () => {
  it('shows minutes and two-digit seconds, hours when there are any', () => {
    expect(formatDuration(7.4)).toBe('0:07');
    expect(formatDuration(750)).toBe('12:30');
    expect(formatDuration(3723)).toBe('1:02:03');
  });

  it('is unknown before the metadata arrived or for a live stream', () => {
    expect(formatDuration(Number.NaN)).toBeUndefined();
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('clipDetail', () => {
  it('is the length, and where the clip is while it plays', () => {
    expect(clipDetail({ duration: 42, failed: false })).toBe('0:42');
    expect(clipDetail({ duration: 42, failed: false, playingAt: 7 })).toBe('0:07 / 0:42');
  });

  it('says a clip that failed cannot be played, and nothing while its length is unknown', () => {
    expect(clipDetail({ duration: 42, failed: true, playingAt: 7 })).toBe('Cannot play');
    expect(clipDetail({ duration: Number.NaN, failed: false, playingAt: 7 })).toBeUndefined();
  });
});

describe('pageCount', () => {
  it('agrees in number', () => {
    expect([1, 2].map(pageCount)).toEqual(['1 page', '2 pages']);
  });
});
