// The composed core over a real data folder and the fake Interactions API: sessions survive a restart,
// a quit while streaming and a crash while streaming (the in-flight journal is merged at the next start).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TurnEvent, UploadEvent } from '../../src-shared/domain';
import { startFakeApi, type FakeApi } from '../../e2e/fake-api/server';
import { confStoreFactory } from '../../e2e/support/conf-store';
import { scriptedDialogs, type ScriptedDialogs } from '../../e2e/support/scripted-dialogs';
import { testEncryptor } from '../../e2e/support/test-encryptor';
import { createAppCore, type AppCore } from './app-core';
import type { Dialogs, KeyValueStore, Logger, StoreFactory } from './ports';
import { silentLogger } from './ports';
import { turnEventsTo } from '../../test-support/main/turn-events';
import { simpleSession, tempDir } from '../../test-support/main/sessions';
import { pngBytes, pngOfSize } from '../../test-support/main/images';

let fake: FakeApi;
let temp: ReturnType<typeof tempDir>;
const cores: AppCore[] = [];

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  temp = tempDir('pg-core-');
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  temp.remove();
});

function memoryStores(): StoreFactory {
  const files = new Map<string, Map<string, unknown>>();
  return (name): KeyValueStore => {
    const map = files.get(name) ?? new Map<string, unknown>();
    files.set(name, map);
    return { get: (k) => map.get(k), set: (k, v) => void map.set(k, v), delete: (k) => void map.delete(k) };
  };
}

const noDialogs: Dialogs = { showSaveDialog: async () => undefined, showOpenDialog: async () => undefined, confirm: async () => false };

function start(events: TurnEvent[] = []): AppCore {
  const core = createAppCore({
    openStore: memoryStores(),
    encryptor: testEncryptor(),
    env: { GEMINI_API_KEY: 'AIza-test-key-0000', GEMINI_BASE_URL: fake.url },
    logger: silentLogger,
    emit: turnEventsTo((payload) => void events.push(payload)),
    dataDir: temp.dir,
    dialogs: noDialogs,
  });
  cores.push(core);
  return core;
}

const pane = { requestId: 't2', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } };

/** A saved session s1 whose second turn (t2) streams, stalled after its first text; `partial` is what arrived. */
async function streamingSecondTurn(title: string): Promise<{ core: AppCore; partial: string }> {
  const events: TurnEvent[] = [];
  const core = start(events);
  await core.api.saveSession({ session: simpleSession('s1', title, ['first']) });
  await core.api.start({ sessionId: 's1', input: { text: 'Second [[fault:stall]]' }, panes: [pane] });
  await vi.waitFor(() => expect(events.some((e) => e.type === 'delta')).toBe(true), { timeout: 10_000 });
  return { core, partial: events.flatMap((e) => (e.type === 'delta' && e.text ? [e.text] : [])).join('') };
}

describe('createAppCore: damaged settings and key files', () => {
  it('are moved aside, and listed with the storage problems the person is told about', async () => {
    writeFileSync(join(temp.dir, 'settings.json'), '{"baseUrl": "http://x", trunc');
    writeFileSync(join(temp.dir, 'secrets.json'), '{"apiKey": ');
    const core = createAppCore({
      openStore: confStoreFactory(temp.dir),
      encryptor: testEncryptor(),
      env: {},
      logger: silentLogger,
      emit: () => {},
      dataDir: temp.dir,
      dialogs: noDialogs,
    });
    cores.push(core);
    const problems = await core.api.storageProblems();
    const aside = readdirSync(temp.dir).filter((f) => f.includes('.json.corrupt-')).sort();
    expect(aside).toHaveLength(2);
    expect(problems.map((p) => [p.kind, p.file, p.movedTo])).toEqual([
      ['settings', join(temp.dir, 'secrets.json'), join(temp.dir, aside[0]!)],
      ['settings', join(temp.dir, 'settings.json'), join(temp.dir, aside[1]!)],
    ]);
    expect(problems[0]!.message).toContain('saved API key');
    expect(problems[1]!.message).toContain('settings are back to their defaults');
    // The app still starts, with no key and the default settings.
    expect((await core.api.getKeyStatus()).configured).toBe(false);
    expect((await core.api.getSettings()).baseUrlSource).toBe('default');
  });
});

