// The media half of the core: addMedia (check any kind by content, store as a blob), the bytes behind
// app://playground/blobs/<sha256>, the sender the generation service uses, and blob collection.
import { join } from 'node:path';
import type { ImageLimits, UploadEvent } from '../../../src-shared/domain';
import type { ImageRef } from '../../../src-shared/session';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import { SHA256_HEX, sha256Hex, type BlobStore } from '../storage/blobs';
import type { FsPort } from '../storage/files';
import { storageFailure } from '../storage/storage-failure';
import { collectBlobs, type CollectResult } from './collect';
import { ImageSender, type Uploader } from './image-sender';
import { checkMedia } from './check-media';
import { isText, sniffMedia } from './sniff-media';
import { UploadCache } from './upload-cache';

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
  /** For the app:// handler and the harness's static server: the bytes and their type, or undefined. */
  read(sha256: string): Promise<{ bytes: Uint8Array; mimeType: string } | undefined>;
  sender: ImageSender;
  cache: UploadCache;
  /** Removes unreferenced blobs (see collect.ts); images added during this run are always kept. */
  collect(): Promise<CollectResult>;
}

export function createImagesService(deps: ImagesDeps): ImagesService {
  const { blobs, logger } = deps;
  const now = deps.now ?? Date.now;
  // Drafts live only in the renderer: whatever this run stored stays until the next start at least.
  const pinned = new Set<string>();
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

  return {
    sender,
    cache,

    async add({ name, bytes }) {
      const shown = displayName(name);
      const check = checkMedia(shown, bytes, deps.limits());
      if (!check.ok) throw new AppFailure('BAD_REQUEST', check.message);
      // Pinned before it is written, so a collection running now cannot take it between the two.
      const sha256 = sha256Hex(bytes);
      pinned.add(sha256);
      try {
        await blobs.write(bytes);
      } catch (error) {
        throw storageFailure(`store ${shown || 'the image'}`, error);
      }
      return { sha256, mimeType: check.mimeType, name: shown || 'image', size: bytes.byteLength };
    },

    async read(sha256) {
      if (!SHA256_HEX.test(sha256)) return undefined;
      const bytes = await blobs.read(sha256).catch(() => undefined);
      if (!bytes) return undefined;
      const sniffed = sniffMedia(bytes);
      // Only what addMedia accepted is served: never bytes a browser might sniff as HTML or script. Text has no
      // signature (its name made it text), so it goes out as plain text, which a page never runs.
      if (sniffed.kind === 'media') return { bytes, mimeType: sniffed.mimeType };
      return isText(bytes) ? { bytes, mimeType: 'text/plain; charset=utf-8' } : undefined;
    },

    async collect() {
      const result = await collectBlobs({
        blobs,
        referenceDirs: ['sessions', 'trash', 'inflight'].map((dir) => join(deps.dataDir, dir)),
        now,
        isPinned: (sha256) => pinned.has(sha256),
        logger,
        ...(deps.graceMs === undefined ? {} : { graceMs: deps.graceMs }),
        ...(deps.fs ? { fs: deps.fs } : {}),
      });
      for (const sha256 of result.removed) await cache.forget(sha256);
      return result;
    },
  };
}

/** The file's own name as people know it: no folders (a dropped path), no control characters, bounded. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
}
