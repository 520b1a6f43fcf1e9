// The rules of Electron's documentation that the double enforces, each with where it is written. A broken rule is
// recorded and thrown at the call, like Electron does where it throws, and also where Electron only misbehaves
// quietly (a scheme registered after `ready` has no effect; a window made before it crashes later).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';

export interface Violation {
  rule: string;
  message: string;
}

export class RuleError extends Error {
  constructor(readonly violation: Violation) {
    super(`[electron-double] ${violation.rule}: ${violation.message}`);
    this.name = 'RuleError';
  }
}

/** Where broken rules are collected; the world owns one. */
export class RuleBook {
  readonly violations: Violation[] = [];

  break(rule: string, message: string): never {
    const violation = { rule, message };
    this.violations.push(violation);
    throw new RuleError(violation);
  }

  /**
   * Before `ready`, per the docs of each API:
   * - protocol.registerSchemesAsPrivileged — https://www.electronjs.org/docs/latest/api/protocol
   *   "This method can only be used before the ready event of the app module gets emitted and can be called
   *   only once."
   * - app.setPath('userData' | 'sessionData') — https://www.electronjs.org/docs/latest/api/app#appsetpathname-path
   *   "you have to override the sessionData path before the ready event of the app module is emitted"
   */
  beforeReady(isReady: boolean, api: string): void {
    if (isReady) this.break('before-ready', `${api} must be called before the app's ready event`);
  }

  /**
   * After `ready`:
   * - BrowserWindow — https://www.electronjs.org/docs/latest/api/browser-window
   *   "This module cannot be used until the ready event of the app module is emitted."
   * - protocol.handle — https://www.electronjs.org/docs/latest/api/protocol
   *   "All methods unless specified can only be used after the ready event of the app module gets emitted."
   * - session.defaultSession — https://www.electronjs.org/docs/latest/api/session#sessiondefaultsession
   *   "the default session object of the app, available after app.whenReady is called."
   * - dialog.showMessageBox/showOpenDialog/showSaveDialog (only showErrorBox "can be called safely before the
   *   ready event") — https://www.electronjs.org/docs/latest/api/dialog
   */
  afterReady(isReady: boolean, api: string): void {
    if (!isReady) this.break('after-ready', `${api} cannot be used before the app's ready event`);
  }

  /**
   * IPC payloads: "Arguments will be serialized with the Structured Clone Algorithm, just like
   * window.postMessage, so prototype chains will not be included. Sending Functions, Promises, Symbols,
   * WeakMaps, or WeakSets will throw an exception." — https://www.electronjs.org/docs/latest/api/ipc-renderer
   * (invoke) and https://www.electronjs.org/docs/latest/api/web-contents#contentssendchannel-args (send).
   * Returns the copy the other side receives.
   */
  cloned<T>(what: string, value: T): T {
    try {
      return structuredClone(value);
    } catch (error) {
      return this.break('structured-clone', `${what} could not be cloned: ${(error as Error).message}`);
    }
  }

  /**
   * app.setPath: "If the path specifies a directory that does not exist, an Error is thrown. In that case, the
   * directory should be created with fs.mkdirSync or similar." — https://www.electronjs.org/docs/latest/api/app#appsetpathname-path
   */
  existingFolder(api: string, path: string): void {
    if (typeof path !== 'string' || !isAbsolute(path)) this.break('existing-folder', `${api}: "${path}" is not an absolute path`);
    if (!existsSync(path) || !statSync(path).isDirectory()) this.break('existing-folder', `${api}: ${path} is not an existing folder`);
  }

  /**
   * ipcMain.handle twice for one channel throws "Attempted to register a second handler for '<channel>'"
   * (electron/electron, lib/browser/ipc-main-impl.ts); a handler must be removed before another is added.
   */
  singleHandler(channel: string, taken: boolean): void {
    if (taken) this.break('single-handler', `Attempted to register a second handler for '${channel}'`);
  }

  /**
   * A sandboxed renderer's preload (sandbox is on by default since Electron 20) runs without an ESM loader —
   * "Renderer (Sandboxed) | Chromium | Unsupported" in https://www.electronjs.org/docs/latest/tutorial/esm — and
   * with a `require` polyfill, https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts. So the
   * file must exist, be given as an absolute path, and be CommonJS: `.cjs`, or `.js` under a package.json whose
   * "type" is not "module".
   */
  sandboxedPreload(preload: unknown): void {
    if (typeof preload !== 'string' || !isAbsolute(preload)) this.break('sandboxed-preload', `preload must be an absolute path, got ${String(preload)}`);
    if (!existsSync(preload) || !statSync(preload).isFile()) this.break('sandboxed-preload', `preload ${preload} does not exist`);
    const ext = extname(preload);
    if (ext === '.mjs') this.break('sandboxed-preload', `preload ${preload} is an ES module; a sandboxed preload must be CommonJS`);
    if (ext === '.js' && nearestPackageType(dirname(preload)) === 'module') {
      this.break('sandboxed-preload', `preload ${preload} is .js under "type": "module" (ESM); a sandboxed preload must be CommonJS (.cjs)`);
    }
    if (ext !== '.cjs' && ext !== '.js') this.break('sandboxed-preload', `preload ${preload} is not a JavaScript file`);
  }
}

function nearestPackageType(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const file = join(at, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (dirname(at) === at) return undefined;
  }
}
