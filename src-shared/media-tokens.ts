// What the files of a request cost in input tokens before it is sent, by Gemini's documented counts ("Understand and
// count tokens", ai.google.dev/gemini-api/docs/tokens, multimodal section; the document-understanding guide for PDFs):
// an image at most 384 px on both sides is 258 tokens, a larger one is cut into 768×768 tiles of 258 tokens each;
// video is 263 tokens a second and audio 32; each PDF page is 258 tokens. Text files are read as text: about 4
// characters (here bytes) a token, as a prompt's estimate counts them. Gemini 3 models see media at a token budget
// per image, PDF page or video frame that its media resolution sets (the media-resolution guide's token counts):
// an image 280, 560, 1,120 or 2,240 tokens at low, medium, high or ultra high (high when unset), a PDF page 560 (its
// part takes no resolution), a video frame 70 (280 at high), one frame a second. The fake API bills media parts by
// these same rules, reading the measures from the bytes it is sent (e2e/fake-api/media-billing.ts).
import type { MediaResolution } from './interactions';
import { type MediaKind, mediaKindOf } from './media';

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
  /** How finely the model is to see it (an image's or a video's part); unset leaves the model's default. */
  resolution?: MediaResolution;
}

const GEMINI_3_IMAGE: Record<MediaResolution, number> = { low: 280, medium: 560, high: 1_120, ultra_high: 2_240 };
const GEMINI_3_PDF_PAGE = 560;
const GEMINI_3_VIDEO_FRAME = 70;
const GEMINI_3_VIDEO_FRAME_HIGH = 280;

/** Whether the model sees media at the budget its resolution sets (Gemini 3) rather than by tiles. */
export function budgetsMedia(model: string): boolean {
  return /^(?:models\/)?gemini-3/.test(model);
}

/**
 * One file's input tokens for a request to `model`; undefined when they depend on a measure not known (yet). Without
 * a model, the tile rule of the models before Gemini 3. `kind`, when given, is the part type it is sent as, for a
 * type the app does not take itself (the fake API bills every type the service accepts).
 */
export function fileTokens(
  file: Pick<MediaFile, 'mimeType' | 'size' | 'resolution'> & { kind?: MediaKind | undefined },
  measure: MediaMeasure | undefined,
  model = '',
): number | undefined {
  if (file.mimeType.startsWith('text/')) return Math.ceil(file.size / 4);
  const kind = file.kind ?? mediaKindOf(file.mimeType);
  if (budgetsMedia(model)) {
    if (kind === 'image') return GEMINI_3_IMAGE[file.resolution ?? 'high'];
    if (kind === 'document') return measure && 'pages' in measure ? measure.pages * GEMINI_3_PDF_PAGE : undefined;
    if (kind === 'video') {
      const frame = file.resolution === 'high' || file.resolution === 'ultra_high' ? GEMINI_3_VIDEO_FRAME_HIGH : GEMINI_3_VIDEO_FRAME;
      return measure && 'seconds' in measure ? Math.ceil(measure.seconds) * frame : undefined;
    }
  }
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

/** The files' tokens in a request to `model`, and how many of them are left out for a measure not known. */
export function filesTokens(files: readonly MediaFile[], measures: ReadonlyMap<string, MediaMeasure>, model = ''): { tokens: number; unknown: number } {
  let tokens = 0;
  let unknown = 0;
  for (const file of files) {
    const counted = fileTokens(file, measures.get(file.sha256), model);
    if (counted === undefined) unknown++;
    else tokens += counted;
  }
  return { tokens, unknown };
}
