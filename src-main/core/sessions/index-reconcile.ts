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
  /** Reads one document; undefined when it is gone or damaged (the reader reports that). */
  read: (id: string) => Promise<Session | undefined>;
  /** Called when the snapshot is damaged (the index then starts empty). */
  onDamagedSnapshot: () => Promise<void>;
}): Promise<Reconciled> {
  const { index, files } = options;
  const snapshot = await files.loadSnapshot(index);
  if (snapshot === 'damaged') await options.onDamagedSnapshot();
  let snapshotOk = snapshot === 'loaded';
  const logged = await files.readLog();
  if (!logged) {
    // Without the log there is no telling which entries are stale: re-read every document.
    options.logger.warn('sessions: index log unreadable, rebuilding');
    for (const id of index.ids()) index.delete(id);
    snapshotOk = false;
  }
  const recheck = new Set(logged);
  const onDisk = new Set<string>();
  for (const name of await listFolder(options.fs, options.sessionsDir)) {
    const id = DOCUMENT_NAME.exec(name)?.[1];
    if (id) onDisk.add(id);
  }
  for (const id of index.ids()) {
    if (!onDisk.has(id)) {
      index.delete(id);
      snapshotOk = false;
    }
  }
  const toRead = [...onDisk].filter((id) => recheck.has(id) || !index.has(id));
  await forEachLimited(toRead, READ_CONCURRENCY, async (id) => {
    index.delete(id);
    // A damaged one is moved aside and reported by the reader; the others still open.
    const session = await options.read(id).catch((error: unknown) => {
      options.logger.warn('sessions: a document could not be read', { id, error: String(error) });
      return undefined;
    });
    if (session) index.put(summarize(session));
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
