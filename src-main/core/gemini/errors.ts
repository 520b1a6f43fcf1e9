// HTTP, stream, network and protocol failures → AppFailure with a message a person can act on (§9).
import { STATUS_CODES } from 'node:http';
import { MAX_KEPT_WAIT_MS, formatSpan, formatWait } from '../../../src-shared/wait';
import { AppFailure } from '../failure';
import { redactSecrets } from '../redact';
import { sentence } from '../sentence';

export type HeaderValue = string | string[] | undefined;
export type HeaderBag = Record<string, HeaderValue>;

export interface HttpErrorInput {
  status: number;
  /** lower-case names, as undici gives them. */
  headers: HeaderBag;
  bodyText: string;
  /** the key that was sent, so an echo of it in server text is redacted. */
  apiKey?: string;
  now?: number;
  /** what a 404 means for the resource asked for; by default the model name is the usual culprit. */
  notFoundHint?: string | undefined;
  /** the previous_interaction_id a create chains from: its 404 may mean that interaction is gone, not the model. */
  chainedFrom?: string | undefined;
}

/**
 * A 404 on a create that chains from a stored interaction and does not say what is missing (Google's front end
 * answers "Requested entity was not found." for anything): the client asks the server whether the interaction is
 * still stored before it is told "the model".
 */
export class UnclearNotFound extends AppFailure {}

/** The statuses worth retrying before the first byte of a response (§9.2). */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const MAX_SERVER_TEXT = 400;

/**
 * What a server asked for: a wait in ms (cut to MAX_KEPT_WAIT_MS), nothing, or a wait it named in a form
 * that gives no usable time (a negative number, "soon", a date that is not one).
 */
export type RetryAfter = number | 'unusable' | undefined;

interface ParsedBody {
  message?: string;
  status?: string;
  reason?: string;
  retryDelay?: RetryAfter;
}

