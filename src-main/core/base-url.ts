// What may be used as the API base URL, the address every request (and the API key with it) is sent to.
// Plain http is allowed only to this machine: anywhere else the key would cross the network readable.

export const BAD_BASE_URL_MESSAGE =
  'Base URL must be an http(s) URL without credentials, query or fragment, e.g. https://generativelanguage.googleapis.com';

export const HTTP_NOT_LOOPBACK_MESSAGE =
  'Base URL must start with https:// — plain http:// is allowed only for this computer (127.0.0.1, localhost or [::1]), ' +
  'so that your API key never crosses the network unencrypted.';

export type BaseUrlCheck =
  /** `url` normalised (lower-case host, no default port, no trailing slash); `host` is what a person is shown. */
  | { ok: true; url: string; origin: string; host: string }
  | { ok: false; message: string };

/**
 * An https URL, or an http URL to a loopback address, with a host, no credentials (they would leak into logs
 * and request displays), no query or fragment (paths are appended to it).
 */
export function checkBaseUrl(input: string): BaseUrlCheck {
  const bad = { ok: false, message: BAD_BASE_URL_MESSAGE } as const;
  const text = input.trim();
  // The URL parser silently drops tabs and newlines inside a URL; refuse them instead of guessing.
  if (!text || text.length > 2_000 || /[\s\x00-\x1f\x7f\\]/.test(text)) return bad;
  if (text.includes('?') || text.includes('#') || !/^https?:\/\/[^/]/i.test(text)) return bad;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad;
  if (url.username || url.password || !url.hostname) return bad;
  // Also rejects "@" that the parser might read as an empty userinfo ("http://@host").
  if (text.slice(url.protocol.length + 2).split('/')[0]!.includes('@')) return bad;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, message: HTTP_NOT_LOOPBACK_MESSAGE };
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, ''), origin: url.origin, host: url.host };
}

/** The normalised URL, or undefined when checkBaseUrl refuses it. */
export function normalizeBaseUrl(input: string): string | undefined {
  const checked = checkBaseUrl(input);
  return checked.ok ? checked.url : undefined;
}

/**
 * A hostname as the URL parser leaves it (IPv4 in dotted decimal, IPv6 in brackets): 127.0.0.0/8,
 * localhost or [::1]. Other spellings ("127.1", "0x7f.0.0.1", "[0:0::1]") are normalised by the parser first.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}
