// The bridge harness (docs/ARCHITECTURE.md §2): the real app — built renderer, real core services, fake Gemini API —
// in Chromium, without the Electron binary. Only the IPC transport differs from production.
//
//   const app = await launchPlayground();                       // fresh data folder, no key yet
//   await app.page.getByTestId('prompt').fill('Hello');
//   expect(app.fake.interactionRequests()[0].body).toMatchObject({ model: 'gemini-3-flash-preview' });
//   await app.close();
//
// Reuse `dataDir` to restart on the same data (close the first app before launching the second: saved
// sessions, the index and in-flight journals are read at start; `localStorage` carries the page's over); pass `env: { GEMINI_API_KEY }` to skip
// key entry; `fake` to share one fake server; `browser` to share one Chromium. Native dialogs are scripted:
//   const app = await launchPlayground({ dialogAnswers: { open: ['/tmp/in.json'] } });
//   app.dialogs.answerNextSave(join(dir, 'out.json'));   // null = the person cancels; unscripted = cancel
//   app.dialogs.answerNextConfirm(true);                 // e.g. "Send your Gemini API key to <host>?"
// The application menu (which needs Electron) is stood in for by its event: `await app.emit('command', { command:
// 'open-settings' })` reaches the page as main's webContents.send would.
// Values over about 64 KB cross through an IPC worker in the page and the renderer's server, in order both ways
// (support/bridge-entry.ts, support/ipc-worker.ts): the page pays one structured clone for them, as under Electron.
// Bytes (addMedia) cross base64-encoded (support/bytes-codec.ts); stored images are served at /blobs/<sha256> from
// the data folder, as app://playground/blobs/<sha256> is in the app.
// Every argument, answer and event is structured-cloned as Electron's IPC does (support/ipc-clone.ts); one it
// cannot clone fails its call, and close() throws listing it.
// Run `npm run build` first.
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type ApiMethod, type PlaygroundEvents } from '../src-shared/contract';
import type { TurnEvent, UploadEvent } from '../src-shared/domain';
import { createAppCore, type AppCore } from '../src-main/core/app-core';
import { createIpcRouter } from '../src-main/core/ipc-router';
import type { Encryptor, Logger } from '../src-main/core/ports';
import { silentLogger } from '../src-main/core/ports';
import { BLOB_CACHE_CONTROL, CONTENT_SECURITY_POLICY, blobShaFromUrl, mimeTypeFor, resolveAppFile } from '../src-main/core/window-policy';
import { startFakeApi, type FakeApi, type FakeApiOptions } from './fake-api/server';
import { decodeBytes, encodeBytes } from './support/bytes-codec';
import { fromWire, isLarge, toWire } from './support/wire-json';
import { assertNoCloneFailures, ipcClone } from './support/ipc-clone';
import { CHROMIUM_ARGS, chromiumExecutable } from './support/chromium';
import { confStoreFactory } from './support/conf-store';
import { scriptedDialogs, type DialogAnswers, type ScriptedDialogs } from './support/scripted-dialogs';
import { testEncryptor } from './support/test-encryptor';
import { outDir } from './support/out-dir';
import { sendStaticFile } from './support/static-file';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIR = join(outDir(), 'renderer');

export interface LaunchOptions {
  dataDir?: string;
  env?: Record<string, string | undefined>;
  fake?: FakeApi;
  fakeOptions?: FakeApiOptions;
  browser?: Browser;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  encryptor?: Encryptor;
  logger?: Logger;
  /** Answers for the first save/open/confirm dialogs; more can be queued later through `Playground.dialogs`. */
  dialogAnswers?: DialogAnswers;
  /**
   * What the page kept in localStorage in an earlier launch (drafts, the last session), as the app's profile keeps
   * it across restarts: each launch serves the page from another origin, whose storage starts empty.
   */
  localStorage?: Record<string, string>;
}

export interface Playground {
  page: Page;
  context: BrowserContext;
  fake: FakeApi;
  core: AppCore;
  dataDir: string;
  /** Origin the renderer is served from (stands in for app://playground). */
  origin: string;
  /** Every event main pushed to the renderer, in order. */
  events: TurnEvent[];
  /** Every image upload progress event, in order. */
  uploads: UploadEvent[];
  /** Every call the renderer made, with its argument as received (bytes decoded back to Uint8Array). */
  calls: { method: ApiMethod; arg: unknown }[];
  /** Every answer the router sent back to the renderer (`{ ok, value }` or `{ ok: false, error }`), in order. */
  responses: { method: ApiMethod; response: unknown }[];
  /** Every console message and uncaught page error, from the first script on (`type: text`). */
  console: string[];
  /** URLs that passed validation and would have opened in the system browser. */
  opened: string[];
  /** Folders main would have opened in the file manager (openDataFolder). */
  openedFolders: string[];
  /** The native dialogs: queue answers with answerNextSave/answerNextOpen/answerNextConfirm, read `shown`. */
  dialogs: ScriptedDialogs;
  /** Arguments, answers and events that Electron's IPC could not have cloned (close() throws when any). */
  ipcCloneFailures: string[];
  /** Sends an event to the page as main does (and waits until the page has it), e.g. a menu item's `command`. */
  emit<E extends keyof PlaygroundEvents>(event: E, payload: PlaygroundEvents[E]): Promise<void>;
  /** Resolves when `n` terminal turn events (done | error | cancelled) have been pushed. */
  waitForTerminalEvents(n: number, timeoutMs?: number): Promise<TurnEvent[]>;
  close(): Promise<void>;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
}

