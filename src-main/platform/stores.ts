// The StoreFactory port over electron-store (conf underneath: atomic writes), one JSON file per name in userData.
import { app } from 'electron';
import Store from 'electron-store';
import type { Logger, StoreFactory } from '../core/ports';
import { createStoreFactory } from '../core/store-factory';

export function createElectronStoreFactory(logger: Logger, cwd: string = app.getPath('userData')): StoreFactory {
  return createStoreFactory({
    cwd,
    logger,
    open: (name, fileMode) =>
      new Store<Record<string, unknown>>({
        name,
        cwd,
        // Keys are ids, not paths: "a.b" must stay one key.
        accessPropertiesByDotNotation: false,
        ...(fileMode === undefined ? {} : { configFileMode: fileMode }),
      }),
  });
}
