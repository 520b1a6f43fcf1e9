// Function calling: the model calls declared functions with arguments from their schemas, the interaction
// requires action, and the function results (server mode or stateless) must answer exactly the pending calls.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeApi, startFakeApi } from './server';
import { assembleSteps, parseSse, postJson, schemaErrors } from './test-support';

const MODEL = 'gemini-3-flash-preview';
const WEATHER = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'integer', minimum: 1 },
      where: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } }, required: ['lat', 'lon'] },
      alerts: { type: 'array', items: { type: 'string' } },
      detailed: { type: 'boolean' },
    },
    required: ['city', 'where'],
  },
};
const TIME = { type: 'function', name: 'get_time' };
const TOOLS = [WEATHER, TIME];
let fake: FakeApi;

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

type Json = Record<string, any>;

async function create(body: Json): Promise<{ status: number; json: Json }> {
  const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, tools: TOOLS, ...body });
  return { status: res.status, json: (await res.json()) as Json };
}

async function ok(body: Json): Promise<Json> {
  const { status, json } = await create(body);
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

async function refusal(body: Json): Promise<string> {
  const { status, json } = await create(body);
  expect(status, JSON.stringify(json)).toBe(400);
  expect(json.error.code).toBe('invalid_request');
  return json.error.message as string;
}

const calls = (json: Json) => json.steps.filter((s: Json) => s.type === 'function_call');
const answer = (json: Json) => json.steps.at(-1).content[0].text as string;
const resultFor = (call: Json, result: unknown) => ({ type: 'function_result', call_id: call.id, name: call.name, result });
const user = (text: string) => ({ type: 'user_input', content: [{ type: 'text', text }] });

describe('calls', () => {
  it('calls the first declared function with arguments valid against its schema, and requires action', async () => {
    const json = await ok({ input: 'Weather in Oslo?' });
    expect(json.status).toBe('requires_action');
    expect(json.steps.map((s: Json) => s.type)).toEqual(['thought', 'function_call']);
    const [call] = calls(json);
    expect(call).toEqual({
      type: 'function_call',
      id: expect.stringMatching(/^[0-9a-f]{12}$/),
      name: 'get_weather',
      arguments: { city: 'echo', unit: 'celsius', days: 1, where: { lat: 1, lon: 1 }, alerts: ['golf'], detailed: true },
    });
    expect(schemaErrors(WEATHER.parameters, call.arguments)).toEqual([]);
    expect(json.usage.total_output_tokens).toBe(Math.ceil((JSON.stringify(call.arguments).length + 'get_weather'.length) / 4));
  });

  it('[[call:NAME]] picks the function, [[parallel]] calls every one, allowed_tools restricts them, none calls none', async () => {
    expect(calls(await ok({ input: 'Time? [[call:get_time]]' })).map((c: Json) => [c.name, c.arguments])).toEqual([['get_time', {}]]);
    expect(calls(await ok({ input: 'Both [[parallel]]' })).map((c: Json) => c.name)).toEqual(['get_weather', 'get_time']);
    const onlyTime = { tool_choice: { allowed_tools: { mode: 'any', tools: ['get_time'] } } };
    expect(calls(await ok({ input: 'Both [[parallel]]', generation_config: onlyTime })).map((c: Json) => c.name)).toEqual(['get_time']);
    expect(calls(await ok({ input: 'Weather [[call:get_weather]]', generation_config: onlyTime })).map((c: Json) => c.name)).toEqual(['get_time']);
    for (const choice of ['none', { allowed_tools: { mode: 'none' } }]) {
      const json = await ok({ input: 'Weather?', generation_config: { tool_choice: choice } });
      expect(json.status).toBe('completed');
      expect(calls(json)).toEqual([]);
    }
  });

  it('streams step.start with empty arguments, then arguments_delta fragments of the JSON, and completes requiring action', async () => {
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, tools: TOOLS, input: 'Both [[parallel]] [[chunk:10]]', stream: true });
    const events = parseSse(await res.text());
    const starts = events.filter((e) => e.event === 'step.start').map((e) => e.json?.step as Json);
    expect(starts.slice(1)).toEqual([
      { type: 'function_call', id: expect.any(String), name: 'get_weather', arguments: {} },
      { type: 'function_call', id: expect.any(String), name: 'get_time', arguments: {} },
    ]);
    const fragments = events.filter((e) => e.json?.index === 1 && e.event === 'step.delta').map((e) => e.json?.delta as Json);
    expect(fragments.every((d) => d.type === 'arguments_delta' && d.arguments.length <= 10)).toBe(true);
    expect(fragments.length).toBeGreaterThan(5);
    const steps = assembleSteps(events);
    expect(schemaErrors(WEATHER.parameters, steps[1]?.arguments)).toEqual([]);
    expect(steps[2]?.arguments).toEqual({});
    expect(events.some((e) => (e.json?.step as Json | undefined)?.type === 'model_output')).toBe(false);
    expect((events.at(-2)?.json?.interaction as Json).status).toBe('requires_action');
  });

  it('[[say-first]]: a line of text in a model_output step before the calls, streamed and returned alike; a schema answer follows the results', async () => {
    const body = { input: 'Weather? [[say-first]]', response_format: { type: 'text', mime_type: 'application/json', schema: { type: 'object', properties: { sky: { type: 'string' } }, required: ['sky'] } } };
    const first = await ok(body);
    expect(first.status).toBe('requires_action');
    const kinds = first.steps.map((s: Json) => s.type).filter((t: string) => t !== 'thought');
    expect(kinds).toEqual(['model_output', 'function_call']);
    expect(first.steps.find((s: Json) => s.type === 'model_output').content).toEqual([{ type: 'text', text: 'Let me look that up first.' }]);
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, tools: TOOLS, ...body, stream: true });
    const streamed = assembleSteps(parseSse(await res.text())).filter((s) => s.type !== 'thought');
    expect(streamed.map((s) => s.type)).toEqual(['model_output', 'function_call']);
    expect(streamed[0]?.content).toEqual([{ type: 'text', text: 'Let me look that up first.' }]);
    const second = await ok({ previous_interaction_id: first.id, response_format: body.response_format, input: [resultFor(calls(first)[0], 'sunny')] });
    expect(second.status).toBe('completed');
    expect(schemaErrors(body.response_format.schema, JSON.parse(answer(second)))).toEqual([]);
  });
});

