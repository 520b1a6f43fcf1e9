// What the files of a request cost in input tokens before it is sent, by Gemini's documented counts ("Understand and
// count tokens", ai.google.dev/gemini-api/docs/tokens, multimodal section; the document-understanding guide for PDFs):
// an image at most 384 px on both sides is 258 tokens, a larger one is cut into 768×768 tiles of 258 tokens each;
// video is 263 tokens a second and audio 32; each PDF page is 258 tokens. Text files are read as text: about 4
// characters (here bytes) a token, as a prompt's estimate counts them. A per-file `resolution` (Gemini 3) changes
// these counts and is not modelled. The fake API bills 258 for any media part (e2e/fake-api/input.ts): one tile.
import { mediaKindOf } from './media';

export const TILE_TOKENS = 258;
const SMALL_IMAGE_SIDE = 384;
const TILE_SIDE = 768;
export const VIDEO_TOKENS_PER_SECOND = 263;
export const AUDIO_TOKENS_PER_SECOND = 32;

/** What the file's bytes say of its size, read where it can be shown (an image's pixels, a clip's length, a PDF's pages). */
export type MediaMeasure = { width: number; height: number } | { seconds: number } | { pages: number };

export interface MediaFile {
  sha256: string;
  mimeType: string;
  /** Bytes. */
  size: number;
}

/** One file's input tokens; undefined when they depend on a measure not known (yet). */
export function fileTokens(file: Pick<MediaFile, 'mimeType' | 'size'>, measure: MediaMeasure | undefined): number | undefined {
  if (file.mimeType.startsWith('text/')) return Math.ceil(file.size / 4);
  const kind = mediaKindOf(file.mimeType);
  if (kind === 'image' && measure && 'width' in measure) {
    const { width, height } = measure;
    if (width <= SMALL_IMAGE_SIDE && height <= SMALL_IMAGE_SIDE) return TILE_TOKENS;
    return Math.ceil(width / TILE_SIDE) * Math.ceil(height / TILE_SIDE) * TILE_TOKENS;
  }
  if ((kind === 'audio' || kind === 'video') && measure && 'seconds' in measure) {
    return Math.ceil(measure.seconds * (kind === 'video' ? VIDEO_TOKENS_PER_SECOND : AUDIO_TOKENS_PER_SECOND));
  }
  if (kind === 'document' && measure && 'pages' in measure) return measure.pages * TILE_TOKENS;
  return undefined;
}

/** The files' tokens, and how many of them are left out for a measure not known. */
export function filesTokens(files: readonly MediaFile[], measures: ReadonlyMap<string, MediaMeasure>): { tokens: number; unknown: number } {
  let tokens = 0;
  let unknown = 0;
  for (const file of files) {
    const counted = fileTokens(file, measures.get(file.sha256));
    if (counted === undefined) unknown++;
    else tokens += counted;
  }
  return { tokens, unknown };
}
