// Documents, audio and video by content, from real files made with ffmpeg (e2e/fixtures/media), their cut copies,
// and files whose name claims something else.
import { describe, expect, it } from 'vitest';
import { ACCEPTED_MEDIA_TYPES } from '../../../src-shared/media';
import { checkMedia } from './check-media';
import { sniffMedia } from './sniff-media';
import { pngBytes } from '../../../test-support/main/images';
import { mediaFixture } from '../../../test-support/main/media';

const LIMITS = { maxBytes: 20 * 1_048_576 };
const text = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

const SAMPLES = [
  ['sample.pdf', 'application/pdf', 'PDF'],
  ['sample.wav', 'audio/wav', 'WAV'],
  ['sample.mp3', 'audio/mp3', 'MP3'],
  ['sample.aac', 'audio/aac', 'AAC'],
  ['sample.ogg', 'audio/ogg', 'Ogg'],
  ['sample.flac', 'audio/flac', 'FLAC'],
  ['sample.mp4', 'video/mp4', 'MP4'],
  ['sample.webm', 'video/webm', 'WebM'],
  ['voice.webm', 'audio/webm', 'WebM audio'],
  ['sample.mov', 'video/mov', 'MOV'],
] as const;

describe('sniffMedia', () => {
  it.each(SAMPLES)('recognises %s as %s', (file, type) => {
    expect(sniffMedia(mediaFixture(file), file)).toEqual({ kind: 'media', mimeType: type });
  });

  it.each(SAMPLES.filter(([file]) => file !== 'sample.flac'))('%s cut short is a damaged %s', (file, _type, format) => {
    const bytes = mediaFixture(file);
    expect(sniffMedia(bytes.subarray(0, bytes.length - 100), file)).toEqual({ kind: 'damaged', format });
  });

  it('FLAC cut inside its metadata, or with no frame after it, is damaged (frames carry no length to check)', () => {
    const flac = mediaFixture('sample.flac');
    expect(sniffMedia(flac.subarray(0, 30))).toEqual({ kind: 'damaged', format: 'FLAC' });
    expect(sniffMedia(flac.subarray(0, 42))).toEqual({ kind: 'damaged', format: 'FLAC' });
  });

  it('a PDF needs %%EOF near its end; WAV needs fmt before data', () => {
    expect(sniffMedia(text('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'))).toEqual({ kind: 'damaged', format: 'PDF' });
    expect(sniffMedia(text('%PDF-1.7\n%%EOF\n'))).toEqual({ kind: 'media', mimeType: 'application/pdf' });
    const wav = mediaFixture('sample.wav');
    const noFmt = cat(wav.subarray(0, 12), wav.subarray(36));
    expect(sniffMedia(noFmt)).toEqual({ kind: 'damaged', format: 'WAV' });
  });

  it('MP3 without an ID3 tag is found by two frames in a row; an ID3 tag larger than the file is damaged', () => {
    const mp3 = mediaFixture('sample.mp3');
    const tagEnd = 10 + mp3[9]!; // this fixture's tag is under 128 bytes
    expect(sniffMedia(mp3.subarray(tagEnd))).toEqual({ kind: 'media', mimeType: 'audio/mp3' });
    const bigTag = Uint8Array.from(mp3);
    bigTag[8] = 0x7f;
    expect(sniffMedia(bigTag)).toEqual({ kind: 'damaged', format: 'MP3' });
  });

  it('WebM by its DocType; Matroska is refused as unsupported, not taken for WebM', () => {
    expect(sniffMedia(mediaFixture('sample.mkv'))).toEqual({ kind: 'unsupported', format: 'a Matroska (MKV) video' });
  });

  it('a WebM with no video track is audio under either ending, as a browser records it too (sizes left unknown)', () => {
    const voice = mediaFixture('voice.webm');
    expect(checkMedia('voice.webm', voice, LIMITS)).toEqual({ ok: true, mimeType: 'audio/webm', kind: 'audio' });
    expect(checkMedia('voice.weba', voice, LIMITS)).toEqual({ ok: true, mimeType: 'audio/webm', kind: 'audio' });
    expect(sniffMedia(mediaFixture('voice-live.webm'))).toEqual({ kind: 'media', mimeType: 'audio/webm' });
    // Cut, it is named by what it holds, under the container's name too.
    expect(checkMedia('voice.webm', voice.subarray(0, voice.length - 100), LIMITS)).toEqual({
      ok: false,
      message: 'voice.webm is not a complete WebM audio file (it may be truncated or damaged)',
    });
    // A name asking for sound that holds a video is refused, as for M4A.
    expect(checkMedia('clip.weba', mediaFixture('sample.webm'), LIMITS)).toEqual({ ok: false, message: 'clip.weba is not a WebM audio file (it is a WebM video)' });
    expect(checkMedia('clip.webm', mediaFixture('sample.webm'), LIMITS)).toEqual({ ok: true, mimeType: 'video/webm', kind: 'video' });
  });

  it('a WebM is audio only when every track’s type is read and none is video: wide types, subtitles, cuts and padding', () => {
    // Elements with an 8-byte size; a Segment of unknown size, as a recording being written has it.
    const el = (id: number[], ...body: Uint8Array[]) => {
      const data = cat(...body);
      return cat(Uint8Array.from(id), Uint8Array.of(0x01, 0, 0, 0, 0, 0, (data.length >> 8) & 0xff, data.length & 0xff), data);
    };
    const header = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], text('webm')));
    const webm = (...children: Uint8Array[]) => cat(header, Uint8Array.of(0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), ...children);
    const track = (...type: number[]) => el([0xae], el([0xd7], Uint8Array.of(1)), el([0x83], Uint8Array.from(type)));
    const tracks = (...entries: Uint8Array[]) => el([0x16, 0x54, 0xae, 0x6b], ...entries);
    const voids = (n: number) => cat(...Array.from({ length: n }, () => Uint8Array.of(0xec, 0x80)));

    expect(sniffMedia(webm(tracks(track(2))))).toEqual({ kind: 'media', mimeType: 'audio/webm' });
    expect(sniffMedia(webm(voids(10), tracks(track(2), track(0x11))))).toEqual({ kind: 'media', mimeType: 'audio/webm' });
    // A video track whose type is written in two bytes is still video.
    expect(sniffMedia(webm(tracks(track(0, 1), track(2))))).toEqual({ kind: 'media', mimeType: 'video/webm' });
    // A track of no stated type may be anything.
    expect(sniffMedia(webm(tracks(track(2), el([0xae], el([0xd7], Uint8Array.of(2))))))).toEqual({ kind: 'media', mimeType: 'video/webm' });
    // Subtitles alone are no sound.
    expect(sniffMedia(webm(tracks(track(0x11))))).toEqual({ kind: 'media', mimeType: 'video/webm' });
    // Cut after the audio track, before the video one: what is missing may be video.
    const both = webm(tracks(track(2), track(1)));
    expect(sniffMedia(both.subarray(0, both.length - track(1).length))).toEqual({ kind: 'media', mimeType: 'video/webm' });
    expect(sniffMedia(both.subarray(0, both.length - 4))).toEqual({ kind: 'media', mimeType: 'video/webm' });
    // Padding past the walk's budget before Tracks: not walked to the end, so the file stays a video.
    expect(sniffMedia(webm(voids(300), tracks(track(2))))).toEqual({ kind: 'media', mimeType: 'video/webm' });
  });

  it('text is taken only when the name says which (.csv, .md, .txt and their longer forms), and only valid UTF-8 without NULs', () => {
    const csv = mediaFixture('table.csv');
    expect(sniffMedia(csv, 'table.csv')).toEqual({ kind: 'media', mimeType: 'text/csv' });
    expect(sniffMedia(csv, 'notes.md')).toEqual({ kind: 'media', mimeType: 'text/markdown' });
    expect(sniffMedia(mediaFixture('readme.txt'), 'readme.TXT')).toEqual({ kind: 'media', mimeType: 'text/plain' });
    expect(sniffMedia(mediaFixture('readme.txt'), 'readme.text')).toEqual({ kind: 'media', mimeType: 'text/plain' });
    expect(sniffMedia(csv, 'notes.markdown')).toEqual({ kind: 'media', mimeType: 'text/markdown' });
    expect(sniffMedia(csv, 'table')).toEqual({ kind: 'unknown' });
    expect(sniffMedia(cat(csv, Uint8Array.of(0)), 'table.csv')).toEqual({ kind: 'unknown' });
    expect(sniffMedia(Uint8Array.of(0x61, 0xc3, 0x28), 'bad.txt')).toEqual({ kind: 'unknown' });
  });

  it('every accepted type but the text ones and M4A has a fixture', () => {
    const sampled = new Set<string>([...SAMPLES.map(([, type]) => type), 'text/csv', 'text/plain', 'text/markdown', 'audio/m4a']);
    const beyondImages = [...ACCEPTED_MEDIA_TYPES.document, ...ACCEPTED_MEDIA_TYPES.audio, ...ACCEPTED_MEDIA_TYPES.video];
    expect(beyondImages.filter((type) => !sampled.has(type))).toEqual([]);
  });
});