export function httpFailure(input: HttpErrorInput): AppFailure {
  const { status } = input;
  const parsed = parseErrorBody(input.bodyText);
  const serverText = parsed
    ? clean(parsed.message || parsed.status || '', input.apiKey)
    : `the server answered ${describeNonJson(status, header(input.headers, 'content-type'))}`;
  const detail = serverText === '' ? `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim() : serverText;
  const asked = firstWait(retryAfterFromHeaders(input.headers, input.now ?? Date.now()), parsed?.retryDelay);
  const retryAfterMs = typeof asked === 'number' ? asked : undefined;
  // Asked to wait for a time we cannot read: not sent again on our own, since we cannot tell how long it meant.
  const extra = { httpStatus: status, retryable: RETRYABLE_STATUSES.has(status) && asked !== 'unusable' };

  if (parsed?.reason === 'API_KEY_INVALID' || /api key not valid/i.test(serverText) || status === 401) {
    return new AppFailure('BAD_KEY', `The API key was rejected: ${sentence(detail)} Check the key in Settings.`, { httpStatus: status });
  }
  if (status === 403) {
    return new AppFailure('PERMISSION_DENIED', `Permission denied: ${sentence(detail)} Check that the API key is set in Settings and may use this API and model.`, extra);
  }
  if (status === 404) {
    const subject = input.chainedFrom === undefined ? 'model' : notFoundSubject(parsed, input.chainedFrom);
    if (subject === 'interaction') return interactionGoneFailure(input.chainedFrom!, { httpStatus: status });
    const hint = input.notFoundHint ?? 'Check the model name (and the base URL in Settings).';
    const Failure = subject === 'model' ? AppFailure : UnclearNotFound;
    return new Failure('NOT_FOUND', `Not found: ${sentence(detail)} ${hint}`, extra);
  }
  if (status === 429) {
    const when = retryAfterMs === undefined ? 'Try again later.' : `Try again ${formatWait(retryAfterMs)}.`;
    return new AppFailure('RATE_LIMITED', `Quota or rate limit reached: ${sentence(detail)} ${when}`, { ...extra, retryAfterMs });
  }
  if (status >= 500) {
    const when = retryAfterMs !== undefined ? `Try again ${formatWait(retryAfterMs)}.` : asked === 'unusable' ? 'Try again later.' : 'Try again in a moment.';
    return new AppFailure('SERVER', `The server had a problem (HTTP ${status}): ${sentence(detail)} ${when}`, { ...extra, retryAfterMs });
  }
  if (status >= 400) {
    return new AppFailure('INVALID_REQUEST', `The request was rejected (HTTP ${status}): ${sentence(detail)}`, extra);
  }
  return new AppFailure('PROTOCOL', `Unexpected answer from the server (HTTP ${status}): ${sentence(detail)}`, extra);
}

/**
 * What a 404 on a chained create is about. The Interactions service names the model's own case with the string code
 * `model_not_found` (ai.google.dev/gemini-api/docs/api-errors), Google's front end with "models/<id> is not found";
 * a message naming the interaction id is about the interaction. Anything else is left to the caller to find out.
 */
function notFoundSubject(parsed: ParsedBody | undefined, chainedFrom: string): 'model' | 'interaction' | undefined {
  const message = parsed?.message ?? '';
  if (parsed?.status === 'model_not_found' || /\bmodels\//.test(message)) return 'model';
  if (chainedFrom !== '' && message.includes(chainedFrom)) return 'interaction';
  return undefined;
}

/** The stored interaction a turn chains from is no longer on the server: the renderer sends the whole conversation instead. */
export function interactionGoneFailure(id: string, extra: { httpStatus?: number; cause?: unknown } = {}): AppFailure {
  return new AppFailure(
    'INTERACTION_GONE',
    `The server no longer keeps the interaction ${id} this turn continues (it may have expired, been deleted, or been sent with store: false).`,
    { ...extra, retryable: false },
  );
}

/** Accepts both body dialects of §9.1: Google's envelope (numeric code, status, details) and the string-code one. */
export function parseErrorBody(text: string): ParsedBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(json)) return undefined;
  const error = isObj(json.error) ? json.error : json;
  const out: ParsedBody = {};
  if (typeof error.message === 'string') out.message = error.message;
  if (typeof error.status === 'string') out.status = error.status;
  else if (typeof error.code === 'string') out.status = error.code;
  for (const detail of Array.isArray(error.details) ? error.details : []) {
    if (!isObj(detail)) continue;
    const type = typeof detail['@type'] === 'string' ? detail['@type'] : '';
    if (type.endsWith('google.rpc.ErrorInfo') && typeof detail.reason === 'string') out.reason = detail.reason;
    if (type.endsWith('google.rpc.RetryInfo')) out.retryDelay = parseDuration(detail.retryDelay) ?? 'unusable';
  }
  return out;
}

const DECIMAL = /^\s*\d+(?:\.\d+)?\s*$/;
/** Every HTTP-date form starts with the day's name (RFC 9110 §5.6.7); Date.parse alone reads "-5" as May 2001. */
const HTTP_DATE = /^\s*[A-Za-z]{3}/;

/** protobuf Duration in JSON: "46s", "0.5s", "1.250s"; a huge one is cut to MAX_KEPT_WAIT_MS. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
  return m ? kept(Number(m[1]) * 1000) : undefined;
}

/** `retry-after-ms` first (what the SDK honours first, §1 item 8), then `Retry-After` in seconds or as an HTTP date. */
export function retryAfterFromHeaders(headers: HeaderBag, now: number): RetryAfter {
  const ms = present(header(headers, 'retry-after-ms'));
  const after = present(header(headers, 'retry-after'));
  let read: RetryAfter = ms === undefined ? undefined : DECIMAL.test(ms) ? kept(Number(ms)) : 'unusable';
  if (after !== undefined) read = firstWait(read, readRetryAfter(after, now));
  return read;
}

function readRetryAfter(value: string, now: number): RetryAfter {
  if (DECIMAL.test(value)) return kept(Number(value) * 1000);
  const date = HTTP_DATE.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? 'unusable' : kept(Math.max(0, date - now));
}

/** The first wait that says how long; "unusable" only when no source does. */
function firstWait(...waits: RetryAfter[]): RetryAfter {
  return waits.find((w) => typeof w === 'number') ?? waits.find((w) => w !== undefined);
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Whole milliseconds, and a wait of a billion seconds (or Infinity from 400 digits) kept as "much later". */
function kept(ms: number): number {
  return Math.min(MAX_KEPT_WAIT_MS, Math.round(ms));
}

/** An `error` SSE event (§5.2): its code is a string such as "gateway_timeout". */
export function streamErrorFailure(error: { code?: unknown; message?: unknown }, apiKey?: string): AppFailure {
  const message = typeof error.message === 'string' ? clean(error.message, apiKey) : '';
  const code = typeof error.code === 'string' || typeof error.code === 'number' ? String(error.code) : '';
  const what = message === '' ? 'no details were given' : sentence(message).replace(/\.$/, '');
  const suffix = code === '' ? '' : ` (${clean(code, apiKey)})`;
  return new AppFailure('STREAM_ERROR', `The model stopped with an error: ${what}${suffix}. The partial answer is kept; try again.`, { retryable: true });
}

/** An interaction.completed whose status is "failed" (§4: it may carry `errors`). */
export function failedInteractionFailure(errors: unknown, apiKey?: string): AppFailure {
  const first = Array.isArray(errors) && isObj(errors[0]) ? errors[0] : {};
  return streamErrorFailure({ code: first.code, message: first.message ?? 'the interaction failed' }, apiKey);
}

export function interruptedFailure(reason: 'eof' | 'cut', cause?: unknown): AppFailure {
  const why = reason === 'eof' ? 'the server closed the stream' : 'the connection was cut';
  return new AppFailure('INTERRUPTED', `The answer ended before it was complete (${why}). The partial answer is kept; try again.`, { retryable: true, cause });
}

export function protocolFailure(message: string): AppFailure {
  return new AppFailure('PROTOCOL', message);
}

export interface NetworkContext {
  /** host[:port] of the base URL, for the message. */
  host: string;
  headersMs: number;
  idleMs: number;
  connectMs?: number;
  /** whether response bytes already arrived: a reset then cuts an answer instead of failing to connect. */
  streaming?: boolean;
  /** whether part of the answer (a delta other than a thought signature) arrived, which the turn then keeps. */
  partial?: boolean;
}

/** The Settings view's names for the two timeouts (SettingsDialog.svelte), so a timeout says what to change. */
export const HEADERS_TIMEOUT_SETTING = 'Wait for the answer to start';
export const IDLE_TIMEOUT_SETTING = 'Wait between two parts';

/**
 * undici / Node socket errors. The code may sit on the error, on its `cause` (fetch-style wrapping)
 * or on the first member of an AggregateError (happy-eyeballs connects to several addresses).
 */
export function networkFailure(err: unknown, ctx: NetworkContext): AppFailure {
  const code = errorCode(err);
  const host = ctx.host;
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new AppFailure(
        'TIMEOUT',
        `The server at ${host} did not answer within ${formatSpan(ctx.headersMs)}. Try again, or allow longer in Settings (“${HEADERS_TIMEOUT_SETTING}”).`,
        { cause: err },
      );
    case 'UND_ERR_BODY_TIMEOUT': {
      const kept = ctx.partial ? 'The partial answer is kept; try' : 'None of the answer had arrived. Try';
      const message = `No data from the server for ${formatSpan(ctx.idleMs)}. ${kept} again, or allow longer in Settings (“${IDLE_TIMEOUT_SETTING}”).`;
      return new AppFailure('TIMEOUT', message, { retryable: true, cause: err });
    }
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT': {
      const within = ctx.connectMs === undefined ? '' : ` within ${formatSpan(ctx.connectMs)}`;
      return new AppFailure('TIMEOUT', `Could not connect to ${host}${within}. Check your network and the base URL in Settings.`, { retryable: true, cause: err });
    }
    case 'ECONNREFUSED':
      return new AppFailure('NETWORK', `Could not reach ${host} (connection refused). Check the base URL in Settings.`, { retryable: true, cause: err });
    case 'ENOTFOUND':
      return new AppFailure('NETWORK', `Could not reach ${host} (the name could not be resolved). Check the base URL in Settings and your internet connection.`, { cause: err });
    case 'EAI_AGAIN':
      return new AppFailure('NETWORK', `Could not reach ${host} (DNS lookup failed). Check your internet connection.`, { retryable: true, cause: err });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      if (ctx.streaming) return interruptedFailure('cut', err);
      return new AppFailure('NETWORK', `The connection to ${host} was closed unexpectedly (connection reset). Try again.`, { retryable: true, cause: err });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return new AppFailure('NETWORK', `Could not reach ${host} (network unreachable). Check your internet connection.`, { retryable: true, cause: err });
    case 'UND_ERR_DESTROYED':
    case 'UND_ERR_CLIENT_DESTROYED':
      return new AppFailure('NETWORK', 'The connection was closed because the app is shutting down.', { cause: err });
    default: {
      const what = code ?? (err instanceof Error ? err.message : String(err));
      return new AppFailure('NETWORK', `Could not talk to ${host} (${what}). Check your network and the base URL in Settings.`, { retryable: false, cause: err });
    }
  }
}

export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; isObj(e) && depth < 5; depth++) {
    if (typeof e.code === 'string') return e.code;
    const nested: unknown = Array.isArray(e.errors) ? e.errors[0] : e.cause;
    e = nested;
  }
  return undefined;
}

function clean(text: string, apiKey?: string): string {
  const oneLine = redactSecrets(text, [apiKey]).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SERVER_TEXT ? `${oneLine.slice(0, MAX_SERVER_TEXT)}…` : oneLine;
}

function describeNonJson(status: number, contentType: string | undefined): string {
  const kind = contentType?.includes('html') ? 'an HTML page' : contentType ? `"${contentType.split(';')[0]}"` : 'a body that is not JSON';
  return `HTTP ${status} ${STATUS_CODES[status] ?? ''} with ${kind} instead of an API error`.replace('  ', ' ');
}

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
