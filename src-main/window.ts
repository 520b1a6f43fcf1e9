// The main window and its guards: app:// protocol with the CSP header, navigation, new windows, permissions;
// placed where it was last time (core/window-state.ts), shown when ready (or anyway after a while), a page that
// fails to load reported as a failed start-up.
import { readFile } from 'node:fs/promises';
import { BrowserWindow, nativeTheme, protocol, screen, session, type WebContents } from 'electron';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  BLOB_CACHE_CONTROL,
  CONTENT_SECURITY_POLICY,
  blobShaFromUrl,
  isAllowedNavigation,
  mimeTypeFor,
  resolveAppFile,
} from './core/window-policy';
import type { BlobAnswer } from './core/byte-range';
import { isPermissionAllowed } from './core/permission-policy';
import { loadFailure, showWhenReady } from './core/window-lifecycle';
import { placeWindow, type ScreenLayout, type WindowStateKeeper } from './core/window-state';
import type { Logger } from './core/ports';

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/** Must run before app 'ready': a standard, secure scheme gets a real origin and relative URLs. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // codeCache: V8 keeps the compiled renderer bundle between starts (it needs `standard`); stream: <audio>
    // and <video> play attachments from app://playground/blobs/ only from a scheme that may stream.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true } },
  ]);
}

export type BlobServer = (sha256: string, range: string | null) => Promise<(BlobAnswer & { mimeType: string }) | undefined>;

/**
 * Serves the built renderer from rootDir, and attached files at /blobs/<sha256> from the data folder
 * (AppCore.serveBlob), in byte ranges when asked (byte-range.ts); every response, 404s included, carries the CSP header.
 */
export function serveRenderer(rootDir: string, serveBlob: BlobServer): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const sha256 = request.method === 'GET' ? blobShaFromUrl(request.url) : null;
    if (sha256) {
      const answer = await serveBlob(sha256, request.headers.get('range')).catch(() => undefined);
      if (answer) {
        const headers = { ...SECURITY_HEADERS, ...answer.headers, 'content-type': answer.mimeType, 'cache-control': BLOB_CACHE_CONTROL };
        return new Response(Buffer.from(answer.body), { status: answer.status, headers });
      }
    }
    const file = request.method === 'GET' && !sha256 ? resolveAppFile(rootDir, request.url) : null;
    if (file) {
      try {
        const body = await readFile(file);
        return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': mimeTypeFor(file) } });
      } catch {
        // Missing file: same answer as a refused path.
      }
    }
    return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain' } });
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  /** electron-vite dev server origin, only as core/dev-server.ts decides it (`electron-vite dev`). */
  devServerUrl?: string;
  logger: Logger;
  /** A page that cannot load leaves a window without the app: start-up failed. */
  onLoadFailure(error: Error): void;
  /** Where the window was last time, placed on the displays there are now; kept up to date from here on. */
  windowState: WindowStateKeeper;
  /** The core's openExternal (core/external-links.ts): a link the page opens as a window goes out the same way. */
  openLink(url: string): Promise<unknown>;
  /** The page's process ended, with Electron's reason (core/window-crashes.ts decides what follows). */
  onPageGone(reason: string): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { devServerUrl, logger } = options;
  guardPermissions(devServerUrl);
  const placement = placeWindow(options.windowState.saved(), currentScreen());
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: placement.minWidth,
    minHeight: placement.minHeight,
    show: false,
    title: 'Gemini Prompt Playground',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1b1f' : '#ffffff',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: options.preloadPath,
    },
  });
  options.windowState.track(win);
  showWhenReady(win, { logger, maximize: placement.maximized });
  guardWebContents(win.webContents, devServerUrl, logger, options.openLink);
  win.webContents.on('render-process-gone', (_event, details) => options.onPageGone(details.reason));
  win.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    const failure = loadFailure(error);
    if (!failure.fatal) return logger.warn(failure.message);
    options.onLoadFailure(new Error(failure.message, { cause: error }));
  });
  return win;
}

function currentScreen(): ScreenLayout {
  return { primary: screen.getPrimaryDisplay().workArea, workAreas: screen.getAllDisplays().map((display) => display.workArea) };
}

function guardWebContents(contents: WebContents, devServerUrl: string | undefined, logger: Logger, openLink: MainWindowOptions['openLink']): void {
  const refuse = (kind: string) => (event: { preventDefault(): void; url: string }) => {
    if (isAllowedNavigation(event.url, devServerUrl)) return;
    event.preventDefault();
    logger.warn(`window: ${kind} refused`, { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', refuse('frame navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Not straight to the shell: then a page could open links without the limit on how fast they open.
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url).catch((error: unknown) => logger.warn('window: window.open refused', { url: url.slice(0, 200), reason: String(error).slice(0, 200) }));
    return { action: 'deny' };
  });
}

/** Every permission denied but clipboard writing for our own page (core/permission-policy.ts). */
function guardPermissions(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, { url: details.requestingUrl, isMainFrame: details.isMainFrame }, devServerUrl)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, { url: requestingOrigin, isMainFrame: details.isMainFrame }, devServerUrl),
  );
}
