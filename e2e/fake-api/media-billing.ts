// The input tokens one media part is billed, by Gemini's documented counts as src-shared/media-tokens.ts states
// them (one statement of the rules, which the fake's tests check against the documented numbers themselves): by the
// model (Gemini 3 by the part's `resolution`, earlier models by 768×768 tiles), and by what the bytes say of the
// file (media-measure.ts). A uri part is measured by the upload it names when that is one of this fake's files.
import type { MediaContent, MediaResolution } from '../../src-shared/interactions';
import { type MediaMeasure, TILE_TOKENS, fileTokens } from '../../src-shared/media-tokens';
import { isMediaKind } from '../../src-shared/media';
import { measureMedia } from './media-measure';

/** What the fake keeps of an uploaded file to bill a part that names it by uri. */
export interface KnownFile {
  mimeType: string;
  /** Bytes. */
  size: number;
  measure?: MediaMeasure;
}

/**
 * Billed where nothing says more: a part whose bytes give no measure (a container the fake does not read, a
 * damaged header, a PDF whose pages sit in compressed object streams), a uri the fake did not upload, or a
 * format with no documented count (Office documents). One 258-token tile, what the fake billed every media part
 * before it read sizes, and a small image's, a one-page PDF's or about a second of video's count.
 */
export const UNMEASURED_TOKENS = TILE_TOKENS;

export function mediaPartTokens(part: MediaContent, model: string, uploaded?: KnownFile): number {
  const bytes = typeof part.data === 'string' ? Buffer.from(part.data, 'base64') : undefined;
  const mimeType = typeof part.mime_type === 'string' ? part.mime_type : (uploaded?.mimeType ?? '');
  const size = bytes?.length ?? uploaded?.size;
  // A text document is counted by its length, which a uri to someone else's file does not give.
  if (size === undefined && mimeType.startsWith('text/')) return UNMEASURED_TOKENS;
  const measure = bytes ? measureMedia(mimeType, bytes) : uploaded?.measure;
  // input.ts has refused any other resolution by now.
  const resolution = part.resolution as MediaResolution | undefined;
  const file = { mimeType, size: size ?? 0, kind: isMediaKind(part.type) ? part.type : undefined, ...(resolution ? { resolution } : {}) };
  return fileTokens(file, measure, model) ?? UNMEASURED_TOKENS;
}
