// One KeyValueStore per named JSON file, over any conf-like class (electron-store in the app, conf in tests);
// a file that no longer parses is moved aside instead of stopping the app (docs/ARCHITECTURE.md §5).
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore, Logger, StoreFactory } from './ports';

/** The part of conf / electron-store the app uses. */
export interface ConfLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export type OpenConf = (name: string, fileMode: number | undefined) => ConfLike;

/** Slash-separated segments that cannot start with a dot: no "..", no absolute paths, no hidden files. */
const SAFE_NAME = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\/){0,4}[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function createStoreFactory(options: {
  cwd: string;
  open: OpenConf;
  logger: Logger;
  /** Told of each file moved aside, so the person can be told too. */
  onRecovered?: (name: string, movedTo: string) => void;
}): StoreFactory {
  return (name, storeOptions) => {
    if (!SAFE_NAME.test(name)) throw new Error('Invalid store name');
    const fileMode = storeOptions?.fileMode;
    let conf: ConfLike;
    try {
      conf = options.open(name, fileMode);
    } catch (error) {
      const file = join(options.cwd, `${name}.json`);
      if (!(error instanceof SyntaxError) || !existsSync(file)) throw error;
      const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(file, movedTo);
      options.logger.warn('store: unreadable file moved aside', { name, movedTo });
      options.onRecovered?.(name, movedTo);
      storeOptions?.onRecovered?.(movedTo);
      conf = options.open(name, fileMode);
    }
    const store: KeyValueStore = {
      get: (key) => conf.get(key),
      set: (key, value) => conf.set(key, value),
      delete: (key) => conf.delete(key),
    };
    return store;
  };
}