describe('createAppCore: sessions', () => {
  it('a saved session is there after a restart on the same data folder', async () => {
    const a = start();
    const session = simpleSession('s1', 'Kept across restarts', ['hello']);
    const { updatedAt } = await a.api.saveSession({ session });
    await a.dispose();
    const b = start();
    expect(await b.api.listSessions({ query: 'restarts' })).toEqual([expect.objectContaining({ id: 's1', updatedAt })]);
    expect(await b.api.getSession({ id: 's1' })).toEqual({ ...session, updatedAt });
    expect(await b.api.storageProblems()).toEqual([]);
  });

  it('quitting while an answer streams keeps its text: the next start shows the turn as stopped', async () => {
    const { core: a, partial } = await streamingSecondTurn('Streaming');
    await a.dispose(); // the renderer never got to save

    const b = start();
    const turn = (await b.api.getSession({ id: 's1' })).panes[0]!.turns[1]!;
    expect(turn).toMatchObject({ id: 't2', status: 'stopped', text: partial, input: { text: 'Second [[fault:stall]]' } });
    expect(partial.length).toBeGreaterThan(0);
    expect(readdirSync(join(temp.dir, 'inflight'))).toEqual([]);
  });

  it('a crash while an answer streams: the next start merges the journal as an interrupted turn', async () => {
    const events: TurnEvent[] = [];
    const a = start(events);
    await a.api.saveSession({ session: simpleSession('s1', 'Crash', ['first']) });
    await a.api.start({ sessionId: 's1', input: { text: 'Second [[fault:stall]]' }, panes: [pane] });
    const journal = join(temp.dir, 'inflight', 't2.json');
    // The first write records the prompt; the next (≤ 1 s later) the text that arrived.
    await vi.waitFor(() => expect(existsSync(journal) && JSON.parse(readFileSync(journal, 'utf8')).text).toBeTruthy(), { timeout: 5_000 });
    const partial = JSON.parse(readFileSync(journal, 'utf8')).text as string;

    // "Crash": `a` is never disposed before the next start reads the folder.
    const b = start();
    const turn = (await b.api.getSession({ id: 's1' })).panes[0]!.turns[1]!;
    expect(turn).toMatchObject({ id: 't2', status: 'interrupted', text: partial, error: { code: 'INTERRUPTED' } });
  });
});

describe('createAppCore: the window’s page process ends on its own', () => {
  it('stops its turns and merges what they received into their sessions, so the page loaded again opens them', async () => {
    const { core, partial } = await streamingSecondTurn('Page gone');
    await core.windowGone(); // the page never saved the turn
    expect(partial.length).toBeGreaterThan(0);
    const turns = (await core.api.getSession({ id: 's1' })).panes[0]!.turns;
    expect(turns.map((t) => t.id)).toEqual([turns[0]!.id, 't2']);
    expect(turns[1]).toMatchObject({ status: 'stopped', text: partial, input: { text: 'Second [[fault:stall]]' } });
    expect(readdirSync(join(temp.dir, 'inflight'))).toEqual([]);
    // The page loaded again saves the session with the turn: nothing is added twice, at once or at the next start.
    await core.api.saveSession({ session: await core.api.getSession({ id: 's1' }) });
    await core.dispose();
    expect((await start().api.getSession({ id: 's1' })).panes[0]!.turns).toHaveLength(2);
  });

  it('reports a journal set aside at start once, not again at each page that ends', async () => {
    const inflight = join(temp.dir, 'inflight');
    mkdirSync(inflight, { recursive: true });
    writeFileSync(join(inflight, 't9.json'), '{"format": "gemini-playground-inflight", trunc');
    const core = start();
    expect(await core.api.storageProblems()).toHaveLength(1);
    await core.windowGone();
    await core.windowGone();
    expect(await core.api.storageProblems()).toHaveLength(1);
  });
});

