// Images as both sides name them: the types the API accepts and the URL a stored image is shown from. Every
// other kind, and the part a stateless history carries before main fills in its bytes or uri, is media.ts's.

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
 * Where the renderer shows a stored attachment (an image, PDF, audio or video) or a model's image from:
 * `/blobs/<sha256>` on the page's own origin — served by the app:// protocol handler in the app and by the
 * harness's static server in e2e; never a file path.
 */
export function mediaUrl(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('mediaUrl: not a sha256');
  return `${BLOB_URL_PATH}${sha256}`;
}

