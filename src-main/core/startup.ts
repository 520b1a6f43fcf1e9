// Start-up that fails loudly: whatever throws while the app starts is logged, shown in a native error box naming
// the problem and the log file, and ends the process — which also gives up the single-instance lock, so the next
// launch starts afresh instead of handing its arguments to a process with no window (issue 18, item 2).
import type { Logger } from './ports';
import { redactSecrets, type HeldSecrets } from './redact';

/** What the start-up guard needs from Electron's app and dialog (platform-free, so it is tested under Node). */
export interface StartupHost {
  isReady(): boolean;
  whenReady(): Promise<unknown>;
  /** dialog.showErrorBox: before `ready` on Linux it only prints to stderr, hence the wait for ready. */
  showErrorBox(title: string, content: string): void;
  releaseSingleInstanceLock(): void;
  /** app.exit: ends at once, without before-quit. */
  exit(code: number): void;
}

/** The log file as the error box names it: where it is, and why it could not be written when it could not. */
export interface LogFileInfo {
  path(): string | undefined;
  failure(): string | undefined;
}

export const STARTUP_ERROR_TITLE = 'Gemini Prompt Playground could not start';
const MAX_PROBLEM = 600;

/** The error box's text: the problem in one paragraph, then where the details are. */
export function startupErrorText(error: unknown, log: LogFileInfo, held: readonly (string | undefined)[] = []): { title: string; content: string } {
  const raw = error instanceof Error ? error.message || error.name : String(error);
  const oneLine = redactSecrets(raw, held).replace(/\s+/g, ' ').trim() || 'An unknown error.';
  const problem = oneLine.length > MAX_PROBLEM ? `${oneLine.slice(0, MAX_PROBLEM)}…` : oneLine;
  const path = safely(() => log.path());
  const failure = safely(() => log.failure());
  let where: string;
  if (!path) where = 'No log file could be opened.';
  else if (failure) where = `The log file ${path} could not be written either: ${failure}`;
  else where = `Details are in the log file:\n${path}`;
  return { title: STARTUP_ERROR_TITLE, content: `${problem}\n\n${where}` };
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export interface StartupGuard {
  /** Runs a start-up step; a throw becomes `fail(error)`. */
  run(step: () => void): void;
  /** Reports a start-up failure once (later ones are only logged) and ends the process with code 1. */
  fail(error: unknown): void;
  /** Whether start-up has failed: late callbacks check it so they do not build on a process that is ending. */
  readonly failed: boolean;
}

export function createStartupGuard(host: StartupHost, logger: Logger, log: LogFileInfo, held: HeldSecrets = () => []): StartupGuard {
  let failed = false;
  const fail = (error: unknown): void => {
    logger.error('app: start-up failed', { error });
    if (failed) return;
    failed = true;
    const { title, content } = startupErrorText(error, log, safely(held) ?? []);
    const report = () => {
      try {
        host.showErrorBox(title, content);
      } finally {
        try {
          host.releaseSingleInstanceLock();
        } finally {
          host.exit(1);
        }
      }
    };
    if (host.isReady()) report();
    else host.whenReady().then(report, report);
  };
  return {
    run(step) {
      try {
        step();
      } catch (error) {
        fail(error);
      }
    },
    fail,
    get failed() {
      return failed;
    },
  };
}
