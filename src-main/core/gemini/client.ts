// Gemini REST client over undici: interactions (unary + SSE), models list, resumable file upload.
import type { Dispatcher } from 'undici';
import { ProxyRoutes, type ProxySettings, type SystemProxyResolver } from './proxy';
import { DEFAULT_PREFERENCES } from '../../../src-shared/app-settings';
import { REDACTED, type ModelInfo, type SentRequest } from '../../../src-shared/domain';
import { API_VERSION, type CreateInteractionRequest, type Interaction, type StreamEvent, type WireModel } from '../../../src-shared/interactions';
import { AppFailure, isAppFailure } from '../failure';
import type { Logger } from '../ports';
import { redactSecrets } from '../redact';
import { UnclearNotFound, failedInteractionFailure, interactionGoneFailure, interruptedFailure, protocolFailure, streamErrorFailure } from './errors';
import { streamEvents } from './event-stream';
import { defaultSleep, Exchange, type ExchangeSettings, type RetryNotice, type Wire } from './exchange';
import { chunkSize, toModelInfo, toUploadedFile, type UploadedFile } from './resources';
import { headerOf, interactionHeaders, jsonHeaders } from './headers';

export type { RetryNotice, UploadedFile };

export interface GeminiClientOptions {
  /** e.g. https://generativelanguage.googleapis.com or http://127.0.0.1:18080 (no path). */
  getBaseUrl(): string;
  /** read per request, so a key changed in Settings applies to the next request. */
  getApiKey(): string | undefined;
  logger: Logger;
  /** default: keep-alive undici dispatchers owned (and closed) by the client, through a proxy as proxy.ts decides. */
  dispatcher?: Dispatcher;
  /** HTTPS_PROXY… as proxyFromEnv reads them, else the system's (session.resolveProxy), else direct (proxy.ts). */
  proxy?: ProxySettings | undefined;
  systemProxy?: SystemProxyResolver | undefined;
  /** A function is read per request: the Settings view changes the headers and idle timeouts while the app runs. */
  timeouts?: Timeouts | (() => Timeouts);
  retry?: { maxRetries?: number; baseDelayMs?: number; maxDelayMs?: number };
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type Timeouts = { connectMs?: number; headersMs?: number; idleMs?: number };

const INTERACTIONS = `/${API_VERSION}/interactions`;
const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
const MAX_MODEL_PAGES = 50;
/** How often, and how long at most, an upload still PROCESSING is asked about (§7.1). */
const PROCESSING_POLL_MS = 1_000;
const PROCESSING_LIMIT_MS = 120_000;
const STORED_HINT = 'The interaction may have been deleted, may have expired, or was created with store: false.';

interface JsonCall {
  body?: unknown;
  headersMs?: number;
  readBody?: boolean;
  notFoundHint?: string;
}

export class GeminiClient {
  readonly #options: GeminiClientOptions;
  readonly #owned: ProxyRoutes | undefined;
  readonly #exchange: Exchange;
  readonly #settings: ExchangeSettings;

  constructor(options: GeminiClientOptions) {
    this.#options = options;
    const timeouts = options.timeouts ?? {};
    const t = typeof timeouts === 'function' ? timeouts : () => timeouts;
    const r = options.retry ?? {};
    // The connection pool is made once, so its connect timeout is the one given at start.
    const connectMs = t().connectMs;
    this.#owned = options.dispatcher ? undefined : new ProxyRoutes({ env: options.proxy, system: options.systemProxy, connectMs, logger: options.logger });
    this.#settings = {
      connectMs,
      get headersMs() {
        return t().headersMs ?? DEFAULT_PREFERENCES.headersTimeoutSeconds * 1000;
      },
      get idleMs() {
        return t().idleMs ?? DEFAULT_PREFERENCES.idleTimeoutSeconds * 1000;
      },
      maxRetries: r.maxRetries ?? 2,
      baseDelayMs: r.baseDelayMs ?? 500,
      maxDelayMs: r.maxDelayMs ?? 20_000,
    };
    const given = options.dispatcher;
    const routes = given ? { dispatcherFor: () => given, connectionFailed: () => undefined } : this.#owned!;
    this.#exchange = new Exchange(routes, options.logger, this.#settings, options.sleep);
  }

