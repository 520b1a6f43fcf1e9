// SettingsService: base URL precedence (env > saved > default), validation, reset, and the origins approved for the key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../src-shared/app-settings';
import { DEFAULT_IMAGE_LIMITS, type SettingsPatch } from '../../src-shared/domain';
import { DEFAULT_BASE_URL } from '../../src-shared/interactions';
import { AppFailure } from './failure';
import type { KeyValueStore } from './ports';
import { APPROVED_ORIGINS_FIELD, BASE_URL_FIELD, SettingsService } from './settings';
import { faultyStore } from '../../test-support/main/fault-fs';

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v), delete: (k) => void data.delete(k) };
}

describe('SettingsService', () => {
  it('defaults to the public endpoint', () => {
    const svc = new SettingsService({ store: memoryStore(), env: {} });
    expect(svc.get()).toEqual({ baseUrl: DEFAULT_BASE_URL, baseUrlSource: 'default', images: DEFAULT_IMAGE_LIMITS, ...DEFAULT_PREFERENCES });
  });

  it('saves a base URL, normalised, and resets it with null or an empty string', () => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: {} });
    svc.approveOrigin('http://127.0.0.1:8787');
    svc.approveOrigin('https://proxy.example.com');
    expect(svc.update({ baseUrl: ' http://127.0.0.1:8787/ ' })).toEqual({
      baseUrl: 'http://127.0.0.1:8787',
      baseUrlSource: 'settings',
      images: DEFAULT_IMAGE_LIMITS,
      ...DEFAULT_PREFERENCES,
    });
    expect(store.data.get(BASE_URL_FIELD)).toBe('http://127.0.0.1:8787');
    expect(new SettingsService({ store, env: {} }).get().baseUrl).toBe('http://127.0.0.1:8787');
    expect(svc.update({ baseUrl: null })).toEqual({ baseUrl: DEFAULT_BASE_URL, baseUrlSource: 'default', images: DEFAULT_IMAGE_LIMITS, ...DEFAULT_PREFERENCES });
    svc.update({ baseUrl: 'https://proxy.example.com/gemini/' });
    expect(svc.get().baseUrl).toBe('https://proxy.example.com/gemini');
    expect(svc.update({ baseUrl: '  ' }).baseUrlSource).toBe('default');
  });

  it('an empty patch changes nothing', () => {
    const svc = new SettingsService({ store: memoryStore(), env: {} });
    svc.approveOrigin('https://a.example.com');
    svc.update({ baseUrl: 'https://a.example.com' });
    expect(svc.update({})).toEqual({ baseUrl: 'https://a.example.com', baseUrlSource: 'settings', images: DEFAULT_IMAGE_LIMITS, ...DEFAULT_PREFERENCES });
  });

  it('GEMINI_BASE_URL wins over the saved value', () => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: { GEMINI_BASE_URL: 'http://localhost:9999/' } });
    svc.approveOrigin('https://saved.example.com');
    expect(svc.get()).toEqual({ baseUrl: 'http://localhost:9999', baseUrlSource: 'env', images: DEFAULT_IMAGE_LIMITS, ...DEFAULT_PREFERENCES });
    expect(svc.update({ baseUrl: 'https://saved.example.com' })).toEqual({
      baseUrl: 'http://localhost:9999',
      baseUrlSource: 'env',
      images: DEFAULT_IMAGE_LIMITS,
      ...DEFAULT_PREFERENCES,
    });
    expect(store.data.get(BASE_URL_FIELD)).toBe('https://saved.example.com');
  });

  it('ignores an unusable GEMINI_BASE_URL', () => {
    const svc = new SettingsService({ store: memoryStore(), env: { GEMINI_BASE_URL: 'ftp://x' } });
    expect(svc.get().baseUrlSource).toBe('default');
  });

  it('ignores a corrupt saved value', () => {
    const store = memoryStore();
    store.data.set(BASE_URL_FIELD, 42);
    expect(new SettingsService({ store, env: {} }).get().baseUrlSource).toBe('default');
    store.data.set(BASE_URL_FIELD, 'javascript:alert(1)');
    expect(new SettingsService({ store, env: {} }).get().baseUrlSource).toBe('default');
  });

  it('rejects bad base URLs with BAD_REQUEST and keeps the previous value', () => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: {} });
    svc.approveOrigin('https://good.example.com');
    svc.update({ baseUrl: 'https://good.example.com' });
    const bad = [
      'not a url',
      'ftp://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pass@example.com',
      'https://user@example.com',
      'https://@example.com',
      'https://example.com/?key=1',
      'https://example.com/?',
      'https://example.com/#frag',
      'https://exa\nmple.com',
      'https://exa\tmple.com',
      'https:\\\\example.com',
      'example.com',
      'https:example.com',
      'https:/example.com',
      'https:///example.com',
      `https://example.com/${'a'.repeat(2_100)}`,
    ];
    for (const baseUrl of bad) {
      let error: unknown;
      try {
        svc.update({ baseUrl });
      } catch (e) {
        error = e;
      }
      expect(error, baseUrl).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).code).toBe('BAD_REQUEST');
      expect((error as AppFailure).message).toMatch(/^Base URL must be an http\(s\) URL/);
    }
    expect(svc.get().baseUrl).toBe('https://good.example.com');
  });
});

