// GeminiClient against the project's fake Interactions API: event orders, the exact request, every fault, retry, abort, timeouts, files, models.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../../e2e/fake-api/server';
import { REDACTED, type ErrorCode } from '../../../src-shared/domain';
import { API_REVISION, type CreateInteractionRequest, type Interaction, type StreamEvent } from '../../../src-shared/interactions';
import { MAX_KEPT_WAIT_MS } from '../../../src-shared/wait';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import { GeminiClient, type GeminiClientOptions, type RetryNotice } from './client';
import { automaticRetryDelay } from './exchange';
import { StepAssembler } from './steps';

const KEY = 'AIzaSyFAKE-test-key-0123456789abcdefghij';
const MODEL = 'gemini-3-flash-preview';

let fake: FakeApi;
let clients: GeminiClient[] = [];
let logLines: string[] = [];
let delays: number[] = [];
let seq = 0;

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.clear();
  logLines = [];
  delays = [];
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
});

const logger: Logger = {
  debug: (m, d) => void logLines.push(`${m} ${JSON.stringify(d ?? {})}`),
  info: (m, d) => void logLines.push(`${m} ${JSON.stringify(d ?? {})}`),
  warn: (m, d) => void logLines.push(`${m} ${JSON.stringify(d ?? {})}`),
  error: (m, d) => void logLines.push(`${m} ${JSON.stringify(d ?? {})}`),
};

function makeClient(overrides: Partial<GeminiClientOptions> & { key?: string | undefined } = {}): GeminiClient {
  const { key: _key, ...rest } = overrides;
  const key = 'key' in overrides ? overrides.key : KEY;
  const client = new GeminiClient({
    getBaseUrl: () => fake.url,
    getApiKey: () => key,
    logger,
    retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 20_000 },
    sleep: async (ms) => void delays.push(ms),
    ...rest,
  });
  clients.push(client);
  return client;
}

/** Each body is unique, so the fake's fail-N-times counters never carry over between tests. */
function body(text: string, extra: Partial<CreateInteractionRequest> = {}): CreateInteractionRequest {
  seq += 1;
  return { model: MODEL, input: `${text} #${seq}`, ...extra };
}

interface Outcome {
  events: StreamEvent[];
  retries: RetryNotice[];
  error?: unknown;
  /** What the stream returned: the completed interaction. */
  completed?: Interaction;
  assembler: StepAssembler;
}

async function stream(client: GeminiClient, request: CreateInteractionRequest, signal = new AbortController().signal): Promise<Outcome> {
  const out: Outcome = { events: [], retries: [], assembler: new StepAssembler() };
  try {
    const events = client.streamInteraction(request, { signal, onRetry: (r) => out.retries.push(r) });
    for (let next = await events.next(); ; next = await events.next()) {
      if (next.done) {
        out.completed = next.value;
        break;
      }
      out.events.push(next.value);
      out.assembler.apply(next.value);
    }
  } catch (error) {
    out.error = error;
  }
  return out;
}

function failure(out: { error?: unknown }, code: ErrorCode): AppFailure {
  expect(out.error, `expected ${code}`).toBeInstanceOf(AppFailure);
  const f = out.error as AppFailure;
  expect(f.code, f.message).toBe(code);
  expect(f.message).not.toContain(KEY);
  return f;
}

async function rejection(promise: Promise<unknown>, code: ErrorCode): Promise<AppFailure> {
  let error: unknown;
  await promise.then(
    () => undefined,
    (e: unknown) => void (error = e),
  );
  return failure({ error }, code);
}

async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const types = (events: StreamEvent[]): string[] => events.map((e) => e.event_type);
const squash = (list: string[]): string[] => list.filter((t, i) => !(t === 'step.delta' && list[i - 1] === 'step.delta'));

