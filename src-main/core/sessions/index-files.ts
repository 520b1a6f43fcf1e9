// The index's two files: the snapshot (session-index.json, replaced atomically) and the write-ahead log
// (session-index.log: ids whose document may have changed since the snapshot, appended and fsynced
// before the document is written). See repository.ts for how they keep the index honest after a crash.
import { join } from 'node:path';
import { SESSION_ID_PATTERN } from '../../../src-shared/session';
import { appendDurable, errnoCode, readFileCapped, writeFileAtomic, type FsPort } from '../storage/files';
import { parseJsonBytes } from '../storage/safe-json';
import { SessionIndex } from './session-index';

const MAX_INDEX_BYTES = 256 * 1_048_576;

export class IndexFiles {
  readonly snapshotFile: string;
  readonly logFile: string;
  /** Ids in the log since the last snapshot: each is logged once per snapshot. */
  readonly #dirty = new Set<string>();

  constructor(
    private readonly fs: FsPort,
    dataDir: string,
  ) {
    this.snapshotFile = join(dataDir, 'session-index.json');
    this.logFile = join(dataDir, 'session-index.log');
  }

  get dirtyCount(): number {
    return this.#dirty.size;
  }

  /** Fills `index` from the snapshot; "damaged" (unreadable, too large or not ours) leaves `index` empty. */
  async loadSnapshot(index: SessionIndex): Promise<'loaded' | 'missing' | 'damaged'> {
    let bytes: Buffer;
    try {
      bytes = await readFileCapped(this.fs, this.snapshotFile, MAX_INDEX_BYTES);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return 'missing';
      if (errnoCode(error) !== undefined) throw error;
      return 'damaged';
    }
    try {
      const entries = SessionIndex.parseSnapshot(parseJsonBytes(bytes));
      for (const entry of entries) index.put(entry);
      return 'loaded';
    } catch {
      return 'damaged';
    }
  }

  /** The logged ids (they stay logged until the next snapshot), or undefined when the log cannot be read. */
  async readLog(): Promise<string[] | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFileCapped(this.fs, this.logFile, MAX_INDEX_BYTES);
    } catch (error) {
      return errnoCode(error) === 'ENOENT' ? [] : undefined;
    }
    // A torn last line (crash mid-append) fails the pattern: its document had not been touched yet.
    const ids = bytes.toString('utf8').split('\n').filter((line) => SESSION_ID_PATTERN.test(line));
    for (const id of ids) this.#dirty.add(id);
    return ids;
  }

  /** Before a document changes: O(1), and only the first time per snapshot. */
  async markDirty(id: string): Promise<void> {
    if (this.#dirty.has(id)) return;
    await appendDurable(this.fs, this.logFile, id);
    this.#dirty.add(id);
  }

  /** Writes the snapshot, then empties the log (a crash between the two only costs re-reading logged ids). */
  async compact(index: SessionIndex): Promise<void> {
    await writeFileAtomic(this.fs, this.snapshotFile, index.toSnapshot());
    await this.fs.unlink(this.logFile).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') throw error;
    });
    this.#dirty.clear();
  }
}
