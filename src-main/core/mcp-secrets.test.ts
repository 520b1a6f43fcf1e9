// McpSecrets: MCP header values encrypted at rest like the key, keyed by the exact server URL, names only outward.
import { describe, expect, it } from 'vitest';
import { faultyStore } from '../../test-support/main/fault-fs';
import { MAX_MCP_HEADER_SERVERS } from '../../src-shared/limits';
import { AppFailure } from './failure';
import { McpSecrets, STORED_MCP_FIELD } from './mcp-secrets';
import type { Encryptor, KeyValueStore, Logger } from './ports';

const URL_A = 'https://docs.example.com/mcp';
const TOKEN = 'Bearer mcp-token-0123456789';
const OTHER = 'key-value-abcdef';

/** Reversible, visibly not the plain text: a keyring id byte, then the bytes XOR-ed with it. */
function encryptor(opts: { keyring?: number; available?: boolean; backend?: string } = {}): Encryptor & { decrypts: number } {
  const keyring = opts.keyring ?? 0x5a;
  const e = {
    decrypts: 0,
    isAvailable: () => opts.available ?? true,
    backend: () => opts.backend,
    encrypt(plain: string) {
      if (opts.available === false) throw new Error('Encryption is not available.');
      return Uint8Array.from([0xee, keyring, ...Buffer.from(plain, 'utf8').map((b) => b ^ keyring)]);
    },
    decrypt(cipher: Uint8Array) {
      e.decrypts++;
      if (cipher[0] !== 0xee || cipher[1] !== keyring) throw new Error('Error while decrypting the ciphertext');
      return Buffer.from(cipher.slice(2).map((b) => b ^ keyring)).toString('utf8');
    },
  };
  return e;
}

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, structuredClone(v)), delete: (k) => void data.delete(k) };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string, d?: Record<string, unknown>) => void lines.push(`${level} ${m} ${JSON.stringify(d ?? {})}`);
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

