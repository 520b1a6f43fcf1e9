// The official @google/genai SDK run against the fake: if the SDK cannot use the fake, the fake is wrong.
import { GoogleGenAI, type Interactions } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StreamEventType } from '../../src-shared/interactions';
import { CATALOG } from './models';
import { type FakeApi, startFakeApi } from './server';
import { schemaErrors } from './test-support';

const MODEL = 'gemini-3-flash-preview';
/** The event types of §5.2: a Record over the union, so a type added to StreamEvent does not compile until listed. */
const KNOWN_EVENT_TYPES: Record<StreamEventType, true> = {
  'interaction.created': true,
  'interaction.status_update': true,
  'step.start': true,
  'step.delta': true,
  'step.stop': true,
  'interaction.completed': true,
  error: true,
};
const NO_RETRY = { maxRetries: 0 };
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let fake: FakeApi;
let ai: GoogleGenAI;

beforeAll(async () => {
  fake = await startFakeApi();
  ai = new GoogleGenAI({
    apiKey: 'test-key',
    apiVersion: 'v1beta',
    httpOptions: { baseUrl: fake.url, headers: { 'Api-Revision': '2026-05-20' } },
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

type Event = { event_type: string; index?: number; delta?: { type: string; text?: string; signature?: string }; [k: string]: unknown };

async function streamEvents(body: Record<string, unknown>): Promise<Event[]> {
  const stream = await ai.interactions.create({ model: MODEL, ...body, stream: true } as never, NO_RETRY);
  const events: Event[] = [];
  for await (const event of stream as unknown as AsyncIterable<Event>) events.push(event);
  return events;
}

/** The event sequence with runs of same-typed deltas collapsed, e.g. `step.delta:text*`. */
function shape(events: Event[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const label = e.event_type === 'step.delta' ? `step.delta:${e.delta?.type}` : e.event_type;
    const last = out[out.length - 1];
    if (last === label || last === `${label}*`) out[out.length - 1] = `${label}*`;
    else out.push(label);
  }
  return out;
}

describe('interactions.create (unary)', () => {
  it('returns the output steps, output_text and usage, and the fake recorded exactly what the SDK sent', async () => {
    const body = {
      model: MODEL,
      input: 'What is a cat?',
      system_instruction: 'You are a cat.',
      generation_config: { temperature: 0.2, thinking_level: 'high' as const },
    };
    const result = await ai.interactions.create(body, NO_RETRY);
    expect(result.status).toBe('completed');
    expect(result.id).toMatch(/^v1_[A-Za-z0-9_-]+$/);
    expect(result.steps.map((s) => s.type)).toEqual(['thought', 'model_output']);
    expect(result.output_text).toMatch(
      /^Echo: model=gemini-3-flash-preview turn=1 temperature=0.2 top_p=unset thinking_level=high .*system_instruction="You are a cat."\nPrompt: What is a cat\?\n/,
    );
    const usage = result.usage!;
    expect(usage.total_output_tokens).toBe(Math.ceil(result.output_text!.length / 4));
    expect(usage.total_thought_tokens).toBe(1024);
    expect(usage.total_tokens).toBe(usage.total_input_tokens! + usage.total_output_tokens! + usage.total_thought_tokens!);

    const [sent] = fake.interactionRequests();
    expect(sent?.path).toBe('/v1beta/interactions');
    expect(sent?.body).toEqual(body);
    expect(sent?.headers['api-revision']).toBe('2026-05-20');
    expect(sent?.headers['x-goog-api-key']).toBe('test-key');
    expect(sent?.headers['content-type']).toBe('application/json');
  });
});

describe('interactions.create (stream)', () => {
  it('yields only known event types in the order of §5.3 (b), and the text equals the unary answer', async () => {
    // A seed, so the second (unary) request gets the same sample rather than a new one.
    const body = { input: 'Stream me a story', generation_config: { thinking_summaries: 'auto', seed: 7 } };
    const events = await streamEvents(body);
    for (const e of events) expect(Object.keys(KNOWN_EVENT_TYPES)).toContain(e.event_type);
    expect(events.every((e) => typeof e.event_id === 'string')).toBe(true);
    expect(shape(events)).toEqual([
      'interaction.created',
      'interaction.status_update',
      'step.start',
      'step.delta:thought_summary*',
      'step.delta:thought_signature',
      'step.stop',
      'step.start',
      'step.delta:text*',
      'step.stop',
      'interaction.completed',
    ]);
    expect(events.filter((e) => e.delta?.type === 'thought_summary')).toHaveLength(3);
    const starts = events.filter((e) => e.event_type === 'step.start');
    expect(starts.map((e) => [e.index, (e.step as { type: string }).type])).toEqual([
      [0, 'thought'],
      [1, 'model_output'],
    ]);
    const completed = events.at(-1) as Event & { interaction: Record<string, unknown> };
    expect(completed.interaction.status).toBe('completed');
    expect(completed.interaction.steps).toBeUndefined();
    expect(completed.interaction.id).toBe((events[0] as Event & { interaction: { id: string } }).interaction.id);

    const text = events.filter((e) => e.delta?.type === 'text').map((e) => e.delta?.text).join('');
    const unary = await ai.interactions.create({ model: MODEL, ...body } as never, NO_RETRY);
    expect(text).toBe((unary as { output_text: string }).output_text);
    const [sent] = fake.interactionRequests();
    expect(sent?.headers.accept).toBe('text/event-stream');
    expect(sent?.body).toEqual({ model: MODEL, ...body, stream: true });
    expect(sent?.headers['api-revision']).toBe('2026-05-20');
  });

  it('follows §5.3 (a) without summaries: the thought step carries only its signature', async () => {
    const events = await streamEvents({ input: 'Plain stream' });
    expect(shape(events).slice(2, 5)).toEqual(['step.start', 'step.delta:thought_signature', 'step.stop']);
    expect(events.find((e) => e.delta?.type === 'thought_signature')?.delta?.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('yields the error event instead of throwing, and no interaction.completed follows', async () => {
    const events = await streamEvents({ input: 'Break it [[fault:error-event]]' });
    const last = events.at(-1) as Event & { error: { code: string; message: string } };
    expect(last.event_type).toBe('error');
    expect(last.error).toEqual({ code: 'gateway_timeout', message: 'Deadline expired before operation could complete.' });
    expect(events.some((e) => e.event_type === 'interaction.completed')).toBe(false);
    expect(events.filter((e) => e.delta?.type === 'text').length).toBeGreaterThan(0);
  });

  it('surfaces a cut connection as APIConnectionError', async () => {
    await expect(streamEvents({ input: 'Cut it [[fault:cut]]' })).rejects.toMatchObject({ name: 'APIConnectionError' });
  });
});

type SdkEvent = Interactions.InteractionSSEEvent;
type SdkStep = Interactions.Step;
type SdkDelta = Interactions.StepDelta['delta'];

/** Narrows a step or delta of the SDK's unions by its type, so the test reads the fields the typings declare. */
function ofType<T extends { type: string }, K extends T['type']>(value: T | undefined, type: K): Extract<T, { type: K }> {
  expect(value?.type).toBe(type);
  return value as Extract<T, { type: K }>;
}

/** The SDK's events of one stream, grouped per step index: its step.start step, its deltas, and whether it stopped. */
async function sdkSteps(body: Interactions.InteractionCreateParams.CreateModelInteractionParamsStreaming) {
  const stream = await ai.interactions.create(body, NO_RETRY);
  const events: SdkEvent[] = [];
  for await (const event of stream) events.push(event);
  const steps: { start: SdkStep; deltas: SdkDelta[]; stopped: boolean }[] = [];
  for (const event of events) {
    if (event.event_type === 'step.start') steps[event.index] = { start: event.step, deltas: [], stopped: false };
    if (event.event_type === 'step.delta') {
      expect(steps[event.index]?.stopped).toBe(false);
      steps[event.index]?.deltas.push(event.delta);
    }
    if (event.event_type === 'step.stop') steps[event.index]!.stopped = true;
  }
  expect(steps.every((s) => s.stopped)).toBe(true);
  const completed = events.find((e): e is Extract<SdkEvent, { event_type: 'interaction.completed' }> => e.event_type === 'interaction.completed');
  return { steps, interaction: completed!.interaction };
}

const WEATHER_FN: Interactions.Tool = {
  type: 'function',
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } }, required: ['city'] },
};

describe('tools (stream)', () => {
  it('streams every server-tool step type, and the SDK yields each start, delta and stop with the typed fields', async () => {
    const tools: Interactions.Tool[] = [
      { type: 'google_search' },
      { type: 'url_context' },
      { type: 'code_execution' },
      { type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com/sse', headers: { Authorization: 'Bearer t' }, allowed_tools: [{ tools: ['lookup'] }] },
    ];
    const { steps, interaction } = await sdkSteps({ model: MODEL, input: 'Read https://example.org/a b [[cite:2]]', tools, stream: true });
    expect(steps.map((s) => s.start.type)).toEqual([
      'thought',
      'google_search_call',
      'google_search_result',
      'url_context_call',
      'url_context_result',
      'code_execution_call',
      'code_execution_result',
      'mcp_server_tool_call',
      'mcp_server_tool_result',
      'model_output',
    ]);
    const search = ofType(steps[1]?.start, 'google_search_call');
    expect(search.arguments.queries).toEqual(['Read https://example.org/a b', 'Read https://example.org/a b explained']);
    expect(ofType(steps[2]?.start, 'google_search_result').call_id).toBe(search.id);
    expect(ofType(steps[2]?.deltas[0], 'google_search_result').result[0]?.search_suggestions).toMatch(/^<div/);

    const fetch = ofType(steps[3]?.start, 'url_context_call');
    expect(fetch.arguments).toEqual({});
    expect(ofType(steps[3]?.deltas[0], 'url_context_call').arguments.urls).toEqual(['https://example.org/a']);
    expect(ofType(steps[4]?.start, 'url_context_result').call_id).toBe(fetch.id);
    expect(ofType(steps[4]?.deltas[0], 'url_context_result').result).toEqual([{ url: 'https://example.org/a', status: 'success' }]);

    const code = ofType(steps[5]?.deltas[0], 'code_execution_call');
    expect(code.arguments.language).toBe('python');
    expect(code.arguments.code).toContain('print(len(words))');
    const output = ofType(steps[6]?.deltas[0], 'code_execution_result');
    expect([output.result, output.is_error]).toEqual(['3\n', undefined]);

    const mcp = ofType(steps[7]?.start, 'mcp_server_tool_call');
    expect([mcp.name, mcp.server_name, mcp.arguments]).toEqual(['lookup', 'docs', { query: 'Read https://example.org/a b' }]);
    expect(steps[7]?.deltas).toEqual([]);
    const mcpResult = ofType(steps[8]?.deltas[0], 'mcp_server_tool_result');
    expect([mcpResult.name, mcpResult.server_name, mcpResult.result]).toEqual(['lookup', 'docs', [{ type: 'text', text: expect.stringContaining('(headers: Authorization)') }]]);

    const output_ = steps[9]!.deltas;
    const text = output_.map((d) => (d.type === 'text' ? d.text : '')).join('');
    const annotations = output_.flatMap((d) => (d.type === 'text_annotation_delta' ? (d.annotations ?? []) : []));
    expect(output_.at(-1)?.type).toBe('text_annotation_delta');
    expect(annotations.map((a) => ofType(a, 'url_citation'))).toEqual([
      { type: 'url_citation', url: 'https://example.com/source-1', title: 'Source 1', start_index: 0, end_index: Math.floor(text.length / 2) },
      { type: 'url_citation', url: 'https://example.com/source-2', title: 'Source 2', start_index: Math.floor(text.length / 2), end_index: text.length },
    ]);
    expect(interaction.status).toBe('completed');
    expect(interaction.usage?.grounding_tool_count).toEqual([{ type: 'google_search', count: 1 }]);
    expect(interaction.usage?.total_tool_use_tokens).toBeGreaterThan(0);
  });
});

describe('function calling', () => {
  it('a streamed function_call requires action; its result goes back via previous_interaction_id', async () => {
    const { steps, interaction } = await sdkSteps({ model: MODEL, input: 'Weather? [[chunk:8]]', tools: [WEATHER_FN], stream: true });
    const call = ofType(steps[1]?.start, 'function_call');
    expect([call.name, call.arguments]).toEqual(['get_weather', {}]);
    const fragments = steps[1]!.deltas.map((d) => ofType(d, 'arguments_delta').arguments ?? '');
    expect(fragments.length).toBeGreaterThan(1);
    expect(JSON.parse(fragments.join(''))).toEqual({ city: 'echo', days: 1 });
    expect(steps.map((s) => s.start.type)).toEqual(['thought', 'function_call']);
    expect(interaction.status).toBe('requires_action');

    const result: Interactions.FunctionResultStep = { type: 'function_result', call_id: call.id, name: call.name, result: { temp: 21 } };
    const answer = await ai.interactions.create({ model: MODEL, tools: [WEATHER_FN], previous_interaction_id: interaction.id, input: [result] }, NO_RETRY);
    expect(answer.status).toBe('completed');
    expect(answer.output_text).toMatch(/^Results: get_weather=\{"temp":21\}\nEcho: .* turn=1 /);
  });

  it('stateless: the unary requires_action steps go back with the result, and a missing result is a BadRequestError', async () => {
    const first = await ai.interactions.create({ model: MODEL, input: 'Weather?', tools: [WEATHER_FN], store: false }, NO_RETRY);
    expect(first.status).toBe('requires_action');
    expect(first.output_text).toBeUndefined();
    const call = ofType(first.steps.at(-1), 'function_call');
    expect(schemaErrors(WEATHER_FN.parameters as object, call.arguments)).toEqual([]);
    const history: Interactions.Step[] = [{ type: 'user_input', content: [{ type: 'text', text: 'Weather?' }] }, ...first.steps];
    const result: Interactions.FunctionResultStep = { type: 'function_result', call_id: call.id, name: call.name, result: 'sunny' };
    const second = await ai.interactions.create({ model: MODEL, tools: [WEATHER_FN], store: false, input: [...history, result] }, NO_RETRY);
    expect(second.output_text).toMatch(/^Results: get_weather="sunny"\n/);
    await expect(ai.interactions.create({ model: MODEL, tools: [WEATHER_FN], store: false, input: history }, NO_RETRY)).rejects.toMatchObject({
      name: 'BadRequestError',
      status: 400,
      message: expect.stringContaining(`function_call "get_weather" (id "${call.id}", at input[2]) has no function_result in input.`),
    });
  });
});

describe('a line before the calls ([[say-first]])', () => {
  it('streams a model_output step before the function_call, which the SDK reads as the output_text; after the results, output_text is the JSON', async () => {
    const schema = { type: 'object', properties: { sky: { type: 'string' } }, required: ['sky'] };
    const format = { type: 'text', mime_type: 'application/json', schema } as const;
    const { steps, interaction } = await sdkSteps({ model: MODEL, input: 'Weather? [[say-first]]', tools: [WEATHER_FN], response_format: format, stream: true });
    expect(steps.map((s) => s.start.type)).toEqual(['thought', 'model_output', 'function_call']);
    expect(steps[1]!.deltas.map((d) => ofType(d, 'text').text).join('')).toBe('Let me look that up first.');
    const unary = await ai.interactions.create({ model: MODEL, input: 'Weather? [[say-first]]', tools: [WEATHER_FN], response_format: format }, NO_RETRY);
    expect(unary.output_text).toBe('Let me look that up first.');
    const call = ofType(steps[2]?.start, 'function_call');
    const result: Interactions.FunctionResultStep = { type: 'function_result', call_id: call.id, name: call.name, result: 'sunny' };
    const answer = await ai.interactions.create({ model: MODEL, tools: [WEATHER_FN], response_format: format, previous_interaction_id: interaction.id, input: [result] }, NO_RETRY);
    expect(schemaErrors(schema, JSON.parse(answer.output_text!))).toEqual([]);
  });
  it('with a search: a model_output step before the google_search steps, and output_text is the answer after them', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const format = { type: 'text', mime_type: 'application/json', schema } as const;
    const request = { model: MODEL, input: 'Capital of France? [[say-first]]', tools: [{ type: 'google_search' as const }], response_format: format };
    const { steps } = await sdkSteps({ ...request, stream: true });
    expect(steps.map((s) => s.start.type)).toEqual(['thought', 'model_output', 'google_search_call', 'google_search_result', 'model_output']);
    expect(steps[1]!.deltas.map((d) => ofType(d, 'text').text).join('')).toBe('Let me look that up first.');
    const unary = await ai.interactions.create(request, NO_RETRY);
    expect(unary.steps!.map((s) => s.type)).toEqual(['thought', 'model_output', 'google_search_call', 'google_search_result', 'model_output']);
    expect(schemaErrors(schema, JSON.parse(unary.output_text!))).toEqual([]);
  });
});

describe('response_format', () => {
  it('output_text is JSON valid against the schema', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, legs: { type: 'integer' } }, required: ['name', 'legs'] };
    const result = await ai.interactions.create(
      { model: MODEL, input: 'A cat as JSON', response_format: { type: 'text', mime_type: 'application/json', schema } },
      NO_RETRY,
    );
    const value = JSON.parse(result.output_text!);
    expect(schemaErrors(schema, value)).toEqual([]);
    expect(value).toEqual({ name: 'echo', legs: 1 });
  });
});

describe('image output', () => {
  it('streams the image as an image delta the SDK types, with real PNG bytes sized by aspect_ratio and image_size', async () => {
    const stream = await ai.interactions.create(
      { model: 'gemini-2.5-flash-image', input: 'A red fox', response_format: { type: 'image', aspect_ratio: '16:9', image_size: '1K' }, stream: true },
      NO_RETRY,
    );
    const images: { data?: string; mime_type?: string }[] = [];
    for await (const event of stream) if (event.event_type === 'step.delta' && event.delta.type === 'image') images.push(event.delta);
    expect(images).toHaveLength(1);
    expect(images[0]!.mime_type).toBe('image/png');
    const png = Buffer.from(images[0]!.data!, 'base64');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 36]);
  });

  it('answers unary with a model_output image step, a JPEG when asked, beside a text schema in one list', async () => {
    const result = await ai.interactions.create(
      {
        model: 'gemini-3-pro-image-preview',
        input: 'A fox',
        response_format: [{ type: 'text', mime_type: 'application/json', schema: { type: 'object' } }, { type: 'image', mime_type: 'image/jpeg' }],
      },
      NO_RETRY,
    );
    const parts = (result.steps ?? []).flatMap((s) => (s.type === 'model_output' ? (s.content ?? []) : []));
    const image = parts.find((p): p is Interactions.ImageContent => p.type === 'image');
    const jpeg = Buffer.from(image!.data!, 'base64');
    expect(image!.mime_type).toBe('image/jpeg');
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('refuses image output from a model that makes no images (BadRequestError)', async () => {
    await expect(
      ai.interactions.create({ model: MODEL, input: 'A fox', response_format: { type: 'image' } }, NO_RETRY),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/Image output is not supported by gemini-3-flash-preview/) });
  });
});

