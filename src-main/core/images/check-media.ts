// Whether a file may be stored or sent, and what to tell the person when not: what its name claims against what
// its bytes are (sniffMedia's verdict), damage, the types the API takes, and each kind's size limit. Pure: no I/O.
import { ACCEPTED_MEDIA_LABEL, maxBytesFor, mediaKindOf, type AcceptedMediaType, type MediaKind } from '../../../src-shared/media';
import { megabytesPair } from './sniff';
import { TEXT_MEDIA_TYPES, extensionOf, isText, sniffMedia, type MediaSniff } from './sniff-media';

/** The kind a file's name claims, from its extension; undefined when the name says nothing we know. */
export function claimedKind(name: string): { kind: MediaKind; label: string } | undefined {
  return CLAIMS[extensionOf(name)];
}

const claim = (kind: MediaKind, label: string) => ({ kind, label });
const CLAIMS: Record<string, { kind: MediaKind; label: string }> = {
  pdf: claim('document', 'a PDF'),
  csv: claim('document', 'a CSV file'),
  txt: claim('document', 'a text file'),
  md: claim('document', 'a Markdown file'),
  wav: claim('audio', 'a WAV file'),
  mp3: claim('audio', 'an MP3'),
  aac: claim('audio', 'an AAC file'),
  m4a: claim('audio', 'an M4A file'),
  ogg: claim('audio', 'an Ogg file'),
  oga: claim('audio', 'an Ogg file'),
  flac: claim('audio', 'a FLAC file'),
  mp4: claim('video', 'an MP4 video'),
  m4v: claim('video', 'an MP4 video'),
  mov: claim('video', 'a MOV video'),
  webm: claim('video', 'a WebM video'),
  png: claim('image', 'a PNG image'),
  jpg: claim('image', 'a JPEG image'),
  jpeg: claim('image', 'a JPEG image'),
  webp: claim('image', 'a WebP image'),
  gif: claim('image', 'a GIF image'),
  heic: claim('image', 'a HEIC image'),
  heif: claim('image', 'a HEIF image'),
  bmp: claim('image', 'a BMP image'),
  tif: claim('image', 'a TIFF image'),
  tiff: claim('image', 'a TIFF image'),
};

const DESCRIPTIONS: Record<AcceptedMediaType, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/webp': 'a WebP image',
  'image/heic': 'a HEIC image',
  'image/heif': 'a HEIF image',
  'image/gif': 'a GIF image',
  'image/bmp': 'a BMP image',
  'image/tiff': 'a TIFF image',
  'application/pdf': 'a PDF',
  'text/csv': 'CSV text',
  'text/plain': 'plain text',
  'text/markdown': 'Markdown text',
  'audio/wav': 'WAV audio',
  'audio/mp3': 'MP3 audio',
  'audio/aac': 'AAC audio',
  'audio/ogg': 'Ogg audio',
  'audio/flac': 'FLAC audio',
  'audio/m4a': 'M4A audio',
  'video/mp4': 'an MP4 video',
  'video/webm': 'a WebM video',
  'video/mov': 'a MOV video',
};

/** What the bytes are, in words, for "x.pdf is not a PDF (it is plain text)". */
export function describeMedia(sniffed: MediaSniff, bytes: Uint8Array): string {
  switch (sniffed.kind) {
    case 'media':
      return DESCRIPTIONS[sniffed.mimeType];
    case 'damaged':
      return `a damaged ${sniffed.format} file`;
    case 'unsupported':
      return sniffed.format;
    case 'unknown':
      return isText(bytes) ? 'plain text' : 'of a type the API does not take';
  }
}

export type MediaCheck = { ok: true; mimeType: AcceptedMediaType; kind: MediaKind } | { ok: false; message: string };

const IMAGE_FORMATS = new Set(['PNG', 'JPEG', 'GIF', 'WebP', 'HEIC', 'HEIF', 'TIFF', 'BMP']);

