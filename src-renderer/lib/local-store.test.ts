// @vitest-environment jsdom
// localStorage reached at first use, not when the store is made (while the window mounts).
import { describe, expect, it, vi } from 'vitest';
import { lazyLocalStore } from './local-store';

describe('lazyLocalStore', () => {
  it('touches localStorage only at its first use, then keeps it', () => {
    const local = vi.spyOn(window, 'localStorage', 'get');
    try {
      const store = lazyLocalStore();
      expect(local).not.toHaveBeenCalled();
      store.setItem('pg.draft.x', 'typed');
      expect(store.getItem('pg.draft.x')).toBe('typed');
      store.removeItem('pg.draft.x');
      expect(store.getItem('pg.draft.x')).toBeNull();
      expect(local).toHaveBeenCalledTimes(1);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('lists the keys it holds', () => {
    window.localStorage.clear();
    const store = lazyLocalStore();
    store.setItem('pg.draft.a', 'one');
    store.setItem('pg.lastSession', 'a');
    expect(store.keys?.().sort()).toEqual(['pg.draft.a', 'pg.lastSession']);
    window.localStorage.clear();
  });

  it('without storage (refused by the page’s settings) keeps nothing and throws nothing', () => {
    const store = lazyLocalStore(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    store.setItem('k', 'v');
    expect(store.getItem('k')).toBeNull();
    expect(() => store.removeItem('k')).not.toThrow();
    expect(store.keys?.()).toEqual([]);
  });
});
