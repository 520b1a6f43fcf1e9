// Removes image blobs nothing refers to any more. A blob is kept when any file under the reference folders
// (sessions/, trash/ — deleted sessions can be restored — and inflight/, damaged files set aside included)
// contains its sha256, when this run stored or touched it or is storing it now, or when it was stored or touched
// less than `graceMs` ago (an unsaved draft of a previous run, a save still on its way).
//
// The folders are scanned as raw text for 64-hex-digit runs rather than parsed: a damaged document still
// protects its images, and a false match only keeps a blob longer. Documents are read only when some blob
// is a candidate, so a start with nothing to collect costs a folder listing.
import { join } from 'node:path';
import { SHA256_HEX_SOURCE } from '../../../src-shared/images';
import type { Logger } from '../ports';
import type { BlobStore } from '../storage/blobs';
import { errnoCode, listFolder, nodeFs, type FsPort } from '../storage/files';

export const DEFAULT_BLOB_GRACE_MS = 24 * 3_600_000;
const SCAN_CHUNK = 1 << 20;
const SHA_RUN = new RegExp(SHA256_HEX_SOURCE, 'g');

export interface CollectOptions {
  blobs: BlobStore;
  referenceDirs: string[];
  /** Wall-clock ms. */
  now: () => number;
  graceMs?: number;
  /** Being stored now: its file may not show it yet. */
  isPinned: (sha256: string) => boolean;
  /** Wall-clock ms this run began: a blob stored or touched since is this run's, kept however long the run lasts. */
  keepSince?: number;
  logger: Logger;
  fs?: FsPort;
}

export interface CollectResult {
  removed: string[];
  kept: number;
  /** Why nothing was removed although candidates existed (a folder could not be read). */
  skipped?: string;
}

export async function collectBlobs(options: CollectOptions): Promise<CollectResult> {
  const { blobs, logger } = options;
  const fs = options.fs ?? nodeFs;
  const graceMs = options.graceMs ?? DEFAULT_BLOB_GRACE_MS;
  await blobs.removeStrayTemps();
  const all = await blobs.list();
  const cutoff = () => Math.min(options.now() - graceMs, options.keepSince ?? Infinity);
  const isCandidate = (mtimeMs: number, sha256: string) => mtimeMs < cutoff() && !options.isPinned(sha256);
  const unreferenced = new Set(all.filter((b) => isCandidate(b.mtimeMs, b.sha256)).map((b) => b.sha256));
  if (unreferenced.size === 0) return { removed: [], kept: all.length };

  try {
    for (const dir of options.referenceDirs) {
      for (const name of await listFolder(fs, dir)) {
        if (unreferenced.size === 0) break;
        await scanFile(fs, join(dir, name), unreferenced);
      }
    }
  } catch (error) {
    // Not knowing what is referenced means keeping everything.
    const skipped = `a file that may refer to images could not be read (${errnoCode(error) ?? String(error)})`;
    logger.warn('images: collection skipped', { reason: skipped });
    return { removed: [], kept: all.length, skipped };
  }

  const removed: string[] = [];
  for (const sha256 of unreferenced) {
    // Looked at again just before: it may have been stored again, or kept, while the folders were read.
    const now = await blobs.stat(sha256);
    if (!now || !isCandidate(now.mtimeMs, sha256)) continue;
    await blobs.remove(sha256);
    removed.push(sha256);
  }
  if (removed.length > 0) logger.info('images: unreferenced images removed', { removed: removed.length });
  return { removed, kept: all.length - removed.length };
}

/** Deletes from `wanted` every sha256 the file mentions; chunks overlap so a run across a boundary is seen. */
async function scanFile(fs: FsPort, file: string, wanted: Set<string>): Promise<void> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return; // removed meanwhile (a journal merged, a trash purge)
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) return;
    const buffer = Buffer.alloc(SCAN_CHUNK);
    let carry = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, SCAN_CHUNK, null);
      if (bytesRead === 0) break;
      const text = carry + buffer.toString('latin1', 0, bytesRead);
      for (const match of text.matchAll(SHA_RUN)) wanted.delete(match[0]);
      if (wanted.size === 0) return;
      carry = text.slice(-63);
    }
  } finally {
    await handle.close();
  }
}
