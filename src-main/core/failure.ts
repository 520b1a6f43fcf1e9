// An error that carries one of the contract's codes, so IPC can answer with it instead of INTERNAL.
import type { AppError, ErrorCode, UnreadableKey } from '../../src-shared/domain';

export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly keyUnreadable: UnreadableKey | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { httpStatus?: number; retryable?: boolean; retryAfterMs?: number; keyUnreadable?: UnreadableKey; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppFailure';
    this.code = code;
    this.httpStatus = extra.httpStatus;
    this.retryable = extra.retryable ?? false;
    this.retryAfterMs = extra.retryAfterMs;
    this.keyUnreadable = extra.keyUnreadable;
  }

  toAppError(): AppError {
    const e: AppError = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.httpStatus !== undefined) e.httpStatus = this.httpStatus;
    if (this.retryAfterMs !== undefined) e.retryAfterMs = this.retryAfterMs;
    if (this.keyUnreadable !== undefined) e.keyUnreadable = this.keyUnreadable;
    return e;
  }
}

export function isAppFailure(e: unknown): e is AppFailure {
  return e instanceof AppFailure;
}
