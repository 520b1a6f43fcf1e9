// The StoreFactory port over electron-store (conf underneath: atomic writes), one JSON file per name in userData.
import { app } from 'electron';
import Store from 'electron-store';
import type { KeyValueStore, StoreFactory } from '../core/ports';

/** Slash-separated segments that cannot start with a dot: no "..", no absolute paths, no hidden files. */
const SAFE_NAME = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\/){0,4}[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function createElectronStoreFactory(cwd: string = app.getPath('userData')): StoreFactory {
  return (name, options) => {
    if (!SAFE_NAME.test(name)) throw new Error('Invalid store name');
    const store = new Store<Record<string, unknown>>({
      name,
      cwd,
      // Keys are ids, not paths: "a.b" must stay one key.
      accessPropertiesByDotNotation: false,
      ...(options?.fileMode === undefined ? {} : { configFileMode: options.fileMode }),
    });
    const kv: KeyValueStore = {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    };
    return kv;
  };
}
