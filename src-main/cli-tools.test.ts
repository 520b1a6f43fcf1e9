// playground-export with the settings of issue 15: a saved session's tools, functions and mocks, MCP servers,
// tool choice, response schema, safety settings and image resolution reach the exported code through main's session
// decoding, for one pane and for the whole comparison; the code sends what the app sends.
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from '../src-shared/domain';
import { expectSendsWhatTheAppSends } from '../test-support/shared/export/app-requests';
import { runJavaScript } from '../test-support/shared/export/js-stand-in';
import { image, pane, session } from '../test-support/shared/export/sessions';
import { EXIT, runCli } from './cli';

const TOOLS: Partial<PaneConfig> = {
  googleSearch: true,
  codeExecution: true,
  functions: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, mock: '{"t": 18}' }, { name: 'get_time' }],
  autoMock: true,
  mcpServers: [{ name: 'docs', url: 'https://mcp.example.com/mcp', allowedTools: ['search'], headerNames: ['Authorization'] }],
  toolChoice: { mode: 'any', tools: ['get_weather'] },
  safetySettings: { harassment: 'block_none' },
};
const SCHEMA: Partial<PaneConfig> = { responseSchema: { type: 'object', properties: { n: { type: 'integer' } } }, safetySettings: { jailbreak: 'off' } };
const ENV = { MCP_DOCS_AUTHORIZATION: 'Bearer cli' };
const PHOTO = { ...image('photo.png'), resolution: 'medium' as const };
const SESSION = session([pane(TOOLS, [{ text: 'Look', images: [PHOTO] }], 'Tools'), pane(SCHEMA, [{ text: 'Look', images: [PHOTO] }], 'Schema')], 'stateless');

async function exported(argv: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const io = {
    readFile: async () => Buffer.from(JSON.stringify(SESSION)),
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
  };
  const code = await runCli(['s.json', ...argv], io);
  expect({ code, stderr }).toEqual({ code: EXIT.ok, stderr: '' });
  return stdout;
}

describe('the CLI exports the tools settings of a saved session', () => {
  it('one pane and the whole comparison send what the app sends', async () => {
    for (const [argv, paneIndex] of [[['--pane', '1'], 0], [['--pane', '2'], 1], [[], undefined]] as const) {
      const code = await exported(['--lang', 'javascript', '--stream', ...argv]);
      const run = await runJavaScript(code, ENV);
      const target = { session: SESSION, ...(paneIndex === undefined ? {} : { paneIndex }) };
      expectSendsWhatTheAppSends(run.requests, target, { language: 'javascript', stream: true, inlineImages: false }, ENV);
    }
  });

  it('MCP header values are read from the environment in every language', async () => {
    expect(await exported(['--lang', 'python'])).toContain('"Authorization": os.environ["MCP_DOCS_AUTHORIZATION"]');
    expect(await exported(['--lang', 'rest'])).toContain(`mcp_docs_authorization_json=$(jq -n --arg value "$MCP_DOCS_AUTHORIZATION" '$value')`);
  });
});
