// SecretsService with fake encryptors, an in-memory store and a real conf file on disk.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretsService, STORED_KEY_FIELD, keyHint } from './secrets';
import type { Encryptor, KeyValueStore, Logger } from './ports';
import { AppFailure } from './failure';
import { faultyStore } from '../../test-support/main/fault-fs';

const KEY = 'AIzaSyTEST-key_0123456789abcdefWXYZ';
const OTHER_KEY = 'AIzaSyOTHER-key_9876543210zyxwvu1234';

/** Reversible, visibly not the plain key: a keyring id byte, then the bytes XOR-ed with it. */
function fakeEncryptor(opts: { keyring?: number; available?: boolean; backend?: string } = {}): Encryptor & {
  calls: string[];
} {
  const keyring = opts.keyring ?? 0x5a;
  const calls: string[] = [];
  return {
    calls,
    isAvailable: () => opts.available ?? true,
    backend: () => opts.backend,
    encrypt(plain) {
      calls.push('encrypt');
      if (opts.available === false) throw new Error('Encryption is not available.');
      const bytes = Buffer.from(plain, 'utf8').map((b) => b ^ keyring);
      return Uint8Array.from([0xee, keyring, ...bytes]);
    },
    decrypt(cipher) {
      calls.push('decrypt');
      if (cipher[0] !== 0xee || cipher[1] !== keyring) throw new Error('Error while decrypting the ciphertext');
      return Buffer.from(cipher.slice(2).map((b) => b ^ keyring)).toString('utf8');
    },
  };
}

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v), delete: (k) => void data.delete(k) };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string, d?: Record<string, unknown>) => void lines.push(`${level} ${m} ${JSON.stringify(d ?? {})}`);
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

function service(over: Partial<ConstructorParameters<typeof SecretsService>[0]> = {}) {
  const deps = { encryptor: fakeEncryptor(), store: memoryStore(), env: {}, logger: recordingLogger(), ...over };
  return { svc: new SecretsService(deps), ...deps };
}

