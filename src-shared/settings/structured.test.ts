// The structured settings: the form's JSON text → a value (with located errors) → what the API receives.
import { describe, expect, it } from 'vitest';
import { buildCreateRequest } from '../request';
import type { PaneConfig } from './table';
import { functionForms, mcpHeaderEnv, parseFunction, STRUCTURED } from './structured';

const M = 'gemini-3-flash-preview';
const form = (over: Partial<Record<'name' | 'description' | 'parameters' | 'mock', string>>) => ({ name: 'f', description: '', parameters: '', mock: '', ...over });

describe('functions', () => {
  it('keep parameters and mock as typed text in the form, and become declarations without the mock on the wire', () => {
    const text = JSON.stringify([form({ name: 'get_weather', description: ' Weather now ', parameters: '{"type":"object","properties":{"city":{"type":"string"}}}', mock: '{"temp":21}' })]);
    const parsed = STRUCTURED.functions.parse(text);
    expect(parsed.value).toEqual([
      { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } }, mock: '{"temp":21}' },
    ]);
    expect(STRUCTURED.functions.wire(parsed.value!)).toEqual([
      { type: 'function', name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    ]);
    // format → parse is the identity on values, and the form text keeps parameters as editable text.
    expect(STRUCTURED.functions.parse(STRUCTURED.functions.format(parsed.value!)).value).toEqual(parsed.value);
    expect(functionForms(parsed.value!)[0]!.parameters).toContain('\n');
  });

  it('say which function and where its parameters are wrong', () => {
    const broken = parseFunction(form({ name: 'lookup', parameters: '{\n  "type": "object",\n  "properties": {\n}' }), 0);
    expect(broken.error).toMatch(/^Function “lookup” parameters: Line 4/);
    const notObject = parseFunction(form({ name: 'lookup', parameters: '{"type":"string"}' }), 0);
    expect(notObject.error).toMatch(/Function “lookup” parameters/);
    expect(notObject.error).toMatch(/object/);
    const badSchema = parseFunction(form({ name: 'lookup', parameters: '{"type":"object","properties":{"q":{"type":"strng"}}}' }), 0);
    expect(badSchema.error).toMatch(/at \/properties\/q\/type/);
    expect(parseFunction(form({ name: '' }), 2).error).toBe('Function 3: give it a name');
    expect(parseFunction(form({ name: '9lives' }), 0).error).toMatch(/starts with a letter/);
    expect(parseFunction(form({ name: 'a', mock: '{oops' }), 0).error).toMatch(/^Function “a” mock result: Line 1/);
  });

  it('refuse two functions with one name', () => {
    expect(STRUCTURED.functions.parse(JSON.stringify([form({ name: 'a' }), form({ name: 'a' })])).error).toBe('Function “a”: another function has this name');
  });
});

