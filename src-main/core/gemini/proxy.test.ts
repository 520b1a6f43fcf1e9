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
import { ProxyRoutes, ROUTE_TTL_MS, proxyFromEnv, proxyFromPac, type ProxySettings, type SystemProxyResolver } from './proxy';

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

describe("ProxyRoutes remembers the system's answer per origin", () => {
  const API = 'https://generativelanguage.googleapis.com';

  /** A system that answers `answer(origin)` and keeps the URLs it was asked; a clock the test moves. */
  function rig(answer: (url: string) => string = () => 'PROXY proxy.corp:3128') {
    const asked: string[] = [];
    const clock = { now: 1_000 };
    const system: SystemProxyResolver = async (url) => {
      asked.push(url);
      return answer(url);
    };
    const routes = new ProxyRoutes({ system, logger: silentLogger, now: () => clock.now });
    return { asked, clock, routes };
  }

  it("asks once for an upload's chunks and polls, and once for requests that ask at the same time", async () => {
    const { asked, routes } = rig();
    const first = await routes.dispatcherFor(`${API}/upload/v1beta/files`);
    for (let chunk = 0; chunk < 20; chunk++) {
      expect(await routes.dispatcherFor(`${API}/upload/v1beta/files?upload_id=u&chunk=${chunk}`)).toBe(first);
      expect(await routes.dispatcherFor(`${API}/v1beta/files/abc`)).toBe(first);
    }
    const together = await Promise.all(Array.from({ length: 5 }, () => routes.dispatcherFor('https://other.example/v1beta/models')));
    expect(new Set(together).size).toBe(1);
    expect(asked).toEqual([`${API}/`, 'https://other.example/']);
    await routes.destroy();
  });

  it('asks again once the answer is ROUTE_TTL_MS old, and follows the new answer', async () => {
    let pac = 'PROXY proxy.corp:3128';
    const { asked, clock, routes } = rig(() => pac);
    const proxied = await routes.dispatcherFor(`${API}/v1beta/models`);
    const direct = await routes.dispatcherFor('http://127.0.0.1:1/');
    pac = 'DIRECT';
    clock.now += ROUTE_TTL_MS - 1;
    expect(await routes.dispatcherFor(`${API}/v1beta/models`)).toBe(proxied);
    expect(asked).toHaveLength(1);
    clock.now += 1;
    expect(await routes.dispatcherFor(`${API}/v1beta/models`)).toBe(direct);
    expect(asked).toHaveLength(2);
    await routes.destroy();
  });

  it('asks for each origin: scheme, host and port each make another', async () => {
    const { asked, routes } = rig((url) => (url.includes('direct') ? 'DIRECT' : 'PROXY proxy.corp:3128'));
    const urls = [`${API}/a`, `${API}/b`, 'http://generativelanguage.googleapis.com/a', `${API}:8443/a`, 'https://direct.example/a'];
    const ways = [];
    for (const url of urls) ways.push(await routes.dispatcherFor(url));
    expect(asked).toEqual([`${API}/`, 'http://generativelanguage.googleapis.com/', `${API}:8443/`, 'https://direct.example/']);
    expect(ways[4]).toBe(await routes.dispatcherFor('http://127.0.0.1:1/'));
    expect(ways[0]).not.toBe(ways[4]);
    await routes.destroy();
  });

  it('does not take a Stop for the answer: the stopped request goes on at once, the next one follows the system', async () => {
    let answer: (pac: string) => void = () => undefined;
    const asked: string[] = [];
    const system: SystemProxyResolver = (url) => {
      asked.push(url);
      return new Promise<string>((resolve) => (answer = resolve));
    };
    const routes = new ProxyRoutes({ system, logger: silentLogger, now: () => 0 });
    const stop = new AbortController();
    const stopped = routes.dispatcherFor(`${API}/v1beta/interactions`, stop.signal);
    const waiting = routes.dispatcherFor(`${API}/v1beta/models`);
    stop.abort();
    const direct = await routes.dispatcherFor('http://127.0.0.1:1/');
    expect(await stopped).toBe(direct);
    answer('PROXY proxy.corp:3128');
    expect(await waiting).not.toBe(direct);
    expect(await routes.dispatcherFor(`${API}/v1beta/models`)).toBe(await waiting);
    expect(asked).toHaveLength(1);
    await routes.destroy();
  });

  it("forgets an origin's answer when a connection to it fails, and only that origin's", async () => {
    const { asked, routes } = rig();
    const failing = new AbortController().signal;
    await routes.dispatcherFor(`${API}/v1beta/models`, failing);
    await routes.dispatcherFor('https://other.example/');
    routes.connectionFailed(`${API}/upload/v1beta/files?upload_id=u`, failing);
    await routes.dispatcherFor(`${API}/v1beta/models`);
    await routes.dispatcherFor('https://other.example/');
    expect(asked).toEqual([`${API}/`, 'https://other.example/', `${API}/`]);
    await routes.destroy();
  });

  it('a request failing late does not forget the fresh answer asked for after it took its route', async () => {
    const { asked, routes } = rig();
    const [late, first, next] = [0, 1, 2].map(() => new AbortController().signal) as [AbortSignal, AbortSignal, AbortSignal];
    await routes.dispatcherFor(`${API}/v1beta/interactions`, late);
    await routes.dispatcherFor(`${API}/v1beta/models`, first);
    routes.connectionFailed(`${API}/v1beta/models`, first);
    await routes.dispatcherFor(`${API}/v1beta/models`, next);
    expect(asked).toEqual([`${API}/`, `${API}/`]);
    // `late` took the route forgotten above; the one asked for since stays.
    routes.connectionFailed(`${API}/v1beta/interactions`, late);
    await routes.dispatcherFor(`${API}/v1beta/models`);
    expect(asked).toEqual([`${API}/`, `${API}/`]);
    await routes.destroy();
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

  const client = (baseUrl: string, settings: { env?: ProxySettings; system?: SystemProxyResolver; logger?: Logger; maxRetries?: number } = {}) =>
    new GeminiClient({
      getBaseUrl: () => baseUrl,
      getApiKey: () => KEY,
      logger: settings.logger ?? silentLogger,
      proxy: settings.env,
      systemProxy: settings.system,
      timeouts: { connectMs: 2_000, headersMs: 2_000 },
      retry: { maxRetries: settings.maxRetries ?? 0 },
      sleep: async () => undefined,
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

  it('takes a proxy named without a scheme (HTTP_PROXY=host:port, as curl does) as http://', async () => {
    const models = await listedThrough(client(apiUrl, { env: proxyFromEnv({ HTTP_PROXY: new URL(proxy.url).host }) }));
    expect(models).toEqual(await fakeModels());
    expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT fake-api.invalid:${fake.port}`]));
  });

  it('ignores, with a warning that quotes no credentials, a proxy value that will not parse, and still starts', async () => {
    const lines: string[] = [];
    const rec = (m: string, d?: Record<string, unknown>) => void lines.push(`${m} ${JSON.stringify(d ?? {})}`);
    const logger: Logger = { debug: rec, info: rec, warn: rec, error: rec };
    for (const HTTPS_PROXY of ['user:s3cr3t@[::1:3128', 'ftp://user:s3cr3t@proxy:21', ':s3cr3t']) {
      const c = client(apiUrl, { env: proxyFromEnv({ HTTPS_PROXY, HTTP_PROXY: proxy.url }), logger });
      // The HTTP_PROXY that does parse is still followed.
      expect(await listedThrough(c)).toEqual(await fakeModels());
    }
    expect(lines.filter((l) => l.includes('HTTPS_PROXY is not a proxy address'))).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('s3cr3t');
    await expect(listedThrough(client(fake.url, { env: proxyFromEnv({ HTTPS_PROXY: 'http://[bad' }), logger }))).resolves.toEqual(
      await fakeModels(),
    );
  });

  describe('the system proxy (session.resolveProxy)', () => {
    it('goes through the proxy the system names for the API, asked with the origin only and once for many requests', async () => {
      const asked: string[] = [];
      const system = async (url: string) => {
        asked.push(url);
        return `PROXY ${new URL(proxy.url).host}; DIRECT`;
      };
      const c = client(apiUrl, { system });
      await c.listModels();
      await c.listModels();
      expect(await listedThrough(c)).toEqual(await fakeModels());
      expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT fake-api.invalid:${fake.port}`]));
      expect(asked).toEqual([`${apiUrl}/`]);
    });

    it('asks again when the proxy it was told of is gone, and the retry goes through the new one', async () => {
      const gone = createServer();
      await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
      const goneHost = `127.0.0.1:${(gone.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => gone.close(() => resolve()));
      const answers = [`PROXY ${goneHost}`, `PROXY ${new URL(proxy.url).host}`];
      let asked = 0;
      const system = async () => answers[Math.min(asked++, 1)]!;
      expect(await listedThrough(client(apiUrl, { system, maxRetries: 1 }))).toEqual(await fakeModels());
      expect(asked).toBe(2);
      expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT fake-api.invalid:${fake.port}`]));
    });

    it('keeps the way out when the server answers, even with an error', async () => {
      let asked = 0;
      const system = async () => {
        asked++;
        return `PROXY ${new URL(proxy.url).host}`;
      };
      const c = client(apiUrl, { system });
      await expect(c.getInteraction('no-such-interaction')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await c.listModels();
      await c.close();
      expect(asked).toBe(1);
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
