// One HTTP exchange with undici: per-request abort, own timeouts, status/content-type checks, bounded retry.
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import type { ErrorCode } from '../../../src-shared/domain';
import { isWait } from '../../../src-shared/wait';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import { redactSecrets } from '../redact';
import { httpFailure, networkFailure, protocolFailure } from './errors';
import type { Routes } from './proxy';

/** What every request of one client call needs: the base URL, its host for messages, and the key. */
export interface Wire {
  base: string;
  host: string;
  key: string;
  /** Values besides the key this call sends (MCP header values): redacted with it from upstream text. */
  secrets: readonly string[];
}

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
  /** What failed, so a caller can tell a 429 (slow down) from a dropped connection. */
  code: ErrorCode;
}

export interface ExchangeSettings {
  connectMs: number | undefined;
  headersMs: number;
  idleMs: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** One client call (which may span several HTTP requests), aborted by the caller's signal or by close(). */
export interface Call {
  readonly signal: AbortSignal;
  end(): void;
}

export interface SendSpec {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** required media type of a 2xx answer; undefined accepts any. */
  expect: string | undefined;
  headersMs: number;
  onRetry?: ((info: RetryNotice) => void) | undefined;
  /** for requests that are not safe to repeat (an upload chunk). */
  noRetry?: boolean;
  /** what a 404 means for this resource, instead of "check the model name". */
  notFoundHint?: string | undefined;
  /** the previous_interaction_id a create sends, so its 404 can be told from an unknown model's. */
  chainedFrom?: string | undefined;
}

const ERROR_BODY_LIMIT = 64 * 1024;
/**
 * A body is handed to undici in pieces this large. undici starts the headers timer when the request is dispatched
 * and, for one buffer, never restarts it while the bytes drain; for a stream it restarts it each time a write
 * has to wait for the socket and once the last byte is written (client-h1.js AsyncWriter). So the timer measures the
 * server's silence after the body has left, and sending may take as long as the uplink needs, as long as one piece
 * leaves within the timeout (256 KB in 30 s is ~70 kbit/s).
 */
const BODY_PIECE_BYTES = 256 * 1024;
const MAX_CONTENT_TYPE_SHOWN = 100;

export const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> => delay(ms, undefined, { signal });

export class Exchange {
  readonly #calls = new Set<AbortController>();
  /** The way out for a URL (proxy.ts): the environment's or the system's proxy, or direct. */
  readonly #routes: Routes;
  readonly #logger: Logger;
  readonly #settings: ExchangeSettings;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(routes: Routes, logger: Logger, settings: ExchangeSettings, sleep = defaultSleep) {
    this.#routes = routes;
    this.#logger = logger;
    this.#settings = settings;
    this.#sleep = sleep;
  }

  /** An AbortController per call, so aborting destroys the undici request and its body (no dangling socket). */
  begin(signal: AbortSignal | undefined): Call {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    else signal?.addEventListener('abort', onAbort, { once: true });
    this.#calls.add(controller);
    return {
      signal: controller.signal,
      end: () => {
        signal?.removeEventListener('abort', onAbort);
        this.#calls.delete(controller);
      },
    };
  }

  abortAll(): void {
    for (const controller of this.#calls) {
      controller.abort(new AppFailure('NETWORK', 'The request was stopped because the app is closing.'));
    }
    this.#calls.clear();
  }

