// Getting the main window on screen: shown at `ready-to-show`, or anyway after a while when that never comes (the
// process would otherwise run with no window at all); a page that fails to load is a start-up failure, not a
// blank window; and the built files the window needs are checked before it is made.
import { existsSync } from 'node:fs';
import type { Logger } from './ports';

/** Long enough for a slow first paint, short enough that a person does not give up on a launch that did work. */
export const READY_TO_SHOW_TIMEOUT_MS = 5_000;

/** The part of a BrowserWindow this needs. */
export interface ShowableWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  maximize(): void;
  isDestroyed(): boolean;
  isVisible(): boolean;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): { unref?(): unknown };
  clearTimeout(timer: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

export function showWhenReady(
  win: ShowableWindow,
  options: { logger: Logger; timeoutMs?: number; timers?: Timers; maximize?: boolean },
): void {
  // Maximized only when it is shown, as maximize() also shows a hidden window; show() then focuses it, which
  // maximize() does not (Electron's docs).
  const reveal = () => {
    if (options.maximize) win.maximize();
    win.show();
  };
  const timers = options.timers ?? realTimers;
  const timeoutMs = options.timeoutMs ?? READY_TO_SHOW_TIMEOUT_MS;
  const timer = timers.setTimeout(() => {
    if (win.isDestroyed() || win.isVisible()) return;
    options.logger.warn('window: not ready to show in time; shown anyway', { timeoutMs });
    reveal();
  }, timeoutMs);
  timer.unref?.();
  win.once('ready-to-show', () => {
    timers.clearTimeout(timer);
    if (!win.isDestroyed()) reveal();
  });
}

/**
 * What to do when loadURL rejects. ERR_ABORTED (-3) means another navigation replaced this one (a dev-server
 * reload), which is not a failure; anything else leaves the window without the app, so start-up failed.
 */
export function loadFailure(error: unknown): { fatal: boolean; message: string } {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  if (code === 'ERR_ABORTED' || errno === -3) return { fatal: false, message: 'window: a page load was replaced by another' };
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return { fatal: true, message: `The app's page could not be loaded (${detail}).` };
}

/** Throws, naming the file, when a file of the built app is missing: a broken install must not start half-way. */
export function requireBuiltFile(path: string, what: string, exists: (path: string) => boolean = existsSync): void {
  if (!exists(path)) throw new Error(`The app is incomplete: ${what} is missing (${path}). Reinstall the app.`);
}
