// Turns a turn's ImageRefs (and the stored-image parts of a stateless history) into wire-ready images:
// small ones inline as base64, larger ones through the Files API resumable upload (§7.1), whose uri is
// cached per blob (upload-cache.ts). Several panes sending the same image at once share ONE upload: a
// per-(base URL, sha256) in-flight promise every pane awaits, with progress reported to each of them. The
// upload is aborted only when every pane waiting for it was cancelled.
import type { ImageLimits, PaneHistory, TurnInput, UploadEvent } from '../../../src-shared/domain';
import { isStoredMediaPart } from '../../../src-shared/media';
import { mediaPart, type ResolvedMedia } from '../../../src-shared/request';
import type { Step } from '../../../src-shared/interactions';
import { AppFailure, isAppFailure } from '../failure';
import type { UploadedFile } from '../gemini/resources';
import { PART_LISTS, partsOf, type ResolvedTurnImages, type ReusedUpload, type TurnImages } from './turn-images';
import type { Logger } from '../ports';
import { MAX_BLOB_BYTES, SHA256_HEX, type BlobStore } from '../storage/blobs';
import { storageFailure } from '../storage/storage-failure';
import { checkStoredMedia } from './check-media';
import type { UploadCache } from './upload-cache';

/** The request limit is 100 MB of base64 (§7.2); past this much inline data, further images are uploaded. */
export const DEFAULT_INLINE_BUDGET_BYTES = 20 * 1_048_576;
/** Small enough for progress to move on a large image, a multiple of the 256 KiB upload granularity. */
export const UPLOAD_CHUNK_BYTES = 2 * 1_048_576;

export interface Uploader {
  uploadFile(
    file: { bytes: Uint8Array; mimeType: string; displayName: string },
    options: { signal?: AbortSignal; onProgress?(sent: number, total: number): void; onProcessing?(waitedMs: number): void; chunkBytes?: number },
  ): Promise<UploadedFile>;
}

export interface ImageSenderDeps {
  blobs: BlobStore;
  uploader: Uploader;
  cache: UploadCache;
  limits: () => ImageLimits;
  baseUrl: () => string;
  emit: (event: UploadEvent) => void;
  logger: Logger;
  inlineBudgetBytes?: number;
  chunkBytes?: number;
}

interface Flight {
  promise: Promise<UploadedFile>;
  controller: AbortController;
  waiters: number;
  listeners: Set<Progress>;
  last: Parameters<Progress>;
  settled: boolean;
}

/** Bytes sent of the total, then, while the Files API processes the file, how long it has waited (ms). */
type Progress = (sent: number, total: number, processingMs?: number) => void;

interface Wanted {
  sha256: string;
  name: string;
  /** The type it was saved with: believed only for text, which has no signature to check (sniff-media.ts). */
  mimeType: string;
}

interface Pane {
  requestId: string;
  paneId: string;
  signal: AbortSignal;
}

export class ImageSender implements TurnImages {
  readonly #deps: ImageSenderDeps;
  readonly #flights = new Map<string, Flight>();

  constructor(deps: ImageSenderDeps) {
    this.#deps = deps;
  }

  /** Uploads in progress now (for tests and shutdown). */
  get uploading(): number {
    return this.#flights.size;
  }

  async resolve(args: { requestId: string; paneId: string; input: TurnInput; history?: PaneHistory; signal: AbortSignal }): Promise<ResolvedTurnImages> {
    const pane: Pane = { requestId: args.requestId, paneId: args.paneId, signal: args.signal };
    const history = args.history?.mode === 'stateless' ? args.history : undefined;
    // Request order: the history's images, then this turn's. The inline budget is spent in that order.
    const wanted: Wanted[] = [];
    for (const step of history?.steps ?? []) {
      for (const part of partsOf(step)) {
        if (isStoredMediaPart(part)) wanted.push({ sha256: part.sha256, name: `${part.type} ${part.sha256.slice(0, 12)}`, mimeType: part.mime_type });
      }
    }
    for (const image of args.input.images ?? []) wanted.push({ sha256: image.sha256, name: image.name, mimeType: image.mimeType });

    const resolved = new Map<string, ResolvedMedia>();
    const reused: ReusedUpload[] = [];
    let inlineBytes = 0;
    const { inlineMaxBytes } = this.#deps.limits();
    const budget = this.#deps.inlineBudgetBytes ?? DEFAULT_INLINE_BUDGET_BYTES;
    for (const { sha256, name, mimeType: saved } of wanted) {
      if (resolved.has(sha256)) continue;
      args.signal.throwIfAborted();
      const { bytes, mimeType } = await this.#read(sha256, name, saved);
      if (bytes.byteLength <= inlineMaxBytes && inlineBytes + bytes.byteLength <= budget) {
        inlineBytes += bytes.byteLength;
        resolved.set(sha256, { mimeType, data: bytes.toString('base64') });
        continue;
      }
      const upload = await this.#uploaded(pane, { sha256, name, bytes, mimeType });
      if (upload.reused) reused.push({ sha256, uri: upload.uri });
      resolved.set(sha256, { mimeType, uri: upload.uri });
    }

    const out: ResolvedTurnImages = {
      images: (args.input.images ?? []).map((image) => resolved.get(image.sha256)!),
      reused,
    };
    if (history) out.history = { mode: 'stateless', steps: history.steps.map((step) => withResolvedParts(step, resolved)) };
    return out;
  }