describe('createAppCore: images', () => {
  it('addMedia, then a turn that sends a small image inline and uploads a large one, with progress events', async () => {
    const events: TurnEvent[] = [];
    const uploads: UploadEvent[] = [];
    const core = createAppCore({
      openStore: memoryStores(),
      encryptor: testEncryptor(),
      env: { GEMINI_API_KEY: 'AIza-test-key-0000', GEMINI_BASE_URL: fake.url, PG_IMAGE_INLINE_MAX_MB: '0.01' },
      logger: silentLogger,
      emit: (event, payload) => {
        if (event === 'upload') uploads.push(payload as UploadEvent);
        else events.push(payload as TurnEvent);
      },
      dataDir: temp.dir,
      dialogs: noDialogs,
    });
    cores.push(core);
    expect((await core.api.getSettings()).images).toEqual({ maxBytes: 20 * 1_048_576, inlineMaxBytes: Math.round(0.01 * 1_048_576) });
    const small = await core.api.addMedia({ name: 'small.png', bytes: pngBytes(11) });
    const large = await core.api.addMedia({ name: 'large.png', bytes: pngOfSize(50_000, 12) });
    expect(await core.serveBlob(large.sha256, null)).toMatchObject({ status: 200, mimeType: 'image/png' });

    fake.clear();
    await core.api.start({ input: { text: 'Which is bigger?', images: [small, large] }, panes: [{ requestId: 'r1', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] });
    await vi.waitFor(() => expect(events.some((e) => e.type === 'done' || e.type === 'error')).toBe(true), { timeout: 10_000 });
    expect(events.at(-1)?.type).toBe('done');
    const body = fake.interactionRequests()[0]!.body as { input: Record<string, unknown>[] };
    expect(body.input.map((p) => [p.type, 'data' in p ? 'data' : 'uri' in p ? 'uri' : 'text'])).toEqual([
      ['text', 'text'],
      ['image', 'data'],
      ['image', 'uri'],
    ]);
    expect(uploads.at(-1)).toEqual({ type: 'uploading', requestId: 'r1', paneId: 'p1', sha256: large.sha256, sent: large.size, total: large.size });
  });

  it('refuses a file that is not what its name claims with BAD_REQUEST naming it', async () => {
    const core = start();
    await expect(core.api.addMedia({ name: 'notes.pdf', bytes: new TextEncoder().encode('hi') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'notes.pdf is not a PDF (it is plain text)',
    });
  });
});

describe('createAppCore: the API key goes only to hosts the person approved in main', () => {
  const KEY = 'AIza-test-key-0000';
  let other: FakeApi;
  beforeAll(async () => {
    other = await startFakeApi();
  });
  afterAll(async () => {
    await other.close();
  });
  beforeEach(() => {
    fake.clear();
    other.clear();
  });

  /** No GEMINI_BASE_URL: the base URL is whatever updateSettings was allowed to set. */
  function startWith(dialogs: Dialogs, stores: StoreFactory = memoryStores(), events: TurnEvent[] = []): AppCore {
    const core = createAppCore({
      openStore: stores,
      encryptor: testEncryptor(),
      env: { GEMINI_API_KEY: KEY },
      logger: silentLogger,
      emit: turnEventsTo((payload) => void events.push(payload)),
      dataDir: temp.dir,
      dialogs,
    });
    cores.push(core);
    return core;
  }

  const confirmations = (dialogs: ScriptedDialogs) => dialogs.shown.filter((d) => d.kind === 'confirm');

  it('declined: the change is refused, the old base URL stays, and no request of any kind reaches the new host', async () => {
    const dialogs = scriptedDialogs({ confirm: [true, false] });
    const events: TurnEvent[] = [];
    const core = startWith(dialogs, memoryStores(), events);
    await core.api.updateSettings({ baseUrl: fake.url });
    const otherHost = new URL(other.url).host;

    await expect(core.api.updateSettings({ baseUrl: `${other.url}/v` })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: `The base URL was not changed: sending your API key to ${otherHost} was not approved.`,
    });
    expect(confirmations(dialogs).at(-1)).toMatchObject({ message: `Send your Gemini API key to ${otherHost}?` });
    expect((await core.api.getSettings()).baseUrl).toBe(fake.url);

    expect(await core.api.listModels()).toMatchObject({ source: 'api' });
    await core.api.start({ input: { text: 'Hello' }, panes: [{ requestId: 'r1', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] });
    await vi.waitFor(() => expect(events.some((e) => e.type === 'done')).toBe(true), { timeout: 10_000 });
    expect(other.requests).toEqual([]);
    expect(fake.requests.map((r) => [r.path, r.headers['x-goog-api-key']])).toEqual([
      ['/v1beta/models', KEY],
      ['/v1beta/interactions', KEY],
    ]);
  });

  it('approved: saved, and the origin is remembered, so it is not asked about again, even after a restart', async () => {
    const dialogs = scriptedDialogs({ confirm: [true] });
    const stores = memoryStores();
    const a = startWith(dialogs, stores);
    expect(await a.api.updateSettings({ baseUrl: `${other.url}/` })).toMatchObject({ baseUrl: other.url, baseUrlSource: 'settings' });
    expect(confirmations(dialogs)).toEqual([expect.objectContaining({ message: `Send your Gemini API key to ${new URL(other.url).host}?` })]);
    await a.api.updateSettings({ baseUrl: null });
    await a.api.updateSettings({ baseUrl: `${other.url}/proxy` });
    await a.dispose();

    const b = startWith(dialogs, stores);
    expect((await b.api.getSettings()).baseUrl).toBe(`${other.url}/proxy`);
    await b.api.updateSettings({ baseUrl: other.url });
    expect(confirmations(dialogs)).toHaveLength(1);
    expect(await b.api.listModels()).toMatchObject({ source: 'api' });
    expect(other.requests.map((r) => r.headers['x-goog-api-key'])).toEqual([KEY]);
  });

  it('plain http to another computer is refused before anyone is asked', async () => {
    const dialogs = scriptedDialogs({ confirm: [true] });
    const core = startWith(dialogs);
    await expect(core.api.updateSettings({ baseUrl: 'http://gemini-proxy.example.com' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('https://'),
    });
    expect(confirmations(dialogs)).toEqual([]);
    expect((await core.api.getSettings()).baseUrlSource).toBe('default');
  });

  it('a confirmation that cannot be shown counts as no', async () => {
    const core = startWith({ ...noDialogs, confirm: () => Promise.reject(new Error('no display')) });
    await expect(core.api.updateSettings({ baseUrl: other.url })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await core.api.getSettings()).baseUrlSource).toBe('default');
  });

  it('one question at a time: a change asked while another waits is refused', async () => {
    let answer: (yes: boolean) => void = () => {};
    const asked: string[] = [];
    const core = startWith({
      ...noDialogs,
      confirm: ({ message }) => {
        asked.push(message);
        return new Promise<boolean>((ok) => (answer = ok));
      },
    });
    const first = core.api.updateSettings({ baseUrl: other.url });
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    await expect(core.api.updateSettings({ baseUrl: fake.url })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Another change of the base URL is waiting for your answer.',
    });
    answer(true);
    expect((await first).baseUrl).toBe(other.url);
    expect(asked).toHaveLength(1);
  });
});

describe('createAppCore: MCP server headers (issue 15)', () => {
  const MCP_URL = 'https://docs.example.com/mcp';
  const TOKEN = 'Bearer mcp-secret-4c1d5e';

  function recordingLogger(): Logger & { lines: string[] } {
    const lines: string[] = [];
    const rec = (level: string) => (m: string, d?: Record<string, unknown>) => void lines.push(`${level} ${m} ${JSON.stringify(d ?? {})}`);
    return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
  }

  function onDisk(events: TurnEvent[], logger: Logger): AppCore {
    const core = createAppCore({
      openStore: confStoreFactory(temp.dir),
      encryptor: testEncryptor(),
      env: { GEMINI_API_KEY: 'AIza-test-key-0000', GEMINI_BASE_URL: fake.url },
      logger,
      emit: turnEventsTo((payload) => void events.push(payload)),
      dataDir: temp.dir,
      dialogs: noDialogs,
    });
    cores.push(core);
    return core;
  }

  it('reach the API with the request, after a restart too, and never an event, the journal, the log or the file in plain text', async () => {
    fake.clear();
    const logger = recordingLogger();
    const first = onDisk([], logger);
    expect(await first.api.setMcpHeaders({ url: MCP_URL, headers: { Authorization: TOKEN } })).toEqual({ url: MCP_URL, headerNames: ['Authorization'] });
    await first.dispose();

    const events: TurnEvent[] = [];
    const core = onDisk(events, logger);
    expect(await core.api.listMcpHeaders()).toEqual([{ url: MCP_URL, headerNames: ['Authorization'] }]);
    await core.api.saveSession({ session: simpleSession('s1', 'MCP', ['first']) });
    const config = { model: 'gemini-3-flash-preview', mcpServers: [{ name: 'docs', url: MCP_URL }] };
    await core.api.start({ sessionId: 's1', input: { text: 'Find paws' }, panes: [{ requestId: 't2', paneId: 'p1', config }] });
    await vi.waitFor(() => expect(events.some((e) => e.type === 'done' || e.type === 'error')).toBe(true), { timeout: 10_000 });
    const journal = join(temp.dir, 'inflight', 't2.json');
    await vi.waitFor(() => expect(existsSync(journal) && readFileSync(journal, 'utf8')).toContain('"final"'), { timeout: 10_000 });

    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'completed' });
    const sent = fake.interactionRequests()[0]!.body as { tools: unknown[] };
    expect(sent.tools).toEqual([{ type: 'mcp_server', name: 'docs', url: MCP_URL, headers: { Authorization: TOKEN } }]);
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && (started.request.body as { tools: unknown[] }).tools).toEqual([
      { type: 'mcp_server', name: 'docs', url: MCP_URL, headers: { Authorization: '[redacted]' } },
    ]);
    // The fake's MCP steps stream to the renderer as step events.
    expect(events.flatMap((e) => (e.type === 'step' ? [e.step.type] : []))).toEqual(
      expect.arrayContaining(['mcp_server_tool_call', 'mcp_server_tool_result', 'model_output']),
    );
    const secret = 'mcp-secret-4c1d5e';
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(readFileSync(journal, 'utf8')).not.toContain(secret);
    expect(logger.lines.join('\n')).not.toContain(secret);
    const files = readdirSync(temp.dir).filter((f) => f.endsWith('.json'));
    expect(files).toContain('mcp-headers.json');
    for (const file of files) expect(readFileSync(join(temp.dir, file), 'utf8'), file).not.toContain(secret);
  });
});

describe('createAppCore: the proxy the environment names', () => {
  it('starts whatever HTTPS_PROXY holds: host:port without a scheme (as curl takes it) or a value that does not parse', async () => {
    for (const HTTPS_PROXY of ['10.0.0.1:3128', 'user:secret@10.0.0.1:3128', 'user:secret@[::1:3128']) {
      const core = createAppCore({
        openStore: memoryStores(),
        encryptor: testEncryptor(),
        env: { GEMINI_API_KEY: 'AIza-test-key-0000', GEMINI_BASE_URL: fake.url, HTTPS_PROXY },
        logger: silentLogger,
        emit: () => {},
        dataDir: temp.dir,
        dialogs: noDialogs,
      });
      cores.push(core);
      // The fake API is on this computer, never proxied: the client works.
      expect(await core.api.listModels()).toMatchObject({ source: 'api' });
    }
  });
});

describe('createAppCore: the saved theme', () => {
  it('is read at once (main sets the window’s scheme from it before the window exists), and follows a change', async () => {
    const core = start();
    expect(core.savedTheme()).toBe('system');
    await core.api.updateSettings({ theme: 'dark' });
    expect(core.savedTheme()).toBe('dark');
  });
});