const bundles = new Map<string, Promise<string>>();

/** A harness script (the bridge, the IPC worker) bundled as one classic script; built once per process. */
function bundle(entry: string): Promise<string> {
  let code = bundles.get(entry);
  if (!code) {
    code = build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry: join(ROOT, 'e2e/support', entry), formats: ['iife'], name: '__pgHarness' },
      },
    }).then((out) => {
      const outputs = Array.isArray(out) ? out : [out];
      const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
      if (!chunk || chunk.type !== 'chunk') throw new Error(`${entry} bundled to no chunk`);
      return chunk.code;
    });
    bundles.set(entry, code);
  }
  return code;
}

type BlobServer = AppCore['serveBlob'];
type BindingSource = { page: Page; frame: Page['mainFrame'] extends () => infer F ? F : never };

/** Where the page's IPC worker POSTs a large argument, and GETs a large batch of events (support/ipc-worker.ts). */
const UPLOAD_PATH = /^\/__pg\/upload\/(\d+)$/;
const DOWNLOAD_PATH = /^\/__pg\/download\/(\d+)$/;

/** Large values on their way between the page's IPC worker and the harness, by id. */
interface Transfers {
  uploads: Map<number, string>;
  downloads: Map<number, string>;
}

function serveRenderer(serveBlob: BlobServer, transfers: Transfers): Promise<{ server: Server; origin: string }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIR}: run \`npm run build\` first.`);
  }
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/__pg/ipc-worker.js') {
      void bundle('ipc-worker.ts').then((code) =>
        res.writeHead(200, { 'content-type': 'text/javascript', 'content-security-policy': CONTENT_SECURITY_POLICY }).end(code),
      );
      return;
    }
    const download = req.method === 'GET' ? DOWNLOAD_PATH.exec(req.url ?? '') : null;
    if (download) {
      const text = transfers.downloads.get(Number(download[1]));
      transfers.downloads.delete(Number(download[1]));
      if (text === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(text);
      return;
    }
    const upload = req.method === 'POST' ? UPLOAD_PATH.exec(req.url ?? '') : null;
    if (upload) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        transfers.uploads.set(Number(upload[1]), Buffer.concat(chunks).toString('utf8'));
        res.writeHead(204).end();
      });
      return;
    }
    // Same resolvers and headers as the app:// protocol handler in production (src-main/window.ts).
    const url = `app://playground${req.url ?? '/'}`;
    const sha256 = req.method === 'GET' ? blobShaFromUrl(url) : null;
    if (sha256) {
      void serveBlob(sha256, req.headers.range).then((answer) => {
        if (!answer) res.writeHead(404, { 'content-type': 'text/plain', 'content-security-policy': CONTENT_SECURITY_POLICY }).end('not found');
        else {
          res.writeHead(answer.status, {
            ...answer.headers,
            'content-type': answer.mimeType,
            'content-security-policy': CONTENT_SECURITY_POLICY,
            'x-content-type-options': 'nosniff',
            'cache-control': BLOB_CACHE_CONTROL,
          });
          res.end(answer.body);
        }
      });
      return;
    }
    const file = resolveAppFile(RENDERER_DIR, url);
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    sendStaticFile(req, res, file, { 'content-type': mimeTypeFor(file), 'content-security-policy': CONTENT_SECURITY_POLICY });
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

const METHOD_BY_CHANNEL = new Map<string, ApiMethod>(
  Object.entries(INVOKE_CHANNELS).map(([method, channel]) => [channel, method as ApiMethod]),
);

