// The window is shown at ready-to-show or after the timeout; load failures; the built files' check.
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from './ports';
import { READY_TO_SHOW_TIMEOUT_MS, loadFailure, requireBuiltFile, showWhenReady, type ShowableWindow } from './window-lifecycle';

function fakeWindow() {
  let readyListener: (() => void) | undefined;
  const win = {
    shown: 0,
    visible: false,
    destroyed: false,
    calls: [] as string[],
    once: (_event: 'ready-to-show', listener: () => void) => void (readyListener = listener),
    show() {
      win.calls.push('show');
      win.shown++;
      win.visible = true;
    },
    maximize() {
      win.calls.push('maximize');
      win.visible = true;
    },
    isDestroyed: () => win.destroyed,
    isVisible: () => win.visible,
    readyToShow: () => readyListener?.(),
  };
  return win satisfies ShowableWindow & { readyToShow(): void };
}

function warnings(): Logger & { seen: string[] } {
  const seen: string[] = [];
  return { seen, debug() {}, info() {}, error() {}, warn: (m) => seen.push(m) };
}

describe('showWhenReady', () => {
  it('shows the window at ready-to-show, once, and logs nothing', () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const logger = warnings();
    showWhenReady(win, { logger });
    win.readyToShow();
    vi.advanceTimersByTime(READY_TO_SHOW_TIMEOUT_MS * 2);
    expect(win.shown).toBe(1);
    expect(logger.seen).toEqual([]);
    vi.useRealTimers();
  });

  it('shows it anyway, with a warning, when ready-to-show never comes', () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const logger = warnings();
    showWhenReady(win, { logger });
    vi.advanceTimersByTime(READY_TO_SHOW_TIMEOUT_MS - 1);
    expect(win.shown).toBe(0);
    vi.advanceTimersByTime(1);
    expect(win.shown).toBe(1);
    expect(logger.seen).toEqual(['window: not ready to show in time; shown anyway']);
    vi.useRealTimers();
  });

  it('leaves a destroyed window alone', () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    showWhenReady(win, { logger: warnings() });
    win.destroyed = true;
    vi.advanceTimersByTime(READY_TO_SHOW_TIMEOUT_MS);
    win.readyToShow();
    expect(win.shown).toBe(0);
    vi.useRealTimers();
  });
});

describe('showWhenReady with a window to maximize', () => {
  it('maximizes it just before showing it, at ready-to-show or at the timeout, and not before', () => {
    vi.useFakeTimers();
    const atReady = fakeWindow();
    showWhenReady(atReady, { logger: warnings(), maximize: true });
    expect(atReady.calls).toEqual([]);
    atReady.readyToShow();
    expect(atReady.calls).toEqual(['maximize', 'show']);
    const late = fakeWindow();
    showWhenReady(late, { logger: warnings(), maximize: true });
    vi.advanceTimersByTime(READY_TO_SHOW_TIMEOUT_MS);
    expect(late.calls).toEqual(['maximize', 'show']);
    vi.useRealTimers();
  });

  it('only shows a window not to maximize', () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    showWhenReady(win, { logger: warnings(), maximize: false });
    win.readyToShow();
    vi.advanceTimersByTime(READY_TO_SHOW_TIMEOUT_MS);
    expect(win.calls).toEqual(['show']);
    vi.useRealTimers();
  });
});

describe('loadFailure', () => {
  it('takes a replaced navigation (ERR_ABORTED) calmly', () => {
    expect(loadFailure(Object.assign(new Error("ERR_ABORTED (-3) loading 'app://playground/'"), { code: 'ERR_ABORTED', errno: -3 })).fatal).toBe(false);
  });

  it('calls anything else fatal, naming Chromium’s code', () => {
    const error = Object.assign(new Error("ERR_FILE_NOT_FOUND (-6) loading 'app://playground/index.html'"), { code: 'ERR_FILE_NOT_FOUND', errno: -6 });
    expect(loadFailure(error)).toEqual({ fatal: true, message: "The app's page could not be loaded (ERR_FILE_NOT_FOUND)." });
    expect(loadFailure(new Error('odd'))).toEqual({ fatal: true, message: "The app's page could not be loaded (odd)." });
  });
});

describe('requireBuiltFile', () => {
  it('throws naming what is missing and where', () => {
    expect(() => requireBuiltFile('/app/out/preload/preload.cjs', 'the preload script', () => false)).toThrow(
      'The app is incomplete: the preload script is missing (/app/out/preload/preload.cjs). Reinstall the app.',
    );
    expect(() => requireBuiltFile('/x', 'x', () => true)).not.toThrow();
  });
});
