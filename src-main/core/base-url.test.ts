// The base URL rules: https anywhere, plain http only to this computer, nothing that could hide the real host.
import { describe, expect, it } from 'vitest';
import { BAD_BASE_URL_MESSAGE, HTTP_NOT_LOOPBACK_MESSAGE, checkBaseUrl, isLoopbackHost, normalizeBaseUrl } from './base-url';

describe('checkBaseUrl', () => {
  it('accepts https anywhere, normalised, and names the origin and host', () => {
    expect(checkBaseUrl(' HTTPS://Example.COM:443/gemini/// ')).toEqual({
      ok: true,
      url: 'https://example.com/gemini',
      origin: 'https://example.com',
      host: 'example.com',
    });
    expect(checkBaseUrl('https://proxy.example.com:8443')).toMatchObject({ ok: true, origin: 'https://proxy.example.com:8443', host: 'proxy.example.com:8443' });
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:18080', 'http://127.0.0.1:18080'],
    ['elsewhere in 127/8', 'http://127.3.4.5', 'http://127.3.4.5'],
    ['127 in short form', 'http://127.1:8080', 'http://127.0.0.1:8080'],
    ['127 in hex', 'http://0x7f.0.0.1', 'http://127.0.0.1'],
    ['localhost', 'http://LocalHost:9999/v/', 'http://localhost:9999/v'],
    ['[::1]', 'http://[::1]:8080/v', 'http://[::1]:8080/v'],
    ['[::1] written long', 'http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
  ])('accepts plain http to loopback: %s', (_name, input, url) => {
    expect(checkBaseUrl(input)).toMatchObject({ ok: true, url });
  });

  it.each([
    ['a public name', 'http://generativelanguage.googleapis.com'],
    ['a LAN address', 'http://192.168.1.20:8080'],
    ['any address', 'http://0.0.0.0:8080'],
    ['a name starting like loopback', 'http://127.0.0.1.nip.io'],
    ['a subdomain of localhost', 'http://localhost.evil.com'],
    ['localhost with a trailing dot', 'http://localhost.'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]'],
    ['another IPv6', 'http://[2001:db8::1]'],
  ])('refuses plain http to another computer: %s', (_name, input) => {
    expect(checkBaseUrl(input)).toEqual({ ok: false, message: HTTP_NOT_LOOPBACK_MESSAGE });
  });

  it.each([
    'not a url',
    'ftp://example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ws://127.0.0.1:8080',
    'https://user:pass@example.com',
    'https://user@example.com',
    'https://@example.com',
    'http://user:pass@127.0.0.1:8080',
    'https://generativelanguage.googleapis.com@evil.com',
    'https://example.com/?key=1',
    'https://example.com/#frag',
    'https://exa\nmple.com',
    'https:\\\\example.com',
    'example.com',
    'https:example.com',
    'https:///example.com',
    '',
    `https://example.com/${'a'.repeat(2_100)}`,
  ])('refuses %j', (input) => {
    expect(checkBaseUrl(input)).toEqual({ ok: false, message: BAD_BASE_URL_MESSAGE });
  });
});

describe('normalizeBaseUrl', () => {
  it('is the checked URL, or undefined', () => {
    expect(normalizeBaseUrl('HTTPS://Example.COM:443///')).toBe('https://example.com');
    expect(normalizeBaseUrl('http://example.com')).toBeUndefined();
    expect(normalizeBaseUrl('ftp://x')).toBeUndefined();
  });
});

describe('isLoopbackHost', () => {
  it('knows 127.0.0.0/8, localhost and [::1], and nothing else', () => {
    expect(['127.0.0.1', '127.255.255.254', 'localhost', 'LOCALHOST', '[::1]'].filter(isLoopbackHost)).toHaveLength(5);
    expect(['127.0.0.256', '127.0.0.1.evil.com', '128.0.0.1', '10.0.0.1', '::1', '[::2]', 'localhost.', 'mylocalhost', ''].filter(isLoopbackHost)).toEqual([]);
  });
});