describe('SettingsService: origins approved for the API key', () => {
  it('refuses a base URL on an origin not approved yet with FORBIDDEN, saving nothing', () => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: {} });
    expect(() => svc.update({ baseUrl: 'http://127.0.0.1:4444' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('127.0.0.1:4444') }),
    );
    expect(store.data.has(BASE_URL_FIELD)).toBe(false);
    expect(svc.get().baseUrl).toBe(DEFAULT_BASE_URL);
  });

  it('remembers an approved origin in the store, for any path on it, across restarts', () => {
    const store = memoryStore();
    new SettingsService({ store, env: {} }).approveOrigin('https://proxy.example.com');
    expect(store.data.get(APPROVED_ORIGINS_FIELD)).toEqual(['https://proxy.example.com']);
    const svc = new SettingsService({ store, env: {} });
    expect(svc.originToApprove('https://PROXY.example.com:443/gemini/')).toBeUndefined();
    expect(svc.update({ baseUrl: 'https://proxy.example.com/gemini' }).baseUrl).toBe('https://proxy.example.com/gemini');
    // Another port is another origin.
    expect(svc.originToApprove('https://proxy.example.com:8443')).toEqual({
      url: 'https://proxy.example.com:8443',
      origin: 'https://proxy.example.com:8443',
      host: 'proxy.example.com:8443',
    });
  });

  it("Google's endpoint and GEMINI_BASE_URL's origin need no approval; a reset needs none either", () => {
    const svc = new SettingsService({ store: memoryStore(), env: { GEMINI_BASE_URL: 'http://127.0.0.1:18080/' } });
    expect(svc.originToApprove(`${DEFAULT_BASE_URL}/v1beta-proxy`)).toBeUndefined();
    expect(svc.originToApprove('http://127.0.0.1:18080/other')).toBeUndefined();
    expect(svc.originToApprove(null)).toBeUndefined();
    expect(svc.originToApprove('  ')).toBeUndefined();
    expect(svc.originToApprove(undefined)).toBeUndefined();
    expect(svc.originToApprove('http://127.0.0.1:18081')?.host).toBe('127.0.0.1:18081');
    expect(new SettingsService({ store: memoryStore(), env: {} }).originToApprove('http://127.0.0.1:18080')?.origin).toBe('http://127.0.0.1:18080');
  });

  it('originToApprove refuses an unusable URL as update does', () => {
    const svc = new SettingsService({ store: memoryStore(), env: {} });
    expect(() => svc.originToApprove('ftp://example.com')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(() => svc.originToApprove('http://example.com')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/https:\/\//) }));
  });

  it('a saved base URL whose origin was never approved (older version, edited file) is not used', () => {
    const store = memoryStore();
    store.data.set(BASE_URL_FIELD, 'http://127.0.0.1:4444');
    expect(new SettingsService({ store, env: {} }).get()).toMatchObject({ baseUrl: DEFAULT_BASE_URL, baseUrlSource: 'default' });
    store.data.set(APPROVED_ORIGINS_FIELD, ['http://127.0.0.1:4444']);
    expect(new SettingsService({ store, env: {} }).get()).toMatchObject({ baseUrl: 'http://127.0.0.1:4444', baseUrlSource: 'settings' });
  });

  it('plain http to another computer is refused even when approved, saved or given in GEMINI_BASE_URL', () => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: {} });
    svc.approveOrigin('http://192.168.1.20:8080');
    expect(() => svc.update({ baseUrl: 'http://192.168.1.20:8080' })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('https://') }),
    );
    store.data.set(BASE_URL_FIELD, 'http://192.168.1.20:8080');
    expect(svc.get().baseUrl).toBe(DEFAULT_BASE_URL);
    expect(new SettingsService({ store: memoryStore(), env: { GEMINI_BASE_URL: 'http://gemini.example.com' } }).get().baseUrlSource).toBe('default');
  });

  it('keeps a damaged list of approved origins from counting', () => {
    const store = memoryStore();
    store.data.set(APPROVED_ORIGINS_FIELD, 'https://proxy.example.com');
    const svc = new SettingsService({ store, env: {} });
    expect(svc.isApprovedOrigin('https://proxy.example.com')).toBe(false);
    svc.approveOrigin('https://proxy.example.com');
    expect(svc.isApprovedOrigin('https://proxy.example.com')).toBe(true);
  });
});

