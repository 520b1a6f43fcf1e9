// Scripted answers (issue 17): a case's markers fix the answer's text, or the judge's verdict, exactly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERDICT_SCHEMA, parseVerdict, rubricRequest } from '../../src-shared/eval/assertions';
import { buildCreateRequest } from '../../src-shared/request';
import { scriptedAnswer, scriptedVerdict } from './scripted';
import { type FakeApi, startFakeApi } from './server';
import { parseSse, postJson, textOf } from './test-support';

const MODEL = 'gemini-3-flash-preview';
/** What a judge is shown of the case beside the answer. */
const CASE = { values: {}, prompt: 'Capital of France?' };

describe('scriptedAnswer', () => {
  it('[[answer:TEXT]] is TEXT as written, up to the first ]]', () => {
    expect(scriptedAnswer('Capital of France? [[answer:Paris]] thanks', MODEL)).toBe('Paris');
    expect(scriptedAnswer('[[answer: a [b] c ]]', MODEL)).toBe(' a [b] c ');
    expect(scriptedAnswer('[[answer:]]', MODEL)).toBe('');
  });

  it('[[answer:"…"]] is a JSON string, so the answer may hold ]], line breaks and quotes', () => {
    expect(scriptedAnswer('[[answer:"Paris [[judge:pass]]\\nsecond \\"line\\""]]', MODEL)).toBe('Paris [[judge:pass]]\nsecond "line"');
    // A quote that does not start a JSON string is text like any other.
    expect(scriptedAnswer('[["x"]] [[answer:"unclosed]] rest', MODEL)).toBe('"unclosed');
  });

  it('[[json:VALUE]] is the JSON as written, however many ]] it holds; not JSON, no marker', () => {
    expect(scriptedAnswer('[[json: {"a": [[1, 2]], "b": "]]"} ]]', MODEL)).toBe('{"a": [[1, 2]], "b": "]]"}');
    expect(scriptedAnswer('[[json:[[1]]]]', MODEL)).toBe('[[1]]');
    expect(scriptedAnswer('[[json:{a: 1}]]', MODEL)).toBeUndefined();
  });

  it('a marker naming a model answers for that model only, before any unscoped one', () => {
    const prompt = '[[answer:everyone]] [[answer@gemini-2.5-pro:pro only]] [[json@models/gemini-2.5-flash:{"f": 1}]]';
    expect(scriptedAnswer(prompt, 'models/gemini-2.5-pro')).toBe('pro only');
    expect(scriptedAnswer(prompt, 'gemini-2.5-flash')).toBe('{"f": 1}');
    expect(scriptedAnswer(prompt, MODEL)).toBe('everyone');
    expect(scriptedAnswer('[[answer@gemini-2.5-pro:pro only]]', MODEL)).toBeUndefined();
  });

  it('no marker, no scripted answer', () => {
    expect(scriptedAnswer('Plain [[len:50]] prompt [answer:x]', MODEL)).toBeUndefined();
  });
});

describe('scriptedVerdict', () => {
  it('reads pass or fail and the reason up to ]]; the last marker counts', () => {
    expect(scriptedVerdict('x [[judge:fail:too vague: no [city] named]] y')).toEqual({ pass: false, reason: 'too vague: no [city] named' });
    expect(scriptedVerdict('<rubric>[[judge:fail]]</rubric><answer>[[judge:pass:fine]]</answer>')).toEqual({ pass: true, reason: 'fine' });
    expect(scriptedVerdict('[[judge:pass]]')).toEqual({ pass: true, reason: 'Scripted pass: the answer meets the rubric.' });
    expect(scriptedVerdict('[[judge:maybe]]')).toBeUndefined();
  });
});

describe('the fake answers as scripted', () => {
  let fake: FakeApi;
  beforeAll(async () => {
    fake = await startFakeApi();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.clear());

  async function answer(body: Record<string, unknown>): Promise<{ text: string; status: string }> {
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, ...body });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { status: string; steps: { type: string; content?: { text: string }[] }[] };
    const output = json.steps.filter((s) => s.type === 'model_output').flatMap((s) => s.content ?? []);
    return { text: output.map((c) => c.text).join(''), status: json.status };
  }

  it('the whole answer is the scripted text, unary and streamed, the same every time', async () => {
    const body = { input: 'Capital? [[answer:"Paris\\n"]]', generation_config: { temperature: 1 } };
    expect(await answer(body)).toEqual({ text: 'Paris\n', status: 'completed' });
    // A repeat samples anew without a script (answers.ts); a scripted one stays.
    expect((await answer(body)).text).toBe('Paris\n');
    const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, ...body, stream: true });
    expect(textOf(parseSse(await res.text()))).toBe('Paris\n');
  });

  it('a scripted answer wins over structured output, so a test can break a schema; max_output_tokens still cuts it', async () => {
    const format = { type: 'text', mime_type: 'application/json', schema: { type: 'object', properties: { city: { type: 'string' } } } };
    expect((await answer({ input: '[[answer:not json]]', response_format: format })).text).toBe('not json');
    expect((await answer({ input: '[[json:{"city": 7}]]', response_format: format })).text).toBe('{"city": 7}');
    expect(await answer({ input: `[[answer:${'x'.repeat(40)}]]`, generation_config: { max_output_tokens: 5 } })).toEqual({ text: 'x'.repeat(20), status: 'incomplete' });
  });

  it('each pane of a comparison gets the answer scripted for its model', async () => {
    const input = 'Q [[answer:same]] [[answer@gemini-2.5-pro:different]]';
    expect((await answer({ input })).text).toBe('same');
    expect((await answer({ input, model: 'gemini-2.5-pro' })).text).toBe('different');
  });

  it("the app's rubric request gets the verdict scripted in the graded answer, which the app reads as such", async () => {
    const { config, input } = rubricRequest('Names the city', 'Paris [[judge:fail:names no country]]', 'gemini-2.5-pro', CASE);
    const body = buildCreateRequest(config, { text: input }, { stream: false });
    const verdict = await answer(body as unknown as Record<string, unknown>);
    expect(parseVerdict(verdict.text)).toEqual({ pass: false, reason: 'names no country' });
    const passing = rubricRequest('Names the city', 'Paris [[judge:pass]]', 'gemini-2.5-pro', CASE);
    const passed = await answer(buildCreateRequest(passing.config, { text: passing.input }, { stream: false }) as unknown as Record<string, unknown>);
    expect(parseVerdict(passed.text)).toEqual({ pass: true, reason: 'Scripted pass: the answer meets the rubric.' });
  });

  it('a judge answers only a verdict, never an answer marker it quotes; without a judge marker it answers a valid one', async () => {
    const format = { type: 'text', mime_type: 'application/json', schema: VERDICT_SCHEMA };
    const quoted = await answer({ input: '<answer>Echo [[answer@gemini-3-flash-preview:Paris]]</answer>', response_format: format });
    expect(parseVerdict(quoted.text)).toEqual({ pass: true, reason: expect.any(String) });
  });

  it('the default answer echoes the prompt, so a judge marker in a case value reaches the judge through it', async () => {
    const graded = (await answer({ input: 'What is 2+2? [[judge:fail:wrong sum]]' })).text;
    const { config, input } = rubricRequest('Is correct', graded, 'gemini-2.5-pro', { values: {}, prompt: 'What is 2+2? [[judge:fail:wrong sum]]' });
    const verdict = await answer(buildCreateRequest(config, { text: input }, { stream: false }) as unknown as Record<string, unknown>);
    expect(parseVerdict(verdict.text)).toEqual({ pass: false, reason: 'wrong sum' });
  });
});
