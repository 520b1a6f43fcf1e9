// Errors nothing in main caught: without a listener Node prints them raw to stderr and Electron shows them in its
// own dialog, text that may quote the key or a header value. Routed to the redacting logger instead (console and
// log file); like Electron's default, main goes on running.
import type { Logger } from '../ports';

/** The two events as Node's `process` emits them (an EventEmitter in tests). */
export interface ProcessErrorEvents {
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export function logProcessErrors(target: ProcessErrorEvents, logger: Logger): void {
  // A throw from a listener of these events ends the process with the raw text: a log line is never worth that.
  const log = (message: string, data: Record<string, unknown>) => {
    try {
      logger.error(message, data);
    } catch {
      // Nowhere left to say it.
    }
  };
  target.on('uncaughtException', (error, origin) => log('app: uncaught exception', { error, origin }));
  target.on('unhandledRejection', (reason) => log('app: unhandled promise rejection', { error: reason }));
}
