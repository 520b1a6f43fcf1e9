// Pure security policy for the window: app:// file mapping, CSP, navigation, external links, IPC senders.
import { extname, isAbsolute, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'playground';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent as a header on every app:// response (a <meta> tag cannot set frame-ancestors). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const MAX_EXTERNAL_URL_LENGTH = 2_048;
const MAX_APP_URL_LENGTH = 4_096;

/** The app origin, matched on the raw string: Node's URL gives non-special schemes an opaque origin. */
const APP_URL = /^app:\/\/playground(?=[/?#]|$)/i;
/** Control characters, space and DEL: never part of a link we open. */
const CONTROL_OR_SPACE = /[\x00-\x20\x7f]/;

/**
 * Maps `app://playground/<path>` to a file inside `rootDir` (`/` → index.html), or null.
 * Works on the raw URL: `new URL` would decode `%2e%2e` and resolve `..` before we could see them.
 * Encoded dots, slashes, backslashes and NUL are refused outright — no built asset needs them.
 * Symlinks inside rootDir are trusted (the build output is ours).
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_APP_URL_LENGTH) return null;
  const match = /^app:\/\/playground(\/[^?#]*)?(?:[?#].*)?$/is.exec(requestUrl);
  if (!match) return null;
  const rawPath = match[1] ?? '/';
  if (rawPath.includes('\\') || /[\x00-\x1f\x7f]/.test(rawPath)) return null;
  if (/%(?:2e|2f|5c|00)/i.test(rawPath)) return null;
  const rawSegments = rawPath === '/' ? ['index.html'] : rawPath.slice(1).split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // Empty segments ("//etc", "dir/") would make an absolute path or a directory; ":" a Windows drive;
    // "%" after decoding means double encoding, which only an attacker writes.
    if (segment === '' || segment === '.' || segment === '..') return null;
    if (/[/\\:%\x00-\x1f\x7f]/.test(segment)) return null;
    segments.push(segment);
  }
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

/**
 * `app://playground/blobs/<sha256>` (an image the person attached, served from the data folder's blob store,
 * so the renderer never sees a file path) → the sha256; null for anything else, query or fragment included.
 * Checked before resolveAppFile: blobs are not part of the built renderer.
 */
export function blobShaFromUrl(requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_APP_URL_LENGTH) return null;
  const match = /^app:\/\/playground\/blobs\/([0-9a-f]{64})$/.exec(requestUrl);
  return match ? match[1]! : null;
}

/** Content-addressed: the bytes behind a URL never change. */
export const BLOB_CACHE_CONTROL = 'private, max-age=31536000, immutable';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Module scripts are refused by Chromium without a JavaScript MIME type, so this is not cosmetic. */
export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function isAppUrl(url: string): boolean {
  return typeof url === 'string' && url.length <= MAX_APP_URL_LENGTH && APP_URL.test(url);
}

/** True when `url` has the same http(s) origin as the electron-vite dev server. */
function isDevServerUrl(url: string, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false;
  try {
    const target = new URL(url);
    const dev = new URL(devServerUrl);
    if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return false;
    return target.origin === dev.origin && !target.username && !target.password;
  } catch {
    return false;
  }
}

/** In-window navigation: our own app origin only, or the dev server in `electron-vite dev`. */
export function isAllowedNavigation(url: string, devServerUrl?: string): boolean {
  return isAppUrl(url) || isDevServerUrl(url, devServerUrl);
}

/**
 * A link the system browser may open, or null. Only http(s), no credentials, at most 2048 characters,
 * no whitespace or control characters. Hosts must be written in ASCII: a raw non-ASCII host (Cyrillic "о"
 * in "gооgle.com", full-width letters) is refused rather than silently converted, while a host already
 * in punycode ("xn--…") is accepted — what is opened is then exactly the ASCII text that was validated,
 * and the browser applies its own IDN display rules. Percent-escapes in the host are refused as well.
 */
export function validateExternalUrl(url: string): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (CONTROL_OR_SPACE.test(url)) return null;
  const scheme = /^(https?):\/\/([^/?#]*)/i.exec(url);
  if (!scheme) return null;
  const authority = scheme[2] ?? '';
  if (!authority || /[@%\\]/.test(authority) || /[^\x21-\x7e]/.test(authority)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  if (parsed.href.length > MAX_EXTERNAL_URL_LENGTH) return null;
  return parsed;
}

export interface SenderInfo {
  url: string;
  isMainFrame: boolean;
}

/** IPC is answered only for the main frame of our own page (or of the dev server during development). */
export function isTrustedSender(sender: SenderInfo, devServerUrl?: string): boolean {
  if (!sender || sender.isMainFrame !== true || typeof sender.url !== 'string') return false;
  return isAppUrl(sender.url) || isDevServerUrl(sender.url, devServerUrl);
}
