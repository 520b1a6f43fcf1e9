// Window security policy: app:// file mapping, MIME types, navigation, external links, trusted senders.
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaUrl } from '../../src-shared/images';
import { LINK_SCHEMES } from '../../src-shared/link-schemes';
import {
  APP_ENTRY_URL,
  blobShaFromUrl,
  checkExternalUrl,
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isTrustedSender,
  mimeTypeFor,
  resolveAppFile,
  validateExternalUrl,
} from './window-policy';

const ROOT = resolve('/srv/app/out/renderer');
const DEV = 'http://localhost:5173';

describe('constants', () => {
  it('names the scheme and origin', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://playground');
    expect(APP_ENTRY_URL).toBe('app://playground/index.html');
  });

  it('has a strict CSP', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self'; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });
});

describe('resolveAppFile', () => {
  it('maps app paths to files under the root', () => {
    expect(resolveAppFile(ROOT, 'app://playground/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://playground')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://playground/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://playground/assets/index-AbC123.js')).toBe(join(ROOT, 'assets', 'index-AbC123.js'));
    expect(resolveAppFile(ROOT, 'app://playground/assets/a.css?v=1#x')).toBe(join(ROOT, 'assets', 'a.css'));
    expect(resolveAppFile(ROOT, 'app://playground/my%20font.woff2')).toBe(join(ROOT, 'my font.woff2'));
    expect(resolveAppFile(ROOT, 'APP://PLAYGROUND/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT + sep, 'app://playground/a.js')).toBe(join(ROOT, 'a.js'));
  });

  it.each([
    ['other host', 'app://evil/index.html'],
    ['look-alike host', 'app://playground.evil.com/index.html'],
    ['userinfo', 'app://x@playground/index.html'],
    ['port', 'app://playground:80/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['https', 'https://playground/index.html'],
    ['dot-dot', 'app://playground/../../etc/passwd'],
    ['dot-dot inside', 'app://playground/assets/../../secret'],
    ['dot', 'app://playground/./index.html'],
    ['encoded dot-dot', 'app://playground/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded dot-dot upper', 'app://playground/%2E%2E/secret'],
    ['half-encoded dot-dot', 'app://playground/.%2e/secret'],
    ['double-encoded', 'app://playground/%252e%252e/secret'],
    ['encoded slash', 'app://playground/assets%2f..%2f..%2fsecret'],
    ['encoded backslash', 'app://playground/..%5c..%5csecret'],
    ['backslash', 'app://playground/..\\..\\secret'],
    ['absolute', 'app://playground//etc/passwd'],
    ['drive letter', 'app://playground/C:/Windows/win.ini'],
    ['NUL', 'app://playground/index.html\u0000.png'],
    ['encoded NUL', 'app://playground/index.html%00.png'],
    ['bad escape', 'app://playground/%E0%A4%A'],
    ['directory', 'app://playground/assets/'],
    ['overlong', `app://playground/${'a/'.repeat(3_000)}x.js`],
  ])('refuses %s', (_name, url) => {
    const result = resolveAppFile(ROOT, url);
    expect(result).toBeNull();
  });

  it('never returns a path outside the root', () => {
    const attempts = ['..', '%2e%2e', '.%2E', '%2e.', '..%2f', '..%5c', '...', '....//', '%c0%ae%c0%ae'];
    for (const a of attempts) {
      for (const url of [`app://playground/${a}/x`, `app://playground/assets/${a}/${a}/x`]) {
        const file = resolveAppFile(ROOT, url);
        if (file !== null) expect(file.startsWith(ROOT + sep), url).toBe(true);
      }
    }
  });
});

describe('blobShaFromUrl', () => {
  const sha = 'ab'.repeat(32);

  it('maps the URL mediaUrl gives, on the app origin, to the sha256', () => {
    expect(mediaUrl(sha)).toBe(`/blobs/${sha}`);
    expect(blobShaFromUrl(`${APP_ORIGIN}${mediaUrl(sha)}`)).toBe(sha);
    // Served under the page's own origin, which the CSP's img-src 'self' already allows.
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self'");
  });

  it('refuses anything that is not exactly one lower-case sha256', () => {
    for (const url of [
      `${APP_ORIGIN}/blobs/${sha.toUpperCase()}`,
      `${APP_ORIGIN}/blobs/${sha.slice(1)}`,
      `${APP_ORIGIN}/blobs/${sha}/x`,
      `${APP_ORIGIN}/blobs/${sha}?v=1`,
      `${APP_ORIGIN}/blobs/..%2F${sha.slice(6)}`,
      `${APP_ORIGIN}/blobs/../sessions/${sha}`,
      `https://playground/blobs/${sha}`,
      `${APP_ORIGIN}/index.html`,
    ]) {
      expect(blobShaFromUrl(url), url).toBeNull();
    }
    expect(() => mediaUrl('../etc/passwd')).toThrow();
  });
});

describe('mimeTypeFor', () => {
  it('knows the built asset types', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/a.png')).toBe('image/png');
    expect(mimeTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
    expect(mimeTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});

describe('isAllowedNavigation', () => {
  it('refuses every navigation the page starts in a built app, our own origin included', () => {
    // What an image map or a link in an answer would do: reload the window, losing what is on screen.
    for (const url of [
      'app://playground/index.html',
      'app://playground/index.html?x',
      'app://playground/?x',
      'app://playground/',
      'app://playground/#/settings',
      'https://example.com/',
      'app://playground.evil.com/',
      'app://evil/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'about:blank',
      'http://localhost:5173/',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('lets the dev server reload itself during development, and nothing else', () => {
    expect(isAllowedNavigation('http://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/src/x.ts', DEV + '/')).toBe(true);
    expect(isAllowedNavigation('app://playground/index.html?x', DEV)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5174/', DEV)).toBe(false);
    expect(isAllowedNavigation('http://localhost.evil.com:5173/', DEV)).toBe(false);
    expect(isAllowedNavigation('http://user@localhost:5173/', DEV)).toBe(false);
    expect(isAllowedNavigation('not a url', DEV)).toBe(false);
    expect(isAllowedNavigation('file:///x', 'file:///x')).toBe(false);
  });
});

describe('validateExternalUrl', () => {
  it('accepts plain http(s) links', () => {
    expect(validateExternalUrl('https://ai.google.dev/gemini-api/docs?hl=en#x')?.href).toBe(
      'https://ai.google.dev/gemini-api/docs?hl=en#x',
    );
    expect(validateExternalUrl('http://example.com')?.href).toBe('http://example.com/');
    expect(validateExternalUrl('HTTPS://Example.com/A')?.href).toBe('https://example.com/A');
    expect(validateExternalUrl('https://example.com/naïve')?.href).toBe('https://example.com/na%C3%AFve');
  });

  it('accepts hosts already in punycode (what is opened is exactly what was checked)', () => {
    expect(validateExternalUrl('https://xn--ggle-55da.com/')?.hostname).toBe('xn--ggle-55da.com');
  });

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['javascript mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript with leading space', ' javascript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['app scheme', 'app://playground/index.html'],
    ['ftp', 'ftp://example.com/'],
    ['no slashes', 'https:example.com'],
    ['one slash', 'https:/example.com'],
    ['backslashes', 'https:\\\\example.com'],
    ['empty host', 'https:///path'],
    ['credentials', 'https://user:pass@example.com/'],
    ['username only', 'https://user@example.com/'],
    ['at-sign trick', 'https://google.com@evil.com/'],
    ['Cyrillic look-alike', 'https://gооgle.com/'],
    ['full-width look-alike', 'https://ｇoogle.com/'],
    ['Greek look-alike', 'https://αpple.com/'],
    ['encoded host', 'https://%67oogle.com/'],
    ['newline', 'https://exa\nmple.com/'],
    ['tab', 'https://example.com/\tx'],
    ['space', 'https://example.com/a b'],
    ['NUL', 'https://example.com/\u0000'],
    ['malformed', 'https://exa mple'],
    ['bad port', 'https://example.com:99999/'],
    ['empty', ''],
    ['overlong', `https://example.com/${'a'.repeat(2_048)}`],
  ])('rejects %s', (_name, url) => {
    expect(validateExternalUrl(url)).toBeNull();
  });

  it('accepts exactly 2048 characters and not one more', () => {
    const base = 'https://example.com/';
    expect(validateExternalUrl(base + 'a'.repeat(2_048 - base.length))).not.toBeNull();
    expect(validateExternalUrl(base + 'a'.repeat(2_049 - base.length))).toBeNull();
  });

  it('opens every scheme of the shared list the renderer keeps links by, and no other', () => {
    for (const scheme of LINK_SCHEMES) {
      const url = scheme === 'mailto' ? 'mailto:a@example.com' : `${scheme}://example.com/`;
      expect(validateExternalUrl(url)?.href, url).toBe(url);
    }
    for (const scheme of ['ftp', 'file', 'tel', 'sms', 'data', 'blob', 'app', 'about', 'javascript', 'x-other']) {
      expect(checkExternalUrl(`${scheme}://example.com/`), scheme).toEqual({ refused: 'Only http, https and mailto links are opened.' });
    }
  });

  it('accepts mail links with plain addresses and the usual fields', () => {
    for (const url of [
      'mailto:a@example.com',
      'MAILTO:first.last+tag@sub.example.co.uk',
      'mailto:a@example.com,b@example.org',
      'mailto:a@example.com?subject=Hello%20there&body=Line%0Atwo',
      'mailto:?to=a@example.com&cc=b@example.com&bcc=c@example.com',
      'mailto:a@xn--ggle-55da.com',
      'mailto:a%40example.com',
    ]) {
      expect(validateExternalUrl(url), url).not.toBeNull();
    }
    expect(validateExternalUrl('mailto:a@example.com?subject=Hi')?.href).toBe('mailto:a@example.com?subject=Hi');
  });

  it.each([
    ['an attachment', 'mailto:a@example.com?attach=/home/me/.ssh/id_rsa', 'attach'],
    ['an attachment, other spelling', 'mailto:a@example.com?Attachment=file:///etc/passwd', 'Attachment'],
    ['another header', 'mailto:a@example.com?X-Mailer=evil', 'X-Mailer'],
  ])('refuses a mail link that sets %s', (_name, url, field) => {
    expect(checkExternalUrl(url)).toEqual({ refused: `A mail link may set only to, cc, bcc, subject, body; this one sets “${field}”.` });
  });

  it.each([
    ['a look-alike host', 'mailto:a@gооgle.com'],
    ['an encoded look-alike host', 'mailto:a@g%D0%BE%D0%BEgle.com'],
    ['no host', 'mailto:someone'],
    ['a display name', 'mailto:%22Boss%22%20%3Cboss@example.com%3E'],
    ['a bad address in cc', 'mailto:a@example.com?cc=x@y@z'],
    ['a bad escape', 'mailto:a%ZZ@example.com'],
  ])('refuses a mail link with %s', (_name, url) => {
    expect(validateExternalUrl(url)).toBeNull();
  });

  it('says why a link is refused, in words for the person', () => {
    expect(checkExternalUrl('')).toEqual({ refused: 'The link is empty.' });
    expect(checkExternalUrl('https://user@example.com/')).toEqual({ refused: 'The link contains a user name or password.' });
    expect(checkExternalUrl('https://exa mple.com/')).toEqual({ refused: 'The link contains spaces or control characters.' });
    expect(checkExternalUrl('https://gооgle.com/')).toEqual({
      refused: 'The link’s host name has escapes or non-ASCII letters in it, so it may imitate another site.',
    });
    expect(checkExternalUrl(`https://example.com/${'a'.repeat(2_048)}`)).toEqual({ refused: 'The link is longer than 2048 characters.' });
    expect(checkExternalUrl('https:example.com')).toEqual({ refused: 'The link is not a well-formed address.' });
    expect(checkExternalUrl('https://example.com/')).toEqual({ url: new URL('https://example.com/') });
  });

  it('rejects non-strings', () => {
    expect(validateExternalUrl(42 as unknown as string)).toBeNull();
    expect(validateExternalUrl(undefined as unknown as string)).toBeNull();
  });
});

describe('isTrustedSender', () => {
  it('trusts only the main frame of our origin', () => {
    expect(isTrustedSender({ url: 'app://playground/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://playground/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://playground.evil.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: '', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///x/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://playground/', isMainFrame: 'true' as unknown as boolean })).toBe(false);
  });

  it('trusts the dev server origin only when given', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, DEV)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: false }, DEV)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/', isMainFrame: true }, DEV)).toBe(false);
    expect(isTrustedSender({ url: 'app://playground/', isMainFrame: true }, DEV)).toBe(true);
  });
});
