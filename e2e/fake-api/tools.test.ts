// Server-side tools (Google Search, URL context, code execution, MCP), grounded citations, structured output and
// usage: only for the tools a request declares, the same steps in JSON and in the stream.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeApi, startFakeApi } from './server';
import { type SseEvent, assembleSteps, parseSse, postJson, schemaErrors } from './test-support';

const MODEL = 'gemini-3-flash-preview';
const MCP = { type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com/sse', headers: { Authorization: 'Bearer secret', 'X-Team': 'a' } };
let fake: FakeApi;

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

async function unary(body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, ...body });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, any>;
}

async function streamed(body: Record<string, unknown>): Promise<SseEvent[]> {
  const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, ...body, stream: true });
  expect(res.status).toBe(200);
  return parseSse(await res.text());
}

const types = (json: Record<string, any>) => json.steps.map((s: { type: string }) => s.type);
const answerOf = (json: Record<string, any>) => json.steps.at(-1).content[0];
/** Call ids are random: the same request streamed and unary agree once they are blanked. */
const sansIds = (steps: unknown) => JSON.parse(JSON.stringify(steps).replace(/"(id|call_id)":"[0-9a-f]{12}"/g, '"$1":"…"'));

describe('google_search', () => {
  it('searches with two queries from the prompt, then answers with url_citation annotations and a grounding count', async () => {
    const json = await unary({ input: 'Who won the cup? [[len:300]]', tools: [{ type: 'google_search' }] });
    expect(types(json)).toEqual(['thought', 'google_search_call', 'google_search_result', 'model_output']);
    const [, call, result] = json.steps;
    expect(call).toEqual({ type: 'google_search_call', id: expect.stringMatching(/^[0-9a-f]{12}$/), arguments: { queries: ['Who won the cup?', 'Who won the cup? explained'] } });
    expect(result.call_id).toBe(call.id);
    expect(result.result).toHaveLength(1);
    expect(result.result[0].search_suggestions).toMatch(/^<div[^>]*>.*Who won the cup\?.*<\/div>$/);
    const { text, annotations } = answerOf(json);
    expect(annotations.map((a: { title: string; url: string }) => [a.title, a.url])).toEqual([
      ['Source 1', 'https://example.com/source-1'],
      ['Source 2', 'https://example.com/source-2'],
      ['Source 3', 'https://example.com/source-3'],
    ]);
    expect(annotations.map((a: { start_index: number; end_index: number }) => [a.start_index, a.end_index])).toEqual([
      [0, 100],
      [100, 200],
      [200, 300],
    ]);
    expect(text).toHaveLength(300);
    expect(json.usage.grounding_tool_count).toEqual([{ type: 'google_search', count: 1 }]);
    expect(json.usage.total_tool_use_tokens).toBe(Math.ceil(JSON.stringify(result.result).length / 4));
  });

  it('measures start_index / end_index in UTF-8 bytes, as the typings say, so non-ASCII text shifts them', async () => {
    const { text, annotations } = answerOf(await unary({ input: 'Café ☕ naïve 😀 [[cite:4]]', tools: [{ type: 'google_search' }] }));
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(text.length);
    expect(annotations.at(-1).end_index).toBe(bytes.length);
    // Every span is whole characters: its bytes decode without replacement characters.
    for (const a of annotations) expect(bytes.subarray(a.start_index, a.end_index).toString('utf8')).not.toContain('\uFFFD');
  });

  it('[[cite:N]] sets the number of citations, spread over the text and inside it, up to 1000', async () => {
    for (const [marker, count] of [['[[cite:1]]', 1], ['[[cite:40]]', 40], ['[[cite:5000]]', 1000]] as const) {
      const { text, annotations } = answerOf(await unary({ input: `Cite ${marker}`, tools: [{ type: 'google_search' }] }));
      expect(annotations).toHaveLength(count);
      for (const a of annotations) {
        expect(a.start_index).toBeGreaterThanOrEqual(0);
        expect(a.end_index).toBeGreaterThan(a.start_index);
        expect(a.end_index).toBeLessThanOrEqual(text.length);
      }
      expect(annotations.at(-1).end_index).toBe(text.length);
    }
  });

  it('streams the call with its arguments in step.start, the result as a delta, and the citations after the text', async () => {
    const body = { input: 'Who won? [[cite:120]]', tools: [{ type: 'google_search' }], generation_config: { seed: 3 } };
    const events = await streamed(body);
    const search = events
      .filter((e) => e.json?.index === 1 || e.json?.index === 2)
      .map((e) => [e.event, e.json?.index, (e.json?.step ?? e.json?.delta) as Record<string, unknown> | undefined] as const);
    expect(search.map(([event, index, payload]) => `${event}:${index}:${payload?.type ?? ''}`)).toEqual([
      'step.start:1:google_search_call',
      'step.stop:1:',
      'step.start:2:google_search_result',
      'step.delta:2:google_search_result',
      'step.stop:2:',
    ]);
    expect((search[0]?.[2] as { arguments: unknown }).arguments).toEqual({ queries: ['Who won?', 'Who won? explained'] });
    const outputDeltas = events.filter((e) => e.event === 'step.delta' && e.json?.index === 3).map((e) => (e.json?.delta as { type: string }).type);
    const firstAnnotation = outputDeltas.indexOf('text_annotation_delta');
    expect(outputDeltas.slice(0, firstAnnotation).every((t) => t === 'text')).toBe(true);
    // 120 citations travel in batches of 50.
    expect(outputDeltas.slice(firstAnnotation)).toEqual(['text_annotation_delta', 'text_annotation_delta', 'text_annotation_delta']);
    expect(sansIds(assembleSteps(events))).toEqual(sansIds((await unary(body)).steps));
  });
});

