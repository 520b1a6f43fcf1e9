// Main's log file: warnings and errors as one line each, scrubbed so that neither the API key nor what the person
// wrote or received can reach the disk; and a Logger that sends every record to several loggers.
import { redactSecret } from '../gemini/errors';
import type { Logger } from '../ports';

/** Where lines go: a RotatingFile in the app, an array in tests. */
export interface LineSink {
  write(line: string): void;
}

const MAX_STRING = 500;
const MAX_STACK = 4_000;
const MAX_DEPTH = 4;
const MAX_ITEMS = 20;
/**
 * Text in quotes inside an error message is usually a piece of the data that failed — V8 quotes the JSON it
 * could not parse ("Unexpected token 'h', "hello" is not valid JSON"), zod and others quote values — so it
 * could be a prompt or an answer. File paths (Node quotes them in ENOENT and the like) say where, not what,
 * and are kept.
 */
const QUOTED = /"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|‘[^’\n]*’|`[^`\n]*`/g;
const PATH_LIKE = /^(?:[A-Za-z]:)?[\\/][^\s"'`]*$|^file:\/\/\S*$/;

/** A string from anywhere (an error message, a field) as it may appear in the log file. */
export function scrubText(text: string, max = MAX_STRING): string {
  const redacted = redactSecret(text).replace(QUOTED, (quoted) => {
    const inner = quoted.slice(1, -1);
    return PATH_LIKE.test(inner) ? quoted : `${quoted[0]}…${quoted.at(-1)}`;
  });
  return redacted.length > max ? `${redacted.slice(0, max)}… (${redacted.length - max} more characters)` : redacted;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    return {
      name: value.name,
      message: scrubText(value.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(value.stack ? { stack: scrubText(value.stack, MAX_STACK) } : {}),
    };
  }
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => scrubValue(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
      // Stacks are long by nature; everything else is cut at MAX_STRING.
      out[key] = key === 'stack' && typeof item === 'string' ? scrubText(item, MAX_STACK) : scrubValue(item, depth + 1);
    }
    return out;
  }
  return undefined;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** `2026-05-04T10:00:00.000Z ERROR ipc: start failed {"name":"TypeError",…}` */
export function formatLogLine(level: LogLevel, message: string, data: Record<string, unknown> | undefined, nowMs: number): string {
  const scrubbed = data === undefined ? undefined : scrubValue(data, 0);
  const tail = scrubbed === undefined || Object.keys(scrubbed as object).length === 0 ? '' : ` ${JSON.stringify(scrubbed)}`;
  return `${new Date(nowMs).toISOString()} ${level.toUpperCase()} ${scrubText(message)}${tail}`;
}

/** Warnings and errors to `sink`; debug and info stay on the console (they are for development). */
export function createFileLogger(sink: LineSink, now: () => number = Date.now): Logger {
  const write = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    try {
      sink.write(formatLogLine(level, message, data, now()));
    } catch {
      // A log line is never worth a crash.
    }
  };
  return { debug() {}, info() {}, warn: write('warn'), error: write('error') };
}

/** One Logger over several: the console for development, the file for the person's bug report. */
export function teeLogger(...loggers: Logger[]): Logger {
  return {
    debug: (m, d) => loggers.forEach((l) => l.debug(m, d)),
    info: (m, d) => loggers.forEach((l) => l.info(m, d)),
    warn: (m, d) => loggers.forEach((l) => l.warn(m, d)),
    error: (m, d) => loggers.forEach((l) => l.error(m, d)),
  };
}
