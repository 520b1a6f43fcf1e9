// The session repository (docs/ARCHITECTURE.md §5): one document per session, a small index kept in memory,
// delete with undo through a trash folder, and damaged files moved aside instead of lost.
//
// On disk, under the data folder:
//   sessions/<id>.json       one Session document each (atomic replace; the source of truth)
//   session-index.json       snapshot of the index: summary + prompt excerpt per session
//   session-index.log        ids whose document changed since the snapshot, one per line (write-ahead)
//   trash/<ms>-<id>.json     deleted documents; the name is the undo token; purged after 30 days (trash.ts)
//   blobs/<sha256>           image bytes, content-addressed (storage/blobs.ts)
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
  nodeFs,
  readFileCapped,
  removeStrayTemps,
  writeFileAtomic,
  type FsPort,
} from '../storage/files';
import { JsonShapeError } from '../storage/safe-json';
import { IndexFiles } from './index-files';
import { reconcileIndex } from './index-reconcile';
import { decodeSessionDocument, encodeSessionDocument } from './session-document';
import { SessionIndex, summarize, toSummary } from './session-index';
import { earlierSetAside } from './set-aside-files';
import { StorageProblems } from './storage-problems';
import { SavedResults } from './saved-results';
import { SessionTrash } from './trash';
import type { ResultsDelta } from '../../../src-shared/eval/results-delta';
import { describeSetAside, storageFailure } from '../storage/storage-failure';

export { MAX_DOCUMENT_BYTES };
const COMPACT_AFTER = 200;

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
  readonly #problems: StorageProblems;
  readonly #trash: SessionTrash;
  readonly #savedListeners = new Set<(session: Session) => void>();
  readonly #savedResults = new SavedResults();
  #ready: Promise<void> | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SessionRepositoryOptions) {
    this.#fs = options.fs ?? nodeFs;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    this.sessionsDir = join(options.dir, 'sessions');
    this.#problems = new StorageProblems(this.#fs, this.#logger, this.#now);
    this.#trash = new SessionTrash(this.#fs, options.dir, this.#now, options.trashRetentionMs);
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
    return this.#problems.list();
  }

  /** Records a problem for storageProblems() (also used by start-up recovery). */
  report(problem: Omit<StorageProblem, 'at'>): void {
    this.#problems.report(problem);
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
      this.#savedResults.remember(session);
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

  /**
   * Replaces the document; main stamps `updatedAt` (never earlier than the saved one). `results`: the test set's
   * results as a change of the saved version it names (saved-results.ts).
   */
  save(session: Session, results?: ResultsDelta): Promise<{ updatedAt: string }> {
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
      const whole = results ? await this.#savedResults.apply(session, results, () => this.#read(session.id)) : session;
      await this.#write({ ...whole, updatedAt }, results !== undefined);
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
      const undoToken = await this.#trash.put(this.#documentFile(id), id);
      this.#index.delete(id);
      this.#deleted.add(id);
      this.#savedResults.forget(id);
      return { undoToken };
    });
  }

  restore(undoToken: string): Promise<SessionSummary> {
    return this.#exclusive(async () => {
      const located = this.#trash.locate(undoToken);
      if (!located) throw new AppFailure('BAD_REQUEST', 'Not an undo token.');
      const { id, file: trashed } = located;
      if (this.#index.has(id)) throw new AppFailure('BAD_REQUEST', 'This session is already back.');
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
  isTrashed(id: string): Promise<boolean> {
    return this.#trash.has(id);
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
    // Before this start's reads, so a file set aside now is reported once (by setAside).
    for (const problem of await earlierSetAside(fs, this.sessionsDir, 'session')) this.report(problem);
    const { read, rewrite } = await reconcileIndex({
      fs,
      sessionsDir: this.sessionsDir,
      index: this.#index,
      files: this.#indexFiles,
      logger: this.#logger,
      read: (id) => this.#read(id, { indexed: false }),
      onDamagedSnapshot: async () => {
        await this.#problems.setAside(this.indexFile, 'index', (aside) => `The list of saved sessions was damaged and was rebuilt from the session files; ${describeSetAside(aside, 'the damaged copy')}.`);
      },
    });
    if (rewrite) await this.#compact();
    await this.#trash.purge();
    this.#logger.info('sessions: index ready', { sessions: this.#index.size, read });
  }

  async #compact(): Promise<void> {
    await this.#indexFiles.compact(this.#index).catch((error: unknown) => {
      // The documents are safe; only the next start will be slower (it re-reads the logged ids).
      this.#logger.warn('sessions: could not write the index snapshot', { code: errnoCode(error) ?? String(error) });
    });
  }

  /** `resultsChecked`: the test set's results are cells already checked (saved-results.ts). */
  async #write(session: Session, resultsChecked = false): Promise<void> {
    const text = encodeSessionDocument(session, { resultsChecked });
    try {
      await this.#indexFiles.markDirty(session.id);
      await writeFileAtomic(this.#fs, this.#documentFile(session.id), text);
    } catch (error) {
      throw storageFailure('save the session', error);
    }
    this.#index.put(summarize(session));
    this.#savedResults.remember(session);
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
        const aside = await this.#problems.setAside(file, 'session', (o) => `The file of ${name} was damaged (${error.message}); ${describeSetAside(o)}. Your other sessions are not affected.`, id);
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
}

function assertSafeId(id: string): void {
  if (!SESSION_ID_PATTERN.test(id)) throw new AppFailure('BAD_REQUEST', 'Not a session id.');
}