describe('SecretsService', () => {
  it('reports no key when nothing is configured', () => {
    const { svc } = service();
    expect(svc.status()).toEqual({ configured: false, source: 'none', persisted: false });
    expect(svc.getKey()).toBeUndefined();
  });

  it('stores an entered key encrypted and answers only a status with a hint', () => {
    const store = memoryStore();
    const { svc } = service({ store });
    const status = svc.setKey(`  ${KEY}  `);
    expect(status).toEqual({ configured: true, source: 'stored', persisted: true, hint: '…WXYZ' });
    expect(JSON.stringify(status)).not.toContain(KEY.slice(0, 10));
    const stored = store.data.get(STORED_KEY_FIELD);
    expect(typeof stored).toBe('string');
    expect(stored).not.toContain(KEY);
    expect(Buffer.from(stored as string, 'base64').toString('latin1')).not.toContain(KEY);
    expect(svc.getKey()).toBe(KEY);
  });

  it('reads a stored key back in a later run', () => {
    const store = memoryStore();
    service({ store }).svc.setKey(KEY);
    const next = service({ store });
    expect(next.svc.status()).toMatchObject({ configured: true, source: 'stored', persisted: true });
    expect(next.svc.getKey()).toBe(KEY);
  });

  it('prefers an entered key over GEMINI_API_KEY, and GEMINI_API_KEY over GOOGLE_API_KEY', () => {
    const env = { GEMINI_API_KEY: 'gemini-env-key-1111', GOOGLE_API_KEY: 'google-env-key-2222' };
    const { svc } = service({ env });
    expect(svc.status()).toEqual({ configured: true, source: 'env', persisted: false, hint: '…1111' });
    expect(svc.getKey()).toBe('gemini-env-key-1111');
    svc.setKey(KEY);
    expect(svc.getKey()).toBe(KEY);
    expect(svc.status().source).toBe('stored');
    expect(svc.clearKey()).toEqual({ configured: true, source: 'env', persisted: false, hint: '…1111' });

    const google = service({ env: { GEMINI_API_KEY: '  ', GOOGLE_API_KEY: 'google-env-key-2222' } }).svc;
    expect(google.getKey()).toBe('google-env-key-2222');
    expect(google.status().hint).toBe('…2222');
  });

  it('held() answers the keys in memory without loading the stored one, so a logger may ask it', () => {
    const store = memoryStore();
    service({ store }).svc.setKey(KEY);
    const env = { GEMINI_API_KEY: 'proxy-token-1111' };
    const encryptor = fakeEncryptor();
    const { svc } = service({ store, env, encryptor });
    expect(svc.held()).toEqual(['proxy-token-1111']);
    expect(encryptor.calls).toEqual([]);
    svc.getKey();
    expect(svc.held()).toEqual([KEY, 'proxy-token-1111']);
  });

  it('held() keeps a replaced or cleared key, since a call that started with it may still log it', () => {
    const { svc } = service();
    svc.setKey('pxy_first-token-1');
    svc.setKey('pxy_second-token-2');
    expect(svc.getKey()).toBe('pxy_second-token-2');
    expect(svc.held()).toEqual(['pxy_second-token-2', 'pxy_first-token-1']);
    svc.clearKey();
    expect(svc.getKey()).toBeUndefined();
    expect(svc.held()).toEqual(['pxy_first-token-1', 'pxy_second-token-2']);
  });

  it('clearKey removes the stored key', () => {
    const store = memoryStore();
    const { svc } = service({ store });
    svc.setKey(KEY);
    expect(svc.clearKey()).toEqual({ configured: false, source: 'none', persisted: false });
    expect(store.data.has(STORED_KEY_FIELD)).toBe(false);
    expect(svc.getKey()).toBeUndefined();
    expect(service({ store }).svc.getKey()).toBeUndefined();
  });

  it('keeps the key in memory only when encryption is unavailable', () => {
    const store = memoryStore();
    const encryptor = fakeEncryptor({ available: false });
    const { svc } = service({ store, encryptor });
    expect(svc.setKey(KEY)).toEqual({
      configured: true,
      source: 'memory',
      persisted: false,
      hint: '…WXYZ',
      warning: 'encryption-unavailable',
    });
    expect(svc.getKey()).toBe(KEY);
    expect(store.data.size).toBe(0);
    expect(encryptor.calls).not.toContain('encrypt');
    expect(service({ store, encryptor }).svc.getKey()).toBeUndefined();
  });

  it('treats the Linux basic_text backend as weak: memory only', () => {
    const store = memoryStore();
    const { svc } = service({ store, encryptor: fakeEncryptor({ backend: 'basic_text' }) });
    expect(svc.setKey(KEY)).toMatchObject({ source: 'memory', persisted: false, warning: 'weak-encryption' });
    expect(store.data.size).toBe(0);
    expect(svc.getKey()).toBe(KEY);
  });

  it('stores with a real Linux keyring backend', () => {
    const { svc } = service({ encryptor: fakeEncryptor({ backend: 'gnome_libsecret' }) });
    expect(svc.setKey(KEY)).toMatchObject({ source: 'stored', persisted: true });
    expect(svc.status().warning).toBeUndefined();
  });

  it('an entered memory key wins over the environment', () => {
    const { svc } = service({ encryptor: fakeEncryptor({ available: false }), env: { GEMINI_API_KEY: 'env-key-12345678' } });
    svc.setKey(KEY);
    expect(svc.getKey()).toBe(KEY);
    expect(svc.clearKey()).toMatchObject({ source: 'env' });
  });

  it('falls back to memory when encrypting throws', () => {
    const encryptor = fakeEncryptor();
    encryptor.encrypt = () => {
      throw new Error(`boom ${KEY}`);
    };
    const logger = recordingLogger();
    const store = memoryStore();
    const { svc } = service({ encryptor, logger, store });
    expect(svc.setKey(KEY)).toMatchObject({ source: 'memory', persisted: false, warning: 'encryption-unavailable' });
    expect(store.data.size).toBe(0);
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });

  it('keeps a stored key that no longer decrypts (another keyring), says so once, and uses it when that keyring is back', () => {
    const store = memoryStore();
    service({ store, encryptor: fakeEncryptor({ keyring: 1 }) }).svc.setKey(KEY);
    const cipher = store.data.get(STORED_KEY_FIELD);
    const logger = recordingLogger();
    const told: string[] = [];
    const { svc } = service({
      store,
      encryptor: fakeEncryptor({ keyring: 2 }),
      logger,
      env: { GOOGLE_API_KEY: 'google-env-key-2222' },
      onUnusable: (message) => void told.push(message),
    });
    expect(svc.status()).toMatchObject({ source: 'env' });
    expect(svc.getKey()).toBe('google-env-key-2222');
    expect(store.data.get(STORED_KEY_FIELD)).toBe(cipher);
    expect(logger.lines.some((l) => l.includes('could not be decrypted'))).toBe(true);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/could not be decrypted.*kept/);
    expect(service({ store, encryptor: fakeEncryptor({ keyring: 1 }) }).svc.getKey()).toBe(KEY);
  });

  it("a run on Linux's basic_text fallback (keyring absent, encryption still 'available') neither decrypts nor deletes the key", () => {
    const store = memoryStore();
    service({ store, encryptor: fakeEncryptor({ backend: 'gnome_libsecret' }) }).svc.setKey(KEY);
    const cipher = store.data.get(STORED_KEY_FIELD);
    const told: string[] = [];
    const fallback = fakeEncryptor({ backend: 'basic_text', keyring: 0x11 });
    const { svc } = service({ store, encryptor: fallback, onUnusable: (message) => void told.push(message) });
    expect(svc.status()).toEqual({ configured: false, source: 'none', persisted: false, unreadable: 'keyring-absent' });
    expect(svc.getKey()).toBeUndefined();
    expect(fallback.calls).not.toContain('decrypt');
    expect(store.data.get(STORED_KEY_FIELD)).toBe(cipher);
    expect(told).toEqual([expect.stringMatching(/keyring .* was not found this run/)]);
    // The keyring is back next run: so is the key.
    expect(service({ store, encryptor: fakeEncryptor({ backend: 'gnome_libsecret' }) }).svc.getKey()).toBe(KEY);
  });

  it('drops a stored value that is not ciphertext', () => {
    for (const bad of [42, '', 'not base64 !!', { a: 1 }]) {
      const store = memoryStore();
      store.data.set(STORED_KEY_FIELD, bad);
      const { svc } = service({ store });
      expect(svc.status()).toEqual({ configured: false, source: 'none', persisted: false });
      expect(store.data.has(STORED_KEY_FIELD)).toBe(false);
    }
  });

  it('keeps the ciphertext when the keyring is merely unavailable this run', () => {
    const store = memoryStore();
    service({ store }).svc.setKey(KEY);
    const logger = recordingLogger();
    const locked = service({ store, encryptor: fakeEncryptor({ available: false }), logger }).svc;
    expect(locked.getKey()).toBeUndefined();
    expect(locked.status().configured).toBe(false);
    expect(logger.lines).toHaveLength(1);
    expect(store.data.has(STORED_KEY_FIELD)).toBe(true);
    expect(service({ store }).svc.getKey()).toBe(KEY);
  });

  it('replacing the key replaces the stored ciphertext', () => {
    const store = memoryStore();
    const { svc } = service({ store });
    svc.setKey(KEY);
    const first = store.data.get(STORED_KEY_FIELD);
    expect(svc.setKey(OTHER_KEY)).toMatchObject({ hint: '…1234', source: 'stored' });
    expect(store.data.get(STORED_KEY_FIELD)).not.toBe(first);
    expect(service({ store }).svc.getKey()).toBe(OTHER_KEY);
  });

  it('a key entered while encryption is unavailable replaces the stored one for good', () => {
    const store = memoryStore();
    service({ store }).svc.setKey(KEY);
    service({ store, encryptor: fakeEncryptor({ available: false }) }).svc.setKey(OTHER_KEY);
    expect(store.data.has(STORED_KEY_FIELD)).toBe(false);
  });

  it('rejects empty keys and keys with spaces or control characters', () => {
    const { svc } = service();
    for (const bad of ['', '   ', 'abc def', 'abc\r\nX-Evil: 1', 'ключ-ключ-ключ']) {
      expect(() => svc.setKey(bad)).toThrow(AppFailure);
    }
    expect(svc.status().configured).toBe(false);
  });

  it('never logs the key', () => {
    const logger = recordingLogger();
    const store = memoryStore();
    const { svc } = service({ logger, store, env: { GEMINI_API_KEY: OTHER_KEY } });
    svc.setKey(KEY);
    svc.status();
    svc.getKey();
    svc.clearKey();
    service({ logger, store, encryptor: fakeEncryptor({ available: false }) }).svc.setKey(KEY);
    service({ logger, store, encryptor: fakeEncryptor({ backend: 'basic_text' }) }).svc.setKey(KEY);
    const all = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(OTHER_KEY);
  });

  it('hints only at keys long enough', () => {
    expect(keyHint('abcdefgh')).toBe('…efgh');
    expect(keyHint('short')).toBeUndefined();
  });
});

