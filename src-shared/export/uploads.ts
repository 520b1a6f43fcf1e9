// Which images a script uploads where, and what it says about them: shared by the three languages.
import type { ImageSlot, Part } from './plan';

/** What the SDKs' and Python's own guess from a file name gives for the common image types. */
const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

export function guessedMimeType(name: string): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
}

/**
 * Given a path, both SDKs send the file's name in an HTTP header, which carries only ASCII as it is (Python's
 * httpx refuses anything else, and the JavaScript SDK's fetch anything beyond Latin-1). A file with another name
 * is read by the script and sent as bytes, its name as the display name in the upload's body.
 */
export function nameNeedsBody(name: string): boolean {
  return !/^[\x20-\x7e]*$/.test(name);
}

/** Said before such an upload (nameNeedsBody). */
export const NAME_IN_BODY_NOTE = "The SDK would send this file's name in an HTTP header, which holds only ASCII: it goes as the display name";

/** The images of `parts` still to upload, each once: an upload sits right before the first turn showing it. */
export function newUploads(parts: readonly Part[], done: Set<string>): ImageSlot[] {
  const out: ImageSlot[] = [];
  for (const part of parts) {
    if (part.type !== 'image' || part.image.data !== undefined || done.has(part.image.sha256)) continue;
    done.add(part.image.sha256);
    out.push(part.image);
  }
  return out;
}

/** Said before the wait for an uploaded video: the Files API processes it before a request may use it. */
export const PROCESSING_NOTE = 'A video can be used once the Files API has processed it (state ACTIVE)';

/** Comment text for an image the person wanted embedded but whose bytes were not available. */
export function missingBytesNote(image: ImageSlot): string {
  return `The bytes of this image were not available to embed, so it is uploaded from disk (${flat(image.name)})`;
}

/** Comment text for a picture uploaded from a name of its own, since another attachment had its name. */
export function renamedNote(image: ImageSlot): string {
  return `Another attachment is also named ${flat(image.renamedFrom ?? image.name)}: save this one as ${flat(image.name)}`;
}

/** A name shown inside a one-line comment: no line breaks. */
function flat(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