describe('multi-turn', () => {
  it('chains turns with previous_interaction_id (turn=2, then turn=3)', async () => {
    const first = await ai.interactions.create({ model: MODEL, input: 'I have 2 dogs.' }, NO_RETRY);
    const second = await ai.interactions.create({ model: MODEL, input: 'How many paws?', previous_interaction_id: first.id }, NO_RETRY);
    expect(second.output_text).toContain(' turn=2 ');
    expect(second.output_text).toContain('Prompt: How many paws?');
    expect(second.usage!.total_input_tokens!).toBeGreaterThan(first.usage!.total_input_tokens! + first.usage!.total_output_tokens! - 1);
    const third = await ai.interactions.create({ model: MODEL, input: 'And tails?', previous_interaction_id: second.id }, NO_RETRY);
    expect(third.output_text).toContain(' turn=3 ');
    expect(fake.interactionRequests()[1]?.body).toMatchObject({ previous_interaction_id: first.id });
  });

  it('runs stateless with store:false and a steps history; such an interaction cannot be chained or fetched', async () => {
    const first = await ai.interactions.create({ model: MODEL, input: 'I have 2 dogs.', store: false }, NO_RETRY);
    const history = [{ type: 'user_input', content: [{ type: 'text', text: 'I have 2 dogs.' }] }, ...first.steps];
    const second = await ai.interactions.create(
      {
        model: MODEL,
        store: false,
        input: [...history, { type: 'user_input', content: [{ type: 'text', text: 'How many paws?' }] }],
      } as never,
      NO_RETRY,
    );
    expect((second as { output_text: string }).output_text).toMatch(/ turn=2 [^\n]*\nPrompt: How many paws\?\n/);
    await expect(ai.interactions.create({ model: MODEL, input: 'x', previous_interaction_id: first.id }, NO_RETRY)).rejects.toMatchObject({
      name: 'NotFoundError',
      status: 404,
    });
    await expect(ai.interactions.get(first.id, {}, NO_RETRY)).rejects.toMatchObject({ status: 404 });
  });
});