  /**
   * The one place that decides how a stream ended (§5.3 d), since only here are the wire and the key known:
   * yields every known event in order and returns the completed interaction. Throws STREAM_ERROR after an
   * `error` event (or a completion with status "failed"), INTERRUPTED when the stream ends before
   * `interaction.completed`, and the abort reason when `signal` aborts — callers tell cancel from failure
   * by `signal.aborted`.
   */
  async *streamInteraction(
    body: CreateInteractionRequest,
    options: { signal: AbortSignal; onRetry?(info: RetryNotice): void; secrets?: readonly string[] },
  ): AsyncGenerator<StreamEvent, Interaction> {
    const { signal } = options;
    signal.throwIfAborted();
    const wire = this.#wire(options.secrets);
    const call = this.#exchange.begin(signal);
    let response: Dispatcher.ResponseData | undefined;
    let completion: Interaction | undefined;
    let partial = false;
    try {
      response = await this.#exchange.send(wire, call, {
        method: 'POST',
        url: `${wire.base}${INTERACTIONS}?alt=sse`,
        headers: interactionHeaders(wire.key, 'sse'),
        body: JSON.stringify({ ...body, stream: true }),
        expect: 'text/event-stream',
        headersMs: this.#settings.headersMs,
        onRetry: options.onRetry,
        chainedFrom: body.previous_interaction_id,
      });
      for await (const event of streamEvents(response.body, this.#options.logger)) {
        partial ||= event.event_type === 'step.delta' && event.delta.type !== 'thought_signature';
        yield event;
        if (event.event_type === 'error') throw streamErrorFailure(event.error, wire.key);
        if (event.event_type === 'interaction.completed') completion = event.interaction;
      }
    } catch (e) {
      // Nothing is lost when the connection breaks (or the caller aborts) between interaction.completed and [DONE].
      if (completion) this.#options.logger.debug('Stream ended abnormally after interaction.completed; ignored', { error: String(e) });
      else if (signal.aborted) throw signal.reason;
      else throw await this.#whatIsGone(this.#exchange.failure(e, wire, response !== undefined, undefined, partial), body.previous_interaction_id, signal);
    } finally {
      if (response && !response.body.readableEnded) response.body.destroy();
      call.end();
    }
    if (!completion) throw interruptedFailure('eof');
    if (completion.status === 'failed') throw failedInteractionFailure(completion.errors, wire.key);
    return completion;
  }

  /**
   * A 404 not saying whether the model or the chained interaction is missing: asks the server for the interaction, as
   * only a gone one may send the whole conversation again (a wrong model would fail twice and lose server history).
   */
  async #whatIsGone(failure: AppFailure, chainedFrom: string | undefined, signal: AbortSignal): Promise<AppFailure> {
    if (!(failure instanceof UnclearNotFound) || chainedFrom === undefined) return failure;
    try {
      await this.getInteraction(chainedFrom, { signal });
      return failure;
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      return isAppFailure(e) && e.code === 'NOT_FOUND' ? interactionGoneFailure(chainedFrom, { httpStatus: 404 }) : failure;
    }
  }

  async createInteraction(body: CreateInteractionRequest, options: { signal?: AbortSignal } = {}): Promise<Interaction> {
    const { stream: _stream, ...unary } = body;
    // A unary answer arrives only when generation is over, so "no headers yet" is idle time, not a dead server.
    const interaction = await this.#json<Interaction>(options.signal, 'POST', INTERACTIONS, { body: unary, headersMs: this.#settings.idleMs });
    if (typeof interaction.id !== 'string') throw protocolFailure('The server answered without an interaction id.');
    // POST returns output steps only, but be defensive as the SDK is (§1 item 5): history must not repeat the prompt.
    if (Array.isArray(interaction.steps)) interaction.steps = interaction.steps.filter((step) => step.type !== 'user_input');
    return interaction;
  }

  async getInteraction(id: string, options: { signal?: AbortSignal } = {}): Promise<Interaction> {
    return this.#json<Interaction>(options.signal, 'GET', `${INTERACTIONS}/${encodeURIComponent(id)}`, { notFoundHint: STORED_HINT });
  }

  async deleteInteraction(id: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#json<unknown>(options.signal, 'DELETE', `${INTERACTIONS}/${encodeURIComponent(id)}`, { readBody: false, notFoundHint: STORED_HINT });
  }

  /** All pages; only models that support generateContent, ids without the "models/" prefix (§8). */
  async listModels(options: { signal?: AbortSignal; pageSize?: number } = {}): Promise<ModelInfo[]> {
    const models: ModelInfo[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const query = new URLSearchParams({ pageSize: String(options.pageSize ?? 1000) });
      if (pageToken) query.set('pageToken', pageToken);
      const answer = await this.#json<{ models?: WireModel[]; nextPageToken?: string }>(options.signal, 'GET', `/${API_VERSION}/models?${query}`);
      for (const model of Array.isArray(answer.models) ? answer.models : []) {
        if (typeof model?.name === 'string' && model.supportedGenerationMethods?.includes('generateContent')) models.push(toModelInfo(model));
      }
      if (!answer.nextPageToken || answer.nextPageToken === pageToken) return models;
      pageToken = answer.nextPageToken;
    }
    return models;
  }

  /** Resumable upload (§7.1): start, then chunks of `chunkBytes`, the last one with "upload, finalize". */
  async uploadFile(
    file: { bytes: Uint8Array; mimeType: string; displayName: string },
    options: { signal?: AbortSignal; onProgress?(sent: number, total: number): void; onProcessing?(waitedMs: number): void; chunkBytes?: number } = {},
  ): Promise<UploadedFile> {
    options.signal?.throwIfAborted();
    const wire = this.#wire();
    const total = file.bytes.byteLength;
    const call = this.#exchange.begin(options.signal);
    try {
      const start = await this.#exchange.send(wire, call, {
        method: 'POST',
        url: `${wire.base}/upload/${API_VERSION}/files`,
        headers: {
          ...jsonHeaders(wire.key, true),
          'X-Goog-Upload-Protocol': 'resumable',
          'X-Goog-Upload-Command': 'start',
          'X-Goog-Upload-Header-Content-Length': String(total),
          'X-Goog-Upload-Header-Content-Type': file.mimeType,
        },
        body: JSON.stringify({ file: { displayName: file.displayName, mimeType: file.mimeType } }),
        expect: undefined,
        headersMs: this.#settings.headersMs,
      });
      await start.body.dump();
      const location = headerOf(start.headers, 'x-goog-upload-url');
      const chunkBytes = chunkSize(options.chunkBytes ?? DEFAULT_CHUNK_BYTES, Number(headerOf(start.headers, 'x-goog-upload-chunk-granularity')));
      if (!location) throw protocolFailure('The server did not return an upload URL (x-goog-upload-url).');
      // Followed literally; the key goes only to the origin it was configured for.
      const target = new URL(location, wire.base);
      const sameOrigin = target.origin === new URL(wire.base).origin;
      let offset = 0;
      for (;;) {
        const end = Math.min(total, offset + chunkBytes);
        const last = end === total;
        const res = await this.#exchange.send(wire, call, {
          method: 'POST',
          url: target.href,
          headers: {
            ...(sameOrigin ? { 'x-goog-api-key': wire.key } : {}),
            'X-Goog-Upload-Command': last ? 'upload, finalize' : 'upload',
            'X-Goog-Upload-Offset': String(offset),
            'Content-Type': file.mimeType,
          },
          body: file.bytes.subarray(offset, end),
          expect: last ? 'application/json' : undefined,
          headersMs: this.#settings.headersMs,
          noRetry: true,
        });
        const status = headerOf(res.headers, 'x-goog-upload-status');
        offset = end;
        if (!last) {
          await res.body.dump();
          if (status !== 'active') throw protocolFailure(`The upload stopped at byte ${offset} of ${total} (upload status "${status ?? 'none'}").`);
          options.onProgress?.(offset, total);
          continue;
        }
        const answer = await this.#exchange.readJson<{ file?: Record<string, unknown> }>(res, wire);
        if (status !== 'final') throw protocolFailure(`The upload was not finalized (upload status "${status ?? 'none'}").`);
        options.onProgress?.(offset, total);
        const uploaded = toUploadedFile(answer.file, file.mimeType);
        return uploaded.state === 'PROCESSING' ? await this.#untilActive(uploaded, file.displayName, options.signal, options.onProcessing) : uploaded;
      }
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw this.#exchange.failure(e, wire, false);
    } finally {
      call.end();
    }
  }

  /**
   * Large and video files are PROCESSING after the upload and cannot be used until ACTIVE: asks again every
   * second (two minutes at most), telling `onProcessing` how long it has waited before each wait, so a video's
   * minute of processing shows. FAILED, or still processing after that, is an error that names the file.
   */
  async #untilActive(
    uploaded: UploadedFile,
    displayName: string,
    signal: AbortSignal | undefined,
    onProcessing: ((waitedMs: number) => void) | undefined,
  ): Promise<UploadedFile> {
    const sleep = this.#options.sleep ?? defaultSleep;
    const never = new AbortController().signal;
    let file = uploaded;
    for (let waited = 0; file.state === 'PROCESSING'; waited += PROCESSING_POLL_MS) {
      if (waited >= PROCESSING_LIMIT_MS) {
        throw new AppFailure('SERVER', `${displayName} was still being processed by the Files API after ${PROCESSING_LIMIT_MS / 1000} s.`, { retryable: true });
      }
      onProcessing?.(waited);
      await sleep(PROCESSING_POLL_MS, signal ?? never);
      const id = file.name.replace(/^files\//, '');
      file = toUploadedFile(await this.#json<Record<string, unknown>>(signal, 'GET', `/${API_VERSION}/files/${encodeURIComponent(id)}`), file.mimeType);
    }
    if (file.state === 'FAILED') {
      throw new AppFailure('BAD_REQUEST', `The Files API could not process ${displayName}${file.error ? `: ${file.error}` : '.'}`, { retryable: false });
    }
    return file;
  }

  /** The request streamInteraction / createInteraction would send, with the key replaced by REDACTED. */
  describeRequest(body: CreateInteractionRequest): SentRequest {
    const stream = body.stream === true;
    return {
      method: 'POST',
      url: `${this.#baseUrl()}${INTERACTIONS}${stream ? '?alt=sse' : ''}`,
      headers: interactionHeaders(REDACTED, stream ? 'sse' : 'json'),
      body: structuredClone(body),
    };
  }

  /** Aborts requests in flight and closes the owned connection pools. */
  async close(): Promise<void> {
    this.#exchange.abortAll();
    await this.#owned?.destroy();
  }

  async #json<T>(
    signal: AbortSignal | undefined,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    { body, headersMs = this.#settings.headersMs, readBody = true, notFoundHint }: JsonCall = {},
  ): Promise<T> {
    signal?.throwIfAborted();
    const wire = this.#wire();
    const call = this.#exchange.begin(signal);
    try {
      const res = await this.#exchange.send(wire, call, {
        method,
        url: `${wire.base}${path}`,
        headers: path.startsWith(INTERACTIONS) ? interactionHeaders(wire.key, 'json', body !== undefined) : jsonHeaders(wire.key, body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        expect: readBody ? 'application/json' : undefined,
        headersMs,
        notFoundHint,
      });
      if (!readBody) {
        await res.body.dump();
        return undefined as T;
      }
      return await this.#exchange.readJson<T>(res, wire);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw this.#exchange.failure(e, wire, false);
    } finally {
      call.end();
    }
  }

  #wire(secrets: readonly string[] = []): Wire {
    const key = this.#options.getApiKey()?.trim();
    if (!key) throw new AppFailure('NO_KEY', 'No API key is set. Add your Gemini API key in Settings.');
    // undici refuses such header values; say why instead of failing with an opaque argument error.
    if (!/^[\x21-\x7e]+$/.test(key)) throw new AppFailure('BAD_KEY', 'The API key contains spaces or characters that cannot be sent. Check the key in Settings.');
    const base = this.#baseUrl();
    return { base, host: new URL(base).host, key, secrets };
  }

  #baseUrl(): string {
    const raw = this.#options.getBaseUrl().trim().replace(/\/+$/, '');
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new AppFailure('INVALID_REQUEST', `The base URL "${redactSecrets(raw)}" is not an http(s) URL. Check it in Settings.`);
    }
    return raw;
  }
}
