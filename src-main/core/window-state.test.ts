// Where the window opens: the default size on small screens, saved bounds on the display that shows them (two
// monitors, one left of the primary, one since unplugged), clamped to it; and keeping that state in its store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it, vi } from 'vitest';
import type { KeyValueStore, Logger } from './ports';
import { createStoreFactory } from './store-factory';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  SAVE_DELAY_MS,
  WINDOW_STATE_STORE,
  createWindowStateKeeper,
  placeWindow,
  type Rect,
  type ScreenLayout,
  type TrackedWindow,
} from './window-state';

const single = (workArea: Rect): ScreenLayout => ({ primary: workArea, workAreas: [workArea] });
const saved = (bounds: Rect, maximized = false) => ({ bounds, maximized });

// A laptop screen with a 40 px task bar, the screen from the issue.
const LAPTOP = { x: 0, y: 0, width: 1366, height: 728 };
const FULL_HD = { x: 0, y: 0, width: 1920, height: 1040 };
// A second monitor to the right of the primary, and one to its left (negative coordinates), lower and taller.
const RIGHT = { x: 1920, y: 0, width: 2560, height: 1400 };
const LEFT = { x: -1280, y: -200, width: 1280, height: 984 };

function inside(bounds: Rect, area: Rect): boolean {
  return bounds.x >= area.x && bounds.y >= area.y && bounds.x + bounds.width <= area.x + area.width && bounds.y + bounds.height <= area.y + area.height;
}

describe('placeWindow: the first start', () => {
  it('opens at 1440×900, centred, where that fits in 90 % of the primary work area', () => {
    expect(placeWindow(undefined, single(FULL_HD))).toEqual({
      bounds: { x: 240, y: 70, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height },
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      maximized: false,
    });
  });

  it('on a 1366×768 screen, takes 90 % of the work area each way instead, centred in it', () => {
    const { bounds } = placeWindow(undefined, single(LAPTOP));
    expect(bounds).toEqual({ x: 68, y: 36, width: 1229, height: 655 });
    expect(inside(bounds, LAPTOP)).toBe(true);
  });

  it('centres on the primary display, wherever it sits among the others', () => {
    const primary = { x: 0, y: 25, width: 1440, height: 875 };
    const { bounds } = placeWindow(undefined, { primary, workAreas: [LEFT, primary, RIGHT] });
    expect(bounds).toEqual({ x: 72, y: 69, width: 1296, height: 787 });
  });

  it('lowers the minimum size to a screen smaller than it, so the whole window still fits', () => {
    const tiny = { x: 0, y: 0, width: 640, height: 440 };
    const placed = placeWindow(saved({ x: 0, y: 0, width: 900, height: 700 }), single(tiny));
    expect(placed).toMatchObject({ minWidth: 640, minHeight: 440, bounds: { x: 0, y: 0, width: 640, height: 440 } });
  });

  it('ignores a saved state that is not one: damaged, edited or from elsewhere', () => {
    const fallback = placeWindow(undefined, single(FULL_HD));
    for (const junk of [null, 'big', { bounds: { x: 0, y: 0, width: 800 }, maximized: false }, saved({ x: 0.5, y: 0, width: 800, height: 600 }), saved({ x: 0, y: 0, width: -800, height: 600 }), saved({ x: 1e12, y: 0, width: 800, height: 600 }), { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: 'yes' }]) {
      expect(placeWindow(junk, single(FULL_HD))).toEqual(fallback);
    }
  });
});

