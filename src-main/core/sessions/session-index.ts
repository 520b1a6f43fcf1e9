// The in-memory session index: one small entry per session (summary + a bounded prompt excerpt),
// newest-first listing and word search without opening documents, and its snapshot file format.
import { z } from 'zod';
import { SESSION_ID_PATTERN, sessionSchema, type Session, type SessionSummary } from '../../../src-shared/session';

/** Enough prompt text to find a conversation by what was asked, small enough for 10,000 entries in memory. */
export const EXCERPT_CHARS = 600;
export const INDEX_FORMAT = 'gemini-playground-session-index';
export const INDEX_VERSION = 1;

export interface IndexEntry extends SessionSummary {
  /** The session's prompts (then system instructions), whitespace-collapsed, at most EXCERPT_CHARS. */
  excerpt: string;
}

interface Row {
  entry: IndexEntry;
  updatedMs: number;
  /** title + excerpt, lower-cased without accents: what a query is matched against. */
  haystack: string;
}

// An entry repeats fields of a session the reader accepted: the session's own rules, so every session the app
// can hold has an entry the next start accepts. Before, a createdAt with many fractional digits (an import keeps
// it) was longer than this schema's own cap, and the whole index was set aside as damaged at every start.
const entrySchema = z.strictObject({
  id: z.string().regex(SESSION_ID_PATTERN),
  title: sessionSchema.shape.title,
  createdAt: sessionSchema.shape.createdAt,
  updatedAt: sessionSchema.shape.updatedAt,
  paneCount: z.number().int().nonnegative(),
  turnCount: z.number().int().nonnegative(),
  unsentFiles: z.number().int().positive().optional(),
  excerpt: z.string().max(EXCERPT_CHARS),
});

const snapshotSchema = z.strictObject({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  entries: z.array(entrySchema),
});

/** Case- and accent-insensitive form for matching ("Café" finds "cafe"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The index entry of a document: O(that session), and only the first EXCERPT_CHARS of prompt text. */
export function summarize(session: Session): IndexEntry {
  const seen = new Set<string>();
  const parts: string[] = [];
  let length = 0;
  const add = (text: string | undefined) => {
    if (length >= EXCERPT_CHARS || !text) return;
    const flat = collapse(text.slice(0, EXCERPT_CHARS * 2));
    // The same prompt is usually sent to every pane: count it once.
    if (flat === '' || seen.has(flat)) return;
    seen.add(flat);
    parts.push(flat);
    length += flat.length + 1;
  };
  const rounds = Math.max(0, ...session.panes.map((p) => p.turns.length));
  for (let i = 0; i < rounds && length < EXCERPT_CHARS; i++) {
    for (const pane of session.panes) add(pane.turns[i]?.input.text);
  }
  for (const pane of session.panes) add(pane.config.systemInstruction);
  return {
    id: session.id,
    title: session.title,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    paneCount: session.panes.length,
    turnCount: rounds,
    ...(session.attached?.length ? { unsentFiles: session.attached.length } : {}),
    excerpt: parts.join(' ').slice(0, EXCERPT_CHARS),
  };
}

export function toSummary(entry: IndexEntry): SessionSummary {
  const { excerpt: _excerpt, ...summary } = entry;
  return summary;
}

export class SessionIndex {
  readonly #rows = new Map<string, Row>();
  /** Newest first; rebuilt lazily after a change, so a burst of saves sorts once. */
  #sorted: Row[] | undefined;

  get size(): number {
    return this.#rows.size;
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  get(id: string): IndexEntry | undefined {
    return this.#rows.get(id)?.entry;
  }

  ids(): string[] {
    return [...this.#rows.keys()];
  }

  put(entry: IndexEntry): void {
    const updatedMs = Date.parse(entry.updatedAt);
    this.#rows.set(entry.id, {
      entry,
      updatedMs: Number.isFinite(updatedMs) ? updatedMs : 0,
      haystack: foldForSearch(`${entry.title}\n${entry.excerpt}`),
    });
    this.#sorted = undefined;
  }

  delete(id: string): boolean {
    const had = this.#rows.delete(id);
    if (had) this.#sorted = undefined;
    return had;
  }

  /** Newest first; every word of `query` must occur in the title or the prompt excerpt. */
  list(query?: string): SessionSummary[] {
    const rows = this.#newestFirst();
    const words = foldForSearch(query ?? '')
      .split(/\s+/)
      .filter((w) => w !== '');
    const matching = words.length === 0 ? rows : rows.filter((row) => words.every((w) => row.haystack.includes(w)));
    return matching.map((row) => toSummary(row.entry));
  }

  #newestFirst(): Row[] {
    this.#sorted ??= [...this.#rows.values()].sort(
      (a, b) => b.updatedMs - a.updatedMs || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
    );
    return this.#sorted;
  }

  toSnapshot(): string {
    const entries = [...this.#rows.values()].map((row) => row.entry);
    return JSON.stringify({ format: INDEX_FORMAT, version: INDEX_VERSION, entries });
  }

  /** Entries of a snapshot file's value; throws when any part of it is not what this app writes. */
  static parseSnapshot(value: unknown): IndexEntry[] {
    const parsed = snapshotSchema.safeParse(value);
    if (!parsed.success) throw new Error(`not a session index: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data.entries;
  }
}
