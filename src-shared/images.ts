// Where a stored blob (an attachment or a model's image) is shown from, and how it is named. The formats the app
// accepts, images among them, are media.ts's.

/** A stored blob's name, the sha256 of its bytes in lower-case hex, unanchored: for patterns that find or capture one. */
export const SHA256_HEX_SOURCE = '[0-9a-f]{64}';
/** A stored blob's name: the sha256 of its bytes, in lower-case hex. */
export const SHA256_HEX = new RegExp(`^${SHA256_HEX_SOURCE}$`);

/** The path main serves stored images under, on the page's own origin (app://playground in the app). */
export const BLOB_URL_PATH = '/blobs/';

/**
 * Where the renderer shows a stored attachment (an image, PDF, audio or video) or a model's image from:
 * `/blobs/<sha256>` on the page's own origin — served by the app:// protocol handler in the app and by the
 * harness's static server in e2e; never a file path.
 */
export function mediaUrl(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('mediaUrl: not a sha256');
  return `${BLOB_URL_PATH}${sha256}`;
}