  /**
   * Retries only before the first byte of a successful answer (docs/ARCHITECTURE.md §3.1): 429/500/502/503/504 and
   * connection failures, honouring the server's delay. A delay above maxDelayMs is not waited for:
   * the failure (with retryAfterMs) goes to the caller so the UI can say when to try again.
   */
  async send(wire: Wire, call: Call, spec: SendSpec): Promise<Dispatcher.ResponseData> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(wire, call, spec);
      } catch (e) {
        if (call.signal.aborted) throw call.signal.reason;
        // Not an answer (those are AppFailures from #once) but no connection: the way out may have changed.
        if (!(e instanceof AppFailure)) this.#routes.connectionFailed(spec.url, call.signal);
        const failure = this.failure(e, wire, false, spec.headersMs);
        const delayMs = spec.noRetry || attempt >= this.#settings.maxRetries ? undefined : automaticRetryDelay(failure, attempt, this.#settings);
        if (delayMs === undefined) throw failure;
        // failure() has redacted the wire's secrets from the message, so the notice and its log line carry none.
        const notice: RetryNotice = { attempt: attempt + 1, delayMs, reason: failure.message, code: failure.code };
        this.#logger.info('Retrying a request', { method: spec.method, path: new URL(spec.url).pathname, ...notice });
        spec.onRetry?.(notice);
        await this.#sleep(delayMs, call.signal);
      }
    }
  }

  /** Reads a whole JSON body; a body that is not JSON is a protocol failure. */
  async readJson<T>(res: Dispatcher.ResponseData, wire: Wire): Promise<T> {
    const text = await res.body.text();
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new AppFailure('PROTOCOL', `The server at ${wire.host} sent a response that is not valid JSON.`, { cause });
    }
  }

  /** Any thrown value → AppFailure, and never a message holding the key or the wire's other secrets. */
  failure(e: unknown, wire: Wire, streaming: boolean, headersMs = this.#settings.headersMs, partial = false): AppFailure {
    const { idleMs, connectMs } = this.#settings;
    const failure = e instanceof AppFailure ? e : networkFailure(e, { host: wire.host, headersMs, idleMs, connectMs, streaming, partial });
    // Always, not only when the key shows: a network error may quote a URL whose query carries some other key.
    const held = [wire.key, ...wire.secrets];
    failure.message = redactSecrets(failure.message, held);
    if (failure.stack) failure.stack = redactSecrets(failure.stack, held);
    return failure;
  }

  async #once(wire: Wire, call: Call, spec: SendSpec): Promise<Dispatcher.ResponseData> {
    this.#logger.debug('HTTP request', { method: spec.method, path: new URL(spec.url).pathname });
    const res = await request(spec.url, {
      dispatcher: await this.#routes.dispatcherFor(spec.url, call.signal),
      method: spec.method,
      ...bodyInPieces(spec.headers, spec.body),
      signal: call.signal,
      headersTimeout: spec.headersMs,
      // undici's bodyTimeout is the idle time between two chunks, not a limit on the whole answer.
      bodyTimeout: this.#settings.idleMs,
    });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const bodyText = await readCapped(res.body);
      throw httpFailure({
        status: res.statusCode,
        headers: res.headers,
        bodyText,
        apiKey: wire.key,
        notFoundHint: spec.notFoundHint,
        chainedFrom: spec.chainedFrom,
      });
    }
    if (spec.expect !== undefined) {
      const contentType = headerValue(res.headers['content-type']);
      if (mediaType(contentType) !== spec.expect) {
        discard(res.body);
        // The SDK also picks its parser by Content-Type (§1 item 15); anything else is not this API.
        const got = contentType ? `"${contentType.slice(0, MAX_CONTENT_TYPE_SHOWN)}"` : 'no content type';
        const wanted = spec.expect === 'text/event-stream' ? 'an event stream (text/event-stream)' : spec.expect;
        throw protocolFailure(`The server at ${wire.host} answered with ${got} instead of ${wanted}. Check the base URL in Settings.`);
      }
    }
    return res;
  }
}

/**
 * How long to wait before sending again on our own, or undefined for "do not": only for failures that may pass
 * (rate limit, server, network), and never for a wait the server asked that is longer than `maxDelayMs` or is not
 * a usable number (NaN, negative, Infinity), which the person then sees instead.
 */
export function automaticRetryDelay(
  failure: Pick<AppFailure, 'code' | 'retryable' | 'retryAfterMs'>,
  attempt: number,
  settings: Pick<ExchangeSettings, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number | undefined {
  const automatic = failure.retryable && (failure.code === 'RATE_LIMITED' || failure.code === 'SERVER' || failure.code === 'NETWORK');
  if (!automatic) return undefined;
  const { baseDelayMs, maxDelayMs } = settings;
  const asked = failure.retryAfterMs;
  if (asked !== undefined) return isWait(asked) && asked <= maxDelayMs ? asked : undefined;
  // Exponential backoff with jitter in [ceiling/2, ceiling], so parallel panes do not retry in lockstep.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A body larger than one piece goes as a stream of pieces (see BODY_PIECE_BYTES), with its length stated so it is
 * sent as it was before, not re-framed as chunked. Made per attempt: a stream can be read only once.
 */
export function bodyInPieces(
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
): { headers: Record<string, string>; body: string | Uint8Array | Readable | undefined } {
  const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (body === undefined || length <= BODY_PIECE_BYTES) return { headers, body };
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  function* pieces(): Generator<Uint8Array> {
    for (let at = 0; at < bytes.byteLength; at += BODY_PIECE_BYTES) yield bytes.subarray(at, at + BODY_PIECE_BYTES);
  }
  return { headers: { ...headers, 'content-length': String(length) }, body: Readable.from(pieces(), { objectMode: false }) };
}

/**
 * Drops a body nobody will read. undici turns a plain destroy() of an unread body into an 'error' event
 * (RequestAbortedError); with no listener that is an uncaught exception in main, so one is added first.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** An error body is read only as far as a message can be in it; the rest is discarded with the socket. */
async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // A body that breaks off still says what it said so far; the status alone decides the code.
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}