describe('url_context', () => {
  it('fetches the URLs of the prompt, with the status a URL names', async () => {
    const input = 'Compare https://a.example.com/doc, http://b.example.com/paywall and https://c.example.com/unsafe-page (also https://d.example.com/error).';
    const json = await unary({ input, tools: [{ type: 'url_context' }] });
    const [, call, result] = json.steps;
    expect(call.arguments.urls).toEqual(['https://a.example.com/doc', 'http://b.example.com/paywall', 'https://c.example.com/unsafe-page', 'https://d.example.com/error']);
    expect(result).toEqual({
      type: 'url_context_result',
      call_id: call.id,
      result: [
        { url: 'https://a.example.com/doc', status: 'success' },
        { url: 'http://b.example.com/paywall', status: 'paywall' },
        { url: 'https://c.example.com/unsafe-page', status: 'unsafe' },
        { url: 'https://d.example.com/error', status: 'error' },
      ],
    });
    expect(answerOf(json).annotations).toBeUndefined();
  });

  it('fetches https://example.com/page when the prompt names no URL; the call arguments stream as a delta', async () => {
    const events = await streamed({ input: 'Summarise the page', tools: [{ type: 'url_context' }] });
    const start = events.find((e) => e.event === 'step.start' && (e.json?.step as { type: string }).type === 'url_context_call');
    expect((start?.json?.step as { arguments: unknown }).arguments).toEqual({});
    const delta = events.find((e) => (e.json?.delta as { type?: string })?.type === 'url_context_call');
    expect(delta?.json?.delta).toEqual({ type: 'url_context_call', arguments: { urls: ['https://example.com/page'] } });
    expect(assembleSteps(events)[2]?.result).toEqual([{ url: 'https://example.com/page', status: 'success' }]);
  });
});

describe('code_execution', () => {
  it('runs a short python program and returns its output as a string', async () => {
    const json = await unary({ input: 'Count these four words', tools: [{ type: 'code_execution' }] });
    const [, call, result] = json.steps;
    expect(call.arguments.language).toBe('python');
    expect(call.arguments.code).toBe('text = "Count these four words"\nwords = text.split()\nprint(len(words))\n');
    expect(result).toEqual({ type: 'code_execution_result', call_id: call.id, result: '4\n' });
  });

  it('[[code-error]] fails with a traceback and is_error, streamed as the result delta', async () => {
    const events = await streamed({ input: 'Divide [[code-error]]', tools: [{ type: 'code_execution' }] });
    const delta = events.find((e) => (e.json?.delta as { type?: string })?.type === 'code_execution_result')?.json?.delta as Record<string, unknown>;
    expect(delta.is_error).toBe(true);
    expect(delta.result).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*ZeroDivisionError: division by zero\n$/);
    const [, call] = assembleSteps(events);
    expect(call?.arguments.code).toContain('/ 0');
  });
});

describe('mcp_server', () => {
  it('calls each declared server once, with its first allowed tool, and names the headers it received', async () => {
    const other = { type: 'mcp_server', name: 'tickets', url: 'https://t.example.com/mcp', allowed_tools: [{ tools: ['find_ticket', 'close'] }] };
    const json = await unary({ input: 'Look it up', tools: [MCP, other] });
    expect(types(json)).toEqual(['thought', 'mcp_server_tool_call', 'mcp_server_tool_result', 'mcp_server_tool_call', 'mcp_server_tool_result', 'model_output']);
    const [, docsCall, docsResult, ticketCall, ticketResult] = json.steps;
    expect(docsCall).toMatchObject({ name: 'search', server_name: 'docs', arguments: { query: 'Look it up' } });
    expect(docsResult).toEqual({
      type: 'mcp_server_tool_result',
      call_id: docsCall.id,
      name: 'search',
      server_name: 'docs',
      result: [{ type: 'text', text: 'docs.search answered "Look it up" (headers: Authorization, X-Team)' }],
    });
    expect(ticketCall).toMatchObject({ name: 'find_ticket', server_name: 'tickets' });
    expect(ticketResult.result[0].text).toContain('(headers: none)');
    expect((fake.interactionRequests()[0]?.body as { tools: { headers?: unknown }[] }).tools[0]?.headers).toEqual(MCP.headers);
  });

  it('streams the call whole in step.start and the result as a delta of its own type', async () => {
    const events = await streamed({ input: 'Look', tools: [MCP] });
    const start = events.find((e) => e.event === 'step.start' && e.json?.index === 1)?.json?.step;
    expect(start).toMatchObject({ type: 'mcp_server_tool_call', name: 'search', server_name: 'docs', arguments: { query: 'Look' } });
    const resultStart = events.find((e) => e.event === 'step.start' && e.json?.index === 2)?.json?.step;
    expect(resultStart).toMatchObject({ type: 'mcp_server_tool_result', result: [] });
    const delta = events.find((e) => e.event === 'step.delta' && e.json?.index === 2)?.json?.delta;
    expect(delta).toMatchObject({ type: 'mcp_server_tool_result', name: 'search', server_name: 'docs', result: [{ type: 'text' }] });
  });
});

