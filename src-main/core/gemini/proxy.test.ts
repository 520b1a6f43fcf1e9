// Requests leave through the environment's proxy, else the system's, else directly, and never through a proxy to
// this computer: a local recording proxy (whose tunnels all lead to this computer, so a made-up host reaches the
// fake API) shows what reached it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../../e2e/fake-api/server';
import { startRecordingProxy, type RecordingProxy } from '../../../test-support/main/recording-proxy';
import { silentLogger, type Logger } from '../ports';
import { GeminiClient } from './client';
import { ProxyRoutes, proxyFromEnv, proxyFromPac, type ProxySettings, type SystemProxyResolver } from './proxy';

const KEY = 'AIzaProxyTestKey';

describe('proxyFromEnv', () => {
  it('is undefined without a proxy, whatever NO_PROXY says', () => {
    expect(proxyFromEnv({})).toBeUndefined();
    expect(proxyFromEnv({ NO_PROXY: 'example.com', HTTPS_PROXY: '  ' })).toBeUndefined();
  });

  it('reads either case, and always keeps loopback direct', () => {
    expect(proxyFromEnv({ https_proxy: 'http://proxy:3128', NO_PROXY: 'corp.example, .internal' })).toEqual({
      httpsProxy: 'http://proxy:3128',
      noProxy: 'corp.example,.internal,localhost,127.0.0.1,::1',
    });
    expect(proxyFromEnv({ HTTP_PROXY: 'http://proxy:8080' })).toEqual({
      httpProxy: 'http://proxy:8080',
      noProxy: 'localhost,127.0.0.1,::1',
    });
  });
});

describe('proxyFromPac', () => {
  it('takes the first entry it can follow: DIRECT, PROXY, HTTPS or SOCKS5', () => {
    expect(proxyFromPac('DIRECT')).toEqual({ direct: true });
    expect(proxyFromPac('PROXY proxy.corp:3128; DIRECT')).toEqual({ direct: false, uri: 'http://proxy.corp:3128' });
    expect(proxyFromPac(' HTTPS secure.corp:8443 ')).toEqual({ direct: false, uri: 'https://secure.corp:8443' });
    expect(proxyFromPac('SOCKS5 socks.corp:1080')).toEqual({ direct: false, uri: 'socks5://socks.corp:1080' });
    expect(proxyFromPac('SOCKS old.corp:1080; PROXY proxy.corp:8080')).toEqual({ direct: false, uri: 'http://proxy.corp:8080' });
  });

  it('finds nothing in an answer it cannot follow', () => {
    expect(proxyFromPac('')).toBeUndefined();
    expect(proxyFromPac('SOCKS old.corp:1080')).toBeUndefined();
    expect(proxyFromPac('PROXY')).toBeUndefined();
    expect(proxyFromPac('PROXY a b')).toBeUndefined();
  });
});

