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
import { withoutAttached } from '../../../src-shared/session-attached';
import { MAX_DOCUMENT_BYTES } from '../../../src-shared/limits';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import { ensureFolder, errnoCode, nodeFs, removeStrayTemps, writeFileAtomic, type FsPort } from '../storage/files';
import { IndexFiles } from './index-files';
import { reconcileIndex } from './index-reconcile';
import { encodeSessionDocument, type EncodeOptions, type WalkedSession } from './session-document';
import { SessionDocuments } from './session-documents';
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
  readonly #problems: StorageProblems;
  readonly #documents: SessionDocuments;
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
    this.#documents = new SessionDocuments(this.#fs, this.sessionsDir, this.#index, this.#problems);
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
      const session = await this.#documents.read(id);
      if (!session) throw new AppFailure('NOT_FOUND', 'This session no longer exists.');
      this.#savedResults.remember(session);
      return session;
    });
  }

  /**
   * The session, or undefined when there is none (or its damaged file was just set aside). Any other
   * failure throws: a caller must never mistake "unreadable right now" for "absent" and overwrite it.
   * The file decides, not the index: an entry can be missing for a document that is there.
   */
  find(id: string): Promise<Session | undefined> {
    return this.#exclusive(async () => {
      try {
        return await this.#documents.read(id, { indexed: false });
      } catch (error) {
        const stillThere = await this.#fs.stat(this.#documents.file(id)).then(
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
   * results as a change of the saved version it names (saved-results.ts). `walked`: how deep the session was found
   * by a walk within the document's count of values (an IPC argument's), so it is not walked again.
   */
  save(session: Session, results?: ResultsDelta, walked?: WalkedSession): Promise<{ updatedAt: string }> {
    return this.#exclusive(async () => {
      assertSafeId(session.id);
      if (this.#deleted.has(session.id)) {
        throw new AppFailure('NOT_FOUND', 'This session was deleted; undo the deletion to keep editing it.');
      }
      if (this.#documents.newer.has(session.id)) {
        throw new AppFailure('STORAGE', 'This session was saved by a newer version of the app; this version will not overwrite it.');
      }
      const previous = this.#index.get(session.id);
      const earliest = previous ? Date.parse(previous.updatedAt) + 1 : 0;
      const updatedAt = new Date(Math.max(this.#now(), Number.isFinite(earliest) ? earliest : 0)).toISOString();
      const whole = results ? await this.#savedResults.apply(session, results, () => this.#documents.read(session.id)) : session;
      await this.#write({ ...whole, updatedAt }, { resultsChecked: results !== undefined, ...(walked ? { walked } : {}) });
      return { updatedAt };
    });
  }

  /**
   * Adds a session under a new id (import): never overwrites one that exists. Brought in beside a session of the same
   * title (its own export, imported again), it is titled "… (imported)", as Duplicate's is "… (copy)": two entries
   * alike in the list could not be told apart.
   */
  add(session: Session): Promise<Session> {
    return this.#exclusive(async () => {
      const twin = session.title.trim() !== '' && this.#index.list().some((s) => s.title === session.title);
      const title = twin ? `${session.title.slice(0, 489)} (imported)` : session.title;
      const added: Session = { ...session, id: this.#newId(), title, updatedAt: new Date(this.#now()).toISOString() };
      await this.#write(added);
      return added;
    });
  }

  duplicate(id: string): Promise<Session> {
    return this.#exclusive(async () => {
      const original = await this.#documents.read(id);
      if (!original) throw new AppFailure('NOT_FOUND', 'This session no longer exists.');
      const now = new Date(this.#now()).toISOString();
      const base = original.title.trim() === '' ? 'Untitled' : original.title;
      const copy: Session = { ...withoutAttached(original), id: this.#newId(), title: `${base.slice(0, 493)} (copy)`, createdAt: now, updatedAt: now };
      await this.#write(copy);
      return copy;
    });
  }

  /** Moves the document to the trash; the returned token restores it. */
  delete(id: string): Promise<{ undoToken: string }> {
    return this.#exclusive(async () => {
      assertSafeId(id);
      if (!this.#index.has(id)) throw new AppFailure('NOT_FOUND', 'This session no longer exists.');
      const undoToken = await this.#trash.put(this.#documents.file(id), id);
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
      const session = await this.#documents.parse(trashed, id).catch((error: unknown) => {
        if (errnoCode(error) === 'ENOENT') throw new AppFailure('NOT_FOUND', 'This deleted session is no longer in the trash.');
        if (errnoCode(error) === undefined && error instanceof Error) {
          throw new AppFailure('STORAGE', `The deleted session cannot be restored: ${error.message}`);
        }
        throw storageFailure('restore the session', error);
      });
      await this.#indexFiles.markDirty(id);
      try {
        await this.#fs.rename(trashed, this.#documents.file(id));
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
      // A damaged or newer document was reported by the read; only one that could not be read now keeps its entry.
      read: (id) =>
        this.#documents.read(id, { indexed: false }).catch((error: unknown) => {
          if (this.#documents.unread.has(id)) throw error;
          return undefined;
        }),
      onDamagedSnapshot: async () => {
        await this.#problems.setAside(this.indexFile, 'index', (aside) => `The list of saved sessions was damaged and was rebuilt from the session files; ${describeSetAside(aside, 'the damaged copy')}.`);
      },
    });
    this.#documents.reportUnread();
    if (rewrite) await this.#compact();
    await this.#trash.purge();
    this.#logger.info('sessions: index ready', { sessions: this.#index.size, read });
  }

  async #compact(): Promise<void> {
    try {
      await this.#indexFiles.compact(this.#index);
      for (const id of this.#documents.unread) await this.#indexFiles.markDirty(id);
    } catch (error) {
      // The documents are safe; only the next start will be slower (it re-reads the logged ids).
      this.#logger.warn('sessions: could not write the index snapshot', { code: errnoCode(error) ?? String(error) });
    }
  }

  async #write(session: Session, options: EncodeOptions = {}): Promise<void> {
    const text = encodeSessionDocument(session, options);
    try {
      await this.#indexFiles.markDirty(session.id);
      await writeFileAtomic(this.#fs, this.#documents.file(session.id), text);
    } catch (error) {
      throw storageFailure('save the session', error);
    }
    this.#index.put(summarize(session));
    this.#documents.unread.delete(session.id);
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
}

function assertSafeId(id: string): void {
  if (!SESSION_ID_PATTERN.test(id)) throw new AppFailure('BAD_REQUEST', 'Not a session id.');
}