  /** After the API refused uris taken from the cache (403/404): the next resolve uploads them again. */
  async forget(reused: ReusedUpload[]): Promise<void> {
    for (const { sha256, uri } of reused) await this.#deps.cache.forget(sha256, uri);
  }

  async #read(sha256: string, name: string, saved: string): Promise<{ bytes: Buffer; mimeType: string }> {
    if (!SHA256_HEX.test(sha256)) throw new AppFailure('BAD_REQUEST', `${name} is not a stored image.`);
    const bytes = await this.#deps.blobs.read(sha256).catch((error: unknown) => {
      this.#deps.logger.warn('images: a stored image could not be read', { sha: sha256.slice(0, 12), error: String(error) });
      throw storageFailure(`read ${name} from the app's data folder`, error);
    });
    if (!bytes) throw new AppFailure('BAD_REQUEST', `${name} is no longer stored in the app; attach it again.`);
    const check = checkStoredMedia(name, bytes, saved);
    if (!check.ok) throw new AppFailure('BAD_REQUEST', `${check.message}.`);
    return { bytes, mimeType: check.mimeType };
  }

  async #uploaded(pane: Pane, image: Wanted & { bytes: Buffer; mimeType: string }): Promise<{ uri: string; reused: boolean }> {
    const baseUrl = this.#deps.baseUrl();
    const cached = await this.#deps.cache.get(image.sha256, baseUrl);
    if (cached) return { uri: cached.uri, reused: true };
    const key = `${baseUrl}\n${image.sha256}`;
    let flight = this.#flights.get(key);
    if (!flight) {
      flight = this.#start(key, baseUrl, image);
      this.#flights.set(key, flight);
    }
    const { requestId, paneId } = pane;
    const report: Progress = (sent, total, processingMs) =>
      this.#deps.emit({ type: 'uploading', requestId, paneId, sha256: image.sha256, sent, total, ...(processingMs === undefined ? {} : { processingMs }) });
    const file = await this.#join(key, flight, report, pane.signal);
    return { uri: file.uri, reused: false };
  }

  #start(key: string, baseUrl: string, image: Wanted & { bytes: Buffer; mimeType: string }): Flight {
    const controller = new AbortController();
    const size = image.bytes.byteLength;
    const flight: Flight = {
      promise: Promise.resolve() as unknown as Promise<UploadedFile>,
      controller,
      waiters: 0,
      listeners: new Set(),
      last: [0, size],
      settled: false,
    };
    // Kept as the last word, so a pane joining later starts from where the upload is.
    const tell = (...progress: Parameters<Progress>) => {
      flight.last = progress;
      for (const listener of flight.listeners) listener(...progress);
    };
    flight.promise = (async () => {
      const file = await this.#deps.uploader
        .uploadFile(
          { bytes: image.bytes, mimeType: image.mimeType, displayName: image.name.slice(0, 200) },
          {
            signal: controller.signal,
            chunkBytes: this.#deps.chunkBytes ?? UPLOAD_CHUNK_BYTES,
            onProgress: (sent, total) => tell(sent, total),
            onProcessing: (waitedMs) => tell(size, size, waitedMs),
          },
        )
        .catch((error: unknown) => {
          throw uploadFailure(image.name, error);
        });
      await this.#deps.cache.put(image.sha256, file, baseUrl);
      return file;
    })();
    void flight.promise
      .finally(() => {
        flight.settled = true;
        if (this.#flights.get(key) === flight) this.#flights.delete(key);
      })
      .catch(() => undefined);
    return flight;
  }

  #join(key: string, flight: Flight, report: Progress, signal: AbortSignal): Promise<UploadedFile> {
    flight.waiters++;
    flight.listeners.add(report);
    report(...flight.last);
    return new Promise<UploadedFile>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        signal.removeEventListener('abort', onAbort);
        flight.listeners.delete(report);
        flight.waiters--;
        if (flight.waiters === 0 && !flight.settled) {
          // Nobody needs it any more: stop sending bytes, and let the next turn start a fresh upload.
          if (this.#flights.get(key) === flight) this.#flights.delete(key);
          flight.controller.abort(new AppFailure('NETWORK', 'The upload was stopped.'));
        }
      };
      const onAbort = () => {
        leave();
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (file) => {
          leave();
          resolve(file);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }
}

/** Every upload failure is worth another try (the next turn uploads afresh); the message names the image. */
function uploadFailure(name: string, error: unknown): AppFailure {
  const inner = isAppFailure(error) ? error : new AppFailure('NETWORK', String(error));
  return new AppFailure(inner.code, `Could not upload ${name}: ${inner.message}`, {
    retryable: true,
    ...(inner.httpStatus === undefined ? {} : { httpStatus: inner.httpStatus }),
    ...(inner.retryAfterMs === undefined ? {} : { retryAfterMs: inner.retryAfterMs }),
    cause: error,
  });
}

function withResolvedParts(step: Step, resolved: Map<string, ResolvedMedia>): Step {
  let out: Record<string, unknown> | undefined;
  for (const field of PART_LISTS) {
    const parts = (step as Record<string, unknown>)[field];
    if (!Array.isArray(parts) || !parts.some(isStoredMediaPart)) continue;
    out = { ...(out ?? step), [field]: parts.map((part) => (isStoredMediaPart(part) ? mediaPart(resolved.get(part.sha256)!, part.resolution) : part)) };
  }
  return (out ?? step) as Step;
}