describe('MCP servers', () => {
  it('are https only, without credentials in the URL; header names are sent by main with their values, never here', () => {
    const ok = STRUCTURED.mcpServers.parse(JSON.stringify([{ name: 'docs', url: 'https://mcp.example.com/sse', allowedTools: ['search', ' '], headerNames: ['Authorization'] }]));
    expect(ok.value).toEqual([{ name: 'docs', url: 'https://mcp.example.com/sse', allowedTools: ['search'], headerNames: ['Authorization'] }]);
    expect(STRUCTURED.mcpServers.wire(ok.value!)).toEqual([{ type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com/sse', allowed_tools: [{ tools: ['search'] }] }]);
    expect(STRUCTURED.mcpServers.parse(JSON.stringify([{ name: 'docs', url: 'http://mcp.example.com' }])).error).toMatch(/https/);
    expect(STRUCTURED.mcpServers.parse(JSON.stringify([{ name: 'docs', url: 'https://u:p@mcp.example.com' }])).error).toMatch(/user name or password/);
    expect(STRUCTURED.mcpServers.parse(JSON.stringify([{ name: 'docs', url: 'https://a.example', headerNames: ['Bad Header'] }])).error).toMatch(/not a header name/);
  });

  it('name the environment variable an export reads a header from', () => {
    expect(mcpHeaderEnv('docs', 'Authorization')).toBe('MCP_DOCS_AUTHORIZATION');
    expect(mcpHeaderEnv('my-crm', 'X-Api-Key')).toBe('MCP_MY_CRM_X_API_KEY');
  });
});

describe('tool choice, response schema and safety settings', () => {
  it('tool choice is a mode, or allowed tools with an optional mode', () => {
    expect(STRUCTURED.toolChoice.wire({ mode: 'any' })).toBe('any');
    expect(STRUCTURED.toolChoice.wire({ mode: 'validated', tools: ['a'] })).toEqual({ allowed_tools: { mode: 'validated', tools: ['a'] } });
    expect(STRUCTURED.toolChoice.wire({ tools: ['a'] })).toEqual({ allowed_tools: { tools: ['a'] } });
    expect(STRUCTURED.toolChoice.parse('{"mode":"sometimes"}').error).toMatch(/not one of auto, any, none, validated/);
    expect(STRUCTURED.toolChoice.parse('{"mode":""}')).toEqual({});
  });

  it('a response schema must be a JSON Schema; it is sent as a JSON text format', () => {
    expect(STRUCTURED.responseSchema.parse('{"type":"object","properties":{"n":{"type":"nmber"}}}').error).toMatch(/^Response schema at \/properties\/n\/type/);
    expect(STRUCTURED.responseSchema.parse('[1,').error).toMatch(/^Response schema: Line 1/);
    expect(STRUCTURED.responseSchema.wire({ type: 'array' })).toEqual({ type: 'text', mime_type: 'application/json', schema: { type: 'array' } });
    expect(STRUCTURED.responseSchema.text({ type: 'object', properties: { a: {}, b: {}, c: {}, d: {} } })).toBe('JSON object {a, b, c, …}');
  });

  it('safety settings go in the order the typings list the categories; blank thresholds are unset', () => {
    const parsed = STRUCTURED.safetySettings.parse('{"jailbreak":"off","harassment":"block_none","hate_speech":""}');
    expect(STRUCTURED.safetySettings.wire(parsed.value!)).toEqual([
      { type: 'harassment', threshold: 'block_none' },
      { type: 'jailbreak', threshold: 'off' },
    ]);
    expect(STRUCTURED.safetySettings.parse('{"violence":"off"}').error).toMatch(/not a harm category/);
    expect(STRUCTURED.safetySettings.parse('{"harassment":"block_all"}').error).toMatch(/not a threshold/);
    expect(STRUCTURED.safetySettings.parse('{"harassment":""}')).toEqual({});
  });
});

describe('the request', () => {
  const config = {
    model: M,
    googleSearch: true,
    codeExecution: false,
    functions: [{ name: 'get_weather', parameters: { type: 'object' }, mock: '{"temp":21}' }],
    autoMock: true,
    toolChoice: { mode: 'any' },
    responseSchema: { type: 'object' },
    safetySettings: { harassment: 'block_none' },
  } as PaneConfig;

  it('carries the tools in table order, tool_choice in generation_config, and nothing of the app-only settings', () => {
    const body = buildCreateRequest(config, { text: 'Hi' }, { stream: true });
    expect(body).toEqual({
      model: M,
      input: 'Hi',
      response_format: { type: 'text', mime_type: 'application/json', schema: { type: 'object' } },
      safety_settings: [{ type: 'harassment', threshold: 'block_none' }],
      tools: [{ type: 'google_search' }, { type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
      generation_config: { tool_choice: 'any' },
      stream: true,
    });
    expect(JSON.stringify(body)).not.toContain('mock');
  });

  it('an image keeps the resolution chosen for it', () => {
    const image = { sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'a.png', size: 3, resolution: 'ultra_high' as const };
    const body = buildCreateRequest({ model: M }, { text: 'Look', images: [image] }, { stream: false, images: [{ mimeType: 'image/png', data: 'AAA' }] });
    expect(body.input).toEqual([
      { type: 'text', text: 'Look' },
      { type: 'image', data: 'AAA', mime_type: 'image/png', resolution: 'ultra_high' },
    ]);
  });

  it('continues a requires_action interaction with function results: chained on the server, or after the whole history', () => {
    const results = [{ type: 'function_result' as const, call_id: 'c1', name: 'get_weather', result: { temp: 21 } }];
    const server = buildCreateRequest(config, { text: 'ignored' }, { stream: false, history: { mode: 'server', previousInteractionId: 'i1' }, functionResults: results });
    expect(server).toMatchObject({ model: M, input: results, previous_interaction_id: 'i1', tools: config && expect.any(Array), generation_config: { tool_choice: 'any' } });
    expect(JSON.stringify(server)).not.toContain('ignored');
    const steps = [
      { type: 'user_input', content: [{ type: 'text', text: 'Weather?' }] },
      { type: 'function_call', id: 'c1', name: 'get_weather', arguments: {} },
    ];
    const stateless = buildCreateRequest(config, { text: 'ignored' }, { stream: true, history: { mode: 'stateless', steps }, functionResults: results });
    expect(stateless.input).toEqual([...steps, ...results]);
    expect(stateless.store).toBe(false);
    expect(() => buildCreateRequest(config, { text: '' }, { stream: false, functionResults: results })).toThrow(/need the interaction/);
    expect(() => buildCreateRequest(config, { text: '' }, { stream: false, history: { mode: 'server', previousInteractionId: 'i1' }, functionResults: [] })).toThrow(/no function results/);
  });
});
