// Every kind of file a turn can carry, as both sides name them: the formats the app accepts (one table, from which
// the picker's list, the sniffer's text names, the words of a refusal and the nouns of a label are all built), which
// part type a stored attachment is sent as, and the URL it is shown from.
import { orList } from './word-lists';
import type { MediaResolution } from './interactions';
import { MEGABYTE_BOUNDS } from './app-settings';
import type { MediaRef } from './session';

/** The content part type an attachment is sent as (`image`, `document`, `audio`, `video` in the typings). */
export type MediaKind = 'image' | 'document' | 'audio' | 'video';

export const MEDIA_KINDS = ['image', 'document', 'audio', 'video'] as const satisfies readonly MediaKind[];

export function isMediaKind(value: unknown): value is MediaKind {
  return (MEDIA_KINDS as readonly unknown[]).includes(value);
}

/** One file format the app accepts, and every word the app says about it. */
export interface MediaFormat {
  /** As the typings' `*ContentMimeType` lists name it (docs/interactions-api.md §3.2). */
  readonly mimeType: string;
  readonly kind: MediaKind;
  /** Its short name: in the list of what a file may be, and what a sniffer calls a damaged file of it. */
  readonly format: string;
  /** What a file's name may end in (lower case). For text, the only sign of its type. */
  readonly extensions: readonly string[];
  /** What a name ending so claims: "song.mp3 is not an MP3". */
  readonly named: string;
  /** What bytes of it are, when not the same words: "(it is MP3 audio)". */
  readonly is?: string;
  /** Its own noun when counted, if not its kind's: "2 PDFs" but "2 images". */
  readonly noun?: readonly [one: string, many: string];
}

/**
 * Every format the app stores and sends, in the order people read them: adding a format is one line here (and its
 * sniffer, since the type is decided by the bytes: src-main/core/images/sniff*.ts). Text has no signature, so the
 * text/* rows are the ones a name decides. text/plain and text/markdown are not in DocumentContentMimeType, whose
 * list is open (`string & {}`); the document-understanding guide lists them among the text formats (unverified).
 */
export const MEDIA_FORMATS = [
  { mimeType: 'image/png', kind: 'image', format: 'PNG', extensions: ['png'], named: 'a PNG image' },
  { mimeType: 'image/jpeg', kind: 'image', format: 'JPEG', extensions: ['jpg', 'jpeg'], named: 'a JPEG image' },
  { mimeType: 'image/webp', kind: 'image', format: 'WebP', extensions: ['webp'], named: 'a WebP image' },
  { mimeType: 'image/heic', kind: 'image', format: 'HEIC', extensions: ['heic'], named: 'a HEIC image' },
  { mimeType: 'image/heif', kind: 'image', format: 'HEIF', extensions: ['heif'], named: 'a HEIF image' },
  { mimeType: 'image/gif', kind: 'image', format: 'GIF', extensions: ['gif'], named: 'a GIF image' },
  { mimeType: 'image/bmp', kind: 'image', format: 'BMP', extensions: ['bmp'], named: 'a BMP image' },
  { mimeType: 'image/tiff', kind: 'image', format: 'TIFF', extensions: ['tif', 'tiff'], named: 'a TIFF image' },
  { mimeType: 'application/pdf', kind: 'document', format: 'PDF', extensions: ['pdf'], named: 'a PDF', noun: ['PDF', 'PDFs'] },
  { mimeType: 'text/csv', kind: 'document', format: 'CSV', extensions: ['csv'], named: 'a CSV file', is: 'CSV text', noun: ['CSV file', 'CSV files'] },
  { mimeType: 'text/markdown', kind: 'document', format: 'Markdown', extensions: ['md', 'markdown'], named: 'a Markdown file', is: 'Markdown text', noun: ['Markdown file', 'Markdown files'] },
  { mimeType: 'text/plain', kind: 'document', format: 'text', extensions: ['txt', 'text'], named: 'a text file', is: 'plain text', noun: ['text file', 'text files'] },
  { mimeType: 'audio/wav', kind: 'audio', format: 'WAV', extensions: ['wav'], named: 'a WAV file', is: 'WAV audio' },
  { mimeType: 'audio/mp3', kind: 'audio', format: 'MP3', extensions: ['mp3'], named: 'an MP3', is: 'MP3 audio' },
  { mimeType: 'audio/aac', kind: 'audio', format: 'AAC', extensions: ['aac'], named: 'an AAC file', is: 'AAC audio' },
  { mimeType: 'audio/ogg', kind: 'audio', format: 'Ogg', extensions: ['ogg', 'oga'], named: 'an Ogg file', is: 'Ogg audio' },
  { mimeType: 'audio/flac', kind: 'audio', format: 'FLAC', extensions: ['flac'], named: 'a FLAC file', is: 'FLAC audio' },
  { mimeType: 'audio/m4a', kind: 'audio', format: 'M4A', extensions: ['m4a'], named: 'an M4A file', is: 'M4A audio' },
  { mimeType: 'audio/webm', kind: 'audio', format: 'WebM audio', extensions: ['weba'], named: 'a WebM audio file', is: 'WebM audio' },
  { mimeType: 'video/mp4', kind: 'video', format: 'MP4', extensions: ['mp4', 'm4v'], named: 'an MP4 video' },
  { mimeType: 'video/webm', kind: 'video', format: 'WebM', extensions: ['webm'], named: 'a WebM video' },
  { mimeType: 'video/mov', kind: 'video', format: 'MOV', extensions: ['mov'], named: 'a MOV video' },
] as const satisfies readonly MediaFormat[];

