// Errors nothing in main caught: without a listener Node prints them raw to stderr and Electron shows them in its
// own dialog, text that may quote the key or a header value. Routed to the redacting logger instead (console and
// log file), and told to the window in one redacted sentence (`report`); like Electron's default, main goes on running.
import type { Logger } from '../ports';

/** Longest error text quoted in the window; the whole of it is in the log. */
const QUOTED_CHARS = 300;

/** What the window says of an error nothing in main caught: its message on one line, through `redact`. */
export function faultMessage(error: unknown, redact: (text: string) => string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = redact(raw).replace(/\s+/g, ' ').trim();
  const quoted = line.length > QUOTED_CHARS ? `${line.slice(0, QUOTED_CHARS - 1)}…` : line;
  return (
    `Something inside the app failed and nothing caught it${quoted ? `: ${quoted}` : ''}. The app goes on, but what it ` +
    'was doing may not have finished. The details are in main.log (Help → Open logs folder).'
  );
}

/** The two events as Node's `process` emits them (an EventEmitter in tests). */
export interface ProcessErrorEvents {
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** `report` hears of each error after it is logged (to tell the window); it must redact what it shows. */
export function logProcessErrors(target: ProcessErrorEvents, logger: Logger, report: (error: unknown) => void = () => {}): void {
  // A throw from a listener of these events ends the process with the raw text: a log line is never worth that.
  const log = (message: string, data: Record<string, unknown> & { error: unknown }) => {
    try {
      logger.error(message, data);
    } catch {
      // Nowhere left to say it.
    }
    try {
      report(data.error);
    } catch {
      // The window may be gone; the log has it.
    }
  };
  target.on('uncaughtException', (error, origin) => log('app: uncaught exception', { error, origin }));
  target.on('unhandledRejection', (reason) => log('app: unhandled promise rejection', { error: reason }));
}
