// Request validation of tools, tool_choice, response_format, safety_settings, media resolution and function
// results: each bad field answers 400 in the API's format with a message that names the field's path.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeApi, startFakeApi } from './server';
import { postJson } from './test-support';

const MODEL = 'gemini-3-flash-preview';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const fn = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'function', name, ...extra });
let fake: FakeApi;

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

async function create(body: Record<string, unknown>): Promise<{ status: number; json: Record<string, any> }> {
  const res = await postJson(fake.url, '/v1beta/interactions', { model: MODEL, input: 'x', ...body });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function refusal(body: Record<string, unknown>): Promise<{ message: string; code: unknown }> {
  const { status, json } = await create(body);
  expect(status, JSON.stringify(json)).toBe(400);
  return json.error as { message: string; code: unknown };
}

describe('tools', () => {
  const cases: [string, unknown, string][] = [
    ['not an array', { type: 'google_search' }, 'tools must be an array.'],
    ['an entry that is not an object', ['google_search'], 'tools[0] must be an object.'],
    ['an unknown type', [{ type: 'google_search' }, { type: 'web_browser' }], 'tools[1].type must be one of google_search, url_context, code_execution, mcp_server, function, computer_use, file_search, google_maps, retrieval.'],
    ['a function without a name', [fn('ok'), { type: 'function' }], 'tools[1].name is required.'],
    ['a function name with a space', [fn('get weather')], 'tools[0].name must start with a letter or an underscore'],
    ['a function name starting with a digit', [fn('1st')], 'tools[0].name must start'],
    ['a function name of 65 characters', [fn(`a${'b'.repeat(64)}`)], 'tools[0].name must start'],
    ['a function declared twice', [fn('a'), fn('b'), fn('a')], 'tools[2].name "a" is declared twice.'],
    ['parameters that are not an object', [fn('a', { parameters: 'string' })], 'tools[0].parameters must be a JSON Schema object.'],
    ['parameters whose type is not object', [fn('a', { parameters: { type: 'string' } })], 'tools[0].parameters.type must be "object".'],
    ['an mcp_server without a name', [{ type: 'mcp_server', url: 'https://mcp.example.com' }], 'tools[0].name is required.'],
    ['an mcp_server without a url', [{ type: 'mcp_server', name: 'm' }], 'tools[0].url is required.'],
    ['an mcp_server on http', [{ type: 'mcp_server', name: 'm', url: 'http://mcp.example.com' }], 'tools[0].url must be an https URL.'],
    ['an mcp_server header that is not a string', [{ type: 'mcp_server', name: 'm', url: 'https://m.example.com', headers: { 'X-N': 1 } }], 'tools[0].headers.X-N must be a string.'],
    ['an mcp_server allowed_tools mode out of the enum', [{ type: 'mcp_server', name: 'm', url: 'https://m.example.com', allowed_tools: [{ mode: 'some' }] }], 'tools[0].allowed_tools[0].mode must be one of auto, any, none, validated.'],
    ['a search type out of the enum', [{ type: 'google_search', search_types: ['web_search', 'news'] }], 'tools[0].search_types[1] must be one of web_search, image_search, enterprise_web_search.'],
  ];
  for (const [what, tools, message] of cases) {
    it(`refuses ${what}`, async () => {
      const error = await refusal({ tools });
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain(message);
    });
  }

  it('refuses a field the tool type does not have, as proto decoding does (camelCase too)', async () => {
    const error = await refusal({ tools: [fn('a', { functionDeclarations: [] })] });
    expect(error.code).toBe(400);
    expect(error.message).toBe('Invalid JSON payload received. Unknown name "functionDeclarations" at \'tools[0]\': Cannot find field.');
  });

  it('accepts every tool type of the typings, well formed', async () => {
    const tools = [
      { type: 'google_search', search_types: ['web_search'] },
      { type: 'url_context' },
      { type: 'code_execution' },
      { type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com/sse', headers: { Authorization: 'Bearer t' }, allowed_tools: [{ tools: ['lookup'] }] },
      fn('get_weather', { description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }),
      fn('_a.b-c'),
      { type: 'computer_use', environment: 'browser' },
      { type: 'file_search', file_search_store_names: ['s'] },
      { type: 'google_maps', latitude: 1, longitude: 2 },
      { type: 'retrieval', retrieval_types: [] },
    ];
    expect((await create({ tools, generation_config: { tool_choice: 'none' } })).status).toBe(200);
  });
});

describe('generation_config.tool_choice', () => {
  const tools = [fn('a'), fn('b')];
  it('refuses a type out of the enum, a field it does not have and a name no function declares', async () => {
    expect((await refusal({ tools, generation_config: { tool_choice: 'required' } })).message).toBe(
      'generation_config.tool_choice must be one of auto, any, none, validated, or {allowed_tools: {mode, tools}}.',
    );
    expect((await refusal({ tools, generation_config: { tool_choice: { mode: 'any' } } })).message).toContain('Unknown name "mode" at \'generation_config.tool_choice\'');
    expect((await refusal({ tools, generation_config: { tool_choice: { allowed_tools: { tools: ['a', 'c'] } } } })).message).toBe(
      'generation_config.tool_choice.allowed_tools.tools[1] "c" names no declared function.',
    );
    expect((await refusal({ tools, generation_config: { tool_choice: { allowed_tools: { mode: 'all' } } } })).message).toBe(
      'generation_config.tool_choice.allowed_tools.mode must be one of auto, any, none, validated.',
    );
  });

  it('accepts each type and an allowed_tools config naming declared functions', async () => {
    for (const choice of ['auto', 'any', 'none', 'validated', { allowed_tools: { mode: 'any', tools: ['b'] } }]) {
      expect((await create({ tools, generation_config: { tool_choice: choice } })).status).toBe(200);
    }
  });
});

describe('response_format and safety_settings', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a format that is not an object', { response_format: 'json' }, 'response_format must be an object.'],
    ['a format type out of the enum', { response_format: { type: 'json' } }, 'response_format.type must be one of text, image, audio, video.'],
    ['a text mime_type out of the enum', { response_format: { type: 'text', mime_type: 'text/csv' } }, 'response_format.mime_type must be one of application/json, text/plain.'],
    ['a schema that is not an object', { response_format: { type: 'text', mime_type: 'application/json', schema: '{}' } }, 'response_format.schema must be a JSON Schema object.'],
    ['a schema without application/json', { response_format: { type: 'text', schema: { type: 'object' } } }, 'response_format.schema needs response_format.mime_type "application/json".'],
    ['a bad entry of a format array', { response_format: [{ type: 'text' }, { type: 'pdf' }] }, 'response_format[1].type must be one of'],
    ['safety_settings that are not an array', { safety_settings: { type: 'harassment' } }, 'safety_settings must be an array.'],
    ['a harm category out of the enum', { safety_settings: [{ type: 'violence', threshold: 'off' }] }, 'safety_settings[0].type must be one of hate_speech, dangerous_content, harassment, sexually_explicit, civic_integrity, image_hate, image_dangerous_content, image_harassment, image_sexually_explicit, jailbreak.'],
    ['a threshold out of the enum', { safety_settings: [{ type: 'harassment', threshold: 'off' }, { type: 'jailbreak', threshold: 'BLOCK_NONE' }] }, 'safety_settings[1].threshold must be one of block_low_and_above, block_medium_and_above, block_only_high, block_none, off.'],
    ['a method out of the enum', { safety_settings: [{ type: 'harassment', threshold: 'off', method: 'score' }] }, 'safety_settings[0].method must be one of severity, probability.'],
  ];
  for (const [what, body, message] of cases) {
    it(`refuses ${what}`, async () => {
      const error = await refusal(body);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain(message);
    });
  }

  it('accepts the formats and settings of the typings', async () => {
    const body = {
      model: 'gemini-2.5-flash-image',
      response_format: [{ type: 'text', mime_type: 'application/json', schema: { type: 'object' } }, { type: 'image', aspect_ratio: '1:1' }],
      safety_settings: [
        { type: 'hate_speech', threshold: 'block_none', method: 'severity' },
        { type: 'image_sexually_explicit', threshold: 'block_only_high' },
      ],
    };
    expect((await create(body)).status).toBe(200);
  });
});

describe('media resolution', () => {
  it('accepts low, medium, high and ultra_high, and names the part whose resolution is out of the enum', async () => {
    for (const resolution of ['low', 'medium', 'high', 'ultra_high']) {
      expect((await create({ input: [{ type: 'image', data: PNG, mime_type: 'image/png', resolution }] })).status).toBe(200);
    }
    const error = await refusal({ input: [{ type: 'text', text: 'x' }, { type: 'image', data: PNG, mime_type: 'image/png', resolution: 'max' }] });
    expect(error.message).toBe('input[1].resolution must be one of low, medium, high, ultra_high.');
  });
});

describe('thinking_level', () => {
  it('accepts xhigh (in the typings) and bills it as the deepest level', async () => {
    const { status, json } = await create({ generation_config: { thinking_level: 'xhigh' } });
    expect(status).toBe(200);
    expect(json.usage.total_thought_tokens).toBe(2048);
  });
});
