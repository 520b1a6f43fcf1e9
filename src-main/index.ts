// Composition root: app lifecycle and single instance; wires Electron adapters → core → IPC → window. Every step
// of start-up runs under the start-up guard, so a failure shows an error box and ends the process.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, nativeTheme, shell, type BrowserWindow } from 'electron';
import packageJson from '../package.json';
import type { PlaygroundApi } from '../src-shared/contract';
import { createAppCore, type AppCore } from './core/app-core';
import { createIpcRouter } from './core/ipc-router';
import { devServerOrigin } from './core/dev-server';
import { createFileLogger, redactingLogger, teeLogger } from './core/logging/file-logger';
import { faultMessage, logProcessErrors } from './core/logging/process-errors';
import { consoleLogger, type EmitEvent } from './core/ports';
import { profileFromEnv } from './core/profile';
import { redactorFor, type HeldSecrets } from './core/redact';
import { createStartupGuard } from './core/startup';
import { requireBuiltFile } from './core/window-lifecycle';
import { PageCrashes } from './core/window-crashes';
import { isTrustedSender } from './core/window-policy';
import { createWindowStateKeeper } from './core/window-state';
import { bindIpc, createEmitter } from './ipc';
import { createElectronDialogs } from './platform/dialogs';
import { openFolderWithShell } from './platform/folders';
import { createMainLogFile } from './platform/logs';
import { installAppMenu } from './platform/menu';
import { createSafeStorageEncryptor } from './platform/safe-storage';
import { resolveSystemProxy } from './platform/system-proxy';
import { createElectronStoreFactory } from './platform/stores';
import { createMainWindow, registerAppScheme, serveRenderer } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const logFile = createMainLogFile();
// Set once the core holds the key and kept after shutdown, so that what disposing logs is redacted too.
let heldByCore: HeldSecrets | undefined;
const heldSecrets: HeldSecrets = () => heldByCore?.() ?? [];
const logger = teeLogger(redactingLogger(consoleLogger, heldSecrets), createFileLogger(logFile, Date.now, heldSecrets));
// The window hears of it in one redacted sentence (once it exists: `emit` is bound to it later).
logProcessErrors(process, logger, (error) => emit('fault', { message: faultMessage(error, redactorFor(heldSecrets())) }));
const startup = createStartupGuard(
  {
    isReady: () => app.isReady(),
    whenReady: () => app.whenReady(),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    releaseSingleInstanceLock: () => app.releaseSingleInstanceLock(),
    exit: (code) => app.exit(code),
  },
  logger,
  logFile,
  heldSecrets,
);

let devServerUrl: string | undefined;
let core: AppCore | undefined;
let unbindIpc: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
// The core is built before the window exists, so events go through a late-bound target.
let emitToWindow: EmitEvent | undefined;
const emit: EmitEvent = (event, payload) => emitToWindow?.(event, payload);

startup.run(() => {
  // Tests and side-by-side profiles point userData elsewhere; must happen before anything reads it.
  const profile = profileFromEnv(process.env);
  if (profile) {
    app.setPath('userData', profile.userData);
    app.setAppLogsPath(profile.logs);
  }
  devServerUrl = devServerOrigin({ isPackaged: app.isPackaged, devBuild: import.meta.env.DEV, env: process.env });
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
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
    void approveClose().then((close) => {
      if (close) void shutdown().finally(() => app.quit());
    });
  });
  app.whenReady().then(() => startup.run(start), startup.fail);
});

function start(): void {
  const rendererDir = join(here, '../renderer');
  const preloadPath = join(here, '../preload/preload.cjs');
  if (!devServerUrl) requireBuiltFile(join(rendererDir, 'index.html'), "the app's page");
  requireBuiltFile(preloadPath, 'the preload script');
  const openStore = createElectronStoreFactory(logger);
  const created = createAppCore({
    openStore,
    encryptor: createSafeStorageEncryptor(),
    env: process.env,
    logger,
    emit,
    openExternal: (url) => shell.openExternal(url),
    openFolder: openFolderWithShell,
    dataDir: app.getPath('userData'),
    dialogs: createElectronDialogs(() => mainWindow),
    systemProxy: resolveSystemProxy,
  });
  core = created;
  heldByCore = created.heldSecrets;
  serveRenderer(rendererDir, (sha256, range) => created.serveBlob(sha256, range));
  const menu = installAppMenu({
    development: !app.isPackaged,
    // None until the project has a public page: a placeholder would send the person nowhere (README, "Build installers").
    readmeUrl: (packageJson as { homepage?: string }).homepage,
    logger,
    mainWindow: () => mainWindow,
    sendCommand: (window, command) => createEmitter(window.webContents)('command', command),
    savedTheme: async () => created.savedTheme(),
  });
  // Native dialogs, menus, the window's background and the page's prefers-color-scheme follow the theme chosen in
  // the app, not only the OS's. Set before the window exists: the page's first frame is then in the chosen theme
  // with the page asking nothing (theme.ts starts in the scheme it is given).
  const followTheme = () => {
    try {
      nativeTheme.themeSource = created.savedTheme();
    } catch (error) {
      logger.warn('theme: the saved theme could not be read', { error: String(error) });
    }
  };
  followTheme();
  // View → Theme shows the saved theme, whether it was chosen there or in the Settings view.
  const api: PlaygroundApi = {
    ...created.api,
    updateSettings: (patch) =>
      created.api.updateSettings(patch).finally(() => {
        void menu.refresh();
        followTheme();
      }),
  };
  const router = createIpcRouter(api, {
    isTrustedSender: (sender) => isTrustedSender(sender, devServerUrl),
    logger,
  });
  unbindIpc = bindIpc(router);
  const windowState = createWindowStateKeeper({ openStore, logger });
  const win = createMainWindow({
    preloadPath,
    devServerUrl,
    logger,
    onLoadFailure: startup.fail,
    windowState,
    openLink: (url) => created.api.openExternal({ url }),
    onPageGone: (reason) => void pageGone(reason),
  });
  mainWindow = win;
  emitToWindow = createEmitter(win.webContents);
  win.on('close', (event) => {
    if (closeApproved || !core) return;
    event.preventDefault();
    void approveClose().then((close) => {
      if (close && !win.isDestroyed()) win.close();
    });
  });
  win.on('closed', () => {
    emitToWindow = undefined;
    mainWindow = undefined;
  });
}

const pageCrashes = new PageCrashes();

/** The page's process ended on its own: its answers go into their sessions, then it loads again, or the app closes. */
async function pageGone(reason: string): Promise<void> {
  const next = pageCrashes.decide(reason);
  if (next === 'nothing' || !core) return;
  logger.error('window: its page process ended', { reason });
  await core.windowGone().catch((error: unknown) => logger.error('window: keeping the answers of a page that ended failed', { error: String(error) }));
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (next === 'reload') return win.webContents.reload();
  dialog.showErrorBox('The window keeps stopping', PageCrashes.giveUpMessage(logFile.path()));
  // Nothing is left in the page to save: the quit does not wait for it to answer.
  closeApproved = true;
  app.quit();
}

/** The page has written what was waiting (or the person chose to close without it); asked once for a close and a quit at once. */
let closeApproved = false;
let approving: Promise<boolean> | undefined;

function approveClose(): Promise<boolean> {
  if (closeApproved || !core || !mainWindow) return Promise.resolve(true);
  approving ??= core
    .mayClose()
    .catch((error: unknown) => {
      logger.error('app: asking the window to save before closing failed', { error: String(error) });
      return true;
    })
    .then((close) => (closeApproved = close))
    .finally(() => (approving = undefined));
  return approving;
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