describe('interactions.get / delete', () => {
  it('returns the full timeline including the user_input step, then deletes it', async () => {
    const created = await ai.interactions.create({ model: MODEL, input: 'Remember me' }, NO_RETRY);
    const got = await ai.interactions.get(created.id, {}, NO_RETRY);
    expect(got.steps.map((s) => s.type)).toEqual(['user_input', 'thought', 'model_output']);
    expect(got.steps[0]).toEqual({ type: 'user_input', content: [{ type: 'text', text: 'Remember me' }] });
    expect(got.output_text).toBe(created.output_text);
    expect(fake.requests.at(-1)?.query.stream).toBe('false');
    await ai.interactions.delete(created.id, {}, NO_RETRY);
    await expect(ai.interactions.get(created.id, {}, NO_RETRY)).rejects.toMatchObject({ status: 404 });
  });
});

describe('HTTP errors map to the SDK error classes', () => {
  const cases: [number, string, string, string, string][] = [
    [400, 'BadRequestError', 'Request contains an invalid argument.', 'invalid_request', 'INVALID_ARGUMENT'],
    [403, 'PermissionDeniedError', 'The caller does not have permission', 'permission_denied', 'PERMISSION_DENIED'],
    [404, 'NotFoundError', 'Requested entity was not found.', 'not_found', 'NOT_FOUND'],
    [429, 'RateLimitError', 'You exceeded your current quota', 'resource_exhausted', 'RESOURCE_EXHAUSTED'],
    [500, 'InternalServerError', 'An internal error has occurred.', 'internal', 'INTERNAL'],
    [503, 'InternalServerError', 'The model is overloaded. Please try again later.', 'unavailable', 'UNAVAILABLE'],
  ];
  for (const dialect of ['google', 'interactions'] as const) {
    for (const [status, name, message, code, rpc] of cases) {
      it(`${status} in the ${dialect} dialect → ${name}`, async () => {
        const input = `Fail [[fault:http-${status}]] [[dialect:${dialect}]]`;
        const error = await ai.interactions.create({ model: MODEL, input }, NO_RETRY).then(
          () => undefined,
          (e: unknown) => e as { name: string; status: number; message: string; error: { error: Record<string, unknown> } },
        );
        expect(error).toMatchObject({ name, status });
        expect(error?.message).toContain(`${status} ${message}`);
        expect(error?.error.error.code).toBe(dialect === 'google' ? status : code);
        expect(error?.error.error.status).toBe(dialect === 'google' ? rpc : undefined);
      });
    }
  }

  it('an HTML 503 still maps by status', async () => {
    await expect(ai.interactions.create({ model: MODEL, input: '[[fault:html-503]]' }, NO_RETRY)).rejects.toMatchObject({
      name: 'InternalServerError',
      status: 503,
    });
  });

  it('503-once: the SDK retry of the same body succeeds', async () => {
    const result = await ai.interactions.create({ model: MODEL, input: 'Retry me [[fault:503-once]]' }, { maxRetries: 2 });
    expect(result.status).toBe('completed');
    expect(fake.interactionRequests().length).toBe(2);
  });
});

