// Which images are already on the Files API: uploads.json in the data folder, sha256 → { uri, name, … }.
// The service deletes files 48 h after upload (docs/interactions-api.md §7.2), so an entry is trusted until the
// earlier of the server's expirationTime and 48 h after our own clock saw the upload, minus a safety margin
// (a turn must not start with a uri that expires while it runs). It is a cache: a damaged or unwritable file
// costs a re-upload, never a turn.
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../ports';
import { SHA256_HEX } from '../storage/blobs';
import { errnoCode, nodeFs, readFileCapped, writeFileAtomic, type FsPort } from '../storage/files';
import { parseJsonBytes } from '../storage/safe-json';

export const FILE_LIFETIME_MS = 48 * 3_600_000;
export const EXPIRY_MARGIN_MS = 2 * 3_600_000;
const MAX_CACHE_BYTES = 16 * 1_048_576;
const FORMAT = 'gemini-playground-uploads';

export interface UploadRecord {
  uri: string;
  /** files/<id> */
  name: string;
  mimeType: string;
  /** ISO time: the earlier of the server's expirationTime and 48 h after the upload. */
  expirationTime: string;
  /** The API base URL it was uploaded to: a uri is only valid there. */
  baseUrl: string;
  uploadedAt: string;
}

const recordSchema = z.object({
  uri: z.string().min(1).max(2_000),
  name: z.string().max(500),
  mimeType: z.string().max(100),
  expirationTime: z.iso.datetime({ offset: true }),
  baseUrl: z.string().max(2_000),
  uploadedAt: z.iso.datetime({ offset: true }),
});

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  uploads: z.record(z.string().regex(SHA256_HEX), z.unknown()),
});

export interface UploadCacheOptions {
  dataDir: string;
  logger: Logger;
  fs?: FsPort;
  /** Wall-clock ms. */
  now?: () => number;
  marginMs?: number;
}

export class UploadCache {
  readonly file: string;
  readonly #fs: FsPort;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #marginMs: number;
  #entries: Promise<Map<string, UploadRecord>> | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: UploadCacheOptions) {
    this.file = join(options.dataDir, 'uploads.json');
    this.#fs = options.fs ?? nodeFs;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#marginMs = options.marginMs ?? EXPIRY_MARGIN_MS;
  }

  /** The upload of this image at this base URL, when it is still safely usable. */
  async get(sha256: string, baseUrl: string): Promise<UploadRecord | undefined> {
    const record = (await this.#load()).get(sha256);
    if (!record || record.baseUrl !== baseUrl || !this.isFresh(record)) return undefined;
    return { ...record };
  }

  isFresh(record: UploadRecord): boolean {
    return Date.parse(record.expirationTime) - this.#marginMs > this.#now();
  }

  /** Records an upload that just finished. */
  put(sha256: string, file: { uri: string; name: string; mimeType: string; expirationTime?: string }, baseUrl: string): Promise<UploadRecord> {
    return this.#change((entries) => {
      const now = this.#now();
      const server = file.expirationTime === undefined ? Number.NaN : Date.parse(file.expirationTime);
      const expires = Math.min(now + FILE_LIFETIME_MS, Number.isFinite(server) ? server : Infinity);
      const record: UploadRecord = {
        uri: file.uri,
        name: file.name,
        mimeType: file.mimeType,
        expirationTime: new Date(expires).toISOString(),
        baseUrl,
        uploadedAt: new Date(now).toISOString(),
      };
      entries.set(sha256, record);
      return { ...record };
    });
  }

  /** Drops the entry — only if it still holds `uri`, so a newer upload another pane just made survives. */
  forget(sha256: string, uri?: string): Promise<boolean> {
    return this.#change((entries) => {
      const record = entries.get(sha256);
      if (!record || (uri !== undefined && record.uri !== uri)) return false;
      entries.delete(sha256);
      return true;
    });
  }

  #load(): Promise<Map<string, UploadRecord>> {
    this.#entries ??= this.#read();
    return this.#entries;
  }

  async #read(): Promise<Map<string, UploadRecord>> {
    const entries = new Map<string, UploadRecord>();
    let value: unknown;
    try {
      value = parseJsonBytes(await readFileCapped(this.#fs, this.file, MAX_CACHE_BYTES));
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') this.#logger.warn('images: upload cache unreadable; images will be uploaded again', { error: String(error) });
      return entries;
    }
    const parsed = fileSchema.safeParse(value);
    if (!parsed.success) {
      this.#logger.warn('images: upload cache not understood; images will be uploaded again');
      return entries;
    }
    for (const [sha256, raw] of Object.entries(parsed.data.uploads)) {
      const record = recordSchema.safeParse(raw);
      if (record.success) entries.set(sha256, record.data);
    }
    return entries;
  }

  #change<T>(apply: (entries: Map<string, UploadRecord>) => T): Promise<T> {
    const run = this.#tail.then(async () => {
      const entries = await this.#load();
      const result = apply(entries);
      for (const [sha256, record] of entries) if (!this.isFresh(record)) entries.delete(sha256);
      const text = JSON.stringify({ format: FORMAT, version: 1, uploads: Object.fromEntries(entries) });
      // Losing this file costs a re-upload, so an fsync per upload is not worth it.
      await writeFileAtomic(this.#fs, this.file, text, { durable: false }).catch((error: unknown) =>
        this.#logger.warn('images: could not save the upload cache', { code: errnoCode(error) ?? String(error) }),
      );
      return result;
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