describe('streaming: event orders and the request sent', () => {
  it('(a) plain answer: documented order, steps rebuilt, exact request', async () => {
    const request = body('Hello there', { generation_config: { temperature: 0.5 } });
    const out = await stream(makeClient(), request);
    expect(out.error).toBeUndefined();
    expect(squash(types(out.events))).toEqual([
      'interaction.created',
      'interaction.status_update',
      'step.start',
      'step.delta',
      'step.stop',
      'step.start',
      'step.delta',
      'step.stop',
      'interaction.completed',
    ]);
    const completion = out.events.at(-1);
    expect(out.completed).toEqual(completion?.event_type === 'interaction.completed' ? completion.interaction : 'no completion');
    expect(out.completed).toMatchObject({ status: 'completed', id: expect.any(String) });
    expect(out.assembler.text).toMatch(/^Echo: model=gemini-3-flash-preview turn=1 temperature=0\.5 /);
    expect(out.assembler.text).toContain(`Prompt: Hello there #${seq}`);
    const [thought, output] = out.assembler.steps;
    expect(thought).toMatchObject({ type: 'thought', signature: expect.any(String) });
    expect(output).toEqual({ type: 'model_output', content: [{ type: 'text', text: out.assembler.text }] });

    const [sent] = fake.interactionRequests();
    expect(sent!.path).toBe('/v1beta/interactions');
    expect(sent!.query).toEqual({ alt: 'sse' });
    expect(sent!.headers).toMatchObject({
      'api-revision': API_REVISION,
      'x-goog-api-key': KEY,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    });
    expect(sent!.body).toEqual({ ...request, stream: true });
  });

  it('(b) thought summaries when thinking_summaries is "auto"', async () => {
    const out = await stream(makeClient(), body('Count paws', { generation_config: { thinking_summaries: 'auto' } }));
    expect(out.error).toBeUndefined();
    const thoughtDeltas = out.events.filter((e) => e.event_type === 'step.delta' && e.index === 0).map((e) => (e as { delta: { type: string } }).delta.type);
    expect(thoughtDeltas.at(-1)).toBe('thought_signature');
    expect(thoughtDeltas.slice(0, -1).every((t) => t === 'thought_summary')).toBe(true);
    expect(thoughtDeltas.length).toBeGreaterThan(1);
    const thought = out.assembler.steps[0] as { summary: { text: string }[] };
    expect(thought.summary[0]!.text).toContain('Planning the reply');
  });

  it('skips comments, unknown event types and unknown delta types; takes text from step.start', async () => {
    const out = await stream(makeClient(), body('Extras [[extras]] [[start-text]]'));
    expect(out.error).toBeUndefined();
    expect(types(out.events)).not.toContain('interaction.heartbeat');
    expect(out.assembler.text).toMatch(/^Echo: /);
    expect(logLines.some((l) => l.includes('interaction.heartbeat'))).toBe(true);
  });

  it('describeRequest shows what would be sent, with the key redacted', () => {
    const request = body('Describe me', { stream: true });
    const described = makeClient().describeRequest(request);
    expect(described).toEqual({
      method: 'POST',
      url: `${fake.url}/v1beta/interactions?alt=sse`,
      headers: {
        'x-goog-api-key': REDACTED,
        'Api-Revision': API_REVISION,
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
      },
      body: request,
    });
    expect(JSON.stringify(described)).not.toContain(KEY);
    expect(makeClient().describeRequest(body('Unary')).url).toBe(`${fake.url}/v1beta/interactions`);
  });
});