/** An ISO-BMFF box: its size, its type, then what it holds. */
const box = (type: string, ...body: Uint8Array[]) => {
  const inner = cat(...body);
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, 8 + inner.length);
  head.set(text(type), 4);
  return cat(head, inner);
};
const ftyp = (...brands: string[]) => box('ftyp', text(brands[0]!), new Uint8Array(4), ...brands.slice(1).map(text));
const track = (handler: string) => box('trak', box('tkhd', new Uint8Array(20)), box('mdia', box('hdlr', new Uint8Array(8), text(handler), new Uint8Array(12))));
const movie = (brands: string[], ...handlers: string[]) => cat(ftyp(...brands), box('moov', box('mvhd', new Uint8Array(20)), ...handlers.map(track)), box('mdat', new Uint8Array(16)));

describe('MP4 audio and video', () => {
  it('an MP4 with no video track is M4A audio whatever its brands (phone recorders write mp42, isom)', () => {
    const voice = movie(['mp42', 'isom', 'mp42'], 'soun');
    expect(sniffMedia(voice)).toEqual({ kind: 'media', mimeType: 'audio/m4a' });
    expect(checkMedia('voice.m4a', voice, LIMITS)).toEqual({ ok: true, mimeType: 'audio/m4a', kind: 'audio' });
    expect(checkMedia('talk.mp4', voice, LIMITS)).toEqual({ ok: true, mimeType: 'audio/m4a', kind: 'audio' });
    expect(sniffMedia(cat(ftyp('mp42', 'isom', 'mp42'), box('moov')))).toEqual({ kind: 'media', mimeType: 'audio/m4a' });
    const unreadable = cat(ftyp('mp42', 'isom'), box('moov', box('trak', box('mdia'))));
    expect(sniffMedia(unreadable)).toEqual({ kind: 'media', mimeType: 'video/mp4' });
  });

  it('a video track makes it a video; an M4A brand is audio; a cut one is damaged under the name its brands give', () => {
    const clip = movie(['isom', 'isom', 'mp41'], 'soun', 'vide');
    expect(checkMedia('clip.mp4', clip, LIMITS)).toEqual({ ok: true, mimeType: 'video/mp4', kind: 'video' });
    expect(checkMedia('clip.m4a', clip, LIMITS)).toEqual({ ok: false, message: 'clip.m4a is not an M4A file (it is an MP4 video)' });
    expect(sniffMedia(movie(['M4A ', 'M4A ', 'mp42', 'isom'], 'soun'))).toEqual({ kind: 'media', mimeType: 'audio/m4a' });
    expect(sniffMedia(cat(ftyp('M4A ', 'isom'), box('mdat', new Uint8Array(4))))).toEqual({ kind: 'damaged', format: 'M4A' });
    expect(sniffMedia(cat(ftyp('mp42', 'isom'), box('mdat', new Uint8Array(4))))).toEqual({ kind: 'damaged', format: 'MP4' });
  });
});

