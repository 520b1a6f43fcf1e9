// Every kind of file a turn can carry, as both sides name them: which types the API takes for each content part
// type, which part type a stored attachment is sent as, and the URL it is shown from. Images keep their own list
// (images.ts); this module widens it to documents, audio and video (issue 19).
import { ACCEPTED_IMAGE_TYPES, IMAGE_FILE_EXTENSIONS } from './images';
import type { MediaResolution } from './interactions';
import type { MediaRef } from './session';

/** The content part type an attachment is sent as (`image`, `document`, `audio`, `video` in the typings). */
export type MediaKind = 'image' | 'document' | 'audio' | 'video';

export const MEDIA_KINDS = ['image', 'document', 'audio', 'video'] as const satisfies readonly MediaKind[];

/**
 * The types the app stores and sends per kind, each named as the typings' `*ContentMimeType` lists name it
 * (docs/interactions-api.md §3.2). The type is decided by the bytes (src-main/core/images/sniff-media.ts).
 * text/plain and text/markdown are not in DocumentContentMimeType, whose list is open (`string & {}`); the
 * document-understanding guide lists them among the text formats a document part takes (unverified).
 */
export const ACCEPTED_MEDIA_TYPES = {
  image: ACCEPTED_IMAGE_TYPES,
  document: ['application/pdf', 'text/csv', 'text/plain', 'text/markdown'],
  audio: ['audio/wav', 'audio/mp3', 'audio/aac', 'audio/ogg', 'audio/flac', 'audio/m4a'],
  video: ['video/mp4', 'video/webm', 'video/mov'],
} as const satisfies Record<MediaKind, readonly string[]>;

export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[MediaKind][number];

const KIND_OF = new Map<string, MediaKind>(
  MEDIA_KINDS.flatMap((kind) => ACCEPTED_MEDIA_TYPES[kind].map((type) => [type, kind] as const)),
);

/** The part type a stored attachment is sent as; undefined for a type the app does not accept. */
export function mediaKindOf(mimeType: string): MediaKind | undefined {
  return KIND_OF.get(mimeType);
}

/** For messages: what a file may be. */
export const ACCEPTED_MEDIA_LABEL = 'an image, a PDF, CSV or text file, audio (WAV, MP3, AAC, OGG, FLAC, M4A) or video (MP4, WebM, MOV)';

/** Extensions an open dialog may offer; the type is still decided by the bytes, never by the name. */
export const MEDIA_FILE_EXTENSIONS = [
  ...IMAGE_FILE_EXTENSIONS,
  'pdf',
  'csv',
  'txt',
  'md',
  'wav',
  'mp3',
  'aac',
  'ogg',
  'oga',
  'flac',
  'm4a',
  'mp4',
  'm4v',
  'webm',
  'mov',
] as const;

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
  return (MEDIA_KINDS as readonly unknown[]).includes(p.type) && typeof p.sha256 === 'string' && p.data === undefined && p.uri === undefined;
}

/** "1.2 MB", "340 KB", "12 bytes": an attachment's size where the renderer and the transcript show it. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  if (n < 1_048_576) return `${Math.round(n / 1024)} KB`;
  const mb = n / 1_048_576;
  return `${mb < 10 ? Number(mb.toFixed(1)) : Math.round(mb)} MB`;
}