describe('streaming faults keep the partial events', () => {
  it.each([
    ['error-event', 'STREAM_ERROR', 'error'],
    ['cut', 'INTERRUPTED', 'step.delta'],
    ['no-complete', 'INTERRUPTED', 'step.delta'],
    ['bad-json', 'PROTOCOL', 'step.delta'],
    ['completed-failed', 'STREAM_ERROR', 'interaction.completed'],
  ] as const)('%s → %s', async (fault, code, lastEvent) => {
    const out = await stream(makeClient(), body(`Fault [[fault:${fault}]]`));
    const f = failure(out, code);
    expect(out.completed).toBeUndefined();
    expect(out.events.at(-1)!.event_type).toBe(lastEvent);
    expect(out.assembler.text).toMatch(/^Echo: /);
    expect(out.retries).toEqual([]);
    expect(fake.interactionRequests()).toHaveLength(1);
    if (fault === 'error-event') expect(f.message).toContain('Deadline expired before operation could complete (gateway_timeout)');
    if (fault === 'completed-failed') expect(f.message).toContain('An internal error occurred');
  });

  it.each([
    ['http-400', 'INVALID_REQUEST', 400],
    ['http-403', 'PERMISSION_DENIED', 403],
    ['http-404', 'NOT_FOUND', 404],
  ] as const)('%s → %s, not retried', async (fault, code, status) => {
    for (const dialect of ['', '[[dialect:interactions]]']) {
      fake.clear();
      const out = await stream(makeClient(), body(`Fault [[fault:${fault}]] ${dialect}`));
      const f = failure(out, code);
      expect(f.httpStatus).toBe(status);
      expect(out.events).toEqual([]);
      expect(fake.interactionRequests()).toHaveLength(1);
    }
  });

  it.each([
    ['http-500', 'SERVER', 500],
    ['http-503', 'SERVER', 503],
    ['html-503', 'SERVER', 503],
  ] as const)('%s → %s after bounded retries with exponential backoff', async (fault, code, status) => {
    const out = await stream(makeClient(), body(`Fault [[fault:${fault}]]`));
    const f = failure(out, code);
    expect(f.httpStatus).toBe(status);
    expect(f.retryable).toBe(true);
    expect(fake.interactionRequests()).toHaveLength(3);
    expect(out.retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(delays).toEqual(out.retries.map((r) => r.delayMs));
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    if (fault === 'html-503') expect(f.message).not.toContain('<');
  });

  it('bad key → BAD_KEY (400 API_KEY_INVALID) without echoing the key', async () => {
    const out = await stream(makeClient({ key: 'bad-key' }), body('Hi'));
    const f = failure(out, 'BAD_KEY');
    expect(f.message).toBe('The API key was rejected: API key not valid. Please pass a valid API key. Check the key in Settings.');
  });

  it('no key → NO_KEY before any request', async () => {
    const out = await stream(makeClient({ key: undefined }), body('Hi'));
    failure(out, 'NO_KEY');
    expect(await rejection(makeClient({ key: '  ' }).listModels(), 'NO_KEY')).toBeTruthy();
    expect(fake.requests).toEqual([]);
  });
});

describe('retry before the first byte only', () => {
  it('503-once succeeds on the retry, reported once through onRetry', async () => {
    const out = await stream(makeClient(), body('Retry [[fault:503-once]]'));
    expect(out.error).toBeUndefined();
    expect(out.retries).toHaveLength(1);
    expect(out.retries[0]).toMatchObject({ attempt: 1, reason: expect.stringContaining('HTTP 503') });
    expect(fake.interactionRequests()).toHaveLength(2);
    expect(types(out.events).at(-1)).toBe('interaction.completed');
  });

  it('a retry notice quoting a value the caller named secret carries it redacted, in the notice and the log', async () => {
    const TOKEN = 'Bearer mcp-token-55aa';
    const server = createHttpServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 503, status: 'UNAVAILABLE', message: `MCP server refused ${TOKEN}` } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = makeClient({ getBaseUrl: () => `http://127.0.0.1:${port}`, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
      const retries: RetryNotice[] = [];
      const events = client.streamInteraction(body('Hi'), { signal: new AbortController().signal, onRetry: (r) => void retries.push(r), secrets: [TOKEN] });
      await expect(events.next()).rejects.toBeInstanceOf(AppFailure);
      expect(retries.map((r) => r.reason)).toEqual([expect.stringContaining(`MCP server refused ${REDACTED}`)]);
      expect(logLines.join('\n')).not.toContain('mcp-token-55aa');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('429 honours Retry-After (3 s) and then succeeds', async () => {
    const out = await stream(makeClient(), body('Quota [[fault:429-once]] [[retry-after:3]]'));
    expect(out.error).toBeUndefined();
    expect(delays).toEqual([3000]);
    expect(out.retries).toEqual([{ attempt: 1, delayMs: 3000, reason: expect.stringContaining('Try again in 3 s.'), code: 'RATE_LIMITED' }]);
  });

  it('429 in the Interactions dialect honours the Retry-After header', async () => {
    const out = await stream(makeClient(), body('Quota [[fault:429-once]] [[retry-after:2]] [[dialect:interactions]]'));
    expect(out.error).toBeUndefined();
    expect(delays).toEqual([2000]);
  });

  it('429 asking for longer than maxDelayMs is not retried: RATE_LIMITED with retryAfterMs', async () => {
    const out = await stream(makeClient(), body('Quota [[fault:http-429]] [[retry-after:60]]'));
    const f = failure(out, 'RATE_LIMITED');
    expect(f.retryAfterMs).toBe(60_000);
    expect(f.message).toMatch(/^Quota or rate limit reached: .* Try again in 60 s\.$/);
    expect(out.retries).toEqual([]);
    expect(fake.interactionRequests()).toHaveLength(1);
  });

  it('429 asking to wait a billion seconds: not retried, "much later", a finite retryAfterMs', async () => {
    const out = await stream(makeClient(), body('Quota [[fault:http-429]] [[retry-after:1000000000]]'));
    const f = failure(out, 'RATE_LIMITED');
    expect(f.retryAfterMs).toBe(MAX_KEPT_WAIT_MS);
    expect(f.message).toMatch(/^Quota or rate limit reached: .* Try again much later\.$/);
    expect(out.retries).toEqual([]);
    expect(fake.interactionRequests()).toHaveLength(1);
  });

  it('503 with a negative Retry-After: not sent again at once (nor at all), "Try again later."', async () => {
    // Date.parse("-5") is May 2001: a date long past used to mean "retry now", twice, with no pause.
    const server = createHttpServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '-5' });
      res.end(JSON.stringify({ error: { code: 503, status: 'UNAVAILABLE', message: 'Busy.' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const out = await stream(makeClient({ getBaseUrl: () => `http://127.0.0.1:${port}` }), body('Hi'));
      const f = failure(out, 'SERVER');
      expect(f.message).toBe('The server had a problem (HTTP 503): Busy. Try again later.');
      expect(out.retries).toEqual([]);
      expect(delays).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('[[fail-times:N]] beyond maxRetries fails after maxRetries + 1 attempts', async () => {
    const client = makeClient({ retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 1000 } });
    const out = await stream(client, body('Flaky [[fault:503-once]] [[fail-times:4]]'));
    failure(out, 'SERVER');
    expect(fake.interactionRequests()).toHaveLength(2);
    expect(out.retries).toHaveLength(1);
  });

  it('never retries once streaming began', async () => {
    const out = await stream(makeClient(), body('Cut [[fault:cut]]'));
    failure(out, 'INTERRUPTED');
    expect(out.retries).toEqual([]);
    expect(fake.interactionRequests()).toHaveLength(1);
  });

  it('connection refused → NETWORK, retried as a connection error', async () => {
    const port = await closedPort();
    const client = makeClient({ getBaseUrl: () => `http://127.0.0.1:${port}`, retry: { maxRetries: 1, baseDelayMs: 10 } });
    const out = await stream(client, body('Hi'));
    const f = failure(out, 'NETWORK');
    expect(f.message).toBe(`Could not reach 127.0.0.1:${port} (connection refused). Check the base URL in Settings.`);
    expect(out.retries).toHaveLength(1);
  });

  it('the backoff sleep is abortable', async () => {
    const client = makeClient({ sleep: undefined, retry: { maxRetries: 2, baseDelayMs: 10_000, maxDelayMs: 20_000 } });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const out = await stream(client, body('Always [[fault:http-503]]'), controller.signal);
    expect(controller.signal.aborted).toBe(true);
    expect(out.error).toBe(controller.signal.reason);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(fake.interactionRequests()).toHaveLength(1);
  });
});

describe('automaticRetryDelay (the policy alone)', () => {
  const settings = { baseDelayMs: 100, maxDelayMs: 20_000 };
  const limited = (retryAfterMs: number | undefined) => ({ code: 'RATE_LIMITED' as const, retryable: true, retryAfterMs });

  it('waits as asked within maxDelayMs, and backs off with jitter when nothing was asked', () => {
    expect(automaticRetryDelay(limited(3_000), 0, settings)).toBe(3_000);
    expect(automaticRetryDelay(limited(0), 0, settings)).toBe(0);
    expect(automaticRetryDelay(limited(undefined), 2, settings, () => 0)).toBe(200);
    expect(automaticRetryDelay(limited(undefined), 2, settings, () => 1)).toBe(400);
  });

  it('a wait that is too long or not a usable number (NaN, negative, Infinity) is not retried on our own', () => {
    for (const asked of [20_001, Number.NaN, -5_000, Number.POSITIVE_INFINITY]) {
      expect(automaticRetryDelay(limited(asked), 0, settings), String(asked)).toBeUndefined();
    }
  });

  it('only rate limits, server and network failures that may pass are retried', () => {
    expect(automaticRetryDelay({ ...limited(1_000), retryable: false }, 0, settings)).toBeUndefined();
    expect(automaticRetryDelay({ code: 'PROTOCOL', retryable: true, retryAfterMs: 1_000 }, 0, settings)).toBeUndefined();
  });
});

describe('abort and timeouts', () => {
  it('aborting mid-stream throws, and the request and socket are gone', async () => {
    const client = makeClient();
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    let error: unknown;
    try {
      for await (const event of client.streamInteraction(body('Long [[len:3000]] [[delay:20]]'), { signal: controller.signal })) {
        events.push(event);
        if (event.event_type === 'step.delta' && event.delta.type === 'text') controller.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(controller.signal.aborted).toBe(true);
    expect(error).toBe(controller.signal.reason);
    expect(types(events).at(-1)).toBe('step.delta');
    await eventually(() => fake.requests[0]?.aborted === true && fake.openStreams() === 0);
  });

  it('an abort after interaction.completed does not undo the finished turn', async () => {
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of makeClient().streamInteraction(body('Finish'), { signal: controller.signal })) {
      events.push(event);
      if (event.event_type === 'interaction.completed') controller.abort();
    }
    expect(types(events).at(-1)).toBe('interaction.completed');
  });

  it('aborting while waiting for headers (hang) ends the request', async () => {
    const controller = new AbortController();
    const pending = stream(makeClient(), body('Hang [[fault:hang]]'), controller.signal);
    await fake.waitForRequests(1);
    controller.abort();
    const out = await pending;
    expect(out.error).toBe(controller.signal.reason);
    await eventually(() => fake.requests[0]?.aborted === true && fake.openStreams() === 0);
  });

  it('breaking out of the loop early releases the stream', async () => {
    const client = makeClient();
    for await (const event of client.streamInteraction(body('Long [[len:3000]] [[delay:20]]'), { signal: new AbortController().signal })) {
      if (event.event_type === 'step.start') break;
    }
    await eventually(() => fake.openStreams() === 0);
  });

  it('idle timeout with the stall fault → TIMEOUT, partial events kept', async () => {
    const out = await stream(makeClient({ timeouts: { idleMs: 300 } }), body('Stall [[fault:stall]]'));
    const f = failure(out, 'TIMEOUT');
    expect(f.message).toContain('No data from the server for 0.3 s. The partial answer is kept;');
    expect(out.assembler.text).toMatch(/^Echo: /);
    await eventually(() => fake.openStreams() === 0);
  });

  it('idle timeout before any of the answer arrived does not claim a partial answer is kept', async () => {
    const out = await stream(makeClient({ timeouts: { idleMs: 300 } }), body('Drip [[fault:slow-drip]] [[delay:2500]] [[len:200]] [[chunk:40]]'));
    const f = failure(out, 'TIMEOUT');
    expect(out.assembler.text).toBe('');
    expect(f.message).toBe('No data from the server for 0.3 s. None of the answer had arrived. Try again, or allow longer in Settings (“Wait between two parts”).');
    await eventually(() => fake.openStreams() === 0);
  });

  it('idle time is between chunks: a slow drip longer than idleMs in total completes', async () => {
    const started = Date.now();
    // Each pause is far inside the idle time, so a machine too busy to read a chunk on time does not time it out.
    const out = await stream(makeClient({ timeouts: { idleMs: 1_000 } }), body('Drip [[fault:slow-drip]] [[delay:150]] [[len:600]] [[chunk:60]]'));
    expect(out.error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });

  it('headers timeout with the hang fault → TIMEOUT, not retried', async () => {
    const out = await stream(makeClient({ timeouts: { headersMs: 300 } }), body('Hang [[fault:hang]]'));
    const f = failure(out, 'TIMEOUT');
    expect(f.message).toContain('did not answer within 0.3 s');
    expect(fake.interactionRequests()).toHaveLength(1);
    await eventually(() => fake.openStreams() === 0);
  });

  it('timeouts given as a function are read per request: a change applies to the next one', async () => {
    let [headersMs, idleMs] = [300, 60_000];
    const client = makeClient({ timeouts: () => ({ headersMs, idleMs }) });
    expect(failure(await stream(client, body('Hang [[fault:hang]]')), 'TIMEOUT').message).toContain('did not answer within 0.3 s');
    [headersMs, idleMs] = [60_000, 300];
    const stalled = failure(await stream(client, body('Stall [[fault:stall]]')), 'TIMEOUT');
    expect(stalled.message).toContain('No data from the server for 0.3 s.');
    await eventually(() => fake.openStreams() === 0);
  });

  it('close() stops streams in flight', async () => {
    const client = makeClient();
    const pending = stream(client, body('Hang [[fault:hang]]'));
    await fake.waitForRequests(1);
    await client.close();
    failure(await pending, 'NETWORK');
    await eventually(() => fake.openStreams() === 0);
  });

  // A wrong base URL or a proxy answers 200 with its own content type. The unread body used to be destroyed with no
  // 'error' listener, so undici's "Request aborted" became an uncaught exception in main after the pane had its error.
  for (const [fault, contentType] of [
    ['json-200', 'application/json; charset=UTF-8'],
    ['html-200', 'text/html; charset=UTF-8'],
  ] as const) {
    it(`a 200 that is not an event stream (${fault}) → PROTOCOL naming what came, and nothing left unhandled`, async () => {
      const stray: unknown[] = [];
      const record = (error: unknown) => void stray.push(error);
      process.on('unhandledRejection', record);
      process.on('uncaughtException', record);
      try {
        const out = await stream(makeClient(), body(`Hi [[fault:${fault}]]`));
        const f = failure(out, 'PROTOCOL');
        expect(f.message).toMatch(
          new RegExp(`^The server at 127\\.0\\.0\\.1:\\d+ answered with "${contentType.replace('/', '\\/')}" instead of an event stream \\(text/event-stream\\)\\. Check the base URL in Settings\\.$`),
        );
        expect(out.events).toEqual([]);
        expect(out.retries).toEqual([]);
        expect(fake.interactionRequests()).toHaveLength(1);
        // undici reports the destroyed body on a later turn of the event loop.
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(stray).toEqual([]);
      } finally {
        process.off('unhandledRejection', record);
        process.off('uncaughtException', record);
      }
    });
  }
});

describe('unary requests', () => {
  it('createInteraction sends a unary request and returns the interaction', async () => {
    const request = body('Unary please', { stream: true });
    const interaction = await makeClient().createInteraction(request);
    expect(interaction.id).toMatch(/^v1_/);
    expect(interaction.status).toBe('completed');
    expect(interaction.steps?.map((s) => s.type)).toEqual(['thought', 'model_output']);
    const [sent] = fake.interactionRequests();
    expect(sent!.query).toEqual({});
    expect(sent!.headers).toMatchObject({ accept: 'application/json', 'api-revision': API_REVISION, 'x-goog-api-key': KEY });
    const { stream: _stream, ...unary } = request;
    expect(sent!.body).toEqual(unary);
  });

  it('createInteraction maps HTTP faults and retries 503-once', async () => {
    await rejection(makeClient().createInteraction(body('Nope [[fault:http-404]]')), 'NOT_FOUND');
    const ok = await makeClient().createInteraction(body('Again [[fault:503-once]]'));
    expect(ok.id).toMatch(/^v1_/);
    await rejection(makeClient().createInteraction(body('Broken [[fault:bad-json]]')), 'PROTOCOL');
  });

  it('get returns the full timeline, delete removes it', async () => {
    const client = makeClient();
    const created = await client.createInteraction(body('Remember me'));
    const fetched = await client.getInteraction(created.id);
    expect(fetched.id).toBe(created.id);
    expect(fetched.steps?.[0]?.type).toBe('user_input');
    await client.deleteInteraction(created.id);
    const gone = await rejection(client.getInteraction(created.id), 'NOT_FOUND');
    expect(gone.message).toContain('may have been deleted');
    expect(gone.message).not.toContain('model name');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1beta/interactions',
      `GET /v1beta/interactions/${created.id}`,
      `DELETE /v1beta/interactions/${created.id}`,
      `GET /v1beta/interactions/${created.id}`,
    ]);
  });

  it('listModels follows every page and keeps only generateContent models, without "models/"', async () => {
    const models = await makeClient().listModels({ pageSize: 3 });
    expect(fake.requests.map((r) => r.query.pageToken !== undefined)).toEqual([false, true, true, true]);
    expect(models.map((m) => m.id)).toEqual([
      'gemini-3-flash-preview',
      'gemini-3.1-pro-preview',
      'gemini-3.1-flash-lite',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemini-2.0-flash',
      'gemini-3-pro-image-preview',
      'gemini-2.5-flash-image',
    ]);
    expect(models[0]).toMatchObject({ displayName: 'Gemini 3 Flash Preview', inputTokenLimit: 1_048_576, thinking: true });
    expect(await makeClient().listModels()).toEqual(models);
  });

  it('listModels with a bad key → BAD_KEY', async () => {
    await rejection(makeClient({ key: 'invalid-key' }).listModels(), 'BAD_KEY');
  });
});

describe('uploadFile (resumable protocol)', () => {
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);

  it('uploads a small file in one upload+finalize request', async () => {
    const progress: number[][] = [];
    const file = await makeClient().uploadFile(
      { bytes: bytes(1000), mimeType: 'image/png', displayName: 'organ' },
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    expect(file).toMatchObject({ name: expect.stringMatching(/^files\//), uri: expect.stringContaining('/v1beta/files/'), mimeType: 'image/png', sizeBytes: 1000 });
    expect(file.expirationTime).toEqual(expect.any(String));
    expect(progress).toEqual([[1000, 1000]]);
    const [start, upload] = fake.requests;
    expect(start!.path).toBe('/upload/v1beta/files');
    expect(start!.headers).toMatchObject({
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-length': '1000',
      'x-goog-upload-header-content-type': 'image/png',
      'x-goog-api-key': KEY,
    });
    expect(start!.body).toEqual({ file: { displayName: 'organ', mimeType: 'image/png' } });
    expect(upload!.headers).toMatchObject({ 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' });
    expect(upload!.body).toEqual({ bytes: 1000 });
  });

  it('uploads in chunks, rounded to the announced granularity', async () => {
    const size = 600 * 1024;
    const progress: number[] = [];
    const file = await makeClient().uploadFile(
      { bytes: bytes(size), mimeType: 'application/pdf', displayName: 'doc' },
      { chunkBytes: 300 * 1024, onProgress: (sent) => progress.push(sent) },
    );
    expect(file.sizeBytes).toBe(size);
    const uploads = fake.requests.slice(1);
    expect(uploads.map((r) => r.headers['x-goog-upload-command'])).toEqual(['upload', 'upload', 'upload, finalize']);
    expect(uploads.map((r) => r.headers['x-goog-upload-offset'])).toEqual(['0', '262144', '524288']);
    expect(progress).toEqual([262144, 524288, size]);
  });

  it('a failing upload → SERVER, the chunk is not retried', async () => {
    const f = await rejection(makeClient().uploadFile({ bytes: bytes(10), mimeType: 'text/plain', displayName: 'x [[fault:upload]]' }), 'SERVER');
    expect(f.httpStatus).toBe(500);
    expect(fake.requests).toHaveLength(2);
  });

  it('a file still PROCESSING is asked about every second until ACTIVE, and only then returned', async () => {
    fake.processNextUpload(3);
    const waited: number[] = [];
    const file = await makeClient().uploadFile({ bytes: bytes(100), mimeType: 'video/mp4', displayName: 'clip' }, { onProcessing: (ms) => waited.push(ms) });
    expect(file.state).toBe('ACTIVE');
    expect(waited).toEqual([0, 1000, 2000]);
    const polls = fake.requests.slice(2);
    expect(polls.map((r) => [r.method, r.path])).toEqual([
      ['GET', `/v1beta/${file.name}`],
      ['GET', `/v1beta/${file.name}`],
      ['GET', `/v1beta/${file.name}`],
    ]);
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it('the wait for PROCESSING stops with the signal: no further polls', async () => {
    fake.processNextUpload(5);
    const controller = new AbortController();
    const stopped = makeClient().uploadFile(
      { bytes: bytes(100), mimeType: 'video/mp4', displayName: 'clip' },
      { signal: controller.signal, onProcessing: (ms) => ms === 1000 && controller.abort(new Error('stopped by the person')) },
    );
    await expect(stopped).rejects.toThrow('stopped by the person');
    expect(fake.requests.slice(2).map((r) => r.method)).toEqual(['GET']);
  });

  it('a file whose processing FAILED is an error that names it', async () => {
    fake.processNextUpload(1, 'FAILED');
    const f = await rejection(makeClient().uploadFile({ bytes: bytes(100), mimeType: 'video/mp4', displayName: 'clip.mp4' }), 'BAD_REQUEST');
    expect(f.message).toBe('The Files API could not process clip.mp4: The file could not be processed.');
  });
});

describe('the key stays secret', () => {
  it('appears in no error message, AppError or log line', async () => {
    const port = await closedPort();
    const outcomes: unknown[] = [];
    for (const fault of ['error-event', 'cut', 'bad-json', 'http-400', 'http-429', 'html-503', 'completed-failed']) {
      outcomes.push((await stream(makeClient(), body(`[[fault:${fault}]] [[retry-after:1]]`))).error);
    }
    outcomes.push((await stream(makeClient({ timeouts: { headersMs: 200 } }), body('[[fault:hang]]'))).error);
    outcomes.push((await stream(makeClient({ getBaseUrl: () => `http://127.0.0.1:${port}` }), body('x'))).error);
    for (const error of outcomes) {
      expect(error).toBeInstanceOf(AppFailure);
      const f = error as AppFailure;
      expect(f.message).not.toContain(KEY);
      expect(JSON.stringify(f.toAppError())).not.toContain(KEY);
      expect(String(f.stack)).not.toContain(KEY);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(KEY);
  });
});
