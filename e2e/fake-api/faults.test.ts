// The scripted faults seen with a plain fetch: broken streams, held connections, HTTP errors and retry-then-succeed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeApi, startFakeApi } from './server';
import { KEY, eventually, parseSse, postJson, readUntil, textOf } from './test-support';

const MODEL = 'gemini-3-flash-preview';
let fake: FakeApi;

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

function stream(input: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return postJson(fake.url, '/v1beta/interactions', { model: MODEL, input, stream: true }, headers, signal);
}

const textDeltas = (raw: string) => parseSse(raw).filter((e) => (e.json?.delta as { type?: string })?.type === 'text');

describe('stream faults', () => {
  it('error-event: a few deltas, the error event, then a clean end without completed or [DONE]', async () => {
    const raw = await (await stream('[[fault:error-event]]')).text();
    const events = parseSse(raw);
    expect(textDeltas(raw)).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ event: 'error', json: { error: { code: 'gateway_timeout' } } });
    expect(raw).not.toContain('interaction.completed');
    expect(raw).not.toContain('[DONE]');
  });

  it('cut: a few deltas, then the socket is destroyed', async () => {
    const res = await stream('[[fault:cut]]');
    let received = '';
    const reading = (async () => {
      const reader = res.body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) received += new TextDecoder().decode(r.value);
    })();
    await expect(reading).rejects.toThrow(/terminated/);
    expect(textDeltas(received)).toHaveLength(3);
    expect(received).not.toContain('interaction.completed');
    expect(fake.requests[0]?.aborted).toBe(false);
  });

  it('no-complete and bad-json: a few deltas, then a clean end (bad-json after a data line that is not JSON)', async () => {
    const clean = await (await stream('[[fault:no-complete]]')).text();
    expect(textDeltas(clean)).toHaveLength(3);
    expect(clean).not.toMatch(/interaction\.completed|\[DONE\]/);
    const bad = await (await stream('[[fault:bad-json]]')).text();
    const last = parseSse(bad).at(-1)!;
    expect(last.json).toBeUndefined();
    expect(() => JSON.parse(last.data)).toThrow();
  });

  it('stall: the first delta, then silence with the connection open until the client leaves', async () => {
    const controller = new AbortController();
    const res = await stream('[[fault:stall]]', {}, controller.signal);
    const { text, reader } = await readUntil(res, (t) => t.includes('"type":"text"'));
    const more = await Promise.race([reader.read().then(() => 'data'), new Promise((r) => setTimeout(() => r('silence'), 300))]);
    expect(more).toBe('silence');
    expect(textDeltas(text)).toHaveLength(1);
    expect(fake.openStreams()).toBe(1);
    controller.abort();
    await eventually(() => fake.openStreams() === 0 && fake.requests[0]?.aborted === true);
  });

  it('hang: no headers at all until the client gives up', async () => {
    const started = Date.now();
    await expect(stream('[[fault:hang]]', {}, AbortSignal.timeout(250))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    await eventually(() => fake.requests[0]?.aborted === true && fake.openStreams() === 0);
  });

  it('slow-drip: small deltas, one per [[delay:N]] ms, for the whole answer', async () => {
    const started = Date.now();
    const raw = await (await stream('[[fault:slow-drip]] [[delay:20]] [[len:40]]')).text();
    const deltas = textDeltas(raw);
    expect(deltas).toHaveLength(10);
    expect(deltas.every((d) => (d.json?.delta as { text: string }).text.length === 4)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10 * 20);
    expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('completed-failed: interaction.completed with status failed and errors, in the stream and unary', async () => {
    const events = parseSse(await (await stream('[[fault:completed-failed]]')).text());
    const completed = events.find((e) => e.event === 'interaction.completed')?.json?.interaction as Record<string, unknown>;
    expect(completed).toMatchObject({ status: 'failed', errors: [{ code: 'internal' }] });
    const unary = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[fault:completed-failed]]' });
    expect(await unary.json()).toMatchObject({ status: 'failed', errors: [{ code: 'internal' }] });
  });

  it('a fault chosen by the x-fake-fault header, and the stored interaction keeps what went out', async () => {
    const raw = await (await stream('plain text', { 'x-fake-fault': 'error-event' })).text();
    const id = (parseSse(raw)[0]?.json?.interaction as { id: string }).id;
    const stored = (await (await fetch(`${fake.url}/v1beta/interactions/${id}`, { headers: KEY })).json()) as Record<string, any>;
    expect(stored.status).toBe('failed');
    expect(stored.steps.at(-1).content[0].text).toBe(textOf(parseSse(raw)));
  });

  it('a model named gemini-fault-<NAME> faults only its own requests (one pane of a shared prompt)', async () => {
    const faulty = await postJson(fake.url, '/v1beta/interactions', { model: 'gemini-fault-error-event', input: 'shared', stream: true });
    expect(parseSse(await faulty.text()).at(-1)).toMatchObject({ event: 'error' });
    const limited = await postJson(fake.url, '/v1beta/interactions', { model: 'models/gemini-fault-http-500', input: 'shared', stream: true });
    expect(limited.status).toBe(500);
    const plain = await (await stream('shared')).text();
    expect(plain).toContain('interaction.completed');
    // An unknown fault name is just another model name, answered normally.
    const unknown = await postJson(fake.url, '/v1beta/interactions', { model: 'gemini-fault-nonsense', input: 'shared', stream: true });
    expect(await unknown.text()).toContain('interaction.completed');
  });

  it('unary cut and bad-json break the JSON body', async () => {
    const cut = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[fault:cut]]' });
    await expect(cut.text()).rejects.toThrow();
    const bad = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[fault:bad-json]]' });
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow(SyntaxError);
  });
});

describe('HTTP faults', () => {
  it('http-429 carries Retry-After, RetryInfo and QuotaFailure; [[retry-after:S]] sets both', async () => {
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[fault:http-429]] [[retry-after:7]]' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    const body = (await res.json()) as { error: { status: string; details: Record<string, unknown>[] } };
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' });
    expect(body.error.details.some((d) => d['@type'] === 'type.googleapis.com/google.rpc.QuotaFailure')).toBe(true);
    const plain = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[fault:http-429]]' });
    expect(plain.headers.get('retry-after')).toBe('2');
  });

  it('html-503 answers text/html', async () => {
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[fault:html-503]]' });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>Error 503');
  });

  it('json-200 and html-200 answer a stream request with 200 and a body that is not an event stream', async () => {
    const json = await stream('[[fault:json-200]]');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await json.json()).toEqual({ status: 'ok', service: 'some other service' });
    const html = await stream('[[fault:html-200]]');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await html.text()).toContain('<title>Sign in to the network</title>');
  });

  it('503-once with [[fail-times:2]] fails the same body twice, then succeeds; another body fails afresh', async () => {
    const body = { model: MODEL, input: 'again [[fault:503-once]] [[fail-times:2]]' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postJson(fake.url, '/v1beta/interactions', body)).status);
    expect(statuses).toEqual([503, 503, 200]);
    const other = await postJson(fake.url, '/v1beta/interactions', { ...body, input: 'other [[fault:429-once]]' });
    expect(other.status).toBe(429);
    expect((await postJson(fake.url, '/v1beta/interactions', { ...body, input: 'other [[fault:429-once]]' })).status).toBe(200);
  });

  it('x-fake-fault applies to other routes too', async () => {
    const res = await fetch(`${fake.url}/v1beta/models`, { headers: { ...KEY, 'x-fake-fault': 'http-500' } });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('INTERNAL');
  });
});
