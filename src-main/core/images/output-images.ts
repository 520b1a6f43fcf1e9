// Images the model makes (issue 19, item 3) arrive as base64 in the stream: a step.delta of type image or a
// thought_summary showing one, or a step.start whose content (or thought summary) already holds one. Each is stored as a blob (content-addressed, beside the images a
// person attached) before the event reaches the answer, and its part then names the blob by sha256 — the
// stored part a history names attachments by (src-shared) — so megabytes of base64 never travel to the renderer, into the
// saved session or the crash journal; a stateless history sends the bytes again from the blob.
import type { StreamEvent } from '../../../src-shared/interactions';
import type { Logger } from '../ports';
import { sniffImage } from './sniff';
import { PART_LISTS } from './turn-images';

/** Where output images go: the blob store (blobs.ts BlobStore.write). */
export interface OutputImageStore {
  write(bytes: Uint8Array): Promise<string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The event with every inline output image stored and named by sha256; other events are returned as they are. */
export async function storeOutputImages(event: StreamEvent, store: OutputImageStore, logger: Logger): Promise<StreamEvent> {
  if (event.event_type === 'step.delta' && isInlineImage(event.delta)) {
    return { ...event, delta: (await stored(event.delta, store, logger)) as never };
  }
  // A thought summary may show an image too (ThoughtSummaryDelta.content, ThoughtStep.summary: text or image).
  if (event.event_type === 'step.delta' && event.delta.type === 'thought_summary' && isInlineImage(event.delta.content)) {
    return { ...event, delta: { ...event.delta, content: await stored(event.delta.content, store, logger) } };
  }
  if (event.event_type === 'step.start' && isObj(event.step)) {
    const step = event.step as Obj;
    let changed: Obj | undefined;
    for (const field of PART_LISTS) {
      const parts = step[field];
      if (!Array.isArray(parts) || !parts.some(isInlineImage)) continue;
      changed = { ...(changed ?? step), [field]: await Promise.all(parts.map((part) => (isInlineImage(part) ? stored(part, store, logger) : part))) };
    }
    return changed ? { ...event, step: changed as never } : event;
  }
  return event;
}

function isInlineImage(part: unknown): part is Obj & { data: string } {
  return isObj(part) && part.type === 'image' && typeof part.data === 'string';
}

/**
 * The part naming its stored blob. Bytes that are not an image the app serves (the type is decided by them,
 * never by the mime_type the stream claims) are not kept: the part stays, without its data, and a warning is logged.
 */
async function stored(part: Obj & { data: string }, store: OutputImageStore, logger: Logger): Promise<Obj> {
  const { data, ...rest } = part;
  const bytes = Buffer.from(data, 'base64');
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image') {
    logger.warn('turn: the model sent image data that is not an image the app can show; not kept', { kind: sniffed.kind, bytes: bytes.byteLength });
    return rest;
  }
  return { ...rest, type: 'image', mime_type: sniffed.mimeType, sha256: await store.write(bytes) };
}
