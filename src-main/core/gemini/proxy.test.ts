// Requests go through the proxy the environment names, and never for loopback: a local proxy records what reaches it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../ports';
import { GeminiClient } from './client';
import { proxyFromEnv, type ProxySettings } from './proxy';

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

describe('a client given a proxy', () => {
  let proxy: Server;
  let seen: string[];
  let proxyUrl: string;

  beforeEach(async () => {
    seen = [];
    // A forward proxy that records each tunnel asked for, and refuses it: there is no internet here.
    proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(502).end();
    });
    proxy.on('connect', (req, socket) => {
      seen.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  const client = (baseUrl: string, settings: ProxySettings | undefined) =>
    new GeminiClient({
      getBaseUrl: () => baseUrl,
      getApiKey: () => 'AIzaProxyTestKey',
      logger: silentLogger,
      proxy: settings,
      timeouts: { connectMs: 2_000, headersMs: 2_000 },
      retry: { maxRetries: 0 },
    });

  it('asks the HTTPS proxy for a tunnel to the API host (the key stays inside the TLS tunnel)', async () => {
    const c = client('https://generativelanguage.googleapis.com', proxyFromEnv({ HTTPS_PROXY: proxyUrl }));
    await expect(c.listModels()).rejects.toMatchObject({ code: 'NETWORK' });
    await c.close();
    expect(seen).toEqual(['CONNECT generativelanguage.googleapis.com:443']);
  });

  it('goes direct to this computer even with a proxy set', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = client(`http://127.0.0.1:${port}`, proxyFromEnv({ HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl }));
    await expect(c.listModels()).rejects.toMatchObject({ code: 'NETWORK' });
    await c.close();
    expect(seen).toEqual([]);
  });

  it('without proxy settings, never touches the proxy even if this process has HTTPS_PROXY set', async () => {
    const before = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxyUrl;
    try {
      const c = client('https://127.0.0.2:1', undefined);
      await expect(c.listModels()).rejects.toMatchObject({ code: 'NETWORK' });
      await c.close();
    } finally {
      if (before === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = before;
    }
    expect(seen).toEqual([]);
  });
});