describe('SettingsService: image limits', () => {
  const MB = 1_048_576;

  it('defaults to 20 MB per image and 4 MB inline; saved in MB, reset with null', () => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: {} });
    expect(svc.imageLimits()).toEqual({ maxBytes: 20 * MB, inlineMaxBytes: 4 * MB });
    expect(svc.update({ maxImageMb: 50, inlineImageMaxMb: 0 }).images).toEqual({ maxBytes: 50 * MB, inlineMaxBytes: 0 });
    expect(new SettingsService({ store, env: {} }).imageLimits()).toEqual({ maxBytes: 50 * MB, inlineMaxBytes: 0 });
    expect(svc.update({ maxImageMb: null, inlineImageMaxMb: null }).images).toEqual(DEFAULT_IMAGE_LIMITS);
  });

  it('refuses sizes out of range and ignores damaged saved values', () => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: {} });
    expect(() => svc.update({ maxImageMb: 0.5 })).toThrow(/between 1 and 100 MB/);
    expect(() => svc.update({ inlineImageMaxMb: 21 })).toThrow(/between 0 and 20 MB/);
    store.data.set('maxImageBytes', 'lots');
    store.data.set('inlineImageMaxBytes', -1);
    expect(svc.imageLimits()).toEqual(DEFAULT_IMAGE_LIMITS);
  });

  it('PG_IMAGE_MAX_MB and PG_IMAGE_INLINE_MAX_MB win over saved values when usable', () => {
    const store = memoryStore();
    store.data.set('maxImageBytes', 30 * MB);
    const env = { PG_IMAGE_MAX_MB: '5', PG_IMAGE_INLINE_MAX_MB: '0.001' };
    expect(new SettingsService({ store, env }).imageLimits()).toEqual({ maxBytes: 5 * MB, inlineMaxBytes: Math.round(0.001 * MB) });
    expect(new SettingsService({ store, env: { PG_IMAGE_MAX_MB: 'x' } }).imageLimits().maxBytes).toBe(30 * MB);
  });
});

