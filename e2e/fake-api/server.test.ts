// What the SDK cannot show: raw SSE bytes, content types, auth and validation errors, recording, answer scripting.
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

async function unary(body: Record<string, unknown>, path = '/v1beta/interactions'): Promise<Record<string, any>> {
  const res = await postJson(fake.url, path, { model: MODEL, ...body });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, any>;
}

async function answer(body: Record<string, unknown>): Promise<string> {
  const json = await unary(body);
  return json.steps.at(-1).content[0]?.text ?? '';
}

describe('SSE wire format', () => {
  it('frames every event as event + one-line data with event_type, and ends with [DONE]', async () => {
    const res = await postJson(fake.url, '/v1/interactions', { model: MODEL, input: 'Hello', stream: true });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const raw = await res.text();
    expect(raw.endsWith('event: done\ndata: [DONE]\n\n')).toBe(true);
    const events = parseSse(raw);
    for (const e of events.slice(0, -1)) {
      expect(e.json?.event_type).toBe(e.event);
      expect(typeof e.json?.event_id).toBe('string');
    }
    expect(new Set(events.slice(0, -1).map((e) => e.json?.event_id)).size).toBe(events.length - 1);
    expect(events.at(-1)).toEqual({ event: 'done', data: '[DONE]' });
    expect(events[0]?.json?.interaction).toMatchObject({ status: 'in_progress', object: 'interaction', model: MODEL });
  });

  it('echoes the service tier a request asked for, and says standard when it asked for none', async () => {
    expect((await unary({ model: MODEL, input: 'Hi', service_tier: 'flex' })).service_tier).toBe('flex');
    expect((await unary({ model: MODEL, input: 'Hi' })).service_tier).toBe('standard');
  });

  it('streams for ?alt=sse even without stream:true, and answers JSON otherwise', async () => {
    const sse = await postJson(fake.url, '/v1beta/interactions?alt=sse', { model: MODEL, input: 'x' });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    await sse.text();
    const json = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: 'x' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json(;|$)/);
    expect((await json.json()).object).toBe('interaction');
  });

  it('[[chunk:N]] sizes the text deltas, [[delay:N]] paces them, [[start-text]] puts the first chunk in step.start', async () => {
    const started = Date.now();
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[len:300]] [[chunk:50]] [[delay:30]]', stream: true });
    const events = parseSse(await res.text());
    const deltas = events.filter((e) => (e.json?.delta as { type?: string })?.type === 'text');
    expect(deltas.map((e) => ((e.json?.delta as { text: string }).text.length))).toEqual([50, 50, 50, 50, 50, 50]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 30);
    const withStart = parseSse(await (await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: 'a [[start-text]]', stream: true })).text());
    const outputStart = withStart.find((e) => e.event === 'step.start' && (e.json?.step as { type: string }).type === 'model_output');
    expect((outputStart?.json?.step as { content: { text: string }[] }).content[0]?.text).toMatch(/^Echo: /);
  });

  it('[[extras]] adds a comment, an unknown event and an unknown delta type', async () => {
    const raw = await (await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[extras]]', stream: true })).text();
    expect(raw).toContain('\n\n: keep-alive\n\n');
    const events = parseSse(raw);
    expect(events.some((e) => e.event === 'interaction.heartbeat')).toBe(true);
    expect(events.some((e) => (e.json?.delta as { type?: string })?.type === 'future_delta_type')).toBe(true);
  });
});

describe('auth and routing', () => {
  it('answers 403 PERMISSION_DENIED without a key', async () => {
    const res = await fetch(`${fake.url}/v1beta/models`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message:
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      },
    });
  });

  it('answers 400 API_KEY_INVALID for bad-key and invalid* keys, and accepts ?key=', async () => {
    for (const key of ['bad-key', 'invalid-123']) {
      const res = await fetch(`${fake.url}/v1beta/models`, { headers: { 'x-goog-api-key': key } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string; status: string; details: { reason?: string }[] } };
      expect(body.error.message).toBe('API key not valid. Please pass a valid API key.');
      expect(body.error.status).toBe('INVALID_ARGUMENT');
      expect(body.error.details.some((d) => d.reason === 'API_KEY_INVALID')).toBe(true);
    }
    expect((await fetch(`${fake.url}/v1/models?key=abc`)).status).toBe(200);
  });

  it('answers unknown routes with a JSON 404 in the Google envelope', async () => {
    const res = await fetch(`${fake.url}/v1beta/models/gemini-3-flash-preview:generateContent`, { method: 'POST', headers: KEY });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
  });
});