describe('results', () => {
  it('server mode: results via previous_interaction_id reach the model typed, and the turn goes on', async () => {
    const first = await ok({ input: 'Both [[parallel]]' });
    const [weather, time] = calls(first);
    const second = await ok({
      previous_interaction_id: first.id,
      input: [resultFor(time, 'noon'), resultFor(weather, { temp: 21.5, sky: ['clear'], ok: true, none: null })],
    });
    expect(second.status).toBe('completed');
    expect(answer(second)).toMatch(/^Results: get_time="noon"; get_weather=\{"temp":21.5,"sky":\["clear"\],"ok":true,"none":null\}\nEcho: model=gemini-3-flash-preview turn=1 .*\nPrompt: Both \[\[parallel\]\]\n/);
    expect(second.usage.total_cached_tokens).toBe(first.usage.total_input_tokens + first.usage.total_output_tokens);
  });

  it('stateless: the history carries the calls before their results, and the answer is the same', async () => {
    const first = await ok({ input: 'Weather?', store: false });
    const [call] = calls(first);
    const history = [user('Weather?'), ...first.steps, resultFor(call, [{ type: 'text', text: 'sunny' }])];
    const second = await ok({ store: false, input: history });
    expect(answer(second)).toMatch(/^Results: get_weather=\[\{"type":"text","text":"sunny"\}\]\nEcho: .* turn=1 /);
  });

  it('[[call-twice]] calls again after the first results, then answers with both rounds, in either mode', async () => {
    const prompt = 'Twice [[call-twice]]';
    const round1 = await ok({ input: prompt });
    const round2 = await ok({ previous_interaction_id: round1.id, input: [resultFor(calls(round1)[0], { n: 1 })] });
    expect(round2.status).toBe('requires_action');
    expect(calls(round2)[0].id).not.toBe(calls(round1)[0].id);
    const round3 = await ok({ previous_interaction_id: round2.id, input: [resultFor(calls(round2)[0], 'two')] });
    expect(answer(round3)).toMatch(/^Results: get_weather=\{"n":1\}; get_weather="two"\n/);

    const s1 = await ok({ input: prompt, store: false });
    const h1 = [user(prompt), ...s1.steps, resultFor(calls(s1)[0], { n: 1 })];
    const s2 = await ok({ store: false, input: h1 });
    expect(s2.status).toBe('requires_action');
    const s3 = await ok({ store: false, input: [...h1, ...s2.steps, resultFor(calls(s2)[0], 'two')] });
    // The filler after these lines is sampled per request body, which differs between the modes.
    const head = (text: string) => text.split('\n').slice(0, 3);
    expect(head(answer(s3))).toEqual(head(answer(round3)));
  });
});

