// The headers timeout is the wait for an answer once the request is out, not the time a large body takes to
// leave: a 27 MB body (inline images, a stateless history) on a slow uplink must not fail as "did not answer".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { GeminiClient } from './client';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ev = (type: string, payload: object) => `event: ${type}\ndata: ${JSON.stringify({ ...payload, event_type: type })}\n\n`;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** A server that takes the body in at about `bytesPerMs` (a slow uplink, as the server sees it), then answers at once. */
async function slowReader(bytesPerMs: number, onAnswer: (received: number, headers: Record<string, unknown>) => void): Promise<string> {
  server = createServer((req, res) => {
    let got = 0;
    req.on('data', (c: Buffer) => {
      got += c.length;
      req.pause();
      setTimeout(() => req.resume(), Math.ceil(c.length / bytesPerMs));
    });
    req.on('end', () => {
      onAnswer(got, req.headers);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(ev('interaction.created', { interaction: { id: 'v1_x', status: 'in_progress' } }));
      res.write(ev('interaction.completed', { interaction: { id: 'v1_x', status: 'completed' } }));
      res.end('event: done\ndata: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it('a body that takes longer to send than the headers timeout is answered, since the server answered as soon as it had it', async () => {
  let received = 0;
  let length: unknown;
  // ~16 MB read at ~4 MB/s: about 4 s of sending against a 1 s headers timeout.
  const url = await slowReader(4_000, (got, headers) => {
    received = got;
    length = headers['content-length'];
  });
  const client = new GeminiClient({ getBaseUrl: () => url, getApiKey: () => 'k', logger: silent, timeouts: { headersMs: 1_000, idleMs: 5_000 }, retry: { maxRetries: 0 } });
  const input = 'x'.repeat(16_000_000);
  const sent = JSON.stringify({ model: 'm', input, stream: true });
  const started = Date.now();
  try {
    const gen = client.streamInteraction({ model: 'm', input }, { signal: new AbortController().signal });
    let next = await gen.next();
    while (!next.done) next = await gen.next();
    expect(next.value.status).toBe('completed');
  } finally {
    await client.close();
  }
  expect(Date.now() - started).toBeGreaterThan(2_000);
  expect(received).toBe(Buffer.byteLength(sent));
  // Sent with its length, as before, not re-framed as chunked transfer encoding.
  expect(length).toBe(String(Buffer.byteLength(sent)));
}, 30_000);

it('a server that has the whole large body and stays silent still fails after the headers timeout', async () => {
  server = createServer((req) => req.resume());
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new GeminiClient({ getBaseUrl: () => url, getApiKey: () => 'k', logger: silent, timeouts: { headersMs: 500, idleMs: 5_000 }, retry: { maxRetries: 0 } });
  const started = Date.now();
  try {
    const gen = client.streamInteraction({ model: 'm', input: 'x'.repeat(4_000_000) }, { signal: new AbortController().signal });
    await expect(gen.next()).rejects.toMatchObject({ code: 'TIMEOUT' });
  } finally {
    await client.close();
  }
  expect(Date.now() - started).toBeLessThan(5_000);
}, 30_000);
