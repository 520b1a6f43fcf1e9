// The composed core's secrets as the person and the logs meet them: a saved key or MCP header values the keyring
// cannot open this run are kept and listed among the storage problems, and MCP header values are redacted like
// the key wherever main writes or shows text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confStoreFactory } from '../../e2e/support/conf-store';
import { testEncryptor } from '../../e2e/support/test-encryptor';
import { tempDir } from '../../test-support/main/sessions';
import { createAppCore, type AppCore } from './app-core';
import type { AppFailure } from './failure';
import { redactingLogger } from './logging/file-logger';
import { faultMessage } from './logging/process-errors';
import type { Dialogs, Encryptor, Logger } from './ports';
import { silentLogger } from './ports';
import { redactorFor } from './redact';

const KEY = 'AIzaSyTEST-key_0123456789abcdefWXYZ';
const HEADER_VALUE = 'mcp-header-value-7f3e91';
const MCP_URL = 'https://docs.example.com/mcp';
const noDialogs: Dialogs = { showSaveDialog: async () => undefined, showOpenDialog: async () => undefined, confirm: async () => false };

let temp: ReturnType<typeof tempDir>;
const cores: AppCore[] = [];
beforeEach(() => {
  temp = tempDir('pg-core-secrets-');
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  temp.remove();
});

function start(encryptor: Encryptor, logger: Logger = silentLogger, env: Record<string, string> = {}): AppCore {
  const core = createAppCore({ openStore: confStoreFactory(temp.dir), encryptor, env, logger, emit: () => {}, dataDir: temp.dir, dialogs: noDialogs });
  cores.push(core);
  return core;
}

describe('createAppCore: a saved key the keyring cannot open this run', () => {
  for (const [run, encryptor] of [
    ['another keyring', testEncryptor({ keyring: 'other' })],
    ["Linux's basic_text fallback (no keyring found)", testEncryptor({ keyring: 'other', backend: 'basic_text' })],
  ] as const) {
    it(`${run}: the key stays in its file, the storage problems say why, and it is back with the keyring`, async () => {
      const first = start(testEncryptor({ backend: 'gnome_libsecret' }));
      await first.api.setKey({ key: KEY });
      await first.dispose();
      const file = join(temp.dir, 'secrets.json');
      const saved = readFileSync(file, 'utf8');

      const core = start(encryptor);
      const problems = await core.api.storageProblems();
      expect(problems).toEqual([expect.objectContaining({ kind: 'settings', file, message: expect.stringMatching(/API key.*kept/) })]);
      expect(problems[0]).not.toHaveProperty('movedTo');
      expect(await core.api.getKeyStatus()).toMatchObject({ configured: false, unreadable: expect.any(String) });
      await core.dispose();
      expect(readFileSync(file, 'utf8')).toBe(saved);

      expect(await start(testEncryptor({ backend: 'gnome_libsecret' })).api.getKeyStatus()).toMatchObject({ configured: true, source: 'stored' });
    });
  }
});

describe('createAppCore: a send or a model list with a saved key the keyring cannot open', () => {
  it.each([
    ['a locked keyring', testEncryptor({ available: false }), /locked or not available\. Unlock the keyring and restart the app, or enter the key again/, 'keyring-locked'],
    ["Linux's basic_text fallback", testEncryptor({ backend: 'basic_text' }), /\(Secret Service or KWallet\) was not found.*restart the app, or enter the key again/, 'keyring-absent'],
    ['another keyring', testEncryptor({ keyring: 'other' }), /another system keyring.*Restart the app with that keyring unlocked, or enter the key again/, 'other-keyring'],
  ] as const)('%s: NO_KEY says a key is saved but cannot be read here, and what to do, never "add a key" nor the key', async (_, encryptor, remedy, why) => {
    const first = start(testEncryptor({ backend: 'gnome_libsecret' }));
    await first.api.setKey({ key: KEY });
    await first.dispose();

    const core = start(encryptor);
    const refused = await core.api
      .start({ input: { text: 'Hi' }, panes: [{ requestId: 'r1', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] })
      .then(() => undefined, (error: unknown) => error as AppFailure);
    const listed = (await core.api.listModels()).error;
    for (const failure of [refused, listed]) {
      // The reason travels as a field, so the window never reads it out of the wording.
      expect(failure).toMatchObject({ code: 'NO_KEY', keyUnreadable: why, message: expect.stringMatching(/^Your saved Gemini API key cannot be read here: /) });
      expect(failure?.message).toMatch(remedy);
      expect(failure?.message).not.toMatch(/Add your Gemini API key/);
      expect([KEY, KEY.slice(-4), KEY.slice(0, 8)].filter((part) => failure?.message.includes(part))).toEqual([]);
    }
  });

  it('with no key saved at all, it still asks for one', async () => {
    const error = (await start(testEncryptor()).api.listModels()).error;
    expect(error?.message).toBe('Add your Gemini API key first (Settings → API key), or set GEMINI_API_KEY.');
    expect(error).not.toHaveProperty('keyUnreadable');
  });
});

describe('createAppCore: MCP header values are held secrets', () => {
  it('redactorFor(heldSecrets()) removes a value set this run, and one replaced since', async () => {
    const core = start(testEncryptor(), silentLogger, { GEMINI_API_KEY: 'AIza-test-key-0000' });
    await core.api.setMcpHeaders({ url: MCP_URL, headers: { 'X-Api-Key': HEADER_VALUE } });
    await core.api.setMcpHeaders({ url: MCP_URL, headers: { 'X-Api-Key': 'mcp-header-value-second' } });
    const redact = redactorFor(core.heldSecrets());
    expect(redact(`fetch failed: X-Api-Key ${HEADER_VALUE} / mcp-header-value-second`)).not.toMatch(/mcp-header-value/);
    expect(faultMessage(new Error(`upstream said ${HEADER_VALUE}`), redact)).not.toContain(HEADER_VALUE);
  });

  it('a logged error quoting a value is redacted by the logger built outside the core', async () => {
    const lines: string[] = [];
    const rec = (m: string, d?: Record<string, unknown>) => void lines.push(`${m} ${JSON.stringify(d ?? {})}`);
    const sink: Logger = { debug: rec, info: rec, warn: rec, error: rec };
    let core: AppCore | undefined;
    // As src-main/index.ts builds it: the logger exists before the core, and asks it for what it holds.
    const logger = redactingLogger(sink, () => core?.heldSecrets() ?? []);
    core = start(testEncryptor(), logger, { GEMINI_API_KEY: 'AIza-test-key-0000' });
    await core.api.setMcpHeaders({ url: MCP_URL, headers: { 'X-Api-Key': HEADER_VALUE } });
    logger.error(`mcp: server said ${HEADER_VALUE}`, { error: `Unauthorized: ${HEADER_VALUE}` });
    expect(lines.at(-1)).toContain('mcp: server said');
    expect(lines.join('\n')).not.toContain(HEADER_VALUE);
  });
});
