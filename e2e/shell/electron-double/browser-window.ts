// The double's BrowserWindow and WebContents: the options a window was made with, its visible state, its guards
// (navigation events, the window-open handler), what main sends to it, and a page load through the protocol.
import { EventEmitter } from 'node:events';
import { preventable } from './app';
import { DEFAULT_DISPLAYS, type Rectangle } from './screen';
import type { World } from './world';

export interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
}

type WindowOpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' };

/** Chromium's net error names and numbers, as loadURL rejects with them. */
const NET_ERRORS: Record<string, number> = { ERR_ABORTED: -3, ERR_FILE_NOT_FOUND: -6, ERR_CONNECTION_REFUSED: -102, ERR_UNKNOWN_URL_SCHEME: -302 };

export class FakeWebContents extends EventEmitter {
  readonly id: number;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  #destroyed = false;

  constructor(
    private readonly world: World,
    private readonly owner: FakeBrowserWindow,
  ) {
    super();
    this.id = owner.id;
    this.mainFrame = { url: '', processId: 100 + owner.id, routingId: 1 };
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  destroy(): void {
    this.#destroyed = true;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.world.record('webContents.setWindowOpenHandler', [handler]);
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    const copy = this.world.rules.cloned(`webContents.send('${channel}') payload`, args);
    this.sent.push({ channel, payload: copy[0] });
  }

  /** Loads through the registered protocol handler; rejects like Electron, with Chromium's code and errno. */
  async loadURL(url: string): Promise<void> {
    this.world.record('webContents.loadURL', [url]);
    const scripted = this.world.options.loadError;
    if (scripted) throw netError(scripted, url);
    const scheme = url.slice(0, Math.max(0, url.indexOf(':')));
    if (!this.world.protocolHandlers.has(scheme)) {
      throw netError(scheme === 'http' || scheme === 'https' ? 'ERR_CONNECTION_REFUSED' : 'ERR_UNKNOWN_URL_SCHEME', url);
    }
    const response = await this.world.fetch(url);
    if (response.status >= 400 && (await response.clone().arrayBuffer()).byteLength === 0) throw netError('ERR_FILE_NOT_FOUND', url);
    this.mainFrame.url = url;
    this.emit('dom-ready');
    this.emit('did-finish-load');
    if (this.world.options.readyToShow !== false) setImmediate(() => !this.owner.isDestroyed() && this.owner.emit('ready-to-show'));
  }

  /** A navigation started by the page: will-navigate and the like, with Electron's (event, url) arguments. */
  navigate(kind: string, url: string): boolean {
    const event = Object.assign(preventable(), { url, isMainFrame: true });
    this.emit(kind, event, url);
    return event.defaultPrevented;
  }
}

function netError(code: string, url: string): Error {
  const errno = NET_ERRORS[code] ?? -2;
  return Object.assign(new Error(`${code} (${errno}) loading '${url}'`), { code, errno, url });
}

export class FakeBrowserWindow extends EventEmitter {
  static #nextId = 1;
  readonly id: number;
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  readonly actions: string[] = [];
  #visible: boolean;
  #minimized = false;
  #maximized = false;
  #destroyed = false;
  #bounds: Rectangle;

  constructor(
    private readonly world: World,
    options: Record<string, unknown> = {},
  ) {
    super();
    world.record('new BrowserWindow', [options]);
    world.rules.afterReady(world.app.isReady(), 'new BrowserWindow');
    if (world.options.browserWindowError) throw new Error(world.options.browserWindowError);
    const prefs = (options.webPreferences ?? {}) as Record<string, unknown>;
    // Sandboxed unless turned off, or unless nodeIntegration turns it off (docs: tutorial/sandbox).
    if (prefs.sandbox !== false && prefs.nodeIntegration !== true && prefs.preload !== undefined) world.rules.sandboxedPreload(prefs.preload);
    this.id = FakeBrowserWindow.#nextId++;
    this.options = options;
    this.#visible = options.show !== false;
    this.#bounds = initialBounds(options, (world.options.displays ?? DEFAULT_DISPLAYS)[0]!.workArea);
    this.webContents = new FakeWebContents(world, this);
    world.windows.push(this);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  /** Showing a window also gives it the focus. */
  show(): void {
    this.actions.push('show');
    this.#visible = true;
    this.world.focused = this;
  }

  hide(): void {
    this.actions.push('hide');
    this.#visible = false;
  }

  focus(): void {
    this.actions.push('focus');
    this.world.focused = this;
  }

  minimize(): void {
    this.actions.push('minimize');
    this.#minimized = true;
  }

  restore(): void {
    this.actions.push('restore');
    this.#minimized = false;
  }

  isMinimized(): boolean {
    return this.#minimized;
  }

  /** "This will also show (but not focus) the window if it isn't being displayed already." */
  maximize(): void {
    this.actions.push('maximize');
    this.#visible = true;
    if (this.#maximized) return;
    this.#maximized = true;
    this.emit('maximize');
    this.emit('resize');
  }

  unmaximize(): void {
    this.actions.push('unmaximize');
    if (!this.#maximized) return;
    this.#maximized = false;
    this.emit('unmaximize');
    this.emit('resize');
  }

  isMaximized(): boolean {
    return this.#maximized;
  }

  isFullScreen(): boolean {
    return false;
  }

  /** The size and position in the normal state, whatever the state now (Electron's docs). */
  getNormalBounds() {
    return { ...this.#bounds };
  }

  /** As a person's drag or resize does: the new bounds, then move and resize events for what changed. */
  setBounds(bounds: Partial<Rectangle>): void {
    const before = this.#bounds;
    this.#bounds = { ...before, ...bounds };
    if (before.x !== this.#bounds.x || before.y !== this.#bounds.y) this.emit('move');
    if (before.width !== this.#bounds.width || before.height !== this.#bounds.height) this.emit('resize');
  }

  isVisible(): boolean {
    return this.#visible;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** `close` first, which a listener may prevent; then the window goes as destroy() does. */
  close(): boolean {
    if (this.#destroyed) return true;
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#visible = false;
    this.webContents.destroy();
    this.emit('closed');
  }

  get state() {
    return {
      id: this.id,
      visible: this.#visible,
      minimized: this.#minimized,
      maximized: this.#maximized,
      destroyed: this.#destroyed,
      bounds: { ...this.#bounds },
      actions: [...this.actions],
      url: this.webContents.mainFrame.url,
    };
  }
}

/** Electron's defaults: 800×600, centred on the primary display when no position is given. */
function initialBounds(options: Record<string, unknown>, primary: Rectangle): Rectangle {
  const number = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  const width = number(options.width, 800);
  const height = number(options.height, 600);
  const x = number(options.x, primary.x + Math.round((primary.width - width) / 2));
  const y = number(options.y, primary.y + Math.round((primary.height - height) / 2));
  return { x, y, width, height };
}
