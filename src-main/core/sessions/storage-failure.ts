// File-system errors as messages for people: what could not be done and why, never a path or a stack.
import { AppFailure } from '../failure';
import { errnoCode } from '../storage/files';

/** A file-system error as a message for people; never a path of someone else's or a stack. */
export function storageFailure(action: string, error: unknown): AppFailure {
  if (error instanceof AppFailure) return error;
  const code = errnoCode(error);
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : code === 'EMFILE' || code === 'ENFILE'
            ? 'too many open files'
            : `a file error (${code ?? 'unknown'})`;
  return new AppFailure('STORAGE', `Could not ${action}: ${why}.`, { retryable: true, cause: error });
}