describe('SettingsService: preferences of the Settings view', () => {
  it('saves timeouts, theme, default model and concurrency; they survive a restart and null restores each default', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-prefs-'));
    try {
      const open = (): KeyValueStore => {
        const conf = new Conf<Record<string, unknown>>({ cwd, configName: 'settings', accessPropertiesByDotNotation: false });
        return { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k) };
      };
      const svc = new SettingsService({ store: open(), env: {}, dataDir: cwd });
      expect(svc.get()).toMatchObject({ ...DEFAULT_PREFERENCES, dataDir: cwd });
      const chosen = { headersTimeoutSeconds: 45, idleTimeoutSeconds: 600, theme: 'dark', defaultModel: ' models/gemini-2.5-pro ', concurrency: 5, collapseSettingsOnSend: false } as const;
      expect(svc.update(chosen)).toMatchObject({ ...chosen, defaultModel: 'gemini-2.5-pro' });

      const restarted = new SettingsService({ store: open(), env: {}, dataDir: cwd });
      expect(restarted.get()).toMatchObject({ ...chosen, defaultModel: 'gemini-2.5-pro' });
      expect(restarted.requestTimeouts()).toEqual({ headersMs: 45_000, idleMs: 600_000 });

      const reset = { headersTimeoutSeconds: null, idleTimeoutSeconds: null, theme: null, defaultModel: null, concurrency: null, collapseSettingsOnSend: null };
      expect(restarted.update(reset)).toMatchObject(DEFAULT_PREFERENCES);
      expect(new SettingsService({ store: open(), env: {} }).get()).toMatchObject(DEFAULT_PREFERENCES);
      expect(restarted.update({ defaultModel: 'gemini-2.5-flash' }).defaultModel).toBe('gemini-2.5-flash');
      expect(restarted.update({ defaultModel: '  ' }).defaultModel).toBe('');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it.each([
    [{ headersTimeoutSeconds: 4 }, 'Wait for the answer to start: a whole number of seconds from 5 to 300.'],
    [{ headersTimeoutSeconds: 301 }, 'Wait for the answer to start: a whole number of seconds from 5 to 300.'],
    [{ idleTimeoutSeconds: 9.5 }, 'Wait between two parts of an answer: a whole number of seconds from 10 to 900.'],
    [{ idleTimeoutSeconds: 901 }, 'Wait between two parts of an answer: a whole number of seconds from 10 to 900.'],
    [{ concurrency: 0 }, 'Requests at once: a whole number of requests from 1 to 6.'],
    [{ concurrency: 7 }, 'Requests at once: a whole number of requests from 1 to 6.'],
    [{ theme: 'sepia' }, 'Theme: system, light or dark.'],
    [{ collapseSettingsOnSend: 'yes' }, 'Fold settings on send: on or off.'],
    [{ defaultModel: 'gemini 2.5' }, 'Default model: a model id such as gemini-2.5-flash, without spaces (at most 200 characters).'],
  ])('refuses %o with BAD_REQUEST, and saves nothing of the patch', (bad, message) => {
    const store = memoryStore();
    const svc = new SettingsService({ store, env: {} });
    svc.approveOrigin('https://proxy.example.com');
    const patch = { baseUrl: 'https://proxy.example.com', concurrency: 2, ...bad } as SettingsPatch;
    expect(() => svc.update(patch)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', message }));
    expect(store.data.has(BASE_URL_FIELD)).toBe(false);
    expect(svc.get()).toMatchObject(DEFAULT_PREFERENCES);
  });

  it('reads values out of bounds (an edited file, an older version) as unset', () => {
    const store = memoryStore();
    for (const [k, v] of Object.entries({ headersTimeoutSeconds: 1, idleTimeoutSeconds: '60', theme: 'blue', defaultModel: 'a b', concurrency: 99, collapseSettingsOnSend: 'no' })) store.data.set(k, v);
    const svc = new SettingsService({ store, env: {} });
    expect(svc.get()).toMatchObject(DEFAULT_PREFERENCES);
    expect(svc.requestTimeouts()).toEqual({ headersMs: 30_000, idleMs: 120_000 });
  });
});

describe('SettingsService when the settings file cannot be written', () => {
  it('answers a full disk or a read-only folder with STORAGE saying so, and the saved values stay', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-settings-'));
    try {
      const open = (): KeyValueStore => {
        const conf = new Conf<Record<string, unknown>>({ cwd, configName: 'settings', accessPropertiesByDotNotation: false });
        return { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k) };
      };
      const store = faultyStore(open());
      const svc = new SettingsService({ store, env: {} });
      svc.update({ maxImageMb: 30 });
      store.failWrites('ENOSPC');
      expect(() => svc.update({ maxImageMb: 40 })).toThrow(
        expect.objectContaining({ code: 'STORAGE', message: 'Could not save the settings: the disk is full.' }),
      );
      store.failWrites('EROFS');
      expect(() => svc.update({ maxImageMb: null })).toThrow(
        expect.objectContaining({ code: 'STORAGE', message: "Could not save the settings: the app's data folder is read-only." }),
      );
      expect(new SettingsService({ store: open(), env: {} }).imageLimits().maxBytes).toBe(30 * 1_048_576);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
