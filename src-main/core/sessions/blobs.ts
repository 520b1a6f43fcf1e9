// Content-addressed image bytes: blobs/<sha256>. Written once, never changed, shared by every session
// that references the same image. (The images feature builds on this; export/import use it today.)
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { errnoCode, nodeFs, readFileCapped, writeFileAtomic, type FsPort } from '../storage/files';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const MAX_BLOB_BYTES = 20 * 1_048_576;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class BlobStore {
  readonly dir: string;
  readonly #fs: FsPort;

  constructor(dataDir: string, fs: FsPort = nodeFs) {
    this.dir = join(dataDir, 'blobs');
    this.#fs = fs;
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

  async has(sha256: string): Promise<boolean> {
    return (await this.read(sha256)) !== undefined;
  }

  /** Stores the bytes (once) and returns their sha256. */
  async write(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    if (await this.has(sha256)) return sha256;
    await this.#fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.#fs, this.#file(sha256), bytes);
    return sha256;
  }
}
