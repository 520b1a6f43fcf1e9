// Whether a file may be stored or sent, and what to tell the person when not: what its name claims against what
// its bytes are (sniffMedia's verdict), damage, the types the API takes, and each kind's size limit. Pure: no I/O.
import {
  ACCEPTED_MEDIA_LABEL,
  KIND_WORDS,
  TEXT_FILE_EXTENSIONS,
  isTextFormat,
  maxBytesFor,
  megabytesPair,
  mediaFormatNamed,
  mediaFormatOf,
  mediaFormatOfExtension,
  mediaKindOf,
  type AcceptedMediaType,
  type MediaKind,
} from '../../../src-shared/media';
import { orList } from '../../../src-shared/word-lists';
import { extensionOf, isText, otherTextEncoding, sniffMedia, type MediaSniff } from './sniff-media';

/** The kind a file's name claims, from its extension; undefined when the name says nothing we know. */
export function claimedKind(name: string): { kind: MediaKind; label: string } | undefined {
  const format = mediaFormatOfExtension(extensionOf(name));
  return format && { kind: format.kind, label: format.named };
}

/** What the bytes are, in words, for "x.pdf is not a PDF (it is plain text)". */
export function describeMedia(sniffed: MediaSniff, bytes: Uint8Array): string {
  switch (sniffed.kind) {
    case 'media': {
      const format = mediaFormatOf(sniffed.mimeType);
      return format?.is ?? format?.named ?? sniffed.mimeType;
    }
    case 'damaged':
      return `a damaged ${sniffed.format} file`;
    case 'unsupported':
      return sniffed.format;
    case 'unknown':
      return isText(bytes) ? 'plain text' : 'of a type the API does not take';
  }
}

export type MediaCheck = { ok: true; mimeType: AcceptedMediaType; kind: MediaKind } | { ok: false; message: string };

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
  const seenKind = sniffed.kind === 'damaged' ? mediaFormatNamed(sniffed.format)?.kind : kind;
  const namedFormat = mediaFormatOfExtension(extensionOf(name));
  const encoding = sniffed.kind === 'unknown' && namedFormat && isTextFormat(namedFormat) ? otherTextEncoding(bytes) : undefined;
  // Not transcoded: a guessed encoding could send the model text other than what the person wrote.
  if (encoding) return { ok: false, message: `${who} is not UTF-8 text (it looks like ${encoding}); save it as UTF-8` };
  if (claimed && claimed.kind !== seenKind && !soundInVideoContainer(name, sniffed)) {
    return { ok: false, message: `${who} is not ${claimed.label} (it is ${describeMedia(sniffed, bytes)})` };
  }
  switch (sniffed.kind) {
    case 'damaged': {
      const noun = mediaFormatNamed(sniffed.format)?.kind === 'image' ? 'image' : 'file';
      return { ok: false, message: `${who} is not a complete ${sniffed.format} ${noun} (it may be truncated or damaged)` };
    }
    case 'unsupported':
      return { ok: false, message: `${who} is ${sniffed.format}; files must be ${ACCEPTED_MEDIA_LABEL}` };
    case 'unknown':
      return {
        ok: false,
        message: isText(bytes)
          ? `${who} is plain text; a text file is sent when its name ends in ${TEXT_ENDINGS}`
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

/** The video container each audio type shares (an MP4 of sound alone is M4A, a WebM of sound alone WebM audio). */
const VIDEO_CONTAINER_OF: Readonly<Record<string, AcceptedMediaType>> = { 'audio/m4a': 'video/mp4', 'audio/webm': 'video/webm' };

/**
 * A video container holding only sound is audio under either ending: one container, and what the person meant to
 * send. A cut one too: its damage is the message, not its name.
 */
function soundInVideoContainer(name: string, sniffed: MediaSniff): boolean {
  const seen = sniffed.kind === 'media' ? sniffed.mimeType : sniffed.kind === 'damaged' ? mediaFormatNamed(sniffed.format)?.mimeType : undefined;
  const container = seen && VIDEO_CONTAINER_OF[seen];
  return container !== undefined && mediaFormatOfExtension(extensionOf(name))?.mimeType === container;
}

const TEXT_ENDINGS = orList(TEXT_FILE_EXTENSIONS.map((extension) => `.${extension}`));

/**
 * A stored blob checked again before it is sent (the data folder is the person's to edit): by its bytes, except
 * text, whose type only its name gave when it was added, so the saved `declared` type is believed for valid text.
 */
export function checkStoredMedia(name: string, bytes: Uint8Array, declared?: string): { ok: true; mimeType: AcceptedMediaType } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: `${name} is empty` };
  const sniffed = sniffMedia(bytes);
  if (sniffed.kind === 'media') return { ok: true, mimeType: sniffed.mimeType };
  const saved = declared === undefined ? undefined : mediaFormatOf(declared);
  if (sniffed.kind === 'unknown' && saved && isTextFormat(saved) && isText(bytes)) {
    return { ok: true, mimeType: saved.mimeType };
  }
  if (sniffed.kind === 'damaged') return { ok: false, message: `${name} is not a complete ${sniffed.format} file (it may be truncated or damaged)` };
  return { ok: false, message: `${name} is not a file the app can send (it is ${describeMedia(sniffed, bytes)})` };
}
