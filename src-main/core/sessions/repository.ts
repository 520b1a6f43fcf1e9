// The session repository (docs/ARCHITECTURE.md §5): one document per session, a small index kept in memory,
// delete with undo through a trash folder, and damaged files moved aside instead of lost.
//
// On disk, under the data folder:
//   sessions/<id>.json       one Session document each (atomic replace; the source of truth)
//   session-index.json       snapshot of the index: summary + prompt excerpt per session
//   session-index.log        ids whose document changed since the snapshot, one per line (write-ahead)
//   trash/<ms>-<id>.json     deleted documents; the name is the undo token; purged after 30 days
//   blobs/<sha256>           image bytes, content-addressed (blobs.ts)
//
// Saving one session costs O(that session): its id is appended to the log (once per snapshot),
// its document replaced, its index entry updated in memory. The snapshot is rewritten only every
// COMPACT_AFTER distinct sessions and on close. At open, every id in the log is re-read from its
// document, and the sessions/ listing is reconciled with the snapshot (files without an entry are
// read, entries without a file dropped) — so a crash between any two steps, or a lost or damaged
// index, ends with an index that matches the documents.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SESSION_ID_PATTERN, type Session, type SessionSummary, type StorageProblem } from '../../../src-shared/session';
import { MAX_DOCUMENT_BYTES } from '../../../src-shared/limits';
import { isSessionFormatError } from '../../../src-shared/session-migrations';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import {
  FileLimitError,
  ensureFolder,
  errnoCode,
  listFolder,
  nodeFs,
  readFileCapped,
  removeStrayTemps,
  writeFileAtomic,
  type FsPort,
} from '../storage/files';
import { JsonShapeError } from '../storage/safe-json';
import { IndexFiles } from './index-files';
import { decodeSessionDocument, encodeSessionDocument } from './session-document';
import { SessionIndex, summarize, toSummary } from './session-index';
import { earlierSetAside } from './set-aside-files';
import { describeSetAside, setAside, storageFailure, type SetAside } from '../storage/storage-failure';

