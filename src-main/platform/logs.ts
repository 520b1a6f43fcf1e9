// Main's log file in Electron's logs folder (inside the data folder on Linux and Windows, ~/Library/Logs on macOS),
// and that folder for the Help menu's "Open logs folder".
import { app, shell } from 'electron';
import { LazyLogFile } from '../core/logging/rotating-file';

export const MAIN_LOG_NAME = 'main.log';

export function logsFolder(): string {
  return app.getPath('logs');
}

/** Opens the logs folder in the system's file manager; resolves to an error message, '' when it opened. */
export function openLogsFolder(): Promise<string> {
  return shell.openPath(logsFolder());
}

export function createMainLogFile(): LazyLogFile {
  return new LazyLogFile(logsFolder, MAIN_LOG_NAME);
}