describe('SecretsService over a real conf file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function confStore(cwd: string): KeyValueStore & { path: string } {
    const conf = new Conf<Record<string, unknown>>({ cwd, configName: 'secrets', configFileMode: 0o600 });
    return { path: conf.path, get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k) };
  }

  it('writes only ciphertext, with file mode 0600, and reads it back in a new instance', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-secrets-'));
    dirs.push(cwd);
    const store = confStore(cwd);
    const { svc } = service({ store });
    svc.setKey(KEY);
    const text = readFileSync(store.path, 'utf8');
    expect(text).toContain(STORED_KEY_FIELD);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(-12));
    if (process.platform !== 'win32') expect(statSync(store.path).mode & 0o777).toBe(0o600);

    const again = service({ store: confStore(cwd) }).svc;
    expect(again.getKey()).toBe(KEY);
    expect(again.clearKey().configured).toBe(false);
    expect(readFileSync(store.path, 'utf8')).not.toContain(STORED_KEY_FIELD);
  });

  it('never writes the key when encryption is weak', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-secrets-'));
    dirs.push(cwd);
    const store = confStore(cwd);
    service({ store, encryptor: fakeEncryptor({ backend: 'basic_text' }) }).svc.setKey(KEY);
    let text = '';
    try {
      text = readFileSync(store.path, 'utf8');
    } catch {
      text = '';
    }
    expect(text).not.toContain(KEY);
  });
});

