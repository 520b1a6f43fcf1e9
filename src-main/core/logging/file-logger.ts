// Main's log file: warnings and errors as one line each, scrubbed so that neither the API key nor what the person
// wrote or received can reach the disk; the console's records with the secrets out; and a Logger that sends every
// record to several loggers.
import { silent, type Logger } from '../ports';
import { redactorFor, type HeldSecrets } from '../redact';

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
export function scrubText(text: string, max = MAX_STRING, held: readonly (string | undefined)[] | ((text: string) => string) = []): string {
  const redact = typeof held === 'function' ? held : redactorFor(held);
  const redacted = redact(text).replace(QUOTED, (quoted) => {
    const inner = quoted.slice(1, -1);
    return PATH_LIKE.test(inner) ? quoted : `${quoted[0]}…${quoted.at(-1)}`;
  });
  return redacted.length > max ? `${redacted.slice(0, max)}… (${redacted.length - max} more characters)` : redacted;
}

/** How one string of a record in the file is cleaned (scrubText with the held secrets). */
type TextScrubber = (text: string, max: number) => string;

function scrubValue(value: unknown, depth: number, text: TextScrubber): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return text(value, MAX_STRING);
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    // undici's "fetch failed" says nothing by itself: the reason (ECONNREFUSED, a certificate) is its cause.
    const cause = value.cause === undefined || depth >= MAX_DEPTH ? undefined : scrubValue(value.cause, depth + 1, text);
    return {
      name: value.name,
      message: text(value.message, MAX_STRING),
      ...(typeof code === 'string' ? { code } : {}),
      ...(cause === undefined ? {} : { cause }),
      ...(value.stack ? { stack: text(value.stack, MAX_STACK) } : {}),
    };
  }
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => scrubValue(item, depth + 1, text));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
      // Stacks are long by nature; everything else is cut at MAX_STRING.
      out[key] = key === 'stack' && typeof item === 'string' ? text(item, MAX_STACK) : scrubValue(item, depth + 1, text);
    }
    return out;
  }
  return undefined;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** `2026-05-04T10:00:00.000Z ERROR ipc: start failed {"name":"TypeError",…}` */
export function formatLogLine(
  level: LogLevel,
  message: string,
  data: Record<string, unknown> | undefined,
  nowMs: number,
  held: readonly (string | undefined)[] = [],
): string {
  const redact = redactorFor(held);
  const scrubbed = data === undefined ? undefined : scrubValue(data, 0, (text, max) => scrubText(text, max, redact));
  const tail = scrubbed === undefined || Object.keys(scrubbed as object).length === 0 ? '' : ` ${JSON.stringify(scrubbed)}`;
  return `${new Date(nowMs).toISOString()} ${level.toUpperCase()} ${scrubText(message, MAX_STRING, redact)}${tail}`;
}

/** Warnings and errors to `sink`; debug and info stay on the console (they are for development). */
export function createFileLogger(sink: LineSink, now: () => number = Date.now, held: HeldSecrets = () => []): Logger {
  const write = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    try {
      sink.write(formatLogLine(level, message, data, now(), held()));
    } catch {
      // A log line is never worth a crash.
    }
  };
  return { debug() {}, info() {}, warn: write('warn'), error: write('error') };
}

/**
 * Every string in `value` through `text`, and nothing else cut: an error keeps its fields (code, httpStatus…), its
 * stack and its cause chain — undici's "fetch failed" says why only in its cause, an AggregateError in `errors`.
 */
function redactWhole(value: unknown, text: (value: string) => string, within: Set<object> = new Set()): unknown {
  if (typeof value === 'string') return text(value);
  if (typeof value !== 'object' || value === null) return value;
  if (within.has(value)) return '[Circular]';
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} of ${value.byteLength} bytes]`;
  within.add(value);
  const each = (item: unknown) => redactWhole(item, text, within);
  let out: unknown;
  if (value instanceof Error) {
    const { cause, errors } = value as Error & { errors?: unknown };
    out = {
      name: value.name,
      message: text(value.message),
      ...Object.fromEntries(Object.entries(value).map(([key, item]) => [key, each(item)])),
      ...(value.stack ? { stack: text(value.stack) } : {}),
      ...('cause' in value ? { cause: each(cause) } : {}),
      ...(Array.isArray(errors) ? { errors: errors.map(each) } : {}),
    };
  } else if (Array.isArray(value)) out = value.map(each);
  else out = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, each(item)]));
  within.delete(value);
  return out;
}

/**
 * The console's records with the secrets out and nothing else cut (the console is for development), since a
 * person who starts the app from a terminal may paste what it printed into a bug report.
 */
export function redactingLogger(inner: Logger, held: HeldSecrets): Logger {
  const clean = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    const text = redactorFor(held());
    inner[level](text(message), data === undefined ? undefined : (redactWhole(data, text) as Record<string, unknown>));
  };
  // Debug records (one per request) are walked only where they are printed.
  return { debug: inner.debug === silent ? silent : clean('debug'), info: clean('info'), warn: clean('warn'), error: clean('error') };
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