describe('models', () => {
  it('models.list pages through the whole catalog with pageToken', async () => {
    const pager = await ai.models.list({ config: { pageSize: 4 } });
    const names: string[] = [];
    for await (const model of pager) names.push(model.name ?? '');
    expect(names).toEqual(CATALOG.map((m) => m.name));
    const pages = fake.requests.filter((r) => r.path === '/v1beta/models');
    expect(pages.map((r) => r.query.pageToken !== undefined)).toEqual([false, true, true]);
    const embedding = (await ai.models.get({ model: 'gemini-embedding-001' })) as { supportedActions?: string[] };
    expect(embedding.supportedActions).not.toContain('generateContent');
  });
});

describe('files', () => {
  it('files.upload of a small PNG completes and returns a uri on this server', async () => {
    const file = await ai.files.upload({ file: new Blob([PNG], { type: 'image/png' }), config: { displayName: 'pixel' } });
    expect(file).toMatchObject({ displayName: 'pixel', mimeType: 'image/png', sizeBytes: String(PNG.length), state: 'ACTIVE', source: 'UPLOADED' });
    expect(file.uri).toBe(`${fake.url}/v1beta/files/${file.name!.replace('files/', '')}`);
    const [start, bytes] = fake.requests;
    expect(start?.body).toEqual({ file: { mimeType: 'image/png', displayName: 'pixel', sizeBytes: String(PNG.length) } });
    expect(start?.headers['x-goog-upload-protocol']).toBe('resumable');
    expect(bytes?.body).toEqual({ bytes: PNG.length });
    expect(bytes?.headers['x-goog-upload-command']).toBe('upload, finalize');
    expect(await ai.files.get({ name: file.name! })).toMatchObject({ name: file.name, uri: file.uri });
  });

  it('files.upload rejects when the byte upload answers 500', async () => {
    fake.failNextUploads(1);
    await expect(ai.files.upload({ file: new Blob([PNG], { type: 'image/png' }) })).rejects.toMatchObject({ status: 500 });
    // An HTTP error is thrown at once: the SDK's per-chunk retry only covers 2xx answers without an upload status.
    expect(fake.requests.filter((r) => r.query.upload_id !== undefined)).toHaveLength(1);
  });
});
