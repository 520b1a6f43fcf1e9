// Damaged files an earlier start set aside (<name>.corrupt-<stamp>, storage/files.ts moveAside) stay on disk
// until the person removes them, and are reported at every start — not only at the one that moved them.
// Before, a session set aside was reported once and then missing from the list without a word (issue 13).
import { join } from 'node:path';
import type { StorageProblem } from '../../../src-shared/session';
import { listFolder, type FsPort } from '../storage/files';

/** "<name>.corrupt-2026-11-27T10-00-00-000Z" (fileStamp) → the name and the day. */
const SET_ASIDE = /^(.+)\.corrupt-(\d{4}-\d{2}-\d{2})T[\d-]+Z$/;
const SESSION_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.json$/;

export type SetAsideKind = Extract<StorageProblem['kind'], 'session' | 'journal'>;

/** One problem per file set aside in `dir`, oldest first, each saying where the file is kept. */
export async function earlierSetAside(fs: FsPort, dir: string, kind: SetAsideKind): Promise<Omit<StorageProblem, 'at'>[]> {
  const problems: Omit<StorageProblem, 'at'>[] = [];
  for (const name of (await listFolder(fs, dir)).sort()) {
    const match = SET_ASIDE.exec(name);
    if (!match) continue;
    const [, original, day] = match as unknown as [string, string, string];
    const movedTo = join(dir, name);
    const sessionId = kind === 'session' ? SESSION_FILE.exec(original)?.[1] : undefined;
    const message =
      kind === 'session'
        ? `A session file that could not be read (${original}) was set aside on ${day}; it is not in your list of sessions, and is kept at ${movedTo} until you remove it.`
        : `An answer that was streaming when the app closed could not be recovered (its journal was damaged); the journal was set aside on ${day} and is kept at ${movedTo} until you remove it.`;
    problems.push({ kind, file: join(dir, original), movedTo, message, ...(sessionId ? { sessionId } : {}) });
  }
  return problems;
}
