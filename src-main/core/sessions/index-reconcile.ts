// At open, the index must match the documents whatever a crash or a damaged file left behind (repository.ts,
// top): the snapshot is loaded, entries without a document are dropped, and the documents logged since the
// snapshot or without an entry are read into it, a few at a time. Without a readable log every document is read.
import type { Session } from '../../../src-shared/session';
import type { Logger } from '../ports';
import { listFolder, type FsPort } from '../storage/files';
import type { IndexFiles } from './index-files';
import { summarize, type SessionIndex } from './session-index';

const DOCUMENT_NAME = /^([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.json$/;
const READ_CONCURRENCY = 8;

export interface Reconciled {
  /** How many documents were read. */
  read: number;
  /** True when the snapshot on disk no longer matches the index: it is to be rewritten. */
  rewrite: boolean;
}

export async function reconcileIndex(options: {
  fs: FsPort;
  sessionsDir: string;
  index: SessionIndex;
  files: IndexFiles;
  logger: Logger;
  /**
   * Reads one document; undefined when it is gone, damaged or not this app's (the reader reports those). Throws when
   * it is there but cannot be read right now (busy, locked, too many open files): its entry, if any, is then kept.
   */
  read: (id: string) => Promise<Session | undefined>;
  /** Called when the snapshot is damaged (the index then starts empty). */
  onDamagedSnapshot: () => Promise<void>;
}): Promise<Reconciled> {
  const { index, files } = options;
  const snapshot = await files.loadSnapshot(index);
  if (snapshot === 'damaged') await options.onDamagedSnapshot();
  let snapshotOk = snapshot === 'loaded';
  const logged = await files.readLog();
  const onDisk = new Set<string>();
  for (const name of await listFolder(options.fs, options.sessionsDir)) {
    const id = DOCUMENT_NAME.exec(name)?.[1];
    if (id) onDisk.add(id);
  }
  if (!logged) {
    // Without the log there is no telling which entries are stale: every document is read again. The snapshot's
    // entries stay until then, so one that cannot be read now keeps its place.
    options.logger.warn('sessions: index log unreadable, rebuilding');
    snapshotOk = false;
  }
  const recheck = new Set(logged ?? onDisk);
  for (const id of index.ids()) {
    if (!onDisk.has(id)) {
      index.delete(id);
      snapshotOk = false;
    }
  }
  const toRead = [...onDisk].filter((id) => recheck.has(id) || !index.has(id));
  await forEachLimited(toRead, READ_CONCURRENCY, async (id) => {
    try {
      const session = await options.read(id);
      if (session) index.put(summarize(session));
      else index.delete(id);
    } catch (error) {
      // An antivirus scan or a backup holding the file says nothing about the session. Dropping its entry made
      // it absent for this run, and crash recovery then wrote a session of one turn over the whole conversation.
      options.logger.warn('sessions: a document could not be read now, its entry is kept', { id, error: String(error) });
    }
  });
  return { read: toRead.length, rewrite: toRead.length > 0 || recheck.size > 0 || !snapshotOk };
}

async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