describe('SecretsService when the key file cannot be written', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A real conf file whose writes fail on demand, as on a full disk or a read-only data folder. */
  function keyFile() {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-secrets-'));
    dirs.push(cwd);
    const open = (): KeyValueStore & { path: string } => {
      const conf = new Conf<Record<string, unknown>>({ cwd, configName: 'secrets', configFileMode: 0o600 });
      return { path: conf.path, get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k) };
    };
    const file = open();
    /** The next start: a new service over the same file. */
    const restart = () => service({ store: open() }).svc;
    return { store: faultyStore(file), restart, path: file.path };
  }

  function failure(run: () => unknown): AppFailure {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(AppFailure);
      return e as AppFailure;
    }
    throw new Error('expected a failure, got success');
  }

  it('clearKey on a read-only data folder fails with STORAGE and keeps using the key it could not remove', () => {
    const { store, restart, path } = keyFile();
    const { svc } = service({ store });
    svc.setKey(KEY);
    const cipher = readFileSync(path, 'utf8');
    store.failWrites('EROFS');

    const error = failure(() => svc.clearKey());
    expect(error.code).toBe('STORAGE');
    expect(error.message).toBe(
      "Could not remove the saved key: the app's data folder is read-only. Nothing was changed: the key stays saved and will be used after a restart.",
    );
    // What the message says is what happens: the ciphertext is on disk, this run and the next use the key.
    expect(readFileSync(path, 'utf8')).toBe(cipher);
    expect(svc.getKey()).toBe(KEY);
    expect(svc.status()).toMatchObject({ configured: true, source: 'stored' });
    expect(restart().getKey()).toBe(KEY);
  });

  it('setKey on a full disk fails with STORAGE and changes nothing, now or after a restart', () => {
    const { store, restart } = keyFile();
    const { svc } = service({ store });
    svc.setKey(KEY);
    store.failWrites('ENOSPC');

    const error = failure(() => svc.setKey(OTHER_KEY));
    expect(error.code).toBe('STORAGE');
    expect(error.message).toBe('Could not save the key: the disk is full. Nothing was changed.');
    expect(svc.getKey()).toBe(KEY);
    expect(restart().getKey()).toBe(KEY);
  });

  it('setKey that would keep the new key in memory fails when the old one cannot be removed from disk', () => {
    const failing = fakeEncryptor();
    failing.encrypt = () => {
      throw new Error('no keyring');
    };
    for (const encryptor of [fakeEncryptor({ backend: 'basic_text' }), failing]) {
      const { store, restart } = keyFile();
      service({ store }).svc.setKey(KEY);
      const { svc } = service({ store, encryptor });
      store.failWrites('EACCES');

      const error = failure(() => svc.setKey(OTHER_KEY));
      expect(error.code).toBe('STORAGE');
      expect(error.message).toBe('Could not replace the key saved before: permission denied. Nothing was changed.');
      expect(svc.getKey()).not.toBe(OTHER_KEY);
      expect(restart().getKey()).toBe(KEY);
    }
  });

  it('clearing or replacing a key kept only in memory needs no write, so a read-only folder does not stop it', () => {
    const { store } = keyFile();
    const { svc } = service({ store, encryptor: fakeEncryptor({ available: false }) });
    store.failWrites('EROFS');
    expect(svc.setKey(KEY)).toMatchObject({ source: 'memory' });
    expect(svc.setKey(OTHER_KEY)).toMatchObject({ source: 'memory', hint: '…1234' });
    expect(svc.clearKey()).toEqual({ configured: false, source: 'none', persisted: false });
  });

  it('once the folder is writable again, the same calls succeed', () => {
    const { store, restart } = keyFile();
    const { svc } = service({ store });
    svc.setKey(KEY);
    const disarm = store.failWrites('ENOSPC');
    failure(() => svc.clearKey());
    disarm();
    expect(svc.clearKey()).toEqual({ configured: false, source: 'none', persisted: false });
    expect(restart().getKey()).toBeUndefined();
  });
});
