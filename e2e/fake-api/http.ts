// Small node:http helpers: JSON replies with Google's content type, body reading, waiting on a closing client.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What Google's front end sends; clients must accept parameters after the media type (§1 item 15). */
export const JSON_TYPE = 'application/json; charset=UTF-8';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': JSON_TYPE,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': '0' });
  res.end();
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** True once the response can no longer be written: ended, or its socket is gone. */
export function isGone(res: ServerResponse): boolean {
  return res.writableEnded || res.destroyed;
}

const closedPromises = new WeakMap<ServerResponse, Promise<void>>();

/** Resolves when the response closes for any reason (client gone, socket destroyed, server closed). */
export function untilClosed(res: ServerResponse): Promise<void> {
  if (res.destroyed || res.writableFinished) return Promise.resolve();
  let closed = closedPromises.get(res);
  if (!closed) {
    // One listener per response, however many pauses and writes wait on it.
    closed = new Promise((resolve) => res.once('close', () => resolve()));
    closedPromises.set(res, closed);
  }
  return closed;
}

/** Sleeps ms, but wakes early when the response closes. Resolves false if the response is gone. */
export async function pause(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
      untilClosed(res),
    ]);
    clearTimeout(timer);
  }
  return !isGone(res);
}

/**
 * One res.write per call, resolved once the bytes reach the socket: a fault that destroys the socket
 * next cannot swallow them, and a slow reader sees the same event boundaries.
 */
export async function writeChunk(res: ServerResponse, chunk: string): Promise<boolean> {
  if (isGone(res)) return false;
  await Promise.race([new Promise<void>((resolve) => res.write(chunk, () => resolve())), untilClosed(res)]);
  return !isGone(res);
}

export function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  return query;
}

export function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
