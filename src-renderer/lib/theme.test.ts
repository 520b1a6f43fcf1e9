// @vitest-environment jsdom
// The theme on the page: the choice resolved to light or dark, "system" following the OS as it changes, and the
// first frame in the scheme main gives the page, with no storage read.
import { describe, expect, it, vi } from 'vitest';
import { Theme, resolveTheme, themeOfPage } from './theme';

function fakeMedia(matches: boolean) {
  const listeners: (() => void)[] = [];
  const media = {
    matches,
    addEventListener: (_: string, listener: () => void) => void listeners.push(listener),
  } as unknown as MediaQueryList;
  return { media, flip(to: boolean) {
    (media as { matches: boolean }).matches = to;
    for (const l of listeners) l();
  } };
}

describe('theme', () => {
  it('resolves a choice against the system', () => {
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('paints data-theme; "system" follows the OS when it changes, a fixed choice does not', () => {
    const root = document.createElement('html');
    const { media, flip } = fakeMedia(false);
    const theme = new Theme({ root, media });
    expect(root.dataset.theme).toBe('light');
    flip(true);
    expect(root.dataset.theme).toBe('dark');
    theme.apply('light');
    expect(root.dataset.theme).toBe('light');
    flip(false);
    flip(true);
    expect(root.dataset.theme).toBe('light');
  });

  it('starts in the scheme the page is given (main sets it from the saved choice) and reads or writes no storage', () => {
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const local = vi.spyOn(window, 'localStorage', 'get');
    try {
      const root = document.createElement('html');
      const theme = new Theme({ root, media: fakeMedia(true).media });
      expect(theme.choice).toBe('system');
      expect(root.dataset.theme).toBe('dark');
      theme.apply('light');
      expect(root.dataset.theme).toBe('light');
      themeOfPage().apply('dark');
      expect(document.documentElement.dataset.theme).toBe('dark');
      // A storage read in the first frame's task is a synchronous round trip to the browser process.
      expect([getItem.mock.calls.length, setItem.mock.calls.length, local.mock.calls.length]).toEqual([0, 0, 0]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
