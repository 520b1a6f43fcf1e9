// Content-addressed image bytes: blobs/<sha256>. Written once, never changed, shared by every session
// that references the same image. A file's mtime is when it was last stored or asked to be kept: the
// collector (images/collect.ts) only removes unreferenced blobs that nobody touched for a grace period.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { SHA256_HEX } from '../../../src-shared/images';
import { TEMP_SUFFIX, ensureFolder, errnoCode, listFolder, nodeFs, readFileCapped, writeFileAtomic, type FsPort } from './files';

export { SHA256_HEX };
/** The most any image setting allows (SettingsService clamps to it); a read never goes beyond. */
export const MAX_BLOB_BYTES = 100 * 1_048_576;
/** A temp file this old belongs to a write a crash interrupted, not to one in progress (addMedia may be running). */
const STRAY_TEMP_AGE_MS = 3_600_000;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface BlobInfo {
  sha256: string;
  size: number;
  mtimeMs: number;
}

export class BlobStore {
  readonly dir: string;
  readonly #fs: FsPort;
  readonly #now: () => number;

  constructor(dataDir: string, fs: FsPort = nodeFs, now: () => number = Date.now) {
    this.dir = join(dataDir, 'blobs');
    this.#fs = fs;
    this.#now = now;
  }

  #file(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('not a sha256');
    return join(this.dir, sha256);
  }

  /** The bytes, or undefined when this image is not stored here. */
  async read(sha256: string): Promise<Buffer | undefined> {
    try {
      const bytes = await readFileCapped(this.#fs, this.#file(sha256), MAX_BLOB_BYTES);
      // A damaged blob is as good as a missing one; never hand out bytes that are not what was referenced.
      return sha256Hex(bytes) === sha256 ? bytes : undefined;
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  /**
   * Bytes `start`..`end` (inclusive) of a blob of `size` bytes, not checked against its sha256: for ranges of a blob
   * whose whole was read (and so checked) before. Undefined when it is gone or no longer that size.
   */
  async readRange(sha256: string, size: number, start: number, end: number): Promise<Buffer | undefined> {
    let handle;
    try {
      handle = await this.#fs.open(this.#file(sha256), 'r');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    try {
      if ((await handle.stat()).size !== size) return undefined;
      const body = Buffer.alloc(end - start + 1);
      const { bytesRead } = await handle.read(body, 0, body.length, start);
      return bytesRead === body.length ? body : undefined;
    } finally {
      await handle.close();
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.read(sha256)) !== undefined;
  }

  /** Stores the bytes (once) and returns their sha256; storing them again counts as a fresh use. */
  async write(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    // touch() is false when the blob went between the two calls (a collection): then it is written again.
    if ((await this.has(sha256)) && (await this.touch(sha256))) return sha256;
    await ensureFolder(this.#fs, this.dir);
    await writeFileAtomic(this.#fs, this.#file(sha256), bytes);
    return sha256;
  }

  /** Marks the blob as just used (its grace period starts again); false when it is not stored. */
  async touch(sha256: string): Promise<boolean> {
    const at = new Date(this.#now());
    try {
      await this.#fs.utimes(this.#file(sha256), at, at);
      return true;
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  /** Every stored blob (temp files and foreign names are not blobs). */
  async list(): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    for (const name of await listFolder(this.#fs, this.dir)) {
      if (!SHA256_HEX.test(name)) continue;
      const info = await this.stat(name);
      if (info) out.push(info);
    }
    return out;
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    try {
      const stat = await this.#fs.stat(this.#file(sha256));
      return stat.isFile() ? { sha256, size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.#fs.unlink(this.#file(sha256)).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') throw error;
    });
  }

  /** Temp files of writes a crash interrupted; recent ones may be a write in progress and are left alone. */
  async removeStrayTemps(): Promise<number> {
    let removed = 0;
    for (const name of await listFolder(this.#fs, this.dir)) {
      if (!name.startsWith('.') || !name.endsWith(TEMP_SUFFIX)) continue;
      const file = join(this.dir, name);
      const stat = await this.#fs.stat(file).catch(() => undefined);
      if (!stat || stat.mtimeMs > this.#now() - STRAY_TEMP_AGE_MS) continue;
      await this.#fs.unlink(file).then(
        () => removed++,
        () => undefined,
      );
    }
    return removed;
  }
}
