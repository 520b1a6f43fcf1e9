// A 404 on a turn that chains from a stored interaction: only a gone interaction is INTERACTION_GONE (the renderer
// then sends the whole conversation); an unknown model stays NOT_FOUND, so the pane keeps using server history.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../../e2e/fake-api/server';
import type { CreateInteractionRequest } from '../../../src-shared/interactions';
import { AppFailure } from '../failure';
import { GeminiClient } from './client';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const MODEL = 'gemini-3-flash-preview';
let fake: FakeApi;
let clients: GeminiClient[] = [];
let servers: Server[] = [];

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.clear());
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  for (const s of servers) await new Promise((r) => s.close(r));
  servers = [];
});

function client(url = fake.url): GeminiClient {
  const c = new GeminiClient({ getBaseUrl: () => url, getApiKey: () => 'test-key', logger: silent, retry: { maxRetries: 0 } });
  clients.push(c);
  return c;
}

async function failureOf(c: GeminiClient, request: CreateInteractionRequest): Promise<AppFailure> {
  const events = c.streamInteraction(request, { signal: new AbortController().signal });
  try {
    for (let next = await events.next(); !next.done; next = await events.next());
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return e as AppFailure;
  }
  throw new Error('the turn did not fail');
}

const requests = () => fake.requests.map((r) => `${r.method} ${r.path}`);

describe('a 404 on a chained turn', () => {
  it('an interaction the server no longer keeps is INTERACTION_GONE, without asking again', async () => {
    const c = client();
    const first = await c.createInteraction({ model: MODEL, input: 'Remember me' });
    await c.deleteInteraction(first.id);
    fake.clear();
    const f = await failureOf(c, { model: MODEL, input: 'And now?', previous_interaction_id: first.id });
    expect(f).toMatchObject({ code: 'INTERACTION_GONE', httpStatus: 404, retryable: false });
    expect(f.message).toContain(first.id);
    expect(requests()).toEqual(['POST /v1beta/interactions']);
  });

  it('an unknown model on a chained turn is NOT_FOUND about the model, though the turn chains', async () => {
    const c = client();
    const first = await c.createInteraction({ model: MODEL, input: 'Remember me' });
    fake.clear();
    const f = await failureOf(c, { model: 'text-bison-001', input: 'And now?', previous_interaction_id: first.id });
    expect(f.code).toBe('NOT_FOUND');
    expect(f.message).toMatch(/models\/text-bison-001 is not found.*Check the model name/);
    expect(requests()).toEqual(['POST /v1beta/interactions']);
  });

  it('a 404 that names neither is NOT_FOUND when the server still has the interaction', async () => {
    const c = client();
    const first = await c.createInteraction({ model: MODEL, input: 'Remember me' });
    fake.clear();
    const f = await failureOf(c, { model: MODEL, input: 'Fail [[fault:http-404]]', previous_interaction_id: first.id });
    expect(f.code).toBe('NOT_FOUND');
    expect(requests()).toEqual(['POST /v1beta/interactions', `GET /v1beta/interactions/${first.id}`]);
  });

  it('a 404 that names neither is INTERACTION_GONE when the server no longer has the interaction', async () => {
    // Google's front end answers the same words for any missing entity.
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.' } }));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const c = client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const f = await failureOf(c, { model: MODEL, input: 'x', previous_interaction_id: 'v1_old' });
    expect(f.code).toBe('INTERACTION_GONE');
  });

  it('a 404 on a turn that does not chain is NOT_FOUND, without asking', async () => {
    const f = await failureOf(client(), { model: 'claude-9', input: 'x' });
    expect(f.code).toBe('NOT_FOUND');
    expect(requests()).toEqual(['POST /v1beta/interactions']);
  });
});
