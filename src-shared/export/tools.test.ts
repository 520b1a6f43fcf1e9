// Tools, function calling, structured output, safety settings and media resolution in the exports (issue 15): every
// request is the app's own (buildCreateRequest), MCP header values come from the environment, a pane with
// functions answers each call from its mocks until the model answers, a JSON answer is printed parsed.
import { resultValue } from '../function-results';
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from '../domain';
import { buildCreateRequest } from '../request';
import { EXPORT_LANGUAGES, type ExportOptions, type ExportTarget, exportCode, exportScript, planExport } from './index';
import { type PlannedTurn, callsOf, mockResult } from './plan';
import { inputNode, requestMembers } from './request-literal';
import { type Node, raw } from './syntax';
import { expectSendsWhatTheAppSends } from '../../test-support/shared/export/app-requests';
import { runJavaScript } from '../../test-support/shared/export/js-stand-in';
import { MODEL, PNG_BASE64, image, pane, repeated, session, swept } from '../../test-support/shared/export/sessions';

const WEATHER = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  mock: '{"temperature": 18, "unit": "celsius"}',
};
const FUNCTIONS: PaneConfig = { model: MODEL, functions: [WEATHER, { name: 'get_time' }], toolChoice: { mode: 'any', tools: ['get_weather', 'get_time'] } };
const MCP: PaneConfig['mcpServers'] = [{ name: 'docs', url: 'https://mcp.example.com/mcp', allowedTools: ['search_docs'], headerNames: ['Authorization', 'X-Team'] }];
const ENV = { MCP_DOCS_AUTHORIZATION: 'Bearer from-env', MCP_DOCS_X_TEAM: 'blue' };
const SCHEMA = { type: 'object', properties: { answer: { type: 'integer' }, ok: { type: 'boolean', default: null } }, required: ['answer'] };
/** Every setting of issue 15 at once. */
const EVERYTHING: PaneConfig = {
  model: MODEL,
  systemInstruction: 'Be exact.',
  temperature: 0.4,
  googleSearch: true,
  urlContext: true,
  codeExecution: true,
  functions: [WEATHER],
  mcpServers: MCP,
  toolChoice: { mode: 'validated' },
  responseSchema: SCHEMA,
  safetySettings: { harassment: 'block_none', jailbreak: 'off' },
};

const plain = { stream: false, inlineImages: false } as const;

/** The value a literal tree stands for, `raws` giving the value of each piece of code in it. */
function valueOf(node: Node, raws: (code: string) => unknown): unknown {
  switch (node.kind) {
    case 'raw':
      return raws(node.code);
    case 'str':
    case 'num':
    case 'bool':
      return node.value;
    case 'null':
      return null;
    case 'list':
      return node.items.map((item) => valueOf(item, raws));
    case 'dict':
      return Object.fromEntries(node.entries.map(([key, value]) => [key, valueOf(value, raws)]));
  }
}

/** The request a planned turn's literal stands for, env reads replaced by `ENV`'s values. */
function literalRequest(turn: PlannedTurn): unknown {
  const env = (variable: string): Node => raw(`env:${variable}`);
  const input = inputNode(turn.parts, { uploaded: () => ({ uri: raw('uri'), mimeType: raw('mime') }) });
  const members = requestMembers(turn.call, { input, env }, ['model', 'input']);
  return valueOf({ kind: 'dict', entries: members, inline: false, padded: false, trailingComma: false }, (code) => {
    if (code.startsWith('env:')) return ENV[code.slice(4) as keyof typeof ENV];
    throw new Error(`unexpected code ${code}`);
  });
}

/** The request as main sends it: the pane's MCP header values added to its server's tool. */
function withHeaders(body: ReturnType<typeof buildCreateRequest>): ReturnType<typeof buildCreateRequest> {
  const tools = body.tools?.map((tool) => (tool.type === 'mcp_server' ? { ...tool, headers: { Authorization: ENV.MCP_DOCS_AUTHORIZATION, 'X-Team': ENV.MCP_DOCS_X_TEAM } } : tool));
  return { ...body, ...(tools ? { tools } : {}) };
}

