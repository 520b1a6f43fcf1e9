// The double's `app`: ready, paths, the single-instance lock, quit and exit — with the rules on when each may run.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { World } from './world';

const PATH_NAMES = ['home', 'appData', 'userData', 'sessionData', 'temp', 'exe', 'module', 'desktop', 'documents', 'downloads', 'music', 'pictures', 'videos', 'recent', 'logs', 'crashDumps'];

export class FakeApp extends EventEmitter {
  readonly name = 'gemini-prompt-playground';
  isPackaged: boolean;
  #ready = false;
  #readyPromise: Promise<void>;
  #resolveReady!: () => void;
  #paths = new Map<string, string>();
  #hasLock = false;
  #quitting = false;

  constructor(private readonly world: World) {
    super();
    this.isPackaged = world.options.isPackaged ?? false;
    this.#readyPromise = new Promise((resolve) => (this.#resolveReady = resolve));
    const home = world.options.home;
    const appData = join(home, '.config');
    for (const [name, path] of Object.entries({
      home,
      appData,
      userData: join(appData, this.name),
      temp: tmpdir(),
      documents: join(home, 'Documents'),
      downloads: join(home, 'Downloads'),
      desktop: join(home, 'Desktop'),
    })) {
      this.#paths.set(name, path);
    }
  }

  // Driven by the world: Electron emits ready once its own start-up is done.
  emitReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.world.record('app.emit', ['ready']);
    this.emit('ready', { preventDefault() {} }, {});
    this.#resolveReady();
  }

  isReady(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  getName(): string {
    return this.name;
  }

  getVersion(): string {
    return '0.1.0';
  }

  getPath(name: string): string {
    this.world.record('app.getPath', [name]);
    if (!PATH_NAMES.includes(name)) throw new Error(`Failed to get '${name}' path`);
    if (name === 'logs' && !this.#paths.has('logs')) this.setAppLogsPath();
    if (name === 'sessionData' && !this.#paths.has('sessionData')) return this.getPath('userData');
    const path = this.#paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: string, path: string): void {
    this.world.record('app.setPath', [name, path]);
    if (!PATH_NAMES.includes(name)) throw new Error(`Failed to set path: unknown name '${name}'`);
    if (name === 'userData' || name === 'sessionData') this.world.rules.beforeReady(this.#ready, `app.setPath('${name}')`);
    this.world.rules.existingFolder(`app.setPath('${name}')`, path);
    this.#paths.set(name, path);
  }

  /** "Sets or creates a directory your app's logs…": inside userData on Linux and Windows when no path is given. */
  setAppLogsPath(path?: string): void {
    this.world.record('app.setAppLogsPath', path === undefined ? [] : [path]);
    const logs = path ?? join(this.getPath('userData'), 'logs');
    mkdirSync(logs, { recursive: true });
    this.#paths.set('logs', logs);
  }

  requestSingleInstanceLock(): boolean {
    this.world.record('app.requestSingleInstanceLock', []);
    this.#hasLock = !this.world.options.lockHeldByAnother;
    return this.#hasLock;
  }

  hasSingleInstanceLock(): boolean {
    return this.#hasLock;
  }

  releaseSingleInstanceLock(): void {
    this.world.record('app.releaseSingleInstanceLock', []);
    this.#hasLock = false;
  }

  focus(): void {
    this.world.record('app.focus', []);
  }

  /** before-quit (can be prevented), every window closed (each can refuse), will-quit, quit, then exit code 0. */
  quit(): void {
    this.world.record('app.quit', []);
    if (this.#quitting) return;
    const event = preventable();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.#quitting = true;
    for (const win of [...this.world.windows]) {
      if (win.close()) continue;
      this.#quitting = false;
      return;
    }
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.#quitting = false;
      return;
    }
    this.emit('quit', preventable(), 0);
    this.world.terminate(0);
  }

  /** "Exits immediately with exitCode … before-quit and will-quit events will not be emitted." */
  exit(code = 0): void {
    this.world.record('app.exit', [code]);
    for (const win of this.world.windows) win.destroy();
    this.world.terminate(code);
  }
}

export function preventable(): { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}
