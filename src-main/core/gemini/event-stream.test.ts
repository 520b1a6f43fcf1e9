// The end of a streamed answer: at [DONE], or shortly after interaction.completed on a connection that stays open.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../src-shared/interactions';
import { GeminiClient } from './client';
import { COMPLETION_GRACE_MS, streamEvents } from './event-stream';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ev = (type: string, payload: object) => `event: ${type}\ndata: ${JSON.stringify({ ...payload, event_type: type })}\n\n`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const created = ev('interaction.created', { interaction: { id: 'v1_x', status: 'in_progress' } });
const completed = ev('interaction.completed', { interaction: { id: 'v1_x', status: 'completed', usage: { total_output_tokens: 3 } } });
let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

async function serve(script: (res: ServerResponse) => Promise<void>): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      void script(res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function run(url: string, idleMs: number) {
  const client = new GeminiClient({ getBaseUrl: () => url, getApiKey: () => 'k', logger: silent, timeouts: { idleMs, headersMs: 5_000 } });
  const events: StreamEvent[] = [];
  const started = Date.now();
  try {
    const gen = client.streamInteraction({ model: 'm', input: 'hi' }, { signal: new AbortController().signal });
    for (;;) {
      const next = await gen.next();
      if (next.done) return { ms: Date.now() - started, events, interaction: next.value };
      events.push(next.value);
    }
  } finally {
    await client.close();
  }
}

async function* chunks(...parts: (string | number)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    if (typeof part === 'number') await sleep(part);
    else yield new TextEncoder().encode(part);
  }
}

describe('the end of a stream', () => {
  it('a connection left open after interaction.completed, without [DONE], ends the turn after the grace, not at the idle timeout', async () => {
    const url = await serve(async (res) => {
      res.write(created);
      res.write(completed);
    });
    const r = await run(url, 10_000);
    expect(r.interaction).toMatchObject({ id: 'v1_x', status: 'completed', usage: { total_output_tokens: 3 } });
    expect(r.events.map((e) => e.event_type)).toEqual(['interaction.created', 'interaction.completed']);
    expect(r.ms).toBeLessThan(COMPLETION_GRACE_MS + 2_000);
  });

  it('an event that comes within the grace after interaction.completed is still read', async () => {
    const read: string[] = [];
    const status = ev('interaction.status_update', { interaction_id: 'v1_x', status: 'completed', usage: { total_output_tokens: 3 } });
    for await (const e of streamEvents(chunks(created, completed, 50, status), silent, 500)) read.push(e.event_type);
    expect(read).toEqual(['interaction.created', 'interaction.completed', 'interaction.status_update']);
  });

  it('before interaction.completed there is no grace: a silent server is waited for', async () => {
    const read: string[] = [];
    for await (const e of streamEvents(chunks(created, 150, completed, 'data: [DONE]\n\n'), silent, 50)) read.push(e.event_type);
    expect(read).toEqual(['interaction.created', 'interaction.completed']);
  });

  it('stops at [DONE] and skips what follows it', async () => {
    const read: string[] = [];
    for await (const e of streamEvents(chunks(created, completed, 'data: [DONE]\n\n', created), silent)) read.push(e.event_type);
    expect(read).toEqual(['interaction.created', 'interaction.completed']);
  });
});