describe('create validation', () => {
  const cases: [string, unknown, number, Record<string, unknown>][] = [
    ['a body that is not JSON', 'not json', 400, { code: 400, status: 'INVALID_ARGUMENT' }],
    ['a missing model', { input: 'x' }, 400, { code: 'invalid_request' }],
    ['an unknown model', { model: 'claude-9', input: 'x' }, 404, { code: 'model_not_found' }],
    ['a model without generateContent', { model: 'gemini-embedding-001', input: 'x' }, 404, { code: 'model_not_found' }],
    ['an unknown previous_interaction_id', { model: MODEL, input: 'x', previous_interaction_id: 'v1_nope' }, 404, { code: 'not_found', message: 'Interaction v1_nope was not found.' }],
    ['a camelCase generation_config field', { model: MODEL, input: 'x', generation_config: { maxOutputTokens: 5 } }, 400, { status: 'INVALID_ARGUMENT' }],
    ['a bad thinking_level', { model: MODEL, input: 'x', generation_config: { thinking_level: 'huge' } }, 400, { code: 'invalid_request' }],
    ['a missing input', { model: MODEL }, 400, { code: 'invalid_request' }],
    ['the legacy turn schema', { model: MODEL, input: [{ role: 'user', content: 'x' }] }, 400, { code: 'invalid_request' }],
  ];
  for (const [what, body, status, error] of cases) {
    it(`rejects ${what} with ${status}`, async () => {
      const res = await postJson(fake.url, '/v1beta/interactions', body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: unknown }).error).toMatchObject(error);
    });
  }
});

describe('recording', () => {
  it('records method, path, query, lower-case headers, parsed body and time', async () => {
    const before = Date.now();
    await postJson(fake.url, '/v1beta/interactions?alt=sse', { model: MODEL, input: 'rec' }, { 'Api-Revision': '2026-05-20' }).then((r) => r.text());
    await fetch(`${fake.url}/v1beta/models`, { headers: KEY });
    const [create, list] = await fake.waitForRequests(2);
    expect(create).toMatchObject({ method: 'POST', path: '/v1beta/interactions', query: { alt: 'sse' }, body: { model: MODEL, input: 'rec' }, aborted: false });
    expect(create?.headers['api-revision']).toBe('2026-05-20');
    expect(create?.at).toBeGreaterThanOrEqual(before);
    expect(list?.body).toBeUndefined();
    expect(fake.interactionRequests()).toEqual([create]);
    fake.clear();
    expect(fake.requests).toHaveLength(0);
    await expect(fake.waitForRequests(1, 50)).rejects.toThrow(/waited 50 ms/);
  });

  it('marks a request aborted when the client leaves mid-stream, and only then', async () => {
    const controller = new AbortController();
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[delay:40]]', stream: true }, {}, controller.signal);
    await readUntil(res, (t) => t.includes('"type":"text"'));
    expect(fake.openStreams()).toBe(1);
    controller.abort();
    await eventually(() => fake.requests[0]?.aborted === true && fake.openStreams() === 0);
    await unary({ input: 'complete' });
    expect(fake.requests[1]?.aborted).toBe(false);
  });
});

