// The main window's size, position and maximized state: where to open it, given what was saved and the displays
// that exist now, and keeping that up to date in its own small store. A window is never opened larger than its
// display or where no display shows it (a monitor unplugged since, a smaller screen).
import { z } from 'zod';
import type { KeyValueStore, Logger, StoreFactory } from './ports';
import { realTimers, type Timers } from './window-lifecycle';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The work areas (the display minus task bars and docks) of the displays there are now, the primary's first. */
export interface ScreenLayout {
  primary: Rect;
  workAreas: readonly Rect[];
}

export interface WindowPlacement {
  bounds: Rect;
  /** The window's minimum size, no larger than its display: a 640×480 screen must still fit the whole window. */
  minWidth: number;
  minHeight: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 720, height: 480 };
/** The first start takes at most this share of the primary work area each way, so the desktop stays in view. */
const DEFAULT_SHARE = 0.9;
/** Saved bounds are used only on a display that shows at least this share of the window. */
const MIN_VISIBLE_SHARE = 0.25;

export const WINDOW_STATE_STORE = 'window-state';
const MAIN_WINDOW_KEY = 'main';
export const SAVE_DELAY_MS = 500;

// Bounds Electron gives back are whole DIPs; anything else came from an edited or damaged file.
const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const length = z.number().int().min(1).max(1_000_000);
const savedStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});
export type SavedWindowState = z.infer<typeof savedStateSchema>;

/** Where and how large to open the window; `saved` is whatever the store held (anything unusable is ignored). */
export function placeWindow(saved: unknown, screen: ScreenLayout): WindowPlacement {
  const parsed = savedStateSchema.safeParse(saved);
  const state = parsed.success ? parsed.data : undefined;
  const maximized = state?.maximized ?? false;
  const display = state && displayShowing(state.bounds, screen.workAreas);
  if (!state || !display) {
    const area = screen.primary;
    const width = Math.min(DEFAULT_SIZE.width, Math.floor(area.width * DEFAULT_SHARE));
    const height = Math.min(DEFAULT_SIZE.height, Math.floor(area.height * DEFAULT_SHARE));
    const bounds = { x: area.x + Math.floor((area.width - width) / 2), y: area.y + Math.floor((area.height - height) / 2), width, height };
    return { bounds, ...minimumFor(area), maximized };
  }
  const min = minimumFor(display);
  const width = clamp(state.bounds.width, min.minWidth, display.width);
  const height = clamp(state.bounds.height, min.minHeight, display.height);
  const x = clamp(state.bounds.x, display.x, display.x + display.width - width);
  const y = clamp(state.bounds.y, display.y, display.y + display.height - height);
  return { bounds: { x, y, width, height }, ...min, maximized };
}

/** The work area showing the largest part of `bounds`, when that part is enough to call the window on it. */
function displayShowing(bounds: Rect, workAreas: readonly Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const shown = overlap(bounds, area);
    if (shown > bestArea) [best, bestArea] = [area, shown];
  }
  return bestArea >= MIN_VISIBLE_SHARE * bounds.width * bounds.height ? best : undefined;
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function minimumFor(area: Rect): { minWidth: number; minHeight: number } {
  return { minWidth: Math.min(MIN_SIZE.width, area.width), minHeight: Math.min(MIN_SIZE.height, area.height) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/** The part of a BrowserWindow the keeper watches. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  /** The bounds the window has when neither maximized, minimized nor full screen. */
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

export interface WindowStateKeeper {
  /** What was saved last time (undefined when nothing was, or the store could not be read). */
  saved(): unknown;
  /** Saves the window's state a moment after it stops moving or resizing, and at once when it closes. */
  track(win: TrackedWindow): void;
}

/**
 * The window's state in its own store. A store that cannot be opened, read or written costs only the remembered
 * size: it is logged, and never stops the app from starting or closing.
 */
export function createWindowStateKeeper(options: {
  openStore: StoreFactory;
  logger: Logger;
  timers?: Timers;
  delayMs?: number;
}): WindowStateKeeper {
  const { logger } = options;
  const timers = options.timers ?? realTimers;
  let store: KeyValueStore | undefined;
  try {
    store = options.openStore(WINDOW_STATE_STORE);
  } catch (error) {
    logger.warn('window: its size and position cannot be remembered', { error: String(error) });
  }

  return {
    saved() {
      try {
        return store?.get(MAIN_WINDOW_KEY);
      } catch (error) {
        logger.warn('window: its saved size and position could not be read', { error: String(error) });
        return undefined;
      }
    },
    track(win) {
      let timer: unknown;
      const save = () => {
        timers.clearTimeout(timer);
        timer = undefined;
        if (!store || win.isDestroyed()) return;
        const { x, y, width, height } = win.getNormalBounds();
        const bounds = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
        const state: SavedWindowState = { bounds, maximized: win.isMaximized() };
        try {
          store.set(MAIN_WINDOW_KEY, state);
        } catch (error) {
          logger.warn('window: its size and position could not be saved', { error: String(error) });
        }
      };
      const later = () => {
        timers.clearTimeout(timer);
        const next = timers.setTimeout(save, options.delayMs ?? SAVE_DELAY_MS);
        next.unref?.();
        timer = next;
      };
      for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later);
      win.on('close', save);
    },
  };
}
