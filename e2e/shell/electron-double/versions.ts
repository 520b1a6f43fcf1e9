// process.versions' additions in Electron's main process: Electron's version (the installed package's) and its
// Chromium's — which the double does not have, so that one is a stand-in no real release carries.
import { createRequire } from 'node:module';

const electronPackage = createRequire(import.meta.url)('electron/package.json') as { version: string };

export const DOUBLE_VERSIONS = { electron: electronPackage.version, chrome: '0.0.0-double' } as const;
