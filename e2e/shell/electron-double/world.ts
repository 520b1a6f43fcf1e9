// One Electron main process as the double sees it: every module the app imports from 'electron', the calls made
// to them, the rules broken, and the drivers a test uses to act as Chromium, the page or the OS would.
import { FakeApp } from './app';
import { FakeBrowserWindow } from './browser-window';
import { createMenuModule, findMenuItem, type FakeMenu, type MenuItemData } from './menu';
import { FakeIpcMain, FakeSession, createDialog, createProtocol, createSafeStorage, createSessionModule, createShell, type ProtocolHandler } from './main-modules';
import { RuleBook, type Violation } from './rules';
import { createScreen, type DisplaySetup } from './screen';

export interface WorldOptions {
  /** A fresh home folder: the default userData and logs go under it. */
  home: string;
  isPackaged?: boolean;
  /** Another instance holds the single-instance lock. */
  lockHeldByAnother?: boolean;
  /** false: the window never emits ready-to-show. */
  readyToShow?: boolean;
  /** `new BrowserWindow` throws this message (a GPU or display failure). */
  browserWindowError?: string;
  /** loadURL rejects with this Chromium error name (ERR_FILE_NOT_FOUND, ERR_ABORTED, …). */
  loadError?: string;
  /** The displays, the primary first; one 1920×1080 display when not given. */
  displays?: DisplaySetup[];
  /** process.platform as the app sees it (the double's own platform when not given). */
  platform?: NodeJS.Platform;
  /** shell.openPath answers with this message, as it does when the system cannot open the folder. */
  openPathError?: string;
  /** What session.resolveProxy answers for every URL, in PAC form ("PROXY host:port; DIRECT"); "DIRECT" when not given. */
  systemProxy?: string;
  /** Called once when the app quits or exits. */
  onTerminate?(code: number): void;
}

/** Where an IPC call comes from: the window's main frame, a subframe, or a frame already gone. */
export interface IpcSender {
  url: string;
  frame: 'main' | 'sub' | 'gone';
}

export class World {
  readonly rules = new RuleBook();
  readonly calls: { api: string; args: unknown[] }[] = [];
  readonly windows: FakeBrowserWindow[] = [];
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  readonly privilegedSchemes: unknown[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly openedExternally: string[] = [];
  readonly openedPaths: string[] = [];
  /** Message boxes shown, with the id of the window each was modal to. */
  readonly messageBoxes: { parent: number | null; options: Record<string, unknown> }[] = [];
  applicationMenu: FakeMenu | null = null;
  /** The window with the keyboard focus: the last one shown or focused, none after blur(). */
  focused: FakeBrowserWindow | undefined;
  readonly app: FakeApp;
  readonly ipcMain: FakeIpcMain;
  readonly session: FakeSession;
  /** Electron's nativeTheme: what main set as the theme source, and whether that makes colours dark. */
  readonly nativeTheme = {
    themeSource: 'system' as 'system' | 'light' | 'dark',
    get shouldUseDarkColors() {
      return this.themeSource === 'dark';
    },
  };
  readonly electron: Record<string, unknown>;
  exitCode: number | undefined;

  constructor(readonly options: WorldOptions) {
    this.app = new FakeApp(this);
    this.ipcMain = new FakeIpcMain(this);
    const sessionModule = createSessionModule(this);
    this.session = sessionModule.instance;
    const world = this;
    const BrowserWindow = class BrowserWindow extends FakeBrowserWindow {
      constructor(options?: Record<string, unknown>) {
        super(world, options);
      }
      static getAllWindows() {
        return world.windows.filter((w) => !w.isDestroyed());
      }
      static getFocusedWindow() {
        return world.focusedWindow() ?? null;
      }
    };
    this.electron = {
      app: this.app,
      BrowserWindow,
      protocol: createProtocol(this),
      session: sessionModule.module,
      ipcMain: this.ipcMain,
      dialog: createDialog(this),
      shell: createShell(this),
      nativeTheme: this.nativeTheme,
      safeStorage: createSafeStorage(this),
      screen: createScreen(this),
      Menu: createMenuModule(this),
    };
  }

  record(api: string, args: unknown[]): void {
    this.calls.push({ api, args: args.map((a) => describe(a)) });
  }

  terminate(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    this.options.onTerminate?.(code);
  }

  focusedWindow(): FakeBrowserWindow | undefined {
    return this.focused && !this.focused.isDestroyed() ? this.focused : undefined;
  }

  /** A person choosing an item of the application menu, by its path of labels ("(role)" for a role's item). */
  clickMenu(path: string[]): void {
    const { item, menu } = findMenuItem(this.applicationMenu, path);
    item.click(menu, this);
  }

  get window(): FakeBrowserWindow {
    const win = this.windows.find((w) => !w.isDestroyed());
    if (!win) throw new Error('no open window');
    return win;
  }

  /** A request to a custom scheme, as Chromium hands it to the protocol.handle handler. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url, init));
  }

  /** ipcRenderer.invoke from the window: the argument and the answer cross as structured clones. */
  async invoke(channel: string, arg: unknown, from: IpcSender): Promise<unknown> {
    const handler = this.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const contents = this.window.webContents;
    const { processId } = contents.mainFrame;
    const senderFrame = from.frame === 'gone' ? null : { url: from.url, processId, routingId: from.frame === 'main' ? 1 : 2 };
    const event = { sender: contents, senderFrame, processId, frameId: senderFrame?.routingId ?? -1 };
    const args = this.rules.cloned(`ipcRenderer.invoke('${channel}') argument`, arg === undefined ? [] : [arg]);
    const answer = await handler(event, ...args);
    return this.rules.cloned(`the answer to '${channel}'`, answer);
  }

  /** A permission request; with no handler set Electron grants every permission. */
  requestPermission(permission: string, details: { requestingUrl: string; isMainFrame: boolean }): Promise<boolean> {
    const handler = this.session.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(this.window.webContents, permission, resolve, details));
  }

