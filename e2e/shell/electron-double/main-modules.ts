// The double's main-process modules besides app and BrowserWindow: protocol, session, ipcMain, dialog, shell,
// nativeTheme and safeStorage — each records its calls and keeps what a test needs to drive it.
import { EventEmitter } from 'node:events';
import { FakeBrowserWindow } from './browser-window';
import { describe, type World } from './world';

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export function createProtocol(world: World) {
  let registered = false;
  return {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
      world.record('protocol.registerSchemesAsPrivileged', [schemes]);
      world.rules.beforeReady(world.app.isReady(), 'protocol.registerSchemesAsPrivileged');
      if (registered) world.rules.break('once', 'protocol.registerSchemesAsPrivileged can be called only once');
      registered = true;
      world.privilegedSchemes.push(...schemes);
    },
    handle(scheme: string, handler: ProtocolHandler): void {
      world.record('protocol.handle', [scheme, handler]);
      world.rules.afterReady(world.app.isReady(), 'protocol.handle');
      if (world.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      world.protocolHandlers.set(scheme, handler);
    },
    unhandle(scheme: string): void {
      world.record('protocol.unhandle', [scheme]);
      world.protocolHandlers.delete(scheme);
    },
    isProtocolHandled(scheme: string): boolean {
      return world.protocolHandlers.has(scheme);
    },
  };
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: object) => boolean;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  constructor(private readonly world: World) {}

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.world.record('session.setPermissionRequestHandler', [handler]);
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.world.record('session.setPermissionCheckHandler', [handler]);
    this.permissionCheckHandler = handler;
  }

  /** https://www.electronjs.org/docs/latest/api/session#sesresolveproxyurl — the system's proxy for a URL, PAC form. */
  resolveProxy(url: string): Promise<string> {
    this.world.record('session.resolveProxy', [url]);
    if (typeof url !== 'string' || !URL.canParse(url)) return Promise.reject(new TypeError(`resolveProxy needs a URL, got ${String(url)}`));
    return Promise.resolve(this.world.options.systemProxy ?? 'DIRECT');
  }
}

export function createSessionModule(world: World) {
  const defaultSession = new FakeSession(world);
  return {
    instance: defaultSession,
    module: {
      get defaultSession(): FakeSession {
        world.record('session.defaultSession', []);
        world.rules.afterReady(world.app.isReady(), 'session.defaultSession');
        return defaultSession;
      },
    },
  };
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  constructor(private readonly world: World) {
    super();
  }

  handle(channel: string, handler: InvokeHandler): void {
    this.world.record('ipcMain.handle', [channel]);
    this.world.rules.singleHandler(channel, this.handlers.has(channel));
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.world.record('ipcMain.removeHandler', [channel]);
    this.handlers.delete(channel);
  }
}

export function createDialog(world: World) {
  const afterReady = (api: string) => world.rules.afterReady(world.app.isReady(), api);
  return {
    /** The one dialog allowed before ready; recorded for the test to read. */
    showErrorBox(title: string, content: string): void {
      world.record('dialog.showErrorBox', [title, content]);
      world.errorBoxes.push({ title, content });
    },
    /** showMessageBox([window, ]options): modal to the window when one is given. */
    async showMessageBox(...args: unknown[]) {
      world.record('dialog.showMessageBox', args);
      afterReady('dialog.showMessageBox');
      const parent = args[0] instanceof FakeBrowserWindow ? args[0] : undefined;
      world.messageBoxes.push({ parent: parent?.id ?? null, options: describe(parent ? args[1] : args[0]) as Record<string, unknown> });
      return { response: 0, checkboxChecked: false };
    },
    async showSaveDialog(...args: unknown[]) {
      world.record('dialog.showSaveDialog', args);
      afterReady('dialog.showSaveDialog');
      return { canceled: true, filePath: '' };
    },
    async showOpenDialog(...args: unknown[]) {
      world.record('dialog.showOpenDialog', args);
      afterReady('dialog.showOpenDialog');
      return { canceled: true, filePaths: [] };
    },
  };
}

export function createShell(world: World) {
  return {
    async openExternal(url: string): Promise<void> {
      world.record('shell.openExternal', [url]);
      world.openedExternally.push(url);
    },
    async openPath(path: string): Promise<string> {
      world.record('shell.openPath', [path]);
      world.openedPaths.push(path);
      return world.options.openPathError ?? '';
    },
  };
}

/** No OS keychain in the double: encryption is unavailable, as on a Linux desktop without a secret service. */
export function createSafeStorage(world: World) {
  return {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString(): Buffer {
      world.record('safeStorage.encryptString', ['[text]']);
      throw new Error('Encryption is not available.');
    },
    decryptString(): string {
      throw new Error('Decryption is not available.');
    },
  };
}
