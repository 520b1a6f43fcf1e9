// Opening the app's data folder from the Settings view: only that folder, whatever the page asks, through the
// system's opener (shell.openPath in the app, platform/folders.ts); a failure says what the system answered.
import { mkdirSync } from 'node:fs';
import { AppFailure } from './failure';
import type { Logger } from './ports';

/** Resolves when the system opened the folder; rejects with its reason (shell.openPath answers one as text). */
export type FolderOpener = (path: string) => Promise<void>;

export async function openDataFolder(dataDir: string, opener: FolderOpener | undefined, logger: Logger): Promise<{ opened: boolean }> {
  if (!opener) return { opened: false };
  try {
    // A first run may not have written anything yet: the folder is there to be shown all the same.
    mkdirSync(dataDir, { recursive: true });
    await opener(dataDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn('data folder: could not open it', { error: reason.slice(0, 200) });
    throw new AppFailure('INTERNAL', `The system could not open the data folder (${reason.slice(0, 200) || 'no reason given'}). It is ${dataDir}`, { cause: error });
  }
  return { opened: true };
}
