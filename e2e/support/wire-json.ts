// Large IPC values cross the harness as JSON text over HTTP (bridge-entry.ts, ipc-worker.ts). Plain JSON would lose what
// Electron's structured clone keeps (undefined, NaN, ±Infinity, Dates), and the other side would see another value than
// in the app; those travel marked and are restored on arrival. Bytes were already marked by bytes-codec.ts.
const MARK = '__pgWire';

/** Over about this many characters a value crosses the harness through the page's IPC worker (bridge-entry.ts). */
export const LARGE_OVER = 64 * 1024;

/** The characters of a value's strings and bytes (anything else counts 8), counted until past `limit`. */
export function roughSize(value: unknown, limit: number): number {
  let size = 0;
  const seen = new WeakSet<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length;
    else if (item instanceof Uint8Array) size += item.byteLength;
    else if (item !== null && typeof item === 'object' && !seen.has(item)) {
      seen.add(item);
      size += 8;
      for (const v of Object.values(item)) stack.push(v);
    } else size += 8;
  }
  return size;
}

type Marked = { [MARK]: 'undefined' | 'NaN' | 'Infinity' | '-Infinity' | 'Date'; at?: number };

/** Whether `value` goes through the page's IPC worker, either way. */
export const isLarge = (value: unknown): boolean => roughSize(value, LARGE_OVER) > LARGE_OVER;

/** The sending side (the IPC worker, or the harness for main's events). */
export function toWire(value: unknown): string {
  // JSON.stringify(undefined) is undefined, not text: no argument is an empty body.
  return (JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [MARK]: 'Date', at: raw.getTime() } satisfies Marked;
    if (v === undefined && key !== '') return { [MARK]: 'undefined' } satisfies Marked;
    if (typeof v === 'number' && !Number.isFinite(v)) return { [MARK]: String(v) as Marked[typeof MARK] } satisfies Marked;
    return v;
  }) as string | undefined) ?? '';
}

function isMarked(v: unknown): v is Marked {
  return typeof v === 'object' && v !== null && MARK in v;
}

function restore(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(restore);
  if (typeof v !== 'object' || v === null) return v;
  if (isMarked(v)) {
    const kind = v[MARK];
    if (kind === 'Date') return new Date(v.at ?? NaN);
    if (kind === 'undefined') return undefined;
    return Number(kind);
  }
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v)) out[k] = restore(item);
  return out;
}

/** The receiving side: the value toWire was given (undefined for an empty body, as for an invoke without argument). */
export function fromWire(text: string): unknown {
  return text === '' ? undefined : restore(JSON.parse(text));
}
