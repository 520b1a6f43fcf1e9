// MCP server headers (tokens) kept like the API key: encrypted at rest over the Encryptor port (sealing.ts),
// keyed by the exact server URL. Outward only their names go (McpHeaderStatus); the values are read in main,
// where a request is built (gemini/mcp-headers.ts).
//
// The store holds `servers: { [url]: { names, cipher } }`: the names in plain text, so listing never touches the
// keyring (which may be locked), and the values as one ciphertext of their JSON. One field, not one per URL,
// because the store reads dots in a key as a path.
import type { McpHeaderStatus } from '../../src-shared/domain';
import { MAX_MCP_HEADER_SERVERS } from '../../src-shared/limits';
import { AppFailure } from './failure';
import type { Encryptor, KeyValueStore, Logger } from './ports';
import { backendOf, errorName, isCiphertext, seal, unseal, whyNotSealable, type SealWarning } from './sealing';
import { errnoCode } from './storage/files';
import { storageFailure } from './storage/storage-failure';

export const STORED_MCP_FIELD = 'servers';

export type McpHeaders = Record<string, string>;

interface Stored {
  names: string[];
  cipher: string;
}

interface Held {
  headers: McpHeaders;
  /** Set when the values live in memory only, for this run. */
  warning?: SealWarning;
}

export interface McpSecretsDeps {
  encryptor: Encryptor;
  store: KeyValueStore;
  logger: Logger;
  /** Told (once a run per server) of saved headers that will not decrypt and are kept, worded for people. */
  onUnusable?: (message: string) => void;
}

export class McpSecrets {
  readonly #encryptor: Encryptor;
  readonly #store: KeyValueStore;
  readonly #logger: Logger;
  /** Values in memory: decrypted from the store when first needed, or entered this run and not storable. */
  readonly #held = new Map<string, Held>();
  /**
   * Values replaced or forgotten this run: a request that started with one may still be running and log or fail
   * with it, so redaction keeps hunting them until the process ends.
   */
  readonly #replaced = new Set<string>();
  readonly #onUnusable: ((message: string) => void) | undefined;
  readonly #reported = new Set<string>();

  constructor(deps: McpSecretsDeps) {
    this.#encryptor = deps.encryptor;
    this.#store = deps.store;
    this.#logger = deps.logger;
    this.#onUnusable = deps.onUnusable;
  }

