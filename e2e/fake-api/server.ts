// startFakeApi(): the fake Interactions API on node:http — request recording, socket bookkeeping, lifecycle.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { google, MESSAGES, sendError } from './errors';
import { FileStore } from './files';
import { headersOf, queryOf, readBody } from './http';
import { InteractionService } from './interactions';
import { DEFAULT_INLINE_LIMIT_BYTES } from './media-checks';
import { createRouter, isUploadBytes } from './routes';
import type { Exchange, FakeApi, FakeApiOptions, FakeContext, RecordedRequest } from './types';

export type { FakeApi, FakeApiOptions, RecordedRequest } from './types';

const HOST = '127.0.0.1';
const DEFAULT_WAIT_MS = 5000;

function recordedBody(raw: Buffer, path: string, query: Record<string, string>, contentType: string): unknown {
  if (isUploadBytes(path, query)) return { bytes: raw.length };
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return /^(text\/|application\/(json|x-www-form-urlencoded))/i.test(contentType) ? text : { bytes: raw.length };
  }
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const destroyedByFake = new WeakSet<ServerResponse>();
  let closing = false;
  let uploadFailures = 0;

  const server = createServer();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;

  const ctx: FakeContext = {
    baseUrl: url,
    deltaDelayMs: options.deltaDelayMs ?? 0,
    defaultAnswerChars: options.defaultAnswerChars ?? 400,
    chunkChars: options.chunkChars ?? 24,
    inlineLimitBytes: options.inlineLimitBytes ?? DEFAULT_INLINE_LIMIT_BYTES,
    hold(res) {
      if (res.destroyed || res.writableFinished) return;
      held.add(res);
      res.once('close', () => held.delete(res));
    },
    destroyedByFake(res) {
      destroyedByFake.add(res);
    },
    takeUploadFailure() {
      if (uploadFailures <= 0) return false;
      uploadFailures -= 1;
      return true;
    },
  };
  const files = new FileStore(ctx);
  files.processVideos(options.videoProcessingPolls ?? 0);
  const route = createRouter(ctx, new InteractionService(ctx, files), files);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', url);
    const raw = await readBody(req);
    const headers = headersOf(req);
    const query = queryOf(parsed);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query,
      headers,
      body: recordedBody(raw, parsed.pathname, query, headers['content-type'] ?? ''),
      aborted: false,
      at: Date.now(),
    };
    res.once('close', () => {
      if (!res.writableFinished && !destroyedByFake.has(res) && !closing) record.aborted = true;
    });
    requests.push(record);
    for (const wake of [...waiters]) wake();
    const ex: Exchange = { req, res, record, url: parsed, raw, version: 'v1beta' };
    await route(ex);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? `${MESSAGES.internal} (${error.message})` : MESSAGES.internal;
      sendError(res, google(500, message));
    });
  });

  return {
    url,
    port,
    requests,
    waitForRequests(n, timeoutMs = DEFAULT_WAIT_MS) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (requests.length < n) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve([...requests]);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`fake API: waited ${timeoutMs} ms for ${n} requests, got ${requests.length}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    interactionRequests() {
      return requests.filter((r) => r.method === 'POST' && /^\/(v1beta|v1)\/interactions$/.test(r.path));
    },
    clear() {
      requests.length = 0;
    },
    failNextUploads(n) {
      uploadFailures = n;
    },
    processNextUpload(polls, outcome = 'ACTIVE') {
      files.processNext(polls, outcome);
    },
    processVideoUploads(polls) {
      files.processVideos(polls);
    },
    openStreams() {
      return held.size;
    },
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
