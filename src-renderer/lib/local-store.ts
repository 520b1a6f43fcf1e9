// Drafts and the last open session outlive a restart in localStorage. Opened at its first use, after start-up, not
// while the window mounts: the first touch of window.localStorage asks the browser process, synchronously, whether
// the page may use storage, and that round trip sat in the first frame's task (bench/RESULTS.md §5b).
import type { SmallStore } from './state/drafts';

/** The page's localStorage, reached on first use; without storage (refused, or absent) nothing outlives the run. */
export function lazyLocalStore(storage: () => Storage = () => window.localStorage): SmallStore {
  let opened: Storage | null | undefined;
  const open = () => {
    if (opened === undefined) {
      try {
        opened = storage();
      } catch {
        opened = null;
      }
    }
    return opened;
  };
  return {
    getItem: (key) => open()?.getItem(key) ?? null,
    setItem: (key, value) => open()?.setItem(key, value),
    removeItem: (key) => open()?.removeItem(key),
    keys: () => {
      const storage = open();
      if (!storage) return [];
      return Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((key) => key !== null);
    },
  };
}