describe('FLAC behind an ID3 tag, and text in another encoding', () => {
  it('a FLAC with an ID3v2 tag in front is FLAC; cut inside its metadata it is a damaged FLAC', () => {
    const flac = mediaFixture('sample.flac');
    const tagged = cat(text('ID3'), Uint8Array.of(4, 0, 0, 0, 0, 0, 5), new Uint8Array(5), flac);
    expect(checkMedia('song.flac', tagged, LIMITS)).toEqual({ ok: true, mimeType: 'audio/flac', kind: 'audio' });
    expect(sniffMedia(tagged.subarray(0, 15 + 30))).toEqual({ kind: 'damaged', format: 'FLAC' });
  });

  it('a CSV or text file not in UTF-8 is refused for its encoding, not as a type the API does not take', () => {
    const latin1 = Uint8Array.from('name,city\nJos\xe9,M\xfcnchen\n', (c) => c.charCodeAt(0));
    expect(checkMedia('table.csv', latin1, LIMITS)).toEqual({
      ok: false,
      message: 'table.csv is not UTF-8 text (it looks like Windows-1252 or another 8-bit encoding); save it as UTF-8',
    });
    const utf16 = (bom: boolean) => cat(bom ? Uint8Array.of(0xff, 0xfe) : new Uint8Array(), ...[...'notes, more notes'].map((c) => Uint8Array.of(c.charCodeAt(0), 0)));
    for (const bytes of [utf16(true), utf16(false)]) {
      expect(checkMedia('notes.txt', bytes, LIMITS)).toEqual({ ok: false, message: 'notes.txt is not UTF-8 text (it looks like UTF-16); save it as UTF-8' });
    }
    expect(checkMedia('notes.txt', Uint8Array.of(1, 2, 0, 4, 0x89, 7, 0, 0), LIMITS)).toMatchObject({ ok: false, message: expect.stringMatching(/^notes\.txt is not a text file/) });
  });
});