describe('answers', () => {
  it('is deterministic per request, and changes with the seed', async () => {
    const body = { input: 'Same again', generation_config: { seed: 1 } };
    expect(await answer(body)).toBe(await answer(body));
    expect(await answer(body)).not.toBe(await answer({ ...body, generation_config: { seed: 2 } }));
  });

  it('samples anew when the same unseeded request comes again, the same way on every run', async () => {
    const body = { input: 'Repeat me', generation_config: { temperature: 1 } };
    const first = [await answer(body), await answer(body), await answer(body)];
    expect(new Set(first).size).toBe(3);
    // Another server answers the nth repeat exactly as this one did: tests can predict repeat runs.
    const other = await startFakeApi();
    try {
      const again: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await postJson(other.url, '/v1beta/interactions', { model: MODEL, ...body });
        again.push(((await res.json()) as Record<string, any>).steps.at(-1).content[0].text);
      }
      expect(again).toEqual(first);
    } finally {
      await other.close();
    }
    // Repeats differ in length too (60–140 % of the default), not only in words.
    expect(new Set(first.map((t) => t.length)).size).toBeGreaterThan(1);
  });

  it('[[len:N]] sets the exact length; [[markdown]] writes headings, lists, code, tables and links', async () => {
    expect(await answer({ input: 'short [[len:333]]' })).toHaveLength(333);
    const md = await answer({ input: '[[markdown]] [[len:3000]]' });
    for (const mark of ['\n## ', '\n- **', '\n```ts\n', '\n| --- |', '](https://example.com/', '\n1. ']) expect(md).toContain(mark);
  });

  it('[[table:COLS]] starts the answer with a table that wide, of long words; too many columns are capped', async () => {
    const text = await answer({ input: 'Wide [[table:7]] [[len:2000]]' });
    const rows = text.split('\n').filter((line) => line.startsWith('|'));
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row.split(' | ')).toHaveLength(7);
    expect(rows[1]).toBe(`| ${Array(7).fill('---').join(' | ')} |`);
    expect(rows[2]).toMatch(/\b[a-z]{13,}\b/);
    expect(text).toHaveLength(2000);
    const capped = await answer({ input: '[[table:99]]' });
    expect(capped.split('\n').find((line) => line.startsWith('|'))?.split(' | ')).toHaveLength(20);
  });

  it('max_output_tokens truncates and marks the interaction incomplete, in JSON and in the stream', async () => {
    const json = await unary({ input: '[[len:400]]', generation_config: { max_output_tokens: 20 } });
    expect(json.status).toBe('incomplete');
    expect(json.steps.at(-1).content[0].text).toHaveLength(80);
    const events = parseSse(await (await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[len:400]]', stream: true, generation_config: { max_output_tokens: 20 } })).text());
    expect(textOf(events)).toHaveLength(80);
    expect((events.at(-2)?.json?.interaction as { status: string }).status).toBe('incomplete');
  });

  it('stop_sequences cut the answer where a stop sequence appears', async () => {
    const text = await answer({ input: 'alpha STOPHERE beta', generation_config: { stop_sequences: ['STOPHERE', 'zzz'] } });
    expect(text.endsWith('\nPrompt: alpha ')).toBe(true);
    expect(text).toContain('stop_sequences=2');
  });

  it('counts turns from the user_input steps of a stateless input', async () => {
    const user = (text: string) => ({ type: 'user_input', content: [{ type: 'text', text }] });
    const text = await answer({ store: false, input: [user('one'), { type: 'model_output', content: [{ type: 'text', text: 'ok' }] }, user('two'), user('three')] });
    expect(text).toMatch(/ turn=3 [^\n]*\nPrompt: three\n/);
  });

  it('thinks only for gemini-3* / gemini-2.5*, skips thought at minimal, and bills thought tokens by level', async () => {
    const plain = await unary({ model: 'gemini-2.0-flash', input: 'x' });
    expect(plain.steps.map((s: { type: string }) => s.type)).toEqual(['model_output']);
    expect(plain.usage.total_thought_tokens).toBeUndefined();
    const minimal = await unary({ input: 'x', generation_config: { thinking_level: 'minimal' } });
    expect(minimal.steps.map((s: { type: string }) => s.type)).toEqual(['model_output']);
    const low = await unary({ model: 'gemini-2.5-flash', input: 'x', generation_config: { thinking_level: 'low', thinking_summaries: 'auto' } });
    expect(low.usage.total_thought_tokens).toBe(64);
    expect(low.steps[0].summary).toHaveLength(2);
    expect(low.steps[0].summary[0].text).toMatch(/^\*\*Planning/);
  });
});

describe('stored interactions', () => {
  it('replays a stored interaction as SSE with GET ?stream=true and resumes after last_event_id', async () => {
    const created = await unary({ input: 'replay me' });
    const all = parseSse(await (await fetch(`${fake.url}/v1beta/interactions/${created.id}?stream=true`, { headers: KEY })).text());
    expect(textOf(all)).toBe(created.steps.at(-1).content[0].text);
    const cut = all[4]?.json?.event_id as string;
    const rest = parseSse(await (await fetch(`${fake.url}/v1beta/interactions/${created.id}?stream=true&last_event_id=${cut}`, { headers: KEY })).text());
    expect(rest.map((e) => e.data)).toEqual(all.slice(5).map((e) => e.data));
  });

  it('cancels a stream in progress', async () => {
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: '[[delay:30]] [[len:2000]]', stream: true });
    const { text, reader } = await readUntil(res, (t) => t.includes('"type":"text"'));
    const id = parseSse(text.slice(0, text.indexOf('\n\n') + 2))[0]?.json?.interaction as { id: string };
    const cancel = await fetch(`${fake.url}/v1beta/interactions/${id.id}/cancel`, { method: 'POST', headers: KEY });
    expect(((await cancel.json()) as { status: string }).status).toBe('cancelled');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('"status":"cancelled"');
    expect(rest.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});

describe('close()', () => {
  it('ends open streams and stops listening', async () => {
    const own = await startFakeApi();
    const res = await postJson(own.url, '/v1beta/interactions', { model: MODEL, input: '[[fault:stall]]', stream: true });
    const { reader } = await readUntil(res, (t) => t.includes('"type":"text"'));
    expect(own.openStreams()).toBe(1);
    await own.close();
    await expect(
      (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read());
      })(),
    ).rejects.toThrow();
    expect(own.openStreams()).toBe(0);
    expect(own.requests[0]?.aborted).toBe(false);
    await expect(fetch(`${own.url}/v1beta/models`, { headers: KEY })).rejects.toThrow();
  });
});
