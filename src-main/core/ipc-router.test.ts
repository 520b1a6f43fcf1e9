// The IPC router: every method is fuzzed with bad arguments generated from a valid sample, senders are checked.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { INVOKE_CHANNELS, type ApiArg, type ApiMethod, type ApiResult, type PlaygroundApi } from '../../src-shared/contract';
import { ARG_SCHEMAS, MAX_TEXT, describeIssue } from '../../src-shared/schemas';
import { AppFailure } from './failure';
import { FORBIDDEN_MESSAGE, INTERNAL_MESSAGE, createIpcRouter, type SchemaMismatch, type SenderInfo } from './ipc-router';
import type { Logger } from './ports';
import { SESSION_VERSION, type Session } from '../../src-shared/session';
import { isTrustedSender } from './window-policy';
import { MAX_ANSWER_CHARS, MAX_ARGUMENT_DEPTH, MAX_ARGUMENT_VALUES, MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH, MAX_MCP_HEADERS, MAX_PANES } from '../../src-shared/limits';
import { MAX_ASSERTIONS, MAX_CASES } from '../../src-shared/eval/constants';
import { jsonDepth } from './storage/safe-json';
import { overBudget } from './value-budget';

const APP: SenderInfo = { url: 'app://playground/index.html', isMainFrame: true };

/** Every field of the document (usage is a loose record of the API's counters, so it is left out here). */
const SESSION: Session = {
  version: SESSION_VERSION,
  id: 'session-1',
  title: 'Dogs',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:01:00.000Z',
  historyMode: 'stateless',
  panes: [
    {
      id: 'pane-1',
      label: 'Careful',
      config: { model: 'gemini-3-flash-preview', temperature: 0.2, stopSequences: ['END'] },
      turns: [
        {
          id: 'turn-1',
          input: { text: 'I have 2 dogs.', images: [{ sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'dog.png', size: 123 }] },
          config: { model: 'gemini-3-flash-preview', temperature: 0.2 },
          status: 'failed',
          text: 'Nice',
          thought: 'Counting',
          steps: [{ type: 'model_output' }],
          interactionId: 'v1_A',
          finishStatus: 'failed',
          error: { code: 'STREAM_ERROR', message: 'boom', httpStatus: 500, retryable: true, retryAfterMs: 1000 },
          metrics: { totalMs: 800, timeToFirstTokenMs: 200, tokensPerSecond: 12.5 },
          startedAt: '2026-11-27T10:00:30.000Z',
        },
      ],
    },
  ],
};