describe('a client and the proxies', () => {
  let fake: FakeApi;
  let proxy: RecordingProxy;
  /** The fake API under a name only the proxy can reach (it forwards to this computer); direct, the lookup fails. */
  let apiUrl: string;

  beforeAll(async () => {
    fake = await startFakeApi();
    apiUrl = `http://fake-api.invalid:${fake.port}`;
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    proxy = await startRecordingProxy();
  });
  afterEach(() => proxy.close());

  const client = (baseUrl: string, settings: { env?: ProxySettings; system?: SystemProxyResolver; logger?: Logger } = {}) =>
    new GeminiClient({
      getBaseUrl: () => baseUrl,
      getApiKey: () => KEY,
      logger: settings.logger ?? silentLogger,
      proxy: settings.env,
      systemProxy: settings.system,
      timeouts: { connectMs: 2_000, headersMs: 2_000 },
      retry: { maxRetries: 0 },
    });

  async function listedThrough(c: GeminiClient): Promise<string[]> {
    try {
      return (await c.listModels()).map((m) => m.id);
    } finally {
      await c.close();
    }
  }

  const fakeModels = async () => listedThrough(client(fake.url));

  it('reaches the fake API through a tunnel of the proxy HTTP_PROXY names, which records the target and never the key', async () => {
    const models = await listedThrough(client(apiUrl, { env: proxyFromEnv({ HTTP_PROXY: proxy.url }) }));
    expect(models).toEqual(await fakeModels());
    expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT fake-api.invalid:${fake.port}`]));
    expect(proxy.seen.join('\n')).not.toContain(KEY);
  });

  it('goes directly when NO_PROXY names the host: the proxy sees nothing', async () => {
    const env = proxyFromEnv({ HTTP_PROXY: proxy.url, NO_PROXY: 'fake-api.invalid' });
    await expect(listedThrough(client(apiUrl, { env }))).rejects.toMatchObject({ code: 'NETWORK' });
    expect(proxy.seen).toEqual([]);
  });

  it('asks the HTTPS proxy for a tunnel to the API host (the key stays inside the TLS tunnel)', async () => {
    const c = client('https://generativelanguage.googleapis.com', { env: proxyFromEnv({ HTTPS_PROXY: proxy.url }) });
    await expect(listedThrough(c)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(proxy.seen).toEqual(['CONNECT generativelanguage.googleapis.com:443']);
  });

  it('goes direct to anywhere in 127.0.0.0/8 even with a proxy set, where NO_PROXY alone would not', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.2', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = proxyFromEnv({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    await expect(listedThrough(client(`http://127.0.0.2:${port}`, { env }))).rejects.toMatchObject({ code: 'NETWORK' });
    expect(proxy.seen).toEqual([]);
  });

  it('without proxy settings, never touches the proxy even if this process has HTTPS_PROXY set', async () => {
    const before = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxy.url;
    try {
      await expect(listedThrough(client('https://generativelanguage.googleapis.invalid'))).rejects.toMatchObject({ code: 'NETWORK' });
    } finally {
      if (before === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = before;
    }
    expect(proxy.seen).toEqual([]);
  });

  describe('the system proxy (session.resolveProxy)', () => {
    it('goes through the proxy the system names for the API, asked with the origin only', async () => {
      const asked: string[] = [];
      const system = async (url: string) => {
        asked.push(url);
        return `PROXY ${new URL(proxy.url).host}; DIRECT`;
      };
      expect(await listedThrough(client(apiUrl, { system }))).toEqual(await fakeModels());
      expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT fake-api.invalid:${fake.port}`]));
      expect(new Set(asked)).toEqual(new Set([`${apiUrl}/`]));
    });

    it('goes directly when the system says DIRECT', async () => {
      await expect(listedThrough(client(apiUrl, { system: async () => 'DIRECT' }))).rejects.toMatchObject({ code: 'NETWORK' });
      expect(proxy.seen).toEqual([]);
    });

    it('is not asked when the environment names a proxy, nor for this computer', async () => {
      const asked: string[] = [];
      const system = async (url: string) => {
        asked.push(url);
        return 'DIRECT';
      };
      await listedThrough(client(apiUrl, { env: proxyFromEnv({ HTTP_PROXY: proxy.url }), system }));
      await listedThrough(client(fake.url, { system }));
      expect(asked).toEqual([]);
      expect(proxy.seen.length).toBeGreaterThan(0);
    });

    it('connects directly, and says so once, when the settings cannot be read or name only a SOCKS4 proxy', async () => {
      const warnings: string[] = [];
      const logger: Logger = { ...silentLogger, warn: (message) => void warnings.push(message) };
      const failing = client(apiUrl, { system: () => Promise.reject(new Error('network service gone')), logger });
      await expect(failing.listModels()).rejects.toMatchObject({ code: 'NETWORK' });
      await expect(failing.listModels()).rejects.toMatchObject({ code: 'NETWORK' });
      await failing.close();
      await expect(listedThrough(client(apiUrl, { system: async () => 'SOCKS old.corp:1080', logger }))).rejects.toMatchObject({ code: 'NETWORK' });
      expect(proxy.seen).toEqual([]);
      expect(warnings).toEqual([
        'proxy: the system proxy settings could not be read; connecting directly',
        'proxy: the system proxy is of a kind this app cannot use; connecting directly',
      ]);
    });

    it('does not wait for settings that never answer: after the connect timeout it connects directly, and Stop does not wait at all', async () => {
      const warnings: string[] = [];
      const logger: Logger = { ...silentLogger, warn: (message) => void warnings.push(message) };
      const never: SystemProxyResolver = () => new Promise<string>(() => undefined);
      const routes = new ProxyRoutes({ system: never, connectMs: 50, logger });
      const direct = await routes.dispatcherFor('https://generativelanguage.googleapis.com/v1beta/models');
      expect(warnings).toEqual(['proxy: the system proxy settings could not be read; connecting directly']);
      const stop = new AbortController();
      const slow = new ProxyRoutes({ system: never, connectMs: 60_000, logger });
      const waiting = slow.dispatcherFor('https://generativelanguage.googleapis.com/v1beta/models', stop.signal);
      stop.abort();
      await expect(waiting).resolves.toBeDefined();
      // The same direct agent either way: no proxy was made for a lookup that gave no answer.
      expect(await slow.dispatcherFor('http://127.0.0.1:1/')).toBe(await waiting);
      expect(direct).toBe(await routes.dispatcherFor('http://127.0.0.1:1/'));
      await Promise.all([routes.destroy(), slow.destroy()]);
    });
  });
});
