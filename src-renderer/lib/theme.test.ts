// @vitest-environment jsdom
// The theme on the page: the choice resolved to light or dark, "system" following the OS as it changes, and the
// last choice remembered for the first frame of the next start.
import { describe, expect, it } from 'vitest';
import { Theme, resolveTheme } from './theme';

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

function memoryStore() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
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
    const theme = new Theme({ root, media, store: memoryStore() });
    expect(root.dataset.theme).toBe('light');
    flip(true);
    expect(root.dataset.theme).toBe('dark');
    theme.apply('light');
    expect(root.dataset.theme).toBe('light');
    flip(false);
    flip(true);
    expect(root.dataset.theme).toBe('light');
  });

  it('starts in the choice remembered last time', () => {
    const store = memoryStore();
    new Theme({ root: document.createElement('html'), media: fakeMedia(false).media, store }).apply('dark');
    const root = document.createElement('html');
    const next = new Theme({ root, media: fakeMedia(false).media, store });
    expect(next.choice).toBe('dark');
    expect(root.dataset.theme).toBe('dark');
    store.setItem('pg:theme', 'sepia');
    expect(new Theme({ root, media: undefined, store }).choice).toBe('system');
  });
});