const js = (target: ExportTarget, options: Partial<ExportOptions> = {}): string => exportCode(target, { language: 'javascript', ...plain, ...options });

describe('every setting the app sends is exported', () => {
  it('the request literal of a turn, in every language, is buildCreateRequest’s: tools, response_format, safety_settings, tool_choice, image resolution', () => {
    const images = { ['a'.repeat(64)]: { base64: PNG_BASE64 } };
    const ref = { ...image('organ.png'), resolution: 'ultra_high' as const };
    const target = { session: session([pane(EVERYTHING, [{ text: 'Look', images: [ref] }])]) };
    const plan = planExport(target, { language: 'python', stream: false, inlineImages: true, images });
    if (plan.kind !== 'conversation') throw new Error('one pane is a conversation');
    const app = buildCreateRequest(EVERYTHING, { text: 'Look', images: [ref] }, { stream: false, images: [{ mimeType: 'image/png', data: PNG_BASE64 }] });
    expect(literalRequest(plan.turns[0]!)).toEqual(withHeaders(app));
  });

  it('JavaScript sends exactly what the app sends, MCP headers from the environment, and prints the answer', async () => {
    const { functions: _functions, responseSchema: _schema, ...config } = EVERYTHING;
    const target = { session: session([pane(config, ['Find it', 'And again'])]) };
    const run = await runJavaScript(js(target), ENV);
    expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', ...plain }, ENV);
    expect(run.output).toBe('Response 1: Answer 1\nResponse 2: Answer 2\n');
  });

  it('an MCP header is never a literal: each language reads its environment variable', async () => {
    const target = { session: session([pane({ mcpServers: MCP }, ['Hi'])]) };
    const code = (language: (typeof EXPORT_LANGUAGES)[number]) => exportCode(target, { language, ...plain });
    expect(code('python')).toContain('"Authorization": os.environ["MCP_DOCS_AUTHORIZATION"],\n                "X-Team": os.environ["MCP_DOCS_X_TEAM"]');
    expect(code('python')).toMatch(/^# This will only work for SDK newer than 2\.0\.0\nimport os\n\nfrom google import genai\n/);
    expect(code('javascript')).toContain('Authorization: process.env.MCP_DOCS_AUTHORIZATION,\n          "X-Team": process.env.MCP_DOCS_X_TEAM,\n');
    expect(code('rest')).toContain(`mcp_docs_x_team_json=$(jq -n --arg value "$MCP_DOCS_X_TEAM" '$value')`);
    expect(code('rest')).toContain(`"Authorization": '"$mcp_docs_authorization_json"',`);
    // The value sent is the environment's: another environment, another header.
    const other = await runJavaScript(code('javascript'), { ...ENV, MCP_DOCS_AUTHORIZATION: 'Bearer other' });
    expect((other.requests[0]!.tools as { headers?: unknown }[])[0]!.headers).toEqual({ Authorization: 'Bearer other', 'X-Team': 'blue' });
  });

  it('servers whose names spell one variable read from variables of their own, in a comparison too; one server keeps one', () => {
    const server = (name: string, url = `https://${name}.example.com/mcp`) => ({ name, url, headerNames: ['Authorization'] });
    const panes = [pane({ mcpServers: [server('a-b'), server('Docs')] }, ['Hi']), pane({ temperature: 0.5, mcpServers: [server('a_b'), server('docs'), server('a-b')] }, ['Hi'])];
    const plan = planExport({ session: session(panes) }, { language: 'python', ...plain });
    const names = callsOf(plan).map((call) => call.mcpHeaders.map(({ server, headers }) => `${server}=${headers.map((h) => h.env).join()}`));
    expect(names).toEqual([
      ['a-b=MCP_A_B_AUTHORIZATION', 'Docs=MCP_DOCS_AUTHORIZATION'],
      ['a_b=MCP_A_B_AUTHORIZATION_2', 'docs=MCP_DOCS_AUTHORIZATION_2', 'a-b=MCP_A_B_AUTHORIZATION'],
    ]);
  });

  it('the script names the variables it reads for MCP headers, so the panel can ask for them; none without MCP headers', () => {
    const server = (name: string) => ({ name, url: `https://${name}.example.com/mcp`, headerNames: ['Authorization'] });
    const panes = [pane({ mcpServers: [server('a-b'), ...MCP] }, ['Hi']), pane({ temperature: 0.5, mcpServers: [server('a_b')] }, ['Hi'])];
    for (const language of EXPORT_LANGUAGES) {
      const script = exportScript({ session: session(panes) }, { language, ...plain });
      expect(script.environment, language).toEqual(['MCP_A_B_AUTHORIZATION', 'MCP_DOCS_AUTHORIZATION', 'MCP_DOCS_X_TEAM', 'MCP_A_B_AUTHORIZATION_2']);
      for (const name of script.environment) expect(script.code).toContain(name);
      expect(exportScript({ session: session(panes) }, { language, ...plain }).code).toBe(exportCode({ session: session(panes) }, { language, ...plain }));
    }
    expect(exportScript({ session: session([pane({ googleSearch: true }, ['Hi'])]) }, { language: 'python', ...plain }).environment).toEqual([]);
  });

  it('Python imports json and os only where the script uses them', () => {
    const py = (config: Partial<PaneConfig>, options: Partial<ExportOptions> = {}) => exportCode({ session: session([pane(config, ['Hi'])]) }, { language: 'python', ...plain, ...options });
    expect(py({ googleSearch: true })).not.toMatch(/^import /m);
    expect(py({ responseSchema: SCHEMA })).toMatch(/^import json\n\nfrom google import genai$/m);
    expect(py({ responseSchema: SCHEMA })).toContain('print(json.dumps(json.loads(interaction.steps[-1].content[0].text), indent=2, ensure_ascii=False))');
    // A streamed JSON answer is printed as it arrives: nothing to parse.
    expect(py({ responseSchema: SCHEMA }, { stream: true })).not.toContain('import json');
    expect(py({ responseSchema: SCHEMA, mcpServers: MCP })).toMatch(/^import json\nimport os\n\nfrom google import genai$/m);
  });

  it('a property named __proto__ in a schema is a property of the JavaScript literal, not its prototype', async () => {
    // JSON.parse makes __proto__ an own property, as the schema editor's text does.
    const withProto: PaneConfig = { model: MODEL, responseSchema: JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "string"}}}') as Record<string, unknown> };
    const run = await runJavaScript(js({ session: session([pane(withProto, ['Hi'])]) }));
    const sent = run.requests[0]!.response_format as { schema: { properties: object } };
    expect(Object.keys(sent.schema.properties)).toEqual(['__proto__']);
  });
});