  /**
   * The values in memory now (decrypted or entered this run) and those replaced, for redaction (redact.ts): read
   * without touching the store or the keyring, since the logger asks this. Values never decrypted have not been sent.
   */
  held(): string[] {
    return [...[...this.#held.values()].flatMap((held) => Object.values(held.headers)), ...this.#replaced];
  }

  /**
   * Replaces the headers kept for `url`; none forgets the server. Stored encrypted when encryption is real,
   * else kept for this run only (and any values stored before are removed, so they cannot come back after a
   * restart). When the file cannot be written nothing changes and a STORAGE failure says so.
   */
  set(url: string, headers: McpHeaders): McpHeaderStatus {
    const names = Object.keys(headers);
    const seen = new Set<string>();
    for (const name of names) {
      const lower = name.toLowerCase();
      if (seen.has(lower)) throw new AppFailure('BAD_REQUEST', `The header ${name} is given twice (header names ignore case)`);
      seen.add(lower);
    }
    if (names.length === 0) {
      this.#removeStored(url, 'forget the MCP server headers', 'Nothing was changed: the headers stay saved.');
      this.#release(url);
      this.#held.delete(url);
      this.#logger.info('mcp-headers: forgotten');
      return { url, headerNames: [] };
    }
    const known = new Set([...Object.keys(this.#stored()), ...this.#held.keys()]);
    if (!known.has(url) && known.size >= MAX_MCP_HEADER_SERVERS) {
      throw new AppFailure(
        'BAD_REQUEST',
        `Headers are kept for at most ${MAX_MCP_HEADER_SERVERS} MCP servers: remove the headers of one no longer used, then set these again`,
      );
    }
    const copy = { ...headers };
    const unavailable = whyNotSealable(this.#encryptor);
    if (unavailable) {
      this.#removeStored(url, 'replace the MCP server headers saved before', 'Nothing was changed.');
      this.#logger.warn('mcp-headers: kept in memory for this run only', { reason: unavailable, backend: backendOf(this.#encryptor) });
      return this.#hold(url, { headers: copy, warning: unavailable });
    }
    let cipher: string;
    try {
      cipher = seal(this.#encryptor, JSON.stringify(copy));
    } catch (e) {
      this.#removeStored(url, 'replace the MCP server headers saved before', 'Nothing was changed.');
      this.#logger.warn('mcp-headers: encryption failed, kept in memory for this run only', { error: errorName(e) });
      return this.#hold(url, { headers: copy, warning: 'encryption-unavailable' });
    }
    this.#write('save the MCP server headers', { ...this.#stored(), [url]: { names, cipher } }, 'Nothing was changed.');
    this.#logger.info('mcp-headers: stored encrypted', { headers: names.length });
    return this.#hold(url, { headers: copy });
  }

  /** Every server with headers, by URL, with the names only. */
  list(): McpHeaderStatus[] {
    const out = new Map<string, McpHeaderStatus>();
    for (const [url, entry] of Object.entries(this.#stored())) out.set(url, { url, headerNames: [...entry.names] });
    for (const [url, held] of this.#held) out.set(url, status(url, held));
    return [...out.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  }

  /**
   * The header values for a request to `url`, in main only. A STORAGE failure when they are saved but cannot be
   * read (a locked keyring, another keyring): a request without them would fail at the MCP server, less clearly.
   */
  headersFor(url: string): McpHeaders | undefined {
    const held = this.#held.get(url);
    if (held) return { ...held.headers };
    const entry = this.#stored()[url];
    if (!entry) return undefined;
    const unusable = whyNotSealable(this.#encryptor);
    if (unusable) {
      // A locked keyring, or Linux's basic_text fallback when the keyring is absent this run: the values were sealed
      // by a real keyring that may be back next run, so they are neither decrypted nor deleted.
      const why = unusable === 'weak-encryption' ? 'was not found this run' : 'is locked or not available';
      throw new AppFailure('STORAGE', `The headers saved for the MCP server ${url} cannot be read: the system keyring ${why}. ${KEPT}`);
    }
    let headers: McpHeaders;
    try {
      headers = parseHeaders(unseal(this.#encryptor, entry.cipher));
    } catch (e) {
      // Sealed under another keyring, which may come back: kept until the person sets the headers again.
      this.#logger.warn('mcp-headers: saved headers could not be decrypted; kept', { error: errorName(e), backend: backendOf(this.#encryptor) });
      const message = `The headers saved for the MCP server ${url} could not be decrypted: the system keyring is not the one they were saved with. ${KEPT}`;
      if (!this.#reported.has(url)) this.#onUnusable?.(message);
      this.#reported.add(url);
      throw new AppFailure('STORAGE', message);
    }
    this.#held.set(url, { headers });
    return { ...headers };
  }

  #hold(url: string, held: Held): McpHeaderStatus {
    this.#release(url);
    this.#held.set(url, held);
    return status(url, held);
  }

  /** The stored entries that can be ciphertext; anything else in the file is ignored (and dropped at the next write). */
  #stored(): Record<string, Stored> {
    const raw = this.#store.get(STORED_MCP_FIELD);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const out: Record<string, Stored> = {};
    for (const [url, entry] of Object.entries(raw as Record<string, unknown>)) {
      const e = entry as Partial<Stored> | null;
      if (!e || !isCiphertext(e.cipher) || !Array.isArray(e.names) || !e.names.every((n) => typeof n === 'string')) continue;
      out[url] = { names: e.names, cipher: e.cipher };
    }
    return out;
  }

  #removeStored(url: string, action: string, then: string): void {
    const stored = this.#stored();
    // Rewriting the file is not worth failing over when there is nothing to remove.
    if (!(url in stored)) return;
    delete stored[url];
    this.#write(action, stored, then);
  }

  #write(action: string, servers: Record<string, Stored>, then: string): void {
    try {
      if (Object.keys(servers).length === 0) this.#store.delete(STORED_MCP_FIELD);
      else this.#store.set(STORED_MCP_FIELD, servers);
    } catch (e) {
      this.#logger.error(`mcp-headers: could not ${action}`, { error: errorName(e), code: errnoCode(e) });
      throw storageFailure(action, e, { then });
    }
  }

  #release(url: string): void {
    for (const value of Object.values(this.#held.get(url)?.headers ?? {})) this.#replaced.add(value);
  }
}

const KEPT = 'They are kept, and used again once that keyring is back (restart the app then); setting them again replaces them.';

function status(url: string, held: Held): McpHeaderStatus {
  const s: McpHeaderStatus = { url, headerNames: Object.keys(held.headers) };
  if (held.warning) s.warning = held.warning;
  return s;
}

function parseHeaders(json: string): McpHeaders {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('not a header map');
  const out: McpHeaders = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new TypeError('not a header value');
    out[name] = v;
  }
  return out;
}