export async function launchPlayground(options: LaunchOptions = {}): Promise<Playground> {
  const fake = options.fake ?? (await startFakeApi(options.fakeOptions));
  const ownsFake = !options.fake;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  // The server starts before the core exists (its origin is the trusted sender), so images are late-bound.
  let serveBlob: BlobServer = async () => undefined;
  const transfers: Transfers = { uploads: new Map(), downloads: new Map() };
  const { server, origin } = await serveRenderer((sha256, range) => serveBlob(sha256, range), transfers);
  const browser = options.browser ?? (await launchBrowser());
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  if (options.localStorage) {
    await page.addInitScript((items) => {
      for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
    }, options.localStorage);
  }

  const events: TurnEvent[] = [];
  const uploads: UploadEvent[] = [];
  const calls: Playground['calls'] = [];
  const responses: Playground['responses'] = [];
  const consoleMessages: string[] = [];
  page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleMessages.push(`pageerror: ${error.message}`));
  const opened: string[] = [];
  const openedFolders: string[] = [];
  const cloneFailures: string[] = [];
  const waiters: { n: number; resolve: (e: TurnEvent[]) => void }[] = [];
  const terminal = () => events.filter((e) => e.type === 'done' || e.type === 'error' || e.type === 'cancelled');

  // main → renderer: batched and strictly ordered, like webContents.send on one channel.
  let queue: [string, unknown][] = [];
  let flushing: Promise<void> | undefined;
  // A large batch (a turn's end carries its whole answer, some times over) is fetched by the page's IPC worker.
  let downloads = 0;
  const flush = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const id = isLarge(batch) ? ++downloads : 0;
      if (id) transfers.downloads.set(id, toWire(encodeBytes(batch)));
      await (id
        ? page.evaluate((n) => (window as unknown as { __pgDispatchFetched(n: number): void }).__pgDispatchFetched(n), id)
        : page.evaluate((b) => (window as unknown as { __pgDispatch(b: unknown): void }).__pgDispatch(b), batch)
      ).catch(() => undefined); // the page may be closing
    }
    flushing = undefined;
  };
  const emit = <E extends keyof PlaygroundEvents>(event: E, payload: PlaygroundEvents[E]) => {
    ipcClone(`event ${event}`, payload, cloneFailures);
    if (event === 'upload') uploads.push(payload as UploadEvent);
    if (event === 'turn') {
      events.push(payload as TurnEvent);
      const count = terminal().length;
      for (const w of waiters.filter((w) => count >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(terminal());
      }
    }
    queue.push([EVENT_CHANNELS[event], payload]);
    flushing ??= flush();
  };

  const logger = options.logger ?? silentLogger;
  const dialogs = scriptedDialogs(options.dialogAnswers);
  const core = createAppCore({
    openStore: confStoreFactory(dataDir),
    encryptor: options.encryptor ?? testEncryptor(),
    env: { GEMINI_BASE_URL: fake.url, ...options.env },
    logger,
    emit,
    openExternal: async (url) => void opened.push(url),
    openFolder: async (path) => void openedFolders.push(path),
    dataDir,
    dialogs,
  });
  serveBlob = (sha256, range) => core.serveBlob(sha256, range);
  // As main does before the window exists (nativeTheme.themeSource, src-main/index.ts): the page sees the saved
  // theme as the system's scheme, so its first frame is in it.
  const savedTheme = core.savedTheme();
  if (savedTheme !== 'system') await page.emulateMedia({ colorScheme: savedTheme });
  const router = createIpcRouter(core.api, {
    isTrustedSender: (sender) => sender.isMainFrame && new URL(sender.url).origin === origin,
    logger,
  });

  const invoke = async (source: BindingSource, channel: string, encoded: unknown) => {
    const method = METHOD_BY_CHANNEL.get(channel);
    if (!method) return { ok: false, error: { code: 'BAD_REQUEST', message: `unknown channel ${channel}` } };
    const arg = decodeBytes(encoded);
    calls.push({ method, arg });
    const isMainFrame = source.frame === source.page.mainFrame();
    const response = await router.handle(method, { url: source.frame.url(), isMainFrame }, arg);
    responses.push({ method, response });
    return ipcClone(`answer to ${method}`, response, cloneFailures);
  };
  await page.exposeBinding('__pgInvoke', (source, channel: string, encoded: unknown) => invoke(source, channel, encoded));
  await page.exposeBinding('__pgInvokeUploaded', (source, channel: string, id: number) => {
    const text = transfers.uploads.get(id);
    transfers.uploads.delete(id);
    if (text === undefined) return { ok: false, error: { code: 'BAD_REQUEST', message: `no upload ${id}` } };
    return invoke(source, channel, fromWire(text));
  });
  // The page clones each argument before it is JSON-encoded for the binding (support/bridge-entry.ts).
  await page.exposeBinding('__pgCloneFailure', (_source, message: string) => void cloneFailures.push(message));
  await page.addInitScript({ content: await bundle('bridge-entry.ts') });
  await page.goto(`${origin}/index.html`);

  return {
    page,
    context,
    fake,
    core,
    dataDir,
    origin,
    events,
    uploads,
    calls,
    responses,
    console: consoleMessages,
    opened,
    openedFolders,
    dialogs,
    ipcCloneFailures: cloneFailures,
    async emit(event, payload) {
      emit(event, payload);
      await flushing;
    },
    waitForTerminalEvents(n, timeoutMs = 15_000) {
      if (terminal().length >= n) return Promise.resolve(terminal());
      return new Promise((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`waited ${timeoutMs} ms for ${n} terminal events, saw ${terminal().length}`)),
          timeoutMs,
        );
        waiters.push({ n, resolve: (e) => (clearTimeout(timer), ok(e)) });
      });
    },
    async close() {
      await core.dispose();
      await flushing;
      await context.close();
      if (!options.browser) await browser.close();
      await new Promise((ok) => server.close(() => ok(undefined)));
      if (ownsFake) await fake.close();
      assertNoCloneFailures(cloneFailures);
    },
  };
}