function failure(run: () => unknown): AppFailure {
  try {
    run();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('did not fail');
}

describe('McpSecrets', () => {
  it('stores the values encrypted, answers with names only, and gives the values back after a restart', () => {
    const store = memoryStore();
    const logger = recordingLogger();
    const first = new McpSecrets({ encryptor: encryptor(), store, logger });
    expect(first.set(URL_A, { Authorization: TOKEN, 'X-Key': OTHER })).toEqual({ url: URL_A, headerNames: ['Authorization', 'X-Key'] });
    const onDisk = JSON.stringify(store.data.get(STORED_MCP_FIELD));
    expect(onDisk).toContain(URL_A);
    expect(onDisk).not.toContain('mcp-token');
    expect(onDisk).not.toContain(OTHER);

    const enc = encryptor();
    const restarted = new McpSecrets({ encryptor: enc, store, logger });
    expect(restarted.list()).toEqual([{ url: URL_A, headerNames: ['Authorization', 'X-Key'] }]);
    // Listing needs no keyring: the names are stored beside the ciphertext.
    expect(enc.decrypts).toBe(0);
    expect(restarted.headersFor(URL_A)).toEqual({ Authorization: TOKEN, 'X-Key': OTHER });
    expect(logger.lines.join('\n')).not.toContain('mcp-token');
    expect(logger.lines.join('\n')).not.toContain(OTHER);
  });

  it('keys by the exact URL, and empty headers forget that server only, for good', () => {
    const store = memoryStore();
    const s = new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() });
    s.set(URL_A, { Authorization: TOKEN });
    s.set(`${URL_A}/`, { Authorization: OTHER });
    expect(s.headersFor(URL_A)).toEqual({ Authorization: TOKEN });
    expect(s.headersFor(`${URL_A}/`)).toEqual({ Authorization: OTHER });
    expect(s.headersFor('https://docs.example.com')).toBeUndefined();

    expect(s.set(URL_A, {})).toEqual({ url: URL_A, headerNames: [] });
    expect(s.headersFor(URL_A)).toBeUndefined();
    const restarted = new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() });
    expect(restarted.list().map((h) => h.url)).toEqual([`${URL_A}/`]);
    restarted.set(`${URL_A}/`, {});
    expect(store.data.has(STORED_MCP_FIELD)).toBe(false);
  });

  it.each([
    ['encryption-unavailable', { available: false }],
    ['weak-encryption', { backend: 'basic_text' }],
  ] as const)('without real encryption (%s) keeps them for this run only, and removes values saved before', (warning, opts) => {
    const store = memoryStore();
    new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).set(URL_A, { Authorization: 'Bearer old-token-1' });
    const s = new McpSecrets({ encryptor: encryptor(opts), store, logger: recordingLogger() });
    expect(s.set(URL_A, { Authorization: TOKEN })).toEqual({ url: URL_A, headerNames: ['Authorization'], warning });
    expect(s.headersFor(URL_A)).toEqual({ Authorization: TOKEN });
    expect(JSON.stringify([...store.data])).not.toContain('mcp-token');
    // The old values must not come back after a restart while the person believes them replaced.
    expect(new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).list()).toEqual([]);
  });

  it('a locked keyring: listed, but a request cannot use them (STORAGE) and they stay for a later run', () => {
    const store = memoryStore();
    new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).set(URL_A, { Authorization: TOKEN });
    const locked = new McpSecrets({ encryptor: encryptor({ available: false }), store, logger: recordingLogger() });
    expect(locked.list()).toEqual([{ url: URL_A, headerNames: ['Authorization'] }]);
    expect(failure(() => locked.headersFor(URL_A)).code).toBe('STORAGE');
    expect(new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).headersFor(URL_A)).toEqual({ Authorization: TOKEN });
  });

  it('another keyring: the request fails saying so, and the values are kept (told once) for when that keyring is back', () => {
    const store = memoryStore();
    new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).set(URL_A, { Authorization: TOKEN });
    const told: string[] = [];
    const other = new McpSecrets({ encryptor: encryptor({ keyring: 7 }), store, logger: recordingLogger(), onUnusable: (m) => void told.push(m) });
    const refused = failure(() => other.headersFor(URL_A));
    expect(refused.code).toBe('STORAGE');
    expect(refused.message).toMatch(/could not be decrypted.*kept/);
    expect(failure(() => other.headersFor(URL_A)).code).toBe('STORAGE');
    expect(told).toEqual([refused.message]);
    expect(other.list()).toEqual([{ url: URL_A, headerNames: ['Authorization'] }]);
    expect(new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).headersFor(URL_A)).toEqual({ Authorization: TOKEN });
  });

  it("a run on Linux's basic_text fallback (keyring absent, encryption still 'available') neither decrypts nor deletes them", () => {
    const store = memoryStore();
    new McpSecrets({ encryptor: encryptor({ backend: 'gnome_libsecret' }), store, logger: recordingLogger() }).set(URL_A, { Authorization: TOKEN });
    const fallback = encryptor({ backend: 'basic_text', keyring: 0x11 });
    const run = new McpSecrets({ encryptor: fallback, store, logger: recordingLogger() });
    expect(failure(() => run.headersFor(URL_A)).message).toMatch(/keyring was not found this run.*kept/);
    expect(fallback.decrypts).toBe(0);
    expect(Object.keys(store.data.get(STORED_MCP_FIELD) as object)).toEqual([URL_A]);
    const back = new McpSecrets({ encryptor: encryptor({ backend: 'gnome_libsecret' }), store, logger: recordingLogger() });
    expect(back.headersFor(URL_A)).toEqual({ Authorization: TOKEN });
  });

  it('held: the values decrypted or entered this run, and those replaced or forgotten, never ones only on disk', () => {
    const store = memoryStore();
    new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).set(URL_A, { Authorization: TOKEN });
    const s = new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() });
    expect(s.held()).toEqual([]);
    s.headersFor(URL_A);
    expect(s.held()).toEqual([TOKEN]);
    s.set(URL_A, { 'X-Key': OTHER });
    expect(s.held().sort()).toEqual([OTHER, TOKEN].sort());
    s.set(URL_A, {});
    expect(s.held().sort()).toEqual([OTHER, TOKEN].sort());
    const memory = new McpSecrets({ encryptor: encryptor({ available: false }), store: memoryStore(), logger: recordingLogger() });
    memory.set(URL_A, { Authorization: TOKEN });
    expect(memory.held()).toEqual([TOKEN]);
  });

  it('a write that fails changes nothing and says so (STORAGE)', () => {
    const store = faultyStore(memoryStore());
    const s = new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() });
    s.set(URL_A, { Authorization: TOKEN });
    const restore = store.failWrites('ENOSPC');
    expect(failure(() => s.set(URL_A, { Authorization: OTHER })).code).toBe('STORAGE');
    expect(failure(() => s.set(URL_A, {})).code).toBe('STORAGE');
    restore();
    expect(s.headersFor(URL_A)).toEqual({ Authorization: TOKEN });
    expect(new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() }).headersFor(URL_A)).toEqual({ Authorization: TOKEN });
  });

  it('refuses a header given twice under names that differ only in case', () => {
    const s = new McpSecrets({ encryptor: encryptor(), store: memoryStore(), logger: recordingLogger() });
    expect(failure(() => s.set(URL_A, { Authorization: TOKEN, authorization: OTHER })).code).toBe('BAD_REQUEST');
    expect(s.list()).toEqual([]);
  });

  it('keeps headers for at most 100 servers, saved or held for this run: the 101st new URL is refused, nothing written', () => {
    const store = memoryStore();
    const urls = Array.from({ length: MAX_MCP_HEADER_SERVERS }, (_, i) => `https://mcp${i}.example.com/mcp`);
    const first = new McpSecrets({ encryptor: encryptor(), store, logger: recordingLogger() });
    for (const url of urls.slice(0, -1)) first.set(url, { Authorization: TOKEN });
    // The hundredth only in memory, the keyring being unavailable after a restart: it counts all the same.
    const restarted = new McpSecrets({ encryptor: encryptor({ available: false }), store, logger: recordingLogger() });
    restarted.set(urls.at(-1)!, { Authorization: TOKEN });
    const before = JSON.stringify(store.data.get(STORED_MCP_FIELD));
    const refused = failure(() => restarted.set(URL_A, { Authorization: OTHER }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toBe('Headers are kept for at most 100 MCP servers: remove the headers of one no longer used, then set these again');
    expect(JSON.stringify(store.data.get(STORED_MCP_FIELD))).toBe(before);
    expect(restarted.list().map((s) => s.url)).not.toContain(URL_A);
    // A kept server's headers can still be replaced, and forgetting one makes room.
    expect(restarted.set(urls[0]!, { 'X-Key': OTHER }).headerNames).toEqual(['X-Key']);
    restarted.set(urls[1]!, {});
    expect(restarted.set(URL_A, { Authorization: OTHER }).headerNames).toEqual(['Authorization']);
  });
});