type Row = (typeof MEDIA_FORMATS)[number];
export type AcceptedMediaType = Row['mimeType'];
export type AcceptedImageType = Extract<Row, { kind: 'image' }>['mimeType'];
/** A row of MEDIA_FORMATS, its type narrowed to the accepted ones. */
export type AcceptedMediaFormat = MediaFormat & { readonly mimeType: AcceptedMediaType };

const ofKind = (kind: MediaKind): readonly AcceptedMediaFormat[] => MEDIA_FORMATS.filter((f) => f.kind === kind);

const typesOf = (kind: MediaKind): readonly AcceptedMediaType[] => ofKind(kind).map((f) => f.mimeType);

/** The types accepted per kind (what `<input accept>` and the docs list). */
export const ACCEPTED_MEDIA_TYPES = {
  image: typesOf('image'),
  document: typesOf('document'),
  audio: typesOf('audio'),
  video: typesOf('video'),
} as const satisfies Record<MediaKind, readonly AcceptedMediaType[]>;

/** The image rows' types; the filter keeps exactly them, which TypeScript cannot see through. */
export const ACCEPTED_IMAGE_TYPES = ACCEPTED_MEDIA_TYPES.image as readonly AcceptedImageType[];

const BY_TYPE = new Map<string, AcceptedMediaFormat>(MEDIA_FORMATS.map((f) => [f.mimeType, f]));
const BY_EXTENSION = new Map<string, AcceptedMediaFormat>(MEDIA_FORMATS.flatMap((f) => f.extensions.map((e) => [e, f] as const)));
const BY_FORMAT = new Map<string, AcceptedMediaFormat>(MEDIA_FORMATS.map((f) => [f.format, f]));

/** The accepted format of a type; undefined for a type the app does not accept. */
export function mediaFormatOf(mimeType: string): AcceptedMediaFormat | undefined {
  return BY_TYPE.get(mimeType);
}

/** The format a file's name ending claims ("mp3", lower case); undefined when the app knows no such ending. */
export function mediaFormatOfExtension(extension: string): AcceptedMediaFormat | undefined {
  return BY_EXTENSION.get(extension);
}

/** The format a sniffer names ("MP3" in a damaged verdict). */
export function mediaFormatNamed(format: string): AcceptedMediaFormat | undefined {
  return BY_FORMAT.get(format);
}

/** Text has no magic number: its rows are the ones whose type only the name can tell. */
export function isTextFormat(format: MediaFormat): boolean {
  return format.mimeType.startsWith('text/');
}

/** The part type a stored attachment is sent as; undefined for a type the app does not accept. */
export function mediaKindOf(mimeType: string): MediaKind | undefined {
  return mediaFormatOf(mimeType)?.kind;
}

/** A kind in a sentence: "the limit for an image", "a document (PDF, CSV…)". */
export const KIND_WORDS: Readonly<Record<MediaKind, string>> = { image: 'an image', document: 'a document', audio: 'audio', video: 'a video' };

/** For an image's refusal: "PNG, JPEG, WebP, HEIC, HEIF, GIF, BMP or TIFF". */
export const ACCEPTED_IMAGE_LABEL = orList(ofKind('image').map((f) => f.format));

/** For messages: what a file may be, every accepted format named. */
export const ACCEPTED_MEDIA_LABEL = orList(MEDIA_KINDS.map((kind) => `${KIND_WORDS[kind]} (${ofKind(kind).map((f) => f.format).join(', ')})`));

/**
 * For `<input type=file accept=…>`: every accepted type and its usual extensions. The extensions matter: a system
 * picker knows `audio/mp3` and `video/mov` by no other name. The type is still decided by the bytes (text's by the name).
 */
export const MEDIA_ACCEPT = [...MEDIA_FORMATS.map((f) => f.mimeType), ...MEDIA_FORMATS.flatMap((f) => f.extensions.map((e) => `.${e}`))].join(',');

