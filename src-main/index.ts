// Composition root: app lifecycle and single instance; wires Electron adapters → core → IPC → window.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, shell, type BrowserWindow } from 'electron';
import { createAppCore, type AppCore } from './core/app-core';
import { createIpcRouter } from './core/ipc-router';
import { devServerOrigin } from './core/dev-server';
import { consoleLogger, type EmitEvent } from './core/ports';
import { isTrustedSender } from './core/window-policy';
import { bindIpc, createEmitter } from './ipc';
import { createElectronDialogs } from './platform/dialogs';
import { createSafeStorageEncryptor } from './platform/safe-storage';
import { createElectronStoreFactory } from './platform/stores';
import { createMainWindow, registerAppScheme, serveRenderer } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const logger = consoleLogger;
// Tests and side-by-side profiles point userData elsewhere; must happen before anything reads it.
if (process.env.PG_USER_DATA_DIR) app.setPath('userData', process.env.PG_USER_DATA_DIR);
const devServerUrl = devServerOrigin({ isPackaged: app.isPackaged, devBuild: import.meta.env.DEV, env: process.env });

let core: AppCore | undefined;
let unbindIpc: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
// The core is built before the window exists, so events go through a late-bound target.
let emitToWindow: EmitEvent | undefined;
const emit: EmitEvent = (event, payload) => emitToWindow?.(event, payload);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!core && !unbindIpc) return;
    event.preventDefault();
    void shutdown().finally(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => {
    logger.error('app: failed to start', { error: String(error) });
    app.exit(1);
  });
}

function start(): void {
  const created = createAppCore({
    openStore: createElectronStoreFactory(logger),
    encryptor: createSafeStorageEncryptor(),
    env: process.env,
    logger,
    emit,
    openExternal: (url) => shell.openExternal(url),
    dataDir: app.getPath('userData'),
    dialogs: createElectronDialogs(() => mainWindow),
  });
  core = created;
  serveRenderer(join(here, '../renderer'), (sha256) => created.readImage(sha256));
  const router = createIpcRouter(created.api, {
    isTrustedSender: (sender) => isTrustedSender(sender, devServerUrl),
    logger,
  });
  unbindIpc = bindIpc(router);
  const win = createMainWindow({ preloadPath: join(here, '../preload/preload.cjs'), devServerUrl, logger });
  mainWindow = win;
  emitToWindow = createEmitter(win.webContents);
  win.on('closed', () => {
    emitToWindow = undefined;
    mainWindow = undefined;
  });
}

/** Cancels running turns and closes the client once; bounded so quitting never hangs. */
async function shutdown(): Promise<void> {
  const disposing = core;
  core = undefined;
  unbindIpc?.();
  unbindIpc = undefined;
  emitToWindow = undefined;
  if (!disposing) return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3_000).unref());
  await Promise.race([disposing.dispose(), timeout]).catch((error: unknown) =>
    logger.error('app: dispose failed', { error: String(error) }),
  );
}