describe('checkMedia', () => {
  it('a file that is not what its name claims is refused, naming what it is', () => {
    expect(checkMedia('notes.pdf', mediaFixture('notes.pdf'), LIMITS)).toEqual({ ok: false, message: 'notes.pdf is not a PDF (it is plain text)' });
    expect(checkMedia('song.mp3', mediaFixture('song.mp3'), LIMITS)).toEqual({ ok: false, message: 'song.mp3 is not an MP3 (it is a PNG image)' });
    expect(checkMedia('clip.mp4', mediaFixture('sample.wav'), LIMITS)).toEqual({ ok: false, message: 'clip.mp4 is not an MP4 video (it is WAV audio)' });
  });

  it('within one kind the bytes decide (a PNG named .jpg, an MOV named .mp4)', () => {
    expect(checkMedia('photo.jpg', pngBytes(), LIMITS)).toEqual({ ok: true, mimeType: 'image/png', kind: 'image' });
    expect(checkMedia('clip.mp4', mediaFixture('sample.mov'), LIMITS)).toEqual({ ok: true, mimeType: 'video/mov', kind: 'video' });
  });

  it('a cut file is damaged under its own name, not "not an MP3"', () => {
    const mp3 = mediaFixture('sample.mp3');
    expect(checkMedia('song.mp3', mp3.subarray(0, mp3.length - 100), LIMITS)).toEqual({
      ok: false,
      message: 'song.mp3 is not a complete MP3 file (it may be truncated or damaged)',
    });
  });

  it('Matroska, unknown bytes and text under another name are refused with the reason', () => {
    expect(checkMedia('film.mkv', mediaFixture('sample.mkv'), LIMITS)).toMatchObject({ ok: false, message: expect.stringMatching(/^film\.mkv is a Matroska \(MKV\) video; files must be /) });
    expect(checkMedia('notes', text('hello'), LIMITS)).toEqual({ ok: false, message: 'notes is plain text; a text file is sent when its name ends in .csv, .md, .markdown, .txt or .text' });
    expect(checkMedia('blob.bin', Uint8Array.of(1, 2, 0, 4), LIMITS)).toMatchObject({ ok: false, message: expect.stringMatching(/^blob\.bin is not a file the app can send/) });
    expect(checkMedia('empty.wav', new Uint8Array(), LIMITS)).toEqual({ ok: false, message: 'empty.wav is empty' });
  });

  it('size limits are per kind: a 30 MB PDF passes where a 20 MB image limit would refuse it; 51 MB does not', () => {
    const pdfOf = (size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(text('%PDF-1.4\n'));
      bytes.set(text('%%EOF\n'), size - 6);
      return bytes;
    };
    expect(checkMedia('big.pdf', pdfOf(30 * 1_048_576), LIMITS)).toMatchObject({ ok: true, kind: 'document' });
    expect(checkMedia('huge.pdf', pdfOf(51 * 1_048_576), LIMITS)).toEqual({ ok: false, message: 'huge.pdf is 51 MB; the limit for a document is 50 MB' });
    expect(checkMedia('dot.png', pngBytes(), { maxBytes: 10 })).toMatchObject({ ok: false, message: expect.stringMatching(/the limit for an image is 10 bytes$/) });
  });
});
