// File-system errors as sentences for people — one mapping for every place where saving or reading the
// app's files fails (sessions, images, settings, the saved key), and the truth about damaged files set aside.
import { basename } from 'node:path';
import { AppFailure } from '../failure';
import type { KeyValueStore } from '../ports';
import { FileLimitError, errnoCode, moveAside, type FsPort } from './files';

/** Node's error codes, as the end of "Could not …: ". Several codes mean the same thing to a person. */
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: '{folder} is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the file or its folder does not exist',
  ENOTDIR: 'a file is where a folder should be',
  EISDIR: 'a folder is where a file should be',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'the file is in use by another program',
  EAGAIN: 'the file is in use by another program',
  ETXTBSY: 'the file is in use by another program',
  EIO: 'the disk reported a read or write error',
  ENAMETOOLONG: 'the path is too long',
};

export interface StorageWording {
  /** Names the folder in "… is read-only": the app's data folder unless said otherwise. */
  folder?: string;
  /** A sentence on what this means for the person, e.g. what will happen after a restart. */
  then?: string;
}

/** Why a file operation failed, for people: never a path, a stack or an error class. */
export function storageReason(error: unknown, wording: StorageWording = {}): string {
  if (error instanceof FileLimitError) return error.message.replace(/^\w/, (c) => c.toLowerCase()).replace(/\.$/, '');
  const code = errnoCode(error);
  const reason = code === undefined ? undefined : REASONS[code];
  if (reason) return reason.replace('{folder}', wording.folder ?? "the app's data folder");
  return code ? `an unexpected file error (${code})` : 'an unexpected error';
}

/** "Could not <action>: <reason>. <then>" as a STORAGE failure; an AppFailure already says what happened. */
export function storageFailure(action: string, error: unknown, wording: StorageWording = {}): AppFailure {
  if (error instanceof AppFailure) return error;
  const then = wording.then ? ` ${wording.then}` : '';
  return new AppFailure('STORAGE', `Could not ${action}: ${storageReason(error, wording)}.${then}`, { retryable: true, cause: error });
}

/** What became of a damaged file: moved aside, or left where it was because the move failed. */
export type SetAside = { movedTo: string } | { movedTo?: undefined; error: unknown };

/** moveAside, with a failed rename as an outcome to tell the person about rather than a throw. */
export async function setAside(fs: FsPort, file: string, nowMs: number): Promise<SetAside> {
  try {
    return { movedTo: await moveAside(fs, file, nowMs) };
  } catch (error) {
    return { error };
  }
}

/** "it was moved aside to “x.json.corrupt-…”" or "it could not be moved aside (the disk is full) and was left in place". */
export function describeSetAside(outcome: SetAside, subject = 'it'): string {
  return outcome.movedTo !== undefined
    ? `${subject} was moved aside to “${basename(outcome.movedTo)}” in the same folder`
    : `${subject} could not be moved aside (${storageReason(outcome.error)}) and was left in place`;
}

/** The same store, with a write that fails (disk full, read-only folder) thrown as "Could not <action>: <reason>." */
export function withStorageFailures(store: KeyValueStore, action: string, wording: StorageWording = {}): KeyValueStore {
  const write = (change: () => void): void => {
    try {
      change();
    } catch (error) {
      throw storageFailure(action, error, wording);
    }
  };
  return {
    get: (key) => store.get(key),
    set: (key, value) => write(() => store.set(key, value)),
    delete: (key) => write(() => store.delete(key)),
  };
}
