// The media half of the core: addMedia (check any kind by content, store as a blob), the bytes behind
// app://playground/blobs/<sha256>, the sender the generation service uses, and blob collection.
import { join } from 'node:path';
import type { ImageLimits, UploadEvent } from '../../../src-shared/domain';
import { RecentMap } from '../../../src-shared/recent-map';
import type { ImageRef } from '../../../src-shared/session';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import { SHA256_HEX, sha256Hex, type BlobStore } from '../storage/blobs';
import type { FsPort } from '../storage/files';
import { storageFailure } from '../storage/storage-failure';
import { answerRange, planRange, type BlobAnswer } from '../byte-range';
import { collectBlobs, type CollectResult } from './collect';
import { ImageSender, type Uploader } from './image-sender';
import { checkMedia } from './check-media';
import { isText, sniffMedia } from './sniff-media';
import { UploadCache } from './upload-cache';

const SERVED_KEPT = 64;

export interface ImagesDeps {
  dataDir: string;
  blobs: BlobStore;
  uploader: Uploader;
  limits: () => ImageLimits;
  baseUrl: () => string;
  emit: (event: UploadEvent) => void;
  logger: Logger;
  fs?: FsPort;
  /** Wall-clock ms. */
  now?: () => number;
  graceMs?: number;
  inlineBudgetBytes?: number;
}

export interface ImagesService {
  add(args: { name: string; bytes: Uint8Array }): Promise<ImageRef>;
  /** The bytes and their type, or undefined: only what addMedia would accept (checked whole, every time). */
  read(sha256: string): Promise<{ bytes: Uint8Array; mimeType: string } | undefined>;
  /**
   * For the app:// handler and the harness's static server: the blob answered for a Range header (byte-range.ts),
   * or undefined. A blob read whole once is afterwards answered range by range from disk, so each seek of a
   * 100 MB video reads what it shows, not the file.
   */
  serve(sha256: string, range: string | null | undefined): Promise<(BlobAnswer & { mimeType: string }) | undefined>;
  sender: ImageSender;
  cache: UploadCache;
  /** Removes unreferenced blobs (see collect.ts); images added during this run are always kept. */
  collect(): Promise<CollectResult>;
  /** Blobs pinned now: only those an add is still writing. */
  readonly pinnedCount: number;
}

export function createImagesService(deps: ImagesDeps): ImagesService {
  const { blobs, logger } = deps;
  const now = deps.now ?? Date.now;
  // Files in a prompt box are referenced by their session once it is saved (its `attached`); until then only the
  // renderer holds them, so whatever this run stored stays until the next start at least. Its file's time
  // says so (a write stores or touches it), so nothing is held per image for the rest of the run; only an add still
  // writing is pinned, counted per add, as its file does not show it yet.
  const runStartedAt = now();
  const pinned = new Map<string, number>();
  const cache = new UploadCache({ dataDir: deps.dataDir, logger, now, ...(deps.fs ? { fs: deps.fs } : {}) });
  const sender = new ImageSender({
    blobs,
    uploader: deps.uploader,
    cache,
    limits: deps.limits,
    baseUrl: deps.baseUrl,
    emit: deps.emit,
    logger,
    ...(deps.inlineBudgetBytes === undefined ? {} : { inlineBudgetBytes: deps.inlineBudgetBytes }),
  });

  // Blobs checked whole during this run, by the size they had then; a few, most recently served last.
  const served = new RecentMap<string, { mimeType: string; size: number }>(SERVED_KEPT);
  const read = async (sha256: string): Promise<{ bytes: Uint8Array; mimeType: string } | undefined> => {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const bytes = await blobs.read(sha256).catch(() => undefined);
    if (!bytes) return undefined;
    const sniffed = sniffMedia(bytes);
    // Only what addMedia accepted is served: never bytes a browser might sniff as HTML or script. Text has no
    // signature (its name made it text), so it goes out as plain text, which a page never runs.
    if (sniffed.kind === 'media') return { bytes, mimeType: sniffed.mimeType };
    return isText(bytes) ? { bytes, mimeType: 'text/plain; charset=utf-8' } : undefined;
  };

  return {
    sender,
    read,
    async serve(sha256, range) {
      // Kept as most recently served: a video being seeked stays among the few remembered.
      const known = served.touch(sha256);
      if (known) {
        const plan = planRange(known.size, range);
        const body = plan.status === 206 ? await blobs.readRange(sha256, known.size, plan.start, plan.end).catch(() => undefined) : undefined;
        if (body) return { status: 206, headers: plan.headers, body, mimeType: known.mimeType };
        if (plan.status === 416) return { status: 416, headers: plan.headers, body: new Uint8Array(), mimeType: known.mimeType };
      }
      const whole = await read(sha256);
      served.delete(sha256);
      if (!whole) return undefined;
      served.set(sha256, { mimeType: whole.mimeType, size: whole.bytes.byteLength });
      return { ...answerRange(whole.bytes, range), mimeType: whole.mimeType };
    },
    cache,

    async add({ name, bytes }) {
      const shown = displayName(name);
      const check = checkMedia(shown, bytes, deps.limits());
      if (!check.ok) throw new AppFailure('BAD_REQUEST', check.message);
      // Pinned before it is written, so a collection running now cannot take it between the two.
      const sha256 = sha256Hex(bytes);
      pinned.set(sha256, (pinned.get(sha256) ?? 0) + 1);
      try {
        await blobs.write(bytes);
      } catch (error) {
        throw storageFailure(`store ${shown || 'the image'}`, error);
      } finally {
        const left = pinned.get(sha256)! - 1;
        if (left > 0) pinned.set(sha256, left);
        else pinned.delete(sha256);
      }
      return { sha256, mimeType: check.mimeType, name: shown || 'image', size: bytes.byteLength };
    },

    async collect() {
      const result = await collectBlobs({
        blobs,
        referenceDirs: ['sessions', 'trash', 'inflight'].map((dir) => join(deps.dataDir, dir)),
        now,
        isPinned: (sha256) => pinned.has(sha256),
        keepSince: runStartedAt,
        logger,
        ...(deps.graceMs === undefined ? {} : { graceMs: deps.graceMs }),
        ...(deps.fs ? { fs: deps.fs } : {}),
      });
      for (const sha256 of result.removed) {
        // Forgotten as served too: a range past its end would otherwise be answered 416 from the size remembered
        // instead of 404 for a file that is gone.
        served.delete(sha256);
        await cache.forget(sha256);
      }
      return result;
    },
    get pinnedCount() {
      return pinned.size;
    },
  };
}

/** The file's own name as people know it: no folders (a dropped path), no control characters, bounded. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
}