/** The kind of a format a damaged file was recognised as: a cut `song.mp3` is a damaged MP3, not "not an MP3". */
const FORMAT_KINDS: Record<string, MediaKind> = {
  ...Object.fromEntries([...IMAGE_FORMATS].map((format) => [format, 'image' as const])),
  PDF: 'document',
  WAV: 'audio',
  MP3: 'audio',
  AAC: 'audio',
  Ogg: 'audio',
  FLAC: 'audio',
  M4A: 'audio',
  MP4: 'video',
  MOV: 'video',
  WebM: 'video',
};

/**
 * The whole check before a file is stored: empty, not what its name claims, damaged, not a type the API takes,
 * too large for its kind. A name claiming another kind than the bytes (`notes.pdf` holding text, `song.mp3`
 * holding a PNG) is refused, since the person meant to send something else; within one kind (a PNG named .jpg)
 * the bytes decide, as they always have for images.
 */
export function checkMedia(name: string, bytes: Uint8Array, limits: { maxBytes: number }): MediaCheck {
  const who = name.trim() === '' ? 'The file' : name;
  if (bytes.byteLength === 0) return { ok: false, message: `${who} is empty` };
  const sniffed = sniffMedia(bytes, name);
  const claimed = claimedKind(name);
  const kind = sniffed.kind === 'media' ? mediaKindOf(sniffed.mimeType) : undefined;
  const seenKind = sniffed.kind === 'damaged' ? FORMAT_KINDS[sniffed.format] : kind;
  if (claimed && claimed.kind !== seenKind) {
    return { ok: false, message: `${who} is not ${claimed.label} (it is ${describeMedia(sniffed, bytes)})` };
  }
  switch (sniffed.kind) {
    case 'damaged': {
      const noun = IMAGE_FORMATS.has(sniffed.format) ? 'image' : 'file';
      return { ok: false, message: `${who} is not a complete ${sniffed.format} ${noun} (it may be truncated or damaged)` };
    }
    case 'unsupported':
      return { ok: false, message: `${who} is ${sniffed.format}; files must be ${ACCEPTED_MEDIA_LABEL}` };
    case 'unknown':
      return {
        ok: false,
        message: isText(bytes)
          ? `${who} is plain text; a text file is sent when its name ends in .txt, .csv or .md`
          : `${who} is not a file the app can send (${ACCEPTED_MEDIA_LABEL})`,
      };
    case 'media': {
      const max = maxBytesFor(kind!, limits.maxBytes);
      if (bytes.byteLength > max) {
        const [size, limit] = megabytesPair(bytes.byteLength, max);
        return { ok: false, message: `${who} is ${size}; the limit for ${KIND_WORDS[kind!]} is ${limit}` };
      }
      return { ok: true, mimeType: sniffed.mimeType, kind: kind! };
    }
  }
}

const KIND_WORDS: Record<MediaKind, string> = { image: 'an image', document: 'a document', audio: 'audio', video: 'a video' };

/**
 * A stored blob checked again before it is sent (the data folder is the person's to edit): by its bytes, except
 * text, whose type only its name gave when it was added, so the saved `declared` type is believed for valid text.
 */
export function checkStoredMedia(name: string, bytes: Uint8Array, declared?: string): { ok: true; mimeType: AcceptedMediaType } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: `${name} is empty` };
  const sniffed = sniffMedia(bytes);
  if (sniffed.kind === 'media') return { ok: true, mimeType: sniffed.mimeType };
  if (sniffed.kind === 'unknown' && declared && TEXT_MEDIA_TYPES.has(declared) && isText(bytes)) {
    return { ok: true, mimeType: declared as AcceptedMediaType };
  }
  if (sniffed.kind === 'damaged') return { ok: false, message: `${name} is not a complete ${sniffed.format} file (it may be truncated or damaged)` };
  return { ok: false, message: `${name} is not a file the app can send (it is ${describeMedia(sniffed, bytes)})` };
}
