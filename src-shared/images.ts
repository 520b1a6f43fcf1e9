// Images as both sides name them: the types the API accepts, the URL a stored image is shown from,
// and the image part a stateless history carries before main fills in its bytes or Files API uri.
import type { MediaResolution } from './interactions';
import type { ImageRef } from './session';

/** What the Interactions API takes as `image` parts (docs/interactions-api.md §3.2), in the order people read them. */
export const ACCEPTED_IMAGE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/gif',
  'image/bmp',
  'image/tiff',
] as const;

export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

/** For messages and file pickers: "PNG, JPEG, WebP, HEIC, HEIF, GIF, BMP or TIFF". */
export const ACCEPTED_IMAGE_LABEL = 'PNG, JPEG, WebP, HEIC, HEIF, GIF, BMP or TIFF';

/** Extensions an open dialog may offer; the type is still decided by the bytes, never by the name. */
export const IMAGE_FILE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'heic', 'heif', 'gif', 'bmp', 'tif', 'tiff'] as const;

const SHA256 = /^[0-9a-f]{64}$/;

/** The path main serves stored images under, on the page's own origin (app://playground in the app). */
export const BLOB_URL_PATH = '/blobs/';

/**
 * Where the renderer shows a stored image from: `/blobs/<sha256>` on the page's own origin — served by the
 * app:// protocol handler in the app and by the harness's static server in e2e; never a file path.
 */
export function imageUrl(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('imageUrl: not a sha256');
  return `${BLOB_URL_PATH}${sha256}`;
}

/**
 * An image part of a stateless history that main still has to resolve: it replaces `sha256` with the bytes
 * (`data`) or a Files API `uri` before sending. Never sent as it is (the API would refuse it).
 */
export interface StoredImagePart {
  type: 'image';
  mime_type: string;
  sha256: string;
  resolution?: MediaResolution;
}

export function storedImagePart(image: ImageRef): StoredImagePart {
  return { type: 'image', mime_type: image.mimeType, sha256: image.sha256, ...(image.resolution ? { resolution: image.resolution } : {}) };
}

/** True for a part main must resolve: an image with a sha256 and neither data nor uri. */
export function isStoredImagePart(part: unknown): part is StoredImagePart {
  if (typeof part !== 'object' || part === null) return false;
  const p = part as Record<string, unknown>;
  return p.type === 'image' && typeof p.sha256 === 'string' && p.data === undefined && p.uri === undefined;
}