describe('results that do not answer the pending calls', () => {
  it('server mode: an unknown call_id, a call answered twice or not at all, a result after a finished turn', async () => {
    const first = await ok({ input: 'Both [[parallel]]' });
    const [weather, time] = calls(first);
    const previous = { previous_interaction_id: first.id };
    expect(await refusal({ ...previous, input: [resultFor(weather, 'a'), { ...resultFor(time, 'b'), call_id: 'nope' }] })).toBe(
      `input[1].call_id "nope" matches no pending function_call (pending ids: ${time.id}).`,
    );
    expect(await refusal({ ...previous, input: [resultFor(weather, 'a'), resultFor(weather, 'b'), resultFor(time, 'c')] })).toBe(
      `input[1].call_id "${weather.id}" was already answered at input[0].`,
    );
    expect(await refusal({ ...previous, input: [resultFor(weather, 'a')] })).toBe(
      `function_call "get_time" (id "${time.id}", in previous_interaction_id) has no function_result in input.`,
    );
    expect(await refusal({ ...previous, input: 'Never mind' })).toBe(
      `function_call "get_weather" (id "${weather.id}", in previous_interaction_id) has no function_result before the user_input at input.`,
    );
    const done = await ok({ input: 'Hi', tools: [] });
    expect(await refusal({ previous_interaction_id: done.id, input: [resultFor(weather, 'a')] })).toBe(
      `input[0].call_id "${weather.id}" matches no pending function_call (no function_call is pending).`,
    );
  });

  it('stateless: a result needs its call earlier in the input, and every call needs its result', async () => {
    const call = { type: 'function_call', id: 'c1', name: 'get_time', arguments: {} };
    const result = { type: 'function_result', call_id: 'c1', result: 'noon' };
    expect(await refusal({ store: false, input: [user('x'), result, call] })).toBe('input[1].call_id "c1" matches no pending function_call (no function_call is pending).');
    expect(await refusal({ store: false, input: [user('x'), call] })).toBe('function_call "get_time" (id "c1", at input[1]) has no function_result in input.');
    expect(await refusal({ store: false, input: [user('x'), call, user('y'), result] })).toBe(
      'function_call "get_time" (id "c1", at input[1]) has no function_result before the user_input at input[2].',
    );
    expect(answer(await ok({ store: false, input: [user('x'), call, result] }))).toMatch(/^Results: get_time="noon"\n/);
  });

  it('refuses a function_result without a call_id or with a result that is not a string, an object or content parts', async () => {
    const call = { type: 'function_call', id: 'c1', name: 'get_time', arguments: {} };
    expect(await refusal({ input: [user('x'), call, { type: 'function_result', result: 'r' }] })).toBe('input[2].call_id must be a non-empty string.');
    expect(await refusal({ input: [user('x'), call, { type: 'function_result', call_id: 'c1', result: 42 }] })).toBe(
      'input[2].result must be a string, an object or an array.',
    );
    expect(await refusal({ input: [user('x'), call, { type: 'function_result', call_id: 'c1', result: [1, 2] }] })).toBe('input[2].result[0] must be an object.');
    expect(await refusal({ input: [user('x'), { ...call, id: undefined }] })).toBe('input[1].id must be a non-empty string.');
  });
});
