// HTTP-level faults (error statuses in either dialect, HTML 503, a 200 that is not this API, fail-N-times-then-succeed, hang)
// shared by all routes.
import type { ServerResponse } from 'node:http';
import { type ApiError, type Dialect, FOREIGN_JSON, MESSAGES, PORTAL_HTML, SERVICE_UNAVAILABLE_HTML, google, quotaExceeded, sendError } from './errors';
import { untilClosed } from './http';
import type { HttpFault } from './markers';
import type { FakeContext } from './types';

const DEFAULT_RETRY_AFTER_S = 2;

export interface FaultSettings {
  dialect?: Dialect;
  retryAfterSeconds?: number;
  failTimes?: number;
  model?: string;
}

/** Counts failures per request key so that `503-once` fails the first attempt and lets the retry through. */
export class RetryBook {
  private readonly failures = new Map<string, number>();

  /** True while this key still has failures to serve; counts this one. */
  fail(key: string, times: number): boolean {
    const done = this.failures.get(key) ?? 0;
    if (done >= times) return false;
    this.failures.set(key, done + 1);
    return true;
  }
}

function errorFor(status: number, settings: FaultSettings): ApiError {
  const dialect = settings.dialect ?? 'google';
  const message =
    status === 400
      ? MESSAGES.badRequest
      : status === 403
        ? MESSAGES.forbidden
        : status === 404
          ? MESSAGES.notFound
          : status === 503
            ? MESSAGES.overloaded
            : MESSAGES.internal;
  if (status === 429) {
    return quotaExceeded(settings.model ?? 'gemini-3-flash-preview', settings.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S, dialect);
  }
  return { ...google(status, message), dialect };
}

/**
 * Answers the fault if it applies to this attempt and returns true; `*-once` faults that are used up
 * return false so the request proceeds normally.
 */
export function answerHttpFault(
  res: ServerResponse,
  fault: HttpFault,
  settings: FaultSettings,
  book: RetryBook,
  requestKey: string,
): boolean {
  switch (fault) {
    case 'html-503': {
      res.writeHead(503, { 'content-type': 'text/html; charset=UTF-8', 'content-length': String(Buffer.byteLength(SERVICE_UNAVAILABLE_HTML)) });
      res.end(SERVICE_UNAVAILABLE_HTML);
      return true;
    }
    // A wrong base URL or a proxy: 200, but not an event stream (nor this API's JSON), whatever was asked.
    case 'json-200':
    case 'html-200': {
      const [type, body] = fault === 'json-200' ? ['application/json; charset=UTF-8', FOREIGN_JSON] : ['text/html; charset=UTF-8', PORTAL_HTML];
      res.writeHead(200, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
      return true;
    }
    case '503-once':
    case '429-once': {
      if (!book.fail(`${fault}|${requestKey}`, settings.failTimes ?? 1)) return false;
      sendError(res, errorFor(fault === '503-once' ? 503 : 429, settings));
      return true;
    }
    default:
      sendError(res, errorFor(Number(fault.slice('http-'.length)), settings));
      return true;
  }
}

/** The `hang` fault: headers never come; the response stays open until the client (or close()) ends it. */
export async function hang(res: ServerResponse, ctx: FakeContext): Promise<void> {
  ctx.hold(res);
  await untilClosed(res);
}
