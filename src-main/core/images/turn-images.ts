// The seam between a turn and its images: what GenerationService asks for (TurnImages, implemented by
// image-sender.ts), when a turn needs it, when a refusal means "the cached upload is gone", and the request
// as the renderer displays it (without megabytes of base64).
import type { PaneHistory, TurnInput } from '../../../src-shared/domain';
import { isMediaKind, isStoredMediaPart } from '../../../src-shared/media';
import type { CreateInteractionRequest, Step } from '../../../src-shared/interactions';
import type { ResolvedMedia } from '../../../src-shared/request';
import { isAppFailure } from '../failure';

/** An image whose Files API uri came from the cache rather than an upload made for this request. */
export interface ReusedUpload {
  sha256: string;
  uri: string;
}

export interface ResolvedTurnImages {
  /** The turn's images, in its order. */
  images: ResolvedMedia[];
  /** A stateless history whose stored-image parts now carry data or a uri. */
  history?: PaneHistory;
  reused: ReusedUpload[];
}

/** Reads, checks and (when large) uploads a turn's images; images/image-sender.ts in the app. */
export interface TurnImages {
  resolve(args: { requestId: string; paneId: string; input: TurnInput; history?: PaneHistory; signal: AbortSignal }): Promise<ResolvedTurnImages>;
  /** The API refused these cached uris: drop them so the next resolve uploads afresh. */
  forget(reused: ReusedUpload[]): Promise<void>;
}

export const STALE_UPLOAD_REASON = 'An image uploaded earlier is no longer on the server; uploading it again.';

export function needsImages(input: TurnInput, history: PaneHistory | undefined): boolean {
  if ((input.images?.length ?? 0) > 0) return true;
  return history?.mode === 'stateless' && history.steps.some((step) => partsOf(step).some(isStoredMediaPart));
}

/** Where a step holds media parts: its content, and a thought's summary (text or image, stored as output images are). */
export const PART_LISTS = ['content', 'summary'] as const;

/** Every part of a step that may be stored media, from each of its PART_LISTS. */
export function partsOf(step: Step): unknown[] {
  return PART_LISTS.flatMap((field) => {
    const parts = (step as Record<string, unknown>)[field];
    return Array.isArray(parts) ? parts : [];
  });
}

export function isMissingFile(error: unknown): boolean {
  // A gone chained interaction is a 404 too, but uploading the files again would not bring it back.
  return isAppFailure(error) && error.code !== 'INTERACTION_GONE' && (error.httpStatus === 403 || error.httpStatus === 404);
}

/**
 * The body as the renderer displays it: inline bytes of any kind are replaced by a short note, so a 4 MB file
 * does not travel to the renderer (and into the raw view) with every `started` event.
 */
export function forDisplay(body: CreateInteractionRequest): CreateInteractionRequest {
  if (typeof body.input === 'string') return body;
  const elide = (part: unknown): unknown => {
    if (typeof part !== 'object' || part === null) return part;
    const p = part as Record<string, unknown>;
    if (!isMediaKind(p.type) || typeof p.data !== 'string') return part;
    const bytes = Math.floor((p.data.length * 3) / 4);
    return { ...p, data: `[${bytes.toLocaleString('en-US')} bytes of base64 ${String(p.type)} data, not shown]` };
  };
  const input = (body.input as unknown[]).map((item) => {
    const step = item as { type?: unknown; content?: unknown };
    if (Array.isArray(step.content)) return { ...step, content: step.content.map(elide) };
    return elide(item);
  });
  return { ...body, input: input as CreateInteractionRequest['input'] };
}