/** One valid argument per method; the type makes a new method without a sample a compile error. */
const VALID_ARGS: { [M in ApiMethod]: ApiArg<M> } = {
  getKeyStatus: undefined,
  setKey: { key: 'AIzaSyTEST-key_0123456789' },
  clearKey: undefined,
  setMcpHeaders: { url: 'https://mcp.example.com/sse', headers: { Authorization: 'Bearer token-1' } },
  listMcpHeaders: undefined,
  getSettings: undefined,
  updateSettings: { baseUrl: 'https://proxy.example.com' },
  listModels: undefined,
  addMedia: { name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
  start: {
    input: { text: 'Hello' },
    panes: [
      {
        requestId: 'turn-2',
        paneId: 'pane-1',
        config: {
          model: 'gemini-3-flash-preview',
          systemInstruction: 'Be brief.',
          temperature: 0.7,
          topP: 0.9,
          maxOutputTokens: 256,
          thinkingLevel: 'low',
          thinkingSummaries: true,
          stopSequences: ['END'],
          seed: 7,
        },
        history: { mode: 'server', previousInteractionId: 'int-123' },
      },
    ],
    sessionId: 'session-1',
  },
  cancelTurn: { requestIds: ['req-1'] },
  openExternal: { url: 'https://ai.google.dev/' },
  openDataFolder: undefined,
  closeReady: { saved: false, problem: 'The disk is full.' },
  listSessions: { query: 'dogs' },
  getSession: { id: 'session-1' },
  saveSession: { session: SESSION },
  discardTurns: { sessionId: 'session-1', turnIds: ['turn-2'] },
  deleteSession: { id: 'session-1' },
  restoreSession: { undoToken: '1764237600000-session-1' },
  duplicateSession: { id: 'session-1' },
  exportSessionFile: { id: 'session-1' },
  importSessionFile: undefined,
  exportTranscript: { id: 'session-1', paneIndex: 0 },
  storageProblems: undefined,
  saveTextFile: { suggestedName: 'playground.py', text: 'print(1)\n' },
  saveFilesToFolder: { files: [{ name: 'suite.py', text: 'print(1)\n' }, { name: 'cases.jsonl', text: '{}\n' }] },
  saveImage: { sha256: 'a'.repeat(64), suggestedName: 'image_1.png' },
};

/** Every method, from the samples (complete by their type), to walk the router and its schemas with. */
const API_METHODS = Object.keys(VALID_ARGS) as ApiMethod[];

function fakeApi() {
  const calls: { method: ApiMethod; args: unknown[] }[] = [];
  const rec =
    <M extends ApiMethod>(method: M, value: ApiResult<M>) =>
      (async (...args: unknown[]) => {
        calls.push({ method, args });
        return value;
      }) as unknown as PlaygroundApi[M];
  const api: PlaygroundApi = {
    getKeyStatus: rec('getKeyStatus', { configured: false, source: 'none', persisted: false }),
    setKey: rec('setKey', { configured: true, source: 'stored', persisted: true, hint: '…6789' }),
    clearKey: rec('clearKey', { configured: false, source: 'none', persisted: false }),
    setMcpHeaders: rec('setMcpHeaders', { url: 'https://mcp.example.com/sse', headerNames: ['Authorization'] }),
    listMcpHeaders: rec('listMcpHeaders', []),
    getSettings: rec('getSettings', { baseUrl: 'https://x', baseUrlSource: 'default' }),
    updateSettings: rec('updateSettings', { baseUrl: 'https://x', baseUrlSource: 'settings' }),
    listModels: rec('listModels', { models: [], source: 'fallback' }),
    addMedia: rec('addMedia', { sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'photo.png', size: 4 }),
    start: rec('start', undefined),
    cancelTurn: rec('cancelTurn', { cancelled: 0 }),
    openExternal: rec('openExternal', { opened: true }),
    openDataFolder: rec('openDataFolder', { opened: true }),
    closeReady: rec('closeReady', undefined),
    listSessions: rec('listSessions', []),
    getSession: rec('getSession', SESSION),
    saveSession: rec('saveSession', { updatedAt: SESSION.updatedAt }),
    discardTurns: rec('discardTurns', undefined),
    deleteSession: rec('deleteSession', { undoToken: '1764237600000-session-1' }),
    restoreSession: rec('restoreSession', { id: 'session-1', title: 'Dogs', createdAt: '', updatedAt: '', paneCount: 1, turnCount: 1 }),
    duplicateSession: rec('duplicateSession', SESSION),
    exportSessionFile: rec('exportSessionFile', { saved: false }),
    importSessionFile: rec('importSessionFile', {}),
    exportTranscript: rec('exportTranscript', { saved: false }),
    storageProblems: rec('storageProblems', []),
    saveTextFile: rec('saveTextFile', { saved: false }),
    saveFilesToFolder: rec('saveFilesToFolder', { saved: false }),
    saveImage: rec('saveImage', { saved: false }),
  };
  return { api, calls };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string, d?: Record<string, unknown>) => void lines.push(`${level} ${m} ${JSON.stringify(d ?? {})}`);
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

function router(api: PlaygroundApi, logger: Logger = recordingLogger()) {
  return createIpcRouter(api, { isTrustedSender: (s) => isTrustedSender(s), logger });
}

type Path = (string | number)[];
type Mutation = { name: string; arg: unknown };

const HUGE = 'x'.repeat(MAX_TEXT + 1);
/** History steps are deliberately loose objects (sent back verbatim), and MCP headers any names, so extra fields there are fine. */
const LOOSE_KEYS = new Set(['steps', 'headers']);

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/** Every way to break a valid argument: wrong types, extra fields, oversized strings and arrays. */
function mutationsOf(valid: unknown): Mutation[] {
  const out: Mutation[] = [];
  if (valid === undefined) {
    for (const arg of [{}, { extra: 1 }, 'x', 0, null, false, [], HUGE]) out.push({ name: `arg ${JSON.stringify(arg).slice(0, 20)}`, arg });
    return out;
  }
  for (const arg of [undefined, null, 'x', 42, true, [], HUGE]) out.push({ name: `root ${String(arg).slice(0, 20)}`, arg });
  out.push({ name: 'own __proto__ key', arg: { ...(valid as object), ...JSON.parse('{"__proto__": {"polluted": true}}') } });
  const walk = (node: unknown, path: Path): void => {
    const where = path.join('.') || '(root)';
    if (typeof node === 'string') {
      out.push({ name: `${where}: huge string`, arg: setAt(valid, path, HUGE) });
      out.push({ name: `${where}: number instead of string`, arg: setAt(valid, path, 12345) });
      out.push({ name: `${where}: object instead of string`, arg: setAt(valid, path, { toString: 'x' }) });
    } else if (typeof node === 'number') {
      for (const bad of ['1', NaN, Infinity, -Infinity, null, {}]) out.push({ name: `${where}: ${String(bad)}`, arg: setAt(valid, path, bad) });
    } else if (typeof node === 'boolean') {
      for (const bad of ['true', 1, null]) out.push({ name: `${where}: ${String(bad)}`, arg: setAt(valid, path, bad) });
    } else if (ArrayBuffer.isView(node)) {
      // Bytes: only a Uint8Array will do (structured clone keeps it one; JSON would not).
      out.push({ name: `${where}: plain array instead of bytes`, arg: setAt(valid, path, Array.from(node as Uint8Array)) });
      out.push({ name: `${where}: base64 string instead of bytes`, arg: setAt(valid, path, 'iVBORw==') });
    } else if (Array.isArray(node)) {
      out.push({ name: `${where}: string instead of array`, arg: setAt(valid, path, 'not-an-array') });
      out.push({ name: `${where}: object instead of array`, arg: setAt(valid, path, { 0: node[0], length: 1 }) });
      out.push({ name: `${where}: 10001 items`, arg: setAt(valid, path, Array.from({ length: 10_001 }, () => node[0])) });
      node.forEach((item, i) => walk(item, [...path, i]));
    } else if (node && typeof node === 'object') {
      if (!path.some((k) => typeof k === 'string' && LOOSE_KEYS.has(k))) {
        out.push({ name: `${where}: extra field`, arg: setAt(valid, path, { ...(node as object), sneaky: 'x' }) });
      }
      out.push({ name: `${where}: array instead of object`, arg: setAt(valid, path, [node]) });
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(valid, []);
  return out;
}

describe('createIpcRouter: schemas', () => {
  it('has a schema for every method, and nothing else', () => {
    const schemas: Record<ApiMethod, unknown> = ARG_SCHEMAS;
    expect(Object.keys(schemas).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(INVOKE_CHANNELS).sort()).toEqual([...API_METHODS].sort());
    expectTypeOf<Exclude<ApiMethod, keyof typeof ARG_SCHEMAS>>().toBeNever();
    expectTypeOf<Exclude<keyof typeof ARG_SCHEMAS, ApiMethod>>().toBeNever();
    // What each schema lets through is assignable to what the implementation takes.
    expectTypeOf<SchemaMismatch>().toBeNever();
  });

  it('the valid samples pass their schemas', () => {
    for (const method of API_METHODS) expect(ARG_SCHEMAS[method].safeParse(VALID_ARGS[method]).success, method).toBe(true);
  });
});

describe.each(API_METHODS.map((m) => [m] as const))('createIpcRouter: %s', (method) => {
  it('calls the implementation with a valid argument', async () => {
    const { api, calls } = fakeApi();
    const result = await router(api).handle(method, APP, VALID_ARGS[method]);
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe(method);
    const expected: unknown[] = VALID_ARGS[method] === undefined ? [] : [VALID_ARGS[method]];
    // saveSession is handed the walk of its argument too, so it need not walk the session again.
    if (method === 'saveSession') expected.push({ over: undefined, depth: jsonDepth(JSON.stringify(VALID_ARGS[method])) });
    expect(calls[0]?.args).toEqual(expected);
  });

  it('rejects every malformed argument with BAD_REQUEST before the implementation', async () => {
    const { api, calls } = fakeApi();
    const r = router(api);
    const mutations = mutationsOf(VALID_ARGS[method]);
    expect(mutations.length).toBeGreaterThan(5);
    for (const { name, arg } of mutations) {
      const result = await r.handle(method, APP, arg);
      expect(result.ok, `${method} / ${name}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${method} / ${name}`).toBe('BAD_REQUEST');
      const parsed = ARG_SCHEMAS[method].safeParse(arg);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(result.error.message).toBe(describeIssue(parsed.error).slice(0, 2_000));
      expect(result.error.message.length).toBeLessThan(2_001);
    }
    expect(calls).toEqual([]);
  });

  it('answers FORBIDDEN to a subframe, a foreign origin or a broken sender check, before validation', async () => {
    const { api, calls } = fakeApi();
    const r = router(api);
    const senders: SenderInfo[] = [
      { url: 'app://playground/index.html', isMainFrame: false },
      { url: 'https://evil.example.com/', isMainFrame: true },
      { url: 'app://playground.evil.com/', isMainFrame: true },
      { url: 'file:///tmp/index.html', isMainFrame: true },
      { url: '', isMainFrame: true },
    ];
    for (const sender of senders) {
      for (const arg of [VALID_ARGS[method], 'garbage']) {
        expect(await r.handle(method, sender, arg)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE } });
      }
    }
    const throwing = createIpcRouter(api, {
      isTrustedSender: () => {
        throw new Error('frame gone');
      },
      logger: recordingLogger(),
    });
    expect((await throwing.handle(method, APP, VALID_ARGS[method])).ok).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('createIpcRouter: behaviour', () => {
  it('passes the parsed argument, not the raw one', async () => {
    const { api, calls } = fakeApi();
    await router(api).handle('setKey', APP, { key: '  AIzaSy-padded-key-1234  ' });
    expect(calls[0]?.args).toEqual([{ key: 'AIzaSy-padded-key-1234' }]);
  });

  it('accepts stateless history steps as loose objects', async () => {
    const { api, calls } = fakeApi();
    const arg = {
      input: { text: 'next' },
      panes: [
        {
          requestId: 'r1',
          paneId: 'p',
          config: { model: 'm' },
          history: { mode: 'stateless', steps: [{ type: 'model_output', content: [{ type: 'text', text: 'hi' }], signature: 's' }] },
        },
      ],
    };
    expect((await router(api).handle('start', APP, arg)).ok).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('refuses session ids, undo tokens and request ids that could name another file', async () => {
    const { api, calls } = fakeApi();
    const r = router(api);
    for (const id of ['../secrets', 'a/b', '..', '.hidden', 'a\\b', 'x.json', '', 'C:evil', 'a'.repeat(129)]) {
      expect((await r.handle('getSession', APP, { id })).ok, id).toBe(false);
      expect((await r.handle('saveSession', APP, { session: { ...SESSION, id } })).ok, id).toBe(false);
      expect((await r.handle('restoreSession', APP, { undoToken: `1764237600000-${id}` })).ok, id).toBe(false);
      // The crash journal is a file named after the request id.
      const pane = { ...VALID_ARGS.start.panes[0]!, requestId: id };
      expect((await r.handle('start', APP, { ...VALID_ARGS.start, panes: [pane] })).ok, id).toBe(false);
    }
    expect((await r.handle('start', APP, { ...VALID_ARGS.start, sessionId: '../x' })).ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('rejects an unknown method name', async () => {
    const { api, calls } = fakeApi();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope']) {
      expect(await router(api).handle(name as ApiMethod, APP, undefined)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(calls).toEqual([]);
  });

  it('maps an AppFailure to its code and message', async () => {
    const { api } = fakeApi();
    api.listModels = async () => {
      throw new AppFailure('NO_KEY', 'Add an API key first');
    };
    expect(await router(api).handle('listModels', APP, undefined)).toEqual({
      ok: false,
      error: { code: 'NO_KEY', message: 'Add an API key first' },
    });
  });

  it('passes on why a saved key cannot be read, so the window need not find it in the message', async () => {
    const { api } = fakeApi();
    api.listModels = async () => {
      throw new AppFailure('NO_KEY', 'any words at all', { keyUnreadable: 'other-keyring' });
    };
    expect(await router(api).handle('listModels', APP, undefined)).toEqual({
      ok: false,
      error: { code: 'NO_KEY', message: 'any words at all', keyUnreadable: 'other-keyring' },
    });
  });

  it('maps anything else to INTERNAL with a generic message, logging the real error', async () => {
    const logger = recordingLogger();
    const { api } = fakeApi();
    api.getSettings = async () => {
      throw new TypeError('cannot read x of undefined at /home/me/secret/path');
    };
    api.clearKey = async () => {
      throw 'a string';
    };
    const r = router(api, logger);
    const a = await r.handle('getSettings', APP, undefined);
    expect(a).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
    expect(JSON.stringify(a)).not.toContain('secret');
    expect(logger.lines.some((l) => l.startsWith('error') && l.includes('cannot read x of undefined'))).toBe(true);
    expect(await r.handle('clearKey', APP, undefined)).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
  });

  it('maps a synchronous throw as well', async () => {
    const { api } = fakeApi();
    (api as unknown as Record<string, unknown>).getKeyStatus = () => {
      throw new AppFailure('FORBIDDEN', 'nope');
    };
    expect(await router(api).handle('getKeyStatus', APP, undefined)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'nope' } });
  });

  it('never logs a rejected key', async () => {
    const logger = recordingLogger();
    const { api } = fakeApi();
    const key = 'AIzaSy-this-key-has spaces-and-is-logged?';
    await router(api, logger).handle('setKey', APP, { key, extra: true });
    await router(api, logger).handle('setKey', { url: 'https://evil/', isMainFrame: true }, { key });
    expect(logger.lines.join('\n')).not.toContain('AIzaSy');
  });

  it('takes at most 50 headers for one MCP server', async () => {
    const { api, calls } = fakeApi();
    const headersOf = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`X-Header-${i}`, 'v']));
    const url = 'https://mcp.example.com/sse';
    expect((await router(api).handle('setMcpHeaders', APP, { url, headers: headersOf(MAX_MCP_HEADERS) })).ok).toBe(true);
    expect(await router(api).handle('setMcpHeaders', APP, { url, headers: headersOf(MAX_MCP_HEADERS + 1) })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'headers: At most 50 headers for one server' },
    });
    expect(calls).toHaveLength(1);
  });

  it('never logs MCP header values, refused or not', async () => {
    const logger = recordingLogger();
    const { api, calls } = fakeApi();
    const url = 'https://mcp.example.com/sse';
    await router(api, logger).handle('setMcpHeaders', APP, { url, headers: { Authorization: 'Bearer leaked-value\r\nX-Evil: 1' } });
    await router(api, logger).handle('setMcpHeaders', APP, { url: 'http://mcp.example.com/sse', headers: { Authorization: 'Bearer leaked-value' } });
    await router(api, logger).handle('setMcpHeaders', { url: 'https://evil/', isMainFrame: true }, { url, headers: { Authorization: 'Bearer leaked-value' } });
    expect(calls).toEqual([]);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join('\n')).not.toContain('leaked-value');
  });
});

/** One object reached along 2^levels paths: structured clone carries it as 2 × levels objects, zod and JSON walk every path. */
function sharedTree(levels: number): Record<string, unknown> {
  let tree: Record<string, unknown> = { type: 'leaf' };
  for (let i = 0; i < levels; i++) tree = { a: tree, b: tree };
  return tree;
}

/** VALID_ARGS.start with its pane changed by `edit`. */
function startWith(edit: (pane: Record<string, unknown>) => void): ApiArg<'start'> {
  const arg = structuredClone(VALID_ARGS.start);
  edit(arg.panes[0] as unknown as Record<string, unknown>);
  return arg;
}

/** SESSION with its one turn's steps replaced. */
function saveWithSteps(steps: unknown[]): ApiArg<'saveSession'> {
  const session = structuredClone(SESSION);
  session.panes[0]!.turns[0]!.steps = steps as Session['panes'][0]['turns'][0]['steps'];
  return { session };
}

describe('createIpcRouter: what an argument costs to walk', () => {
  it('refuses an argument reaching one object along 2^40 paths, before the schema walks them', async () => {
    const { api, calls } = fakeApi();
    const r = router(api);
    const tree = sharedTree(40);
    const attempts: [ApiMethod, unknown][] = [
      ['start', startWith((pane) => (pane.config = { model: 'm', functions: [{ name: 'f', parameters: tree }] }))],
      ['start', startWith((pane) => (pane.history = { mode: 'stateless', steps: [tree] }))],
      ['start', startWith((pane) => (pane.functionResults = [{ type: 'function_result', call_id: 'c1', result: tree }]))],
      ['saveSession', saveWithSteps([{ type: 'function_call', name: 'f', arguments: tree }])],
    ];
    for (const [method, arg] of attempts) {
      expect(await r.handle(method, APP, arg)).toEqual({
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'The request was refused: it holds more than 4,000,000 values (each repeat of a shared one counted)' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a cycle, and nesting deeper than any argument may be, naming where; a session a little too deep goes on to its own check', async () => {
    const { api, calls } = fakeApi();
    const r = router(api);
    const cycle: Record<string, unknown> = { type: 'function_call' };
    cycle.self = cycle;
    const cycled = await r.handle('saveSession', APP, saveWithSteps([cycle]));
    const where = (path: string) => ({
      ok: false,
      error: { code: 'BAD_REQUEST', message: `The request was refused: ${path}.… is nested more than ${MAX_ARGUMENT_DEPTH} levels deep` },
    });
    expect(cycled).toEqual(where('session.panes.0.turns.0.steps.0.self'));
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_ARGUMENT_DEPTH; i++) deep = [deep];
    const nested = await r.handle('start', APP, startWith((pane) => (pane.history = { mode: 'stateless', steps: [{ type: 'x', deep }] })));
    expect(nested).toEqual(where('panes.0.history.steps.0.deep.0.0'));
    expect(calls).toEqual([]);
    // A session past MAX_JSON_DEPTH is the session document's to refuse (its message names the rule, as
    // sessions/save-read-limits.test.ts and e2e/answer-limits.spec.ts show); only nesting no session could be stops here.
    const sessionOfDepth = (depth: number) => {
      const arg = saveWithSteps([{ type: 'function_call', arguments: [] }]);
      let value: unknown[] = [];
      for (let levels = jsonDepth(JSON.stringify(arg.session)); levels < depth; levels++) value = [value];
      arg.session.panes[0]!.turns[0]!.steps[0]!.arguments = value;
      expect(jsonDepth(JSON.stringify(arg.session))).toBe(depth);
      return arg;
    };
    expect((await r.handle('saveSession', APP, sessionOfDepth(MAX_JSON_DEPTH + 1))).ok).toBe(true);
    expect(await r.handle('saveSession', APP, sessionOfDepth(MAX_ARGUMENT_DEPTH))).toEqual(where('session.panes.0.turns.0.steps.0.arguments'));
    expect(calls).toHaveLength(1);
  });

  it('counts the text and the bytes of a shared object at each place it is reached', async () => {
    const { api, calls } = fakeApi();
    const r = router(api);
    const text = { type: 'model_output', text: 'y'.repeat(100_000) };
    const sharedText = await r.handle('start', APP, startWith((pane) => (pane.history = { mode: 'stateless', steps: Array(10_000).fill(text) })));
    expect(sharedText).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('more than 134,217,728 characters of text') } });
    // JSON.stringify writes a typed array index by index.
    const bytes = { type: 'model_output', data: new Uint8Array(100_000) };
    const sharedBytes = await r.handle('saveSession', APP, saveWithSteps(Array(100).fill(bytes)));
    expect(sharedBytes).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('more than 4,000,000 values') } });
    expect(calls).toEqual([]);
  });

  it("takes addMedia's bytes as one value: an image larger than the value budget passes", async () => {
    const { api, calls } = fakeApi();
    const arg = { name: 'photo.png', bytes: new Uint8Array(MAX_ARGUMENT_VALUES + 1) };
    expect((await router(api).handle('addMedia', APP, arg)).ok).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('passes the largest session a person can save: 1,000 cases × 6 panes of full results, and answers at the answer cap', async () => {
    const { api, calls } = fakeApi();
    const session = largestSession();
    expect(Buffer.byteLength(JSON.stringify(session))).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    // Within a factor of four of the budget, so a budget much below it would refuse this session.
    expect(overBudget({ session }, { maxDepth: MAX_JSON_DEPTH + 1, maxValues: MAX_ARGUMENT_VALUES / 4, maxChars: Infinity })?.limit).toBe('values');
    expect(await router(api).handle('saveSession', APP, { session })).toEqual({ ok: true, value: { updatedAt: SESSION.updatedAt } });
    expect(calls).toHaveLength(1);
  });
});

/** Every cell of the most cases and panes with the most checks and judge calls, and three capped answers per pane. */
function largestSession(): Session {
  const at = SESSION.createdAt;
  const model = 'gemini-3-flash-preview';
  const panes = Array.from({ length: MAX_PANES }, (_, p) => ({
    id: `pane-${p}`,
    config: { model },
    turns: Array.from({ length: 3 }, (_, t) => ({ ...SESSION.panes[0]!.turns[0]!, id: `turn-${t}`, status: 'done' as const, text: 'a'.repeat(MAX_ANSWER_CHARS) })),
  }));
  const assertions = Array.from({ length: MAX_ASSERTIONS }, (_, a) => ({ id: `a${a}`, type: 'rubric' as const, value: 'Is it polite?', judgeModel: model }));
  const cases = Array.from({ length: MAX_CASES }, (_, c) => ({ id: `case-${c}`, values: { city: `City ${c}` }, assertions }));
  const results = cases.flatMap((c) =>
    panes.map((pane) => ({
      caseId: c.id,
      paneId: pane.id,
      status: 'done' as const,
      text: 'Paris is lovely.',
      latencyMs: 812,
      inputTokens: 12,
      outputTokens: 40,
      at,
      checks: Array.from({ length: MAX_ASSERTIONS * 2 }, (_, a) => ({ assertionId: `a${a % MAX_ASSERTIONS}`, pass: true })),
      judgeUsage: Array.from({ length: MAX_ASSERTIONS * 2 }, () => ({ model, inputTokens: 300, outputTokens: 20 })),
    })),
  );
  return { ...SESSION, panes, testSet: { variables: ['city'], prompt: 'Tell me about {{city}}', cases, assertions, results } };
}
