// The StoreFactory port over `conf` in a folder: the same atomic writer electron-store uses, without Electron.
import Conf from 'conf';
import type { Logger, StoreFactory } from '../../src-main/core/ports';
import { silentLogger } from '../../src-main/core/ports';
import { createStoreFactory } from '../../src-main/core/store-factory';

export function confStoreFactory(cwd: string, logger: Logger = silentLogger): StoreFactory {
  return createStoreFactory({
    cwd,
    logger,
    open: (name, fileMode) =>
      new Conf<Record<string, unknown>>({
        cwd,
        configName: name,
        accessPropertiesByDotNotation: false,
        ...(fileMode === undefined ? {} : { configFileMode: fileMode }),
      }),
  });
}