/** The name endings that make valid text a file the app sends. */
export const TEXT_FILE_EXTENSIONS: readonly string[] = MEDIA_FORMATS.filter(isTextFormat).flatMap((f) => f.extensions);

export { mediaUrl } from './images';

const MB = 1_048_576;

/**
 * The largest file of each kind beyond images (images keep Settings' "Largest image"): the API's documented
 * 50 MB per PDF; audio and video by the blob store's 100 MB read cap (MAX_BLOB_BYTES), which bounds what the
 * app holds in memory while it checks, hashes and uploads a file (the Files API itself takes up to 2 GB).
 */
export const DEFAULT_MEDIA_MAX_BYTES: Readonly<Record<Exclude<MediaKind, 'image'>, number>> = {
  document: 50 * MB,
  audio: 100 * MB,
  video: 100 * MB,
};

/** The size limit for a kind: images follow the settings' limit, the others their default. */
export function maxBytesFor(kind: MediaKind, imageMaxBytes: number): number {
  return kind === 'image' ? imageMaxBytes : DEFAULT_MEDIA_MAX_BYTES[kind];
}

/** The most the app could take of any file: the largest kind's limit, images at the most "Largest image" allows. */
const LARGEST_IMAGE_BYTES = MEGABYTE_BOUNDS.maxImageMb.max * MB;
export const MAX_MEDIA_BYTES = Math.max(LARGEST_IMAGE_BYTES, ...Object.values(DEFAULT_MEDIA_MAX_BYTES));

/**
 * Why main would refuse a file of this name and size whatever its bytes, or undefined. Asked before a file is read,
 * so a 3 GB video is neither read whole nor sent to main only to be refused there. A name claiming a kind gets that
 * kind's limit (a file of another kind under that name is refused anyway); images, whose limit is a setting the
 * renderer does not hold, the most it can be. Main still checks every file against the real limit.
 */
export function tooLargeToAdd(name: string, size: number): string | undefined {
  const dot = name.lastIndexOf('.');
  const kind = dot < 0 ? undefined : mediaFormatOfExtension(name.slice(dot + 1).toLowerCase())?.kind;
  const max = kind === undefined ? MAX_MEDIA_BYTES : maxBytesFor(kind, LARGEST_IMAGE_BYTES);
  if (size <= max) return undefined;
  const who = name.trim() === '' ? 'The file' : name;
  const [shown, limit] = megabytesPair(size, max);
  return `${who} is ${shown}; the limit${kind ? ` for ${KIND_WORDS[kind]}` : ''} is ${limit}`;
}

/** A size beside its limit in words that tell them apart: "31 MB" and "20 MB", "20.4 MB" and "20 MB", "2.9 GB". */
export function megabytesPair(size: number, limit: number): [string, string] {
  const mb = (n: number, digits: number) => `${Number((n / MB).toFixed(digits))} MB`;
  if (size >= 1024 * MB && limit < 1024 * MB) return [`${Number((size / (1024 * MB)).toFixed(1))} GB`, mb(limit, 2)];
  for (const digits of [0, 1, 2]) {
    const pair: [string, string] = [mb(size, digits), mb(limit, digits)];
    if (pair[0] !== pair[1]) return pair;
  }
  return [`${size} bytes`, `${limit} bytes`];
}

/** The part types whose content takes a `resolution` (ImageContent, VideoContent; not audio or documents). */
export function takesResolution(kind: MediaKind): boolean {
  return kind === 'image' || kind === 'video';
}

/**
 * An attachment's part in a stateless history that main still has to resolve: it replaces `sha256` with the bytes
 * (`data`) or a Files API `uri` before sending. Never sent as it is (the API would refuse it).
 */
export interface StoredMediaPart {
  type: MediaKind;
  mime_type: string;
  sha256: string;
  resolution?: MediaResolution;
}

export function storedMediaPart(media: MediaRef): StoredMediaPart {
  const type = mediaKindOf(media.mimeType) ?? 'image';
  const resolution = media.resolution && takesResolution(type) ? { resolution: media.resolution } : {};
  return { type, mime_type: media.mimeType, sha256: media.sha256, ...resolution };
}

/** True for a part main must resolve: any media kind with a sha256 and neither data nor uri. */
export function isStoredMediaPart(part: unknown): part is StoredMediaPart {
  if (typeof part !== 'object' || part === null) return false;
  const p = part as Record<string, unknown>;
  return isMediaKind(p.type) && typeof p.sha256 === 'string' && p.data === undefined && p.uri === undefined;
}

/** "1.2 MB", "340 KB", "12 bytes": an attachment's size where the renderer and the transcript show it. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  if (n < 1_048_576) return `${Math.round(n / 1024)} KB`;
  const mb = n / 1_048_576;
  return `${mb < 10 ? Number(mb.toFixed(1)) : Math.round(mb)} MB`;
}