  checkPermission(permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean }): boolean {
    const handler = this.session.permissionCheckHandler;
    return handler ? handler(this.window.webContents, permission, origin, details) : true;
  }

  /** window.open or a target=_blank link in the page. */
  openWindow(url: string): { action: string } {
    const handler = this.window.webContents.windowOpenHandler;
    if (!handler) return { action: 'allow' };
    return handler({ url, frameName: '', features: '', disposition: 'new-window' });
  }

  /** Someone launched the app again: Electron tells the first instance. */
  secondInstance(argv: string[]): void {
    this.app.emit('second-instance', { preventDefault() {} }, argv, this.options.home, {});
  }

  snapshot(): Snapshot {
    return {
      ready: this.app.isReady(),
      exitCode: this.exitCode,
      hasLock: this.app.hasSingleInstanceLock(),
      calls: this.calls,
      violations: this.rules.violations,
      privilegedSchemes: describe(this.privilegedSchemes) as unknown[],
      protocolHandlers: [...this.protocolHandlers.keys()],
      ipcHandlers: [...this.ipcMain.handlers.keys()],
      ipcListeners: this.ipcMain.eventNames().map(String),
      windows: this.windows.map((w) => ({ ...w.state, options: describe(w.options) as Record<string, unknown> })),
      sent: this.windows.flatMap((w) => w.webContents.sent.map((s) => ({ channel: s.channel, payload: describe(s.payload) }))),
      errorBoxes: this.errorBoxes,
      openedExternally: this.openedExternally,
      openedPaths: this.openedPaths,
      messageBoxes: this.messageBoxes,
      menu: this.applicationMenu?.describe() ?? null,
      focusedWindow: this.focusedWindow()?.id ?? null,
      permissionHandlers: { request: this.session.permissionRequestHandler !== null, check: this.session.permissionCheckHandler !== null },
      themeSource: this.nativeTheme.themeSource,
    };
  }
}

export interface Snapshot {
  ready: boolean;
  exitCode: number | undefined;
  hasLock: boolean;
  calls: { api: string; args: unknown[] }[];
  violations: Violation[];
  privilegedSchemes: unknown[];
  protocolHandlers: string[];
  ipcHandlers: string[];
  ipcListeners: string[];
  windows: (FakeBrowserWindow['state'] & { options: Record<string, unknown> })[];
  sent: { channel: string; payload: unknown }[];
  errorBoxes: { title: string; content: string }[];
  openedExternally: string[];
  openedPaths: string[];
  messageBoxes: { parent: number | null; options: Record<string, unknown> }[];
  menu: MenuItemData[] | null;
  focusedWindow: number | null;
  permissionHandlers: { request: boolean; check: boolean };
  themeSource: 'system' | 'light' | 'dark';
}

/** JSON-safe: a snapshot crosses to the test process. */
export function describe(value: unknown, depth = 0): unknown {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  if (value === undefined) return undefined;
  if (typeof value === 'function') return '[Function]';
  if (value instanceof Uint8Array) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) return value.map((v) => describe(v, depth + 1));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v, depth + 1)]));
  return String(value);
}

let current: World | undefined;

export function installWorld(world: World): World {
  current = world;
  return world;
}

/** The world the 'electron' module answers for; the child entry installs it before the app is imported. */
export function currentWorld(): World {
  if (!current) throw new Error('[electron-double] no world installed: import the app through e2e/shell/electron-double/child.ts');
  return current;
}
