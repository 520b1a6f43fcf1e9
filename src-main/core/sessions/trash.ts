// Deleted sessions (docs/ARCHITECTURE.md §5): a deleted document is moved to trash/<ms>-<id>.json, whose name is
// the undo token that restores it, and is purged once older than the retention period.
import { join } from 'node:path';
import { ensureFolder, errnoCode, listFolder, type FsPort } from '../storage/files';
import { storageFailure } from '../storage/storage-failure';

export const TRASH_RETENTION_MS = 30 * 24 * 3_600_000;
const TRASH_NAME = /^(\d{13})-([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.json$/;

export class SessionTrash {
  readonly dir: string;

  constructor(
    private readonly fs: FsPort,
    dataDir: string,
    private readonly now: () => number,
    private readonly retentionMs: number = TRASH_RETENTION_MS,
  ) {
    this.dir = join(dataDir, 'trash');
  }

  /** Moves a session's document here and answers its undo token; a document already gone is no error. */
  async put(file: string, id: string): Promise<string> {
    const undoToken = `${String(this.now()).padStart(13, '0')}-${id}`;
    try {
      await ensureFolder(this.fs, this.dir);
      await this.fs.rename(file, join(this.dir, `${undoToken}.json`));
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw storageFailure('delete the session', error);
    }
    return undoToken;
  }

  /** The trashed file an undo token names and its session's id; undefined when it is not an undo token. */
  locate(undoToken: string): { id: string; file: string } | undefined {
    const id = TRASH_NAME.exec(`${undoToken}.json`)?.[2];
    return id === undefined ? undefined : { id, file: join(this.dir, `${undoToken}.json`) };
  }

  /** True when a document with this id is here (deleted, not purged). */
  async has(id: string): Promise<boolean> {
    return (await listFolder(this.fs, this.dir)).some((name) => TRASH_NAME.exec(name)?.[2] === id);
  }

  /** Removes what was deleted longer ago than the retention period; a file that will not go waits for the next start. */
  async purge(): Promise<void> {
    const limit = this.now() - this.retentionMs;
    for (const name of await listFolder(this.fs, this.dir)) {
      const ms = Number(TRASH_NAME.exec(name)?.[1]);
      if (Number.isFinite(ms) && ms < limit) await this.fs.unlink(join(this.dir, name)).catch(() => undefined);
    }
  }
}