describe('a pane with functions answers each call from its mocks until the model answers', () => {
  it('what a mock answers is what the app sends for it (function-results.ts): a JSON object as the object, anything else as its text', () => {
    expect(mockResult('{"t": 1}')).toEqual({ t: 1 });
    // A list would be read by the API as content parts: the app sends it as text, and so does the script.
    expect(mockResult('[1, 2]')).toBe('[1, 2]');
    expect(mockResult('"sunny"')).toBe('"sunny"');
    expect(mockResult('42')).toBe('42');
    expect(mockResult('null')).toBe('null');
    expect(mockResult('not json')).toBe('not json');
    for (const mock of ['{"t": 1}', '[1, 2]', '"sunny"', '42', 'plain']) {
      const app = resultValue(mock);
      expect(app.ok && app.result).toEqual(mockResult(mock));
    }
  });

  for (const history of ['server', 'stateless'] as const) {
    it(`${history} history: every round is the app's continuation, the mock or {} for each call, then the answer`, async () => {
      const target = { session: session([pane(FUNCTIONS, ['Weather?', 'And now?'])], history) };
      const run = await runJavaScript(js(target));
      // Two turns, each a request and one round of two calls.
      expect(run.requests).toHaveLength(4);
      expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', ...plain });
      expect(run.output).toBe(
        ['Response 1: Results: get_weather={"temperature":18,"unit":"celsius"}; get_time={}', 'Response 2: Results: get_weather={"temperature":18,"unit":"celsius"}; get_time={}', ''].join('\n'),
      );
    });
  }

  it('streaming asked for: the function pane is not streamed and the script says why once; another pane still streams', async () => {
    const target = { session: session([pane(FUNCTIONS, ['Weather?']), pane({ seed: 3 }, ['Something else'])]) };
    for (const language of EXPORT_LANGUAGES) {
      const code = exportCode(target, { language, stream: true, inlineImages: false });
      expect(code.match(/Not streamed: answering function calls needs each interaction whole/g), language).toHaveLength(1);
    }
    const run = await runJavaScript(js(target, { stream: true }));
    expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', stream: true, inlineImages: false });
    expect(run.requests.map((request) => request.stream)).toEqual([undefined, undefined, true]);
    // Without streaming there is nothing to explain.
    expect(js(target)).not.toContain('Not streamed');
  });

  it('the whole comparison: each pane carries its mocks, the loop answers calls for the pane that has functions', async () => {
    for (const history of ['server', 'stateless'] as const) {
      const target = { session: session([pane(FUNCTIONS, ['Go'], 'Functions'), pane({ googleSearch: true }, ['Go'], 'Search')], history) };
      expect(planExport(target, { language: 'javascript', ...plain }).kind).toBe('comparison');
      const code = js(target, { stream: true });
      expect(code).toContain('mocks: {},');
      const run = await runJavaScript(code);
      expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', stream: true, inlineImages: false });
      // A stateless conversation numbers its answers, as the guide's stateless sample does.
      const n = history === 'stateless' ? 'Response 1: ' : '';
      expect(run.output).toBe(`== Functions ==\n${n}Results: get_weather={"temperature":18,"unit":"celsius"}; get_time={}\n== Search ==\n${n}Answer 3\n`);
    }
  });

  it('a sweep of a function pane loops over the values, answering calls in each combination', async () => {
    const target = { session: swept({ functions: [WEATHER] }, { temperatures: [0.2, 0.8] }, ['Weather?']) };
    const code = js(target);
    expect(code).toContain('for (const temperature of temperatures) {');
    const run = await runJavaScript(code);
    expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', ...plain });
    expect(run.output).toBe('== T=0.2 ==\nResults: get_weather={"temperature":18,"unit":"celsius"}\n== T=0.8 ==\nResults: get_weather={"temperature":18,"unit":"celsius"}\n');
  });

  it('a repeat run of a stateless function pane starts each run from the same history', async () => {
    const base = session([pane(FUNCTIONS, ['One', 'Two'], 'A'), pane({ seed: 1 }, ['Other'], 'B')], 'stateless');
    const target = { session: repeated(base, 2) };
    const run = await runJavaScript(js(target));
    expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', ...plain });
    const prompts = (input: unknown): number => (Array.isArray(input) ? input.filter((step: { type?: string }) => step.type === 'user_input').length : 0);
    const secondTurn = run.requests.filter((request) => prompts(request.input) === 2);
    // Each run: the second prompt, then its round; both runs send the same history before their own round.
    expect(secondTurn).toHaveLength(4);
    expect(secondTurn[2]!.input).toEqual(secondTurn[0]!.input);
  });
});

describe('structured output', () => {
  it('response_format as the app sends it, and the JSON answer printed parsed and indented', async () => {
    const target = { session: session([pane({ responseSchema: SCHEMA }, ['Count'])]) };
    const run = await runJavaScript(js(target));
    expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', ...plain });
    expect(run.output).toBe('{\n  "answer": 1,\n  "ok": true\n}\n');
    expect(exportCode(target, { language: 'rest', ...plain })).toContain(`| jq '.steps[-1].content[0].text | fromjson'`);
  });

  it('in a comparison, only when every pane answers JSON', () => {
    const both = js({ session: session([pane({ responseSchema: SCHEMA }, ['Go']), pane({ responseSchema: SCHEMA, seed: 2 }, ['Go'])]) });
    expect(both).toContain('console.log(JSON.stringify(JSON.parse(interaction.steps.at(-1).content[0].text), null, 2));');
    const one = js({ session: session([pane({ responseSchema: SCHEMA }, ['Go']), pane({ seed: 2 }, ['Go'])]) });
    expect(one).not.toContain('JSON.parse');
  });
});