describe('placeWindow: a saved window', () => {
  it('reopens where it was, at its size, when that is on a display', () => {
    const bounds = { x: 100, y: 50, width: 1000, height: 700 };
    expect(placeWindow(saved(bounds), single(FULL_HD))).toEqual({ bounds, minWidth: 720, minHeight: 480, maximized: false });
  });

  it('saved at 1440×900 and reopened on 1366×768, shrinks to the work area', () => {
    const { bounds } = placeWindow(saved({ x: 240, y: 70, width: 1440, height: 900 }), single(LAPTOP));
    expect(bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
  });

  it('partly off the edge of its display, is moved back onto it whole, keeping its size', () => {
    const { bounds } = placeWindow(saved({ x: 1300, y: 600, width: 1000, height: 700 }), single(FULL_HD));
    expect(bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('never smaller than the minimum size', () => {
    const { bounds } = placeWindow(saved({ x: 10, y: 10, width: 200, height: 100 }), single(FULL_HD));
    expect(bounds).toEqual({ x: 10, y: 10, width: MIN_SIZE.width, height: MIN_SIZE.height });
  });

  it('with two monitors, reopens on the second where it was', () => {
    const bounds = { x: 2200, y: 300, width: 1600, height: 1000 };
    expect(placeWindow(saved(bounds), { primary: FULL_HD, workAreas: [FULL_HD, RIGHT] }).bounds).toEqual(bounds);
  });

  it('across two monitors, goes whole onto the one showing most of it', () => {
    const { bounds } = placeWindow(saved({ x: 1700, y: 100, width: 1000, height: 700 }), { primary: FULL_HD, workAreas: [FULL_HD, RIGHT] });
    expect(bounds).toEqual({ x: 1920, y: 100, width: 1000, height: 700 });
  });

  it('on a monitor left of the primary, keeps its negative coordinates and is clamped to that monitor', () => {
    const screen = { primary: FULL_HD, workAreas: [FULL_HD, LEFT] };
    const kept = { x: -1200, y: -150, width: 1100, height: 800 };
    expect(placeWindow(saved(kept), screen).bounds).toEqual(kept);
    const tooTall = placeWindow(saved({ x: -1250, y: -400, width: 1100, height: 1300 }), screen).bounds;
    expect(tooTall).toEqual({ x: -1250, y: -200, width: 1100, height: 984 });
    expect(inside(tooTall, LEFT)).toBe(true);
  });

  it('on a monitor since unplugged, opens at the default place on the primary, still maximized if it was', () => {
    const onRemoved = saved({ x: 2200, y: 300, width: 1600, height: 1000 }, true);
    expect(placeWindow(onRemoved, single(LAPTOP))).toEqual({ ...placeWindow(undefined, single(LAPTOP)), maximized: true });
  });

  it('showing less than a quarter of itself on any display, opens at the default place', () => {
    const mostlyOff = saved({ x: 1700, y: 100, width: 1000, height: 800 });
    expect(placeWindow(mostlyOff, single(FULL_HD))).toEqual(placeWindow(undefined, single(FULL_HD)));
    const quarterOn = saved({ x: 1670, y: 100, width: 1000, height: 800 });
    expect(placeWindow(quarterOn, single(FULL_HD)).bounds).toEqual({ x: 920, y: 100, width: 1000, height: 800 });
  });

  it('maximized, reopens maximized, with its normal bounds kept for when it is restored', () => {
    const bounds = { x: 100, y: 50, width: 1000, height: 700 };
    expect(placeWindow(saved(bounds, true), single(FULL_HD))).toMatchObject({ bounds, maximized: true });
  });
});

function fakeWindow(state: { bounds: Rect; maximized: boolean; destroyed?: boolean }) {
  const listeners = new Map<string, (() => void)[]>();
  return {
    state,
    on(event: string, listener: () => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    emit(event: string) {
      for (const listener of listeners.get(event) ?? []) listener();
    },
    getNormalBounds: () => ({ ...state.bounds }),
    isMaximized: () => state.maximized,
    isDestroyed: () => state.destroyed ?? false,
  } satisfies TrackedWindow & { state: typeof state; emit(event: string): void };
}

function memoryStore(): KeyValueStore & { writes: number } {
  const data = new Map<string, unknown>();
  const store = {
    writes: 0,
    get: (key: string) => data.get(key),
    set(key: string, value: unknown) {
      store.writes++;
      data.set(key, structuredClone(value));
    },
    delete: (key: string) => void data.delete(key),
  };
  return store;
}

function logger(): Logger & { seen: string[] } {
  const seen: string[] = [];
  return { seen, debug() {}, info() {}, error() {}, warn: (m) => seen.push(m) };
}

describe('createWindowStateKeeper', () => {
  it('saves once, a moment after the window stops moving and resizing, and reads it back next time', () => {
    vi.useFakeTimers();
    const store = memoryStore();
    const keeper = createWindowStateKeeper({ openStore: () => store, logger: logger() });
    expect(keeper.saved()).toBeUndefined();
    const win = fakeWindow({ bounds: { x: 10, y: 20, width: 800, height: 600 }, maximized: false });
    keeper.track(win);
    for (let step = 0; step < 10; step++) {
      win.state.bounds = { x: 10 + step, y: 20, width: 800 + step, height: 600 };
      win.emit(step % 2 ? 'move' : 'resize');
      vi.advanceTimersByTime(SAVE_DELAY_MS - 1);
    }
    expect(store.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(store.writes).toBe(1);
    const next = createWindowStateKeeper({ openStore: () => store, logger: logger() });
    expect(next.saved()).toEqual({ bounds: { x: 19, y: 20, width: 809, height: 600 }, maximized: false });
    vi.useRealTimers();
  });

  it('saves at once when the window closes, maximized or not, and nothing after it is gone', () => {
    vi.useFakeTimers();
    const store = memoryStore();
    const keeper = createWindowStateKeeper({ openStore: () => store, logger: logger() });
    const win = fakeWindow({ bounds: { x: 10, y: 20, width: 800, height: 600 }, maximized: false });
    keeper.track(win);
    win.state.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(store.writes).toBe(1);
    expect(keeper.saved()).toEqual({ bounds: { x: 10, y: 20, width: 800, height: 600 }, maximized: true });
    win.state.destroyed = true;
    win.emit('resize');
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(store.writes).toBe(1);
    vi.useRealTimers();
  });

  it('keeps the state in its own file through the store factory, where placeWindow takes it from', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-window-state-'));
    const openStore = createStoreFactory({ cwd, logger: logger(), open: (name) => new Conf({ cwd, configName: name }) });
    const keeper = createWindowStateKeeper({ openStore, logger: logger() });
    const win = fakeWindow({ bounds: { x: -1200, y: -150, width: 1100, height: 800 }, maximized: false });
    keeper.track(win);
    win.emit('close');
    const reopened = createWindowStateKeeper({ openStore, logger: logger() });
    expect(placeWindow(reopened.saved(), { primary: FULL_HD, workAreas: [FULL_HD, LEFT] }).bounds).toEqual(win.state.bounds);
    expect(new Conf({ cwd, configName: WINDOW_STATE_STORE }).get('main')).toEqual({ bounds: win.state.bounds, maximized: false });
  });

  it('a store that cannot be opened or written costs only the remembered size, with a warning', () => {
    const log = logger();
    const unopenable = createWindowStateKeeper({ openStore: () => { throw new Error('EACCES'); }, logger: log });
    expect(unopenable.saved()).toBeUndefined();
    const win = fakeWindow({ bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false });
    unopenable.track(win);
    expect(() => win.emit('close')).not.toThrow();
    const full = { ...memoryStore(), set() { throw new Error('ENOSPC'); }, get() { throw new Error('EIO'); } };
    const failing = createWindowStateKeeper({ openStore: () => full, logger: log });
    expect(failing.saved()).toBeUndefined();
    failing.track(win);
    expect(() => win.emit('close')).not.toThrow();
    expect(log.seen).toEqual([
      'window: its size and position cannot be remembered',
      'window: its saved size and position could not be read',
      'window: its size and position could not be saved',
    ]);
  });
});
