// The shared list of link schemes: what counts as starting with one, and the words messages use for it.
import { describe, expect, it } from 'vitest';
import { LINK_SCHEMES, LINK_SCHEMES_TEXT, linkScheme } from './link-schemes';

describe('linkScheme', () => {
  it('names the listed schemes in any case', () => {
    expect(LINK_SCHEMES).toEqual(['http', 'https', 'mailto']);
    expect(linkScheme('https://example.com/')).toBe('https');
    expect(linkScheme('HTTP://example.com/')).toBe('http');
    expect(linkScheme('MailTo:a@example.com')).toBe('mailto');
  });

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['a leading space', ' https://example.com/'],
    ['a tab inside the scheme', 'ht\ttps://example.com/'],
    ['a newline inside the scheme', 'java\nscript:alert(1)'],
    ['an entity left undecoded', 'https&#58;//example.com/'],
    ['a relative path', './https://example.com/'],
    ['a protocol-relative URL', '//example.com/'],
    ['a fragment', '#https:'],
    ['data', 'data:text/html,x'],
    ['a longer scheme that starts like one', 'https2://example.com/'],
    ['an empty string', ''],
  ])('refuses %s', (_name, url) => {
    expect(linkScheme(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(linkScheme(undefined as unknown as string)).toBeNull();
  });

  it('lists them for messages', () => {
    expect(LINK_SCHEMES_TEXT).toBe('http, https and mailto');
  });
});