describe('only declared tools, unless tool_choice is none', () => {
  it('the same prompt without tools, or with tool_choice none, answers without tool steps or tool usage', async () => {
    const tools = [{ type: 'google_search' }, { type: 'url_context' }, { type: 'code_execution' }, MCP];
    const withTools = await unary({ input: 'Same prompt' , tools });
    expect(types(withTools)).toHaveLength(2 + 2 * 4);
    expect(withTools.usage.total_tool_use_tokens).toBeGreaterThan(0);
    for (const body of [{}, { tools, generation_config: { tool_choice: 'none' } }]) {
      const json = await unary({ input: 'Same prompt', ...body });
      expect(types(json)).toEqual(['thought', 'model_output']);
      expect(json.usage.total_tool_use_tokens).toBe(0);
      expect(json.usage.grounding_tool_count).toBeUndefined();
      expect(answerOf(json).annotations).toBeUndefined();
    }
  });
});

describe('structured output', () => {
  const schema = {
    type: 'object',
    properties: { title: { type: 'string' }, year: { type: 'integer', minimum: 1900 }, tags: { type: 'array', items: { type: 'string' } } },
    required: ['title', 'year'],
  };
  const format = { type: 'text', mime_type: 'application/json', schema };

  it('answers JSON valid against the schema, the same in the stream', async () => {
    const json = await unary({ input: 'A film', response_format: format, generation_config: { seed: 1 } });
    const text = answerOf(json).text as string;
    const value = JSON.parse(text);
    expect(schemaErrors(schema, value)).toEqual([]);
    expect(value).toEqual({ title: 'foxtrot', year: 1900, tags: ['echo'] });
    expect(json.usage.total_output_tokens).toBe(Math.ceil(text.length / 4));
    const events = await streamed({ input: 'A film', response_format: format, generation_config: { seed: 1 } });
    expect(assembleSteps(events).at(-1)?.content[0].text).toBe(text);
  });

  it('[[schema-violate]] breaks the schema at the first property', async () => {
    const value = JSON.parse(answerOf(await unary({ input: 'A film [[schema-violate]]', response_format: [format] })).text);
    expect(value.title).toBe(12345);
    const errors = schemaErrors(schema, value, true);
    expect(errors.some((e) => e.instanceLocation === '#/title')).toBe(true);
  });

  it('without a schema, application/json answers a JSON object; text/plain answers text', async () => {
    const value = JSON.parse(answerOf(await unary({ input: 'Free form', response_format: { type: 'text', mime_type: 'application/json' } })).text);
    expect(value.answer).toMatch(/^Echo: model=gemini-3-flash-preview turn=1 /);
    expect(answerOf(await unary({ input: 'Plain', response_format: { type: 'text', mime_type: 'text/plain' } })).text).toMatch(/^Echo: /);
  });
});

describe('usage', () => {
  it('counts cached tokens for the turns reached through previous_interaction_id', async () => {
    const first = await unary({ input: 'One' });
    expect(first.usage.total_cached_tokens).toBe(0);
    const second = await unary({ input: 'Two', previous_interaction_id: first.id });
    expect(second.usage.total_cached_tokens).toBe(first.usage.total_input_tokens + first.usage.total_output_tokens);
    expect(second.usage.cached_tokens_by_modality).toEqual([{ modality: 'text', tokens: second.usage.total_cached_tokens }]);
  });

  it('adds thought and tool-use tokens into the total', async () => {
    const { usage } = await unary({ input: 'Add up', tools: [{ type: 'code_execution' }], generation_config: { thinking_level: 'low' } });
    expect(usage.total_thought_tokens).toBe(64);
    expect(usage.total_tool_use_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.total_input_tokens + usage.total_output_tokens + usage.total_thought_tokens + usage.total_tool_use_tokens);
  });
});
