// Runs a built preload as a sandboxed renderer would: a plain script (no ES modules) with a `require` that knows only
// the modules the docs list, and the double's contextBridge and ipcRenderer — so a test sees exactly what the page
// would get on `window` and which channels each call uses.
import { readFileSync } from 'node:fs';
import * as events from 'node:events';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { runInNewContext } from 'node:vm';
import { RuleBook, RuleError } from './rules';

type Listener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpcRenderer {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  readonly sent: string[] = [];

  constructor(
    private readonly rules: RuleBook,
    private readonly reply: (channel: string, args: unknown[]) => Promise<unknown>,
  ) {}

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    try {
      const copy = this.rules.cloned(`ipcRenderer.invoke('${channel}') argument`, args);
      this.invoked.push({ channel, args: copy });
      return this.reply(channel, copy).then((answer) => this.rules.cloned(`the answer to '${channel}'`, answer));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  on(channel: string, listener: Listener): this {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    return this.off(channel, listener);
  }

  send(channel: string): void {
    this.sent.push(channel);
  }

  sendSync(channel: string): undefined {
    this.sent.push(channel);
    return undefined;
  }

  /** main's webContents.send arriving: the listener gets an IpcRendererEvent and a structured clone. */
  deliver(channel: string, payload: unknown): void {
    const copy = this.rules.cloned(`webContents.send('${channel}') payload`, payload);
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: this, senderId: 0, ports: [] }, copy);
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

export interface PreloadRun {
  /** What exposeInMainWorld put on the page's window, by key. */
  exposed: Map<string, Record<string, unknown>>;
  ipcRenderer: FakeIpcRenderer;
  required: string[];
  rules: RuleBook;
}

/**
 * "A require function similar to Node's require module is exposed, but can only import a subset of Electron and
 * Node's built-in modules: electron (following renderer process modules: contextBridge, crashReporter,
 * ipcRenderer, nativeImage, webFrame, webUtils), events, timers, url" —
 * https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts
 */
const SANDBOX_NODE_MODULES: Record<string, unknown> = { events, timers, url };

export function runSandboxedPreload(path: string, reply: (channel: string, args: unknown[]) => Promise<unknown>): PreloadRun {
  const rules = new RuleBook();
  const ipcRenderer = new FakeIpcRenderer(rules, reply);
  const exposed = new Map<string, Record<string, unknown>>();
  const required: string[] = [];
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      // https://www.electronjs.org/docs/latest/api/context-bridge: a key already on window cannot be bound again.
      if (exposed.has(key)) rules.break('context-bridge', `Cannot bind an API on top of an existing property on the window object: ${key}`);
      exposed.set(key, copyAcrossBridge(api, rules) as Record<string, unknown>);
    },
  };
  const electron = { contextBridge, ipcRenderer, webFrame: {}, crashReporter: {}, nativeImage: {}, webUtils: {} };
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return electron;
    const node = SANDBOX_NODE_MODULES[id.replace(/^node:/, '')];
    if (node) return node;
    return rules.break('sandboxed-require', `module not found: ${id} (a sandboxed preload can require only electron, events, timers and url)`);
  };
  const code = readFileSync(path, 'utf8');
  const module = { exports: {} };
  let wrapper: (...args: unknown[]) => void;
  try {
    // A CommonJS wrapper, as Electron's sandboxed preload loader uses; `import` in it is a syntax error.
    wrapper = runInNewContext(`(function (exports, require, module, __filename, __dirname, process, Buffer, global) {\n${code}\n})`, { console }, { filename: path });
  } catch (error) {
    if (error instanceof RuleError) throw error;
    return rules.break('sandboxed-preload', `${path} does not run as a CommonJS script: ${(error as Error).message}`);
  }
  wrapper(module.exports, sandboxRequire, module, path, '.', { platform: process.platform, env: {} }, undefined, {});
  return { exposed, ipcRenderer, required, rules };
}

/**
 * contextBridge copies what crosses it: functions become proxies (their arguments and results copied again),
 * plain objects and arrays are copied, prototypes are dropped — https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support
 */
function copyAcrossBridge(value: unknown, rules: RuleBook, depth = 0): unknown {
  if (depth > 1000) rules.break('context-bridge', 'object too deep to cross the bridge');
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => copyAcrossBridge(fn(...args.map((a) => copyAcrossBridge(a, rules, depth + 1))), rules, depth + 1);
  }
  if (value === null || typeof value !== 'object' || value instanceof Promise || value instanceof Error) return value;
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v) => copyAcrossBridge(v, rules, depth + 1));
  if (typeof (value as { then?: unknown }).then === 'function') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyAcrossBridge(v, rules, depth + 1)]));
}