export { MAX_DOCUMENT_BYTES };
export const TRASH_RETENTION_MS = 30 * 24 * 3_600_000;
const COMPACT_AFTER = 200;
const READ_CONCURRENCY = 8;
const TRASH_NAME = /^(\d{13})-([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.json$/;
const DOCUMENT_NAME = /^([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.json$/;

export interface SessionRepositoryOptions {
  /** The app's data folder (userData). */
  dir: string;
  logger: Logger;
  fs?: FsPort;
  /** Wall-clock ms. */
  now?: () => number;
  newId?: () => string;
  trashRetentionMs?: number;
  compactAfter?: number;
}

export class SessionRepository {
  readonly sessionsDir: string;
  readonly trashDir: string;
  readonly indexFile: string;
  readonly #fs: FsPort;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #index = new SessionIndex();
  readonly #indexFiles: IndexFiles;
  /** Deleted during this run: a late autosave must not bring them back. */
  readonly #deleted = new Set<string>();
  /** Documents written by a newer app: never overwritten by this one. */
  readonly #newer = new Set<string>();
  readonly #problems: StorageProblem[] = [];
  readonly #savedListeners = new Set<(session: Session) => void>();
  #ready: Promise<void> | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SessionRepositoryOptions) {
    this.#fs = options.fs ?? nodeFs;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    this.sessionsDir = join(options.dir, 'sessions');
    this.trashDir = join(options.dir, 'trash');
    this.#indexFiles = new IndexFiles(this.#fs, options.dir);
    this.indexFile = this.#indexFiles.snapshotFile;
  }

  /** Loads the index once (idempotent); every other method waits for it. A failed load is retried next call. */
  open(): Promise<void> {
    this.#ready ??= this.#load().catch((error: unknown) => {
      this.#ready = undefined;
      throw storageFailure('open your saved sessions', error);
    });
    return this.#ready;
  }

  async list(query?: string): Promise<SessionSummary[]> {
    await this.open();
    return this.#index.list(query);
  }

  /** Files set aside (or left in place) during this run. */
  problems(): StorageProblem[] {
    return this.#problems.map((p) => ({ ...p }));
  }

  /** Called after every successful write of a document (the in-flight journal listens). */
  onSaved(listener: (session: Session) => void): () => void {
    this.#savedListeners.add(listener);
    return () => this.#savedListeners.delete(listener);
  }

  get(id: string): Promise<Session> {
    return this.#exclusive(async () => {
      const session = await this.#read(id);
      if (!session) throw new AppFailure('NOT_FOUND', 'This session no longer exists.');
      return session;
    });
  }

  /**
   * The session, or undefined when there is none (or its damaged file was just set aside). Any other
   * failure throws: a caller must never mistake "unreadable right now" for "absent" and overwrite it.
   */
  find(id: string): Promise<Session | undefined> {
    return this.#exclusive(async () => {
      try {
        return await this.#read(id);
      } catch (error) {
        const stillThere = await this.#fs.stat(this.#documentFile(id)).then(
          () => true,
          (e: unknown) => errnoCode(e) !== 'ENOENT',
        );
        if (stillThere) throw error;
        return undefined;
      }
    });
  }

  /** Replaces the document; main stamps `updatedAt` (never earlier than the saved one). */
  save(session: Session): Promise<{ updatedAt: string }> {
    return this.#exclusive(async () => {
      assertSafeId(session.id);
      if (this.#deleted.has(session.id)) {
        throw new AppFailure('NOT_FOUND', 'This session was deleted; undo the deletion to keep editing it.');
      }
      if (this.#newer.has(session.id)) {
        throw new AppFailure('STORAGE', 'This session was saved by a newer version of the app; this version will not overwrite it.');
      }
      const previous = this.#index.get(session.id);
      const earliest = previous ? Date.parse(previous.updatedAt) + 1 : 0;
      const updatedAt = new Date(Math.max(this.#now(), Number.isFinite(earliest) ? earliest : 0)).toISOString();
      await this.#write({ ...session, updatedAt });
      return { updatedAt };
    });
  }

  /** Adds a session under a new id (import): never overwrites one that exists. */
  add(session: Session): Promise<Session> {
    return this.#exclusive(async () => {
      const added: Session = { ...session, id: this.#newId(), updatedAt: new Date(this.#now()).toISOString() };
      await this.#write(added);
      return added;
    });
  }

  duplicate(id: string): Promise<Session> {
    return this.#exclusive(async () => {
      const original = await this.#read(id);
      if (!original) throw new AppFailure('NOT_FOUND', 'This session no longer exists.');
      const now = new Date(this.#now()).toISOString();
      const base = original.title.trim() === '' ? 'Untitled' : original.title;
      const copy: Session = { ...original, id: this.#newId(), title: `${base.slice(0, 493)} (copy)`, createdAt: now, updatedAt: now };
      await this.#write(copy);
      return copy;
    });
  }

  /** Moves the document to the trash; the returned token restores it. */
  delete(id: string): Promise<{ undoToken: string }> {
    return this.#exclusive(async () => {
      assertSafeId(id);
      if (!this.#index.has(id)) throw new AppFailure('NOT_FOUND', 'This session no longer exists.');
      const undoToken = `${String(this.#now()).padStart(13, '0')}-${id}`;
      try {
        await ensureFolder(this.#fs, this.trashDir);
        await this.#fs.rename(this.#documentFile(id), join(this.trashDir, `${undoToken}.json`));
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw storageFailure('delete the session', error);
      }
      this.#index.delete(id);
      this.#deleted.add(id);
      return { undoToken };
    });
  }

  restore(undoToken: string): Promise<SessionSummary> {
    return this.#exclusive(async () => {
      const match = TRASH_NAME.exec(`${undoToken}.json`);
      if (!match) throw new AppFailure('BAD_REQUEST', 'Not an undo token.');
      const id = match[2]!;
      if (this.#index.has(id)) throw new AppFailure('BAD_REQUEST', 'This session is already back.');
      const trashed = join(this.trashDir, `${undoToken}.json`);
      const session = await this.#parseDocument(trashed, id).catch((error: unknown) => {
        if (errnoCode(error) === 'ENOENT') throw new AppFailure('NOT_FOUND', 'This deleted session is no longer in the trash.');
        if (errnoCode(error) === undefined && error instanceof Error) {
          throw new AppFailure('STORAGE', `The deleted session cannot be restored: ${error.message}`);
        }
        throw storageFailure('restore the session', error);
      });
      await this.#indexFiles.markDirty(id);
      try {
        await this.#fs.rename(trashed, this.#documentFile(id));
      } catch (error) {
        throw storageFailure('restore the session', error);
      }
      const entry = summarize(session);
      this.#index.put(entry);
      this.#deleted.delete(id);
      return toSummary(entry);
    });
  }

  /** True when a document with this id is in the trash (deleted, not purged). */
  async isTrashed(id: string): Promise<boolean> {
    return (await listFolder(this.#fs, this.trashDir)).some((name) => TRASH_NAME.exec(name)?.[2] === id);
  }

  /** Waits for pending work and writes the snapshot, so the next start reads no documents. */
  async close(): Promise<void> {
    await this.#tail;
    if (this.#ready && this.#indexFiles.dirtyCount > 0) await this.#compact();
  }

  // ---- internals ----

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(() => this.open()).then(task);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #documentFile(id: string): string {
    return join(this.sessionsDir, `${id}.json`);
  }

  async #load(): Promise<void> {
    const fs = this.#fs;
    await ensureFolder(fs, this.sessionsDir);
    await removeStrayTemps(fs, this.sessionsDir);
    await removeStrayTemps(fs, this.options.dir);
    // Before this start's reads, so a file set aside now is reported once (by #setAside).
    for (const problem of await earlierSetAside(fs, this.sessionsDir, 'session')) this.report(problem);
    const snapshot = await this.#indexFiles.loadSnapshot(this.#index);
    if (snapshot === 'damaged') {
      await this.#setAside(this.indexFile, 'index', (aside) => `The list of saved sessions was damaged and was rebuilt from the session files; ${describeSetAside(aside, 'the damaged copy')}.`);
    }
    let snapshotOk = snapshot === 'loaded';
    const logged = await this.#indexFiles.readLog();
    if (!logged) {
      // Without the log there is no telling which entries are stale: re-read every document.
      this.#logger.warn('sessions: index log unreadable, rebuilding');
      for (const id of this.#index.ids()) this.#index.delete(id);
      snapshotOk = false;
    }
    const recheck = new Set(logged);
    const onDisk = new Set<string>();
    for (const name of await listFolder(fs, this.sessionsDir)) {
      const id = DOCUMENT_NAME.exec(name)?.[1];
      if (id) onDisk.add(id);
    }
    for (const id of this.#index.ids()) {
      if (!onDisk.has(id)) {
        this.#index.delete(id);
        snapshotOk = false;
      }
    }
    const toRead = [...onDisk].filter((id) => recheck.has(id) || !this.#index.has(id));
    await forEachLimited(toRead, READ_CONCURRENCY, async (id) => {
      this.#index.delete(id);
      // A damaged one is moved aside and reported by #read; the others still open.
      const session = await this.#read(id, { indexed: false }).catch((error: unknown) => {
        this.#logger.warn('sessions: a document could not be read', { id, error: String(error) });
        return undefined;
      });
      if (session) this.#index.put(summarize(session));
    });
    if (toRead.length > 0 || recheck.size > 0 || !snapshotOk) await this.#compact();
    await this.#purgeTrash();
    this.#logger.info('sessions: index ready', { sessions: this.#index.size, read: toRead.length });
  }

  async #compact(): Promise<void> {
    await this.#indexFiles.compact(this.#index).catch((error: unknown) => {
      // The documents are safe; only the next start will be slower (it re-reads the logged ids).
      this.#logger.warn('sessions: could not write the index snapshot', { code: errnoCode(error) ?? String(error) });
    });
  }

  async #write(session: Session): Promise<void> {
    const text = encodeSessionDocument(session);
    try {
      await this.#indexFiles.markDirty(session.id);
      await writeFileAtomic(this.#fs, this.#documentFile(session.id), text);
    } catch (error) {
      throw storageFailure('save the session', error);
    }
    this.#index.put(summarize(session));
    if (this.#indexFiles.dirtyCount >= (this.options.compactAfter ?? COMPACT_AFTER)) await this.#compact();
    for (const listener of this.#savedListeners) {
      try {
        listener(session);
      } catch (error) {
        this.#logger.warn('sessions: a save listener failed', { error: String(error) });
      }
    }
  }

  /**
   * Reads and migrates a document. Undefined when it is not there, or when it was damaged (then it
   * is moved aside and reported); a document from a newer app is left in place and reported.
   */
  async #read(id: string, options: { indexed: boolean } = { indexed: true }): Promise<Session | undefined> {
    if (!SESSION_ID_PATTERN.test(id) || (options.indexed && !this.#index.has(id))) return undefined;
    const file = this.#documentFile(id);
    try {
      return await this.#parseDocument(file, id);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') {
        this.#index.delete(id);
        return undefined;
      }
      const title = this.#index.get(id)?.title;
      const name = title ? `“${title.slice(0, 80)}”` : `session ${id}`;
      if (isSessionFormatError(error) && error.kind === 'newer') {
        this.#index.delete(id);
        this.#newer.add(id);
        this.report({ kind: 'session', file, sessionId: id, message: `The file of ${name} was left in place: ${error.message}` });
        throw new AppFailure('STORAGE', error.message);
      }
      if (error instanceof JsonShapeError || error instanceof FileLimitError || isSessionFormatError(error)) {
        this.#index.delete(id);
        const aside = await this.#setAside(file, 'session', (o) => `The file of ${name} was damaged (${error.message}); ${describeSetAside(o)}. Your other sessions are not affected.`, id);
        throw new AppFailure('STORAGE', `The file of ${name} was damaged; ${describeSetAside(aside)}.`);
      }
      throw storageFailure('open the session', error);
    }
  }

  async #parseDocument(file: string, id: string): Promise<Session> {
    const session = decodeSessionDocument(await readFileCapped(this.#fs, file, MAX_DOCUMENT_BYTES));
    // The file name is the identity (a copied file keeps its old inner id).
    return session.id === id ? session : { ...session, id };
  }

  /** Moves a damaged file aside and reports what really happened: moved, or left in place and why. */
  async #setAside(file: string, kind: StorageProblem['kind'], message: (aside: SetAside) => string, sessionId?: string): Promise<SetAside> {
    const aside = await setAside(this.#fs, file, this.#now());
    const { movedTo } = aside;
    if (movedTo === undefined) this.#logger.error('sessions: could not move a damaged file aside', { file, code: errnoCode(aside.error) });
    else this.#logger.warn('sessions: damaged file moved aside', { file, movedTo });
    this.report({ kind, file, message: message(aside), ...(movedTo ? { movedTo } : {}), ...(sessionId ? { sessionId } : {}) });
    return aside;
  }

  /** Records a problem for storageProblems() (also used by start-up recovery). */
  report(problem: Omit<StorageProblem, 'at'>): void {
    this.#problems.push({ ...problem, at: new Date(this.#now()).toISOString() });
  }

  async #purgeTrash(): Promise<void> {
    const limit = this.#now() - (this.options.trashRetentionMs ?? TRASH_RETENTION_MS);
    for (const name of await listFolder(this.#fs, this.trashDir)) {
      const ms = Number(TRASH_NAME.exec(name)?.[1]);
      if (Number.isFinite(ms) && ms < limit) await this.#fs.unlink(join(this.trashDir, name)).catch(() => undefined);
    }
  }
}

function assertSafeId(id: string): void {
  if (!SESSION_ID_PATTERN.test(id)) throw new AppFailure('BAD_REQUEST', 'Not a session id.');
}

async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
