// The KeyValueStore port over `conf` in a folder: the same atomic writer electron-store uses, without Electron.
import Conf from 'conf';
import type { KeyValueStore, StoreFactory } from '../../src-main/core/ports';

export function confStoreFactory(cwd: string): StoreFactory {
  return (name, options) => {
    const conf = new Conf<Record<string, unknown>>({
      cwd,
      configName: name,
      ...(options?.fileMode !== undefined ? { configFileMode: options.fileMode } : {}),
    });
    const store: KeyValueStore = {
      get: (key) => conf.get(key),
      set: (key, value) => conf.set(key, value),
      delete: (key) => conf.delete(key),
    };
    return store;
  };
}
