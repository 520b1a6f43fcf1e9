// Pure security policy for the window: app:// file mapping, CSP, navigation, external links, IPC senders.
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { SHA256_HEX_SOURCE } from '../../src-shared/images';
import { LINK_SCHEMES_TEXT, linkScheme } from '../../src-shared/link-schemes';

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
  // Audio and video attachments play from /blobs/<sha256> on the app's own origin, nowhere else.
  "media-src 'self'",
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

const BLOB_APP_URL = new RegExp(`^app://playground/blobs/(${SHA256_HEX_SOURCE})$`);

/**
 * `app://playground/blobs/<sha256>` (an image the person attached, served from the data folder's blob store,
 * so the renderer never sees a file path) → the sha256; null for anything else, query or fragment included.
 * Checked before resolveAppFile: blobs are not part of the built renderer.
 */
export function blobShaFromUrl(requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_APP_URL_LENGTH) return null;
  const match = BLOB_APP_URL.exec(requestUrl);
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

/**
 * Whether the page may navigate itself (will-navigate, will-frame-navigate, will-redirect) to `url`. A built
 * app never does: main loads the page with loadURL, which raises none of these events, and in-page (hash)
 * changes raise none either. So anything that tries is model output or an attack — even to our own origin:
 * `<area href="?x">` or `<a href="">` would reload the window and drop the answers on screen. Only the dev
 * server's own reloads pass, in `electron-vite dev`.
 */
export function isAllowedNavigation(url: string, devServerUrl?: string): boolean {
  return isDevServerUrl(url, devServerUrl);
}

/** Mail fields a mailto link may set (RFC 6068 allows any): some mail clients attach local files named in `attach`. */
const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);
/** One plain address: ASCII only (a host in punycode is fine), so a look-alike domain cannot pass for another. */
const MAIL_ADDRESS = /^[A-Za-z0-9.!#$&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** A link main agreed to open (exactly `url.href`), or why not, in words for the person. */
export type ExternalUrlCheck = { url: URL } | { refused: string };

/**
 * Whether a link from the page may be opened outside the app. Only the schemes of the shared list
 * (src-shared/link-schemes.ts, which the renderer keeps links by), at most 2048 characters, no whitespace or
 * control characters. http(s): no credentials, and hosts written in ASCII: a raw non-ASCII host (Cyrillic
 * "о" in "gооgle.com", full-width letters) is refused rather than silently converted, while a host already
 * in punycode ("xn--…") is accepted — what is opened is then exactly the ASCII text that was validated, and
 * the browser applies its own IDN display rules. Percent-escapes in the host are refused as well. mailto:
 * plain ASCII addresses and only the fields in MAILTO_FIELDS.
 */
export function checkExternalUrl(url: string): ExternalUrlCheck {
  if (typeof url !== 'string' || url.length === 0) return { refused: 'The link is empty.' };
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return { refused: `The link is longer than ${MAX_EXTERNAL_URL_LENGTH} characters.` };
  if (CONTROL_OR_SPACE.test(url)) return { refused: 'The link contains spaces or control characters.' };
  const scheme = linkScheme(url);
  if (!scheme) return { refused: `Only ${LINK_SCHEMES_TEXT} links are opened.` };
  return scheme === 'mailto' ? checkMailto(url) : checkWebUrl(url);
}

/** The link to open, or null: checkExternalUrl without the reason. */
export function validateExternalUrl(url: string): URL | null {
  const check = checkExternalUrl(url);
  return 'url' in check ? check.url : null;
}

const MALFORMED = { refused: 'The link is not a well-formed address.' };

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function checkWebUrl(url: string): ExternalUrlCheck {
  const authority = /^https?:\/\/([^/?#]*)/i.exec(url)?.[1];
  if (!authority) return MALFORMED;
  if (authority.includes('@')) return { refused: 'The link contains a user name or password.' };
  if (/[%\\]/.test(authority) || /[^\x21-\x7e]/.test(authority)) {
    return { refused: 'The link’s host name has escapes or non-ASCII letters in it, so it may imitate another site.' };
  }
  const parsed = parse(url);
  if (!parsed || !parsed.hostname || parsed.username || parsed.password) return MALFORMED;
  if (parsed.href.length > MAX_EXTERNAL_URL_LENGTH) return { refused: `The link is longer than ${MAX_EXTERNAL_URL_LENGTH} characters.` };
  return { url: parsed };
}

function checkMailto(url: string): ExternalUrlCheck {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'mailto:') return MALFORMED;
  const addresses = parsed.pathname === '' ? [] : parsed.pathname.split(',');
  for (const [name, value] of parsed.searchParams) {
    const field = name.toLowerCase();
    if (!MAILTO_FIELDS.has(field)) return { refused: `A mail link may set only ${[...MAILTO_FIELDS].join(', ')}; this one sets “${name.slice(0, 40)}”.` };
    if (field === 'to' || field === 'cc' || field === 'bcc') addresses.push(...value.split(','));
  }
  for (const address of addresses) {
    let plain: string;
    try {
      plain = decodeURIComponent(address).trim();
    } catch {
      return MALFORMED;
    }
    if (!MAIL_ADDRESS.test(plain)) return { refused: 'The mail link’s address is not a plain ASCII address.' };
  }
  if (parsed.href.length > MAX_EXTERNAL_URL_LENGTH) return { refused: `The link is longer than ${MAX_EXTERNAL_URL_LENGTH} characters.` };
  return { url: parsed };
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
