// Reading one session's document (sessions/<id>.json) for the repository, and telling apart why a read failed:
// gone, damaged (moved aside and reported), written by a newer app (left in place and reported), or only not
// readable right now — busy, locked, out of file handles — which says nothing about the session and changes nothing.
import { join } from 'node:path';
import { SESSION_ID_PATTERN, type Session } from '../../../src-shared/session';
import { MAX_DOCUMENT_BYTES } from '../../../src-shared/limits';
import { isSessionFormatError } from '../../../src-shared/session-migrations';
import { AppFailure } from '../failure';
import { FileLimitError, errnoCode, readFileCapped, type FsPort } from '../storage/files';
import { JsonShapeError } from '../storage/safe-json';
import { describeSetAside, storageFailure } from '../storage/storage-failure';
import { decodeSessionDocument } from './session-document';
import { summarize, type SessionIndex } from './session-index';
import type { StorageProblems } from './storage-problems';

export class SessionDocuments {
  /** Documents written by a newer app: never overwritten by this one. */
  readonly newer = new Set<string>();
  /**
   * Documents there but not readable when last tried: read again when asked, and at the next start (the repository
   * keeps their ids in the index log), since their entries may be stale or missing.
   */
  readonly unread = new Set<string>();

  constructor(
    private readonly fs: FsPort,
    readonly dir: string,
    private readonly index: SessionIndex,
    private readonly problems: StorageProblems,
  ) {}

  file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /**
   * Reads and migrates a document. Undefined when it is not there (or, with `indexed`, has no entry and was readable
   * when last tried). A damaged one is moved aside, and a newer one left in place, and both reported, then thrown.
   */
  async read(id: string, options: { indexed: boolean } = { indexed: true }): Promise<Session | undefined> {
    if (!SESSION_ID_PATTERN.test(id) || (options.indexed && !this.index.has(id) && !this.unread.has(id))) return undefined;
    const file = this.file(id);
    try {
      const session = await this.parse(file, id);
      if (this.unread.delete(id)) this.index.put(summarize(session));
      return session;
    } catch (error) {
      this.unread.delete(id);
      if (errnoCode(error) === 'ENOENT') {
        this.index.delete(id);
        return undefined;
      }
      const name = this.nameOf(id);
      if (isSessionFormatError(error) && error.kind === 'newer') {
        this.index.delete(id);
        this.newer.add(id);
        this.problems.report({ kind: 'session', file, sessionId: id, message: `The file of ${name} was left in place: ${error.message}` });
        throw new AppFailure('STORAGE', error.message);
      }
      if (error instanceof JsonShapeError || error instanceof FileLimitError || isSessionFormatError(error)) {
        this.index.delete(id);
        const aside = await this.problems.setAside(file, 'session', (o) => `The file of ${name} was damaged (${error.message}); ${describeSetAside(o)}. Your other sessions are not affected.`, id);
        throw new AppFailure('STORAGE', `The file of ${name} was damaged; ${describeSetAside(aside)}.`);
      }
      this.unread.add(id);
      throw storageFailure('open the session', error);
    }
  }

  /** Reported once at open, so a session missing from the list is not missing without a word. */
  reportUnread(): void {
    for (const id of this.unread) {
      this.problems.report({
        kind: 'session',
        file: this.file(id),
        sessionId: id,
        message: `The file of ${this.nameOf(id)} could not be read now; it is kept as it is, and the app will read it again when it is opened and at the next start.`,
      });
    }
  }

  async parse(file: string, id: string): Promise<Session> {
    const session = decodeSessionDocument(await readFileCapped(this.fs, file, MAX_DOCUMENT_BYTES));
    // The file name is the identity (a copied file keeps its old inner id).
    return session.id === id ? session : { ...session, id };
  }

  nameOf(id: string): string {
    const title = this.index.get(id)?.title;
    return title ? `“${title.slice(0, 80)}”` : `session ${id}`;
  }
}
