// @vitest-environment jsdom
// Clicks inside rendered answers: nothing navigates the window; links of the shared schemes go to main.
import { afterEach, describe, expect, it } from 'vitest';
import { interceptLinks, isOpenableLink } from './links';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  document.body.replaceChildren();
});

function answer(html: string) {
  const node = document.createElement('div');
  node.innerHTML = html;
  document.body.append(node);
  const opened: string[] = [];
  cleanup = interceptLinks((url) => opened.push(url))(node) ?? undefined;
  /** Dispatches a click on the first match; true when the default action (navigation) was prevented. */
  const click = (selector: string, type: 'click' | 'auxclick' = 'click') => {
    const target = document.querySelector(selector);
    if (!target) throw new Error(`no ${selector}`);
    return !target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: type === 'click' ? 0 : 1 }));
  };
  return { opened, click };
}

describe('interceptLinks', () => {
  it('opens http(s) and mailto links through the callback, never in the window', () => {
    const { opened, click } = answer('<a href="https://example.com/a"><b>bold</b></a> <a href="mailto:a@example.com">m</a>');
    expect(click('b')).toBe(true);
    expect(click('a[href^=mailto]')).toBe(true);
    expect(opened).toEqual(['https://example.com/a', 'mailto:a@example.com']);
  });

  it('never lets an image map area navigate, whatever its href', () => {
    const { opened, click } = answer('<img usemap="#m" alt="m"><map name="m"><area shape="default" href="?x"><area href="https://e.com/"></map>');
    expect(click('area[href="?x"]')).toBe(true);
    expect(click('area[href^=https]')).toBe(true);
    // An area is not a link the sanitizer keeps: it is stopped, and only a link of the shared schemes is opened.
    expect(opened).toEqual(['https://e.com/']);
  });

  it('stops links of other schemes, relative ones and links without href, opening nothing', () => {
    const { opened, click } = answer('<a href="?x">q</a><a href="">e</a><a href="ftp://x/">f</a><a>none</a>');
    for (const selector of ['a[href="?x"]', 'a[href=""]', 'a[href^=ftp]', 'a:not([href])']) expect(click(selector), selector).toBe(true);
    expect(opened).toEqual([]);
  });

  it('stops a middle click without opening the link', () => {
    const { opened, click } = answer('<a href="https://example.com/">x</a>');
    expect(click('a', 'auxclick')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('leaves clicks on plain text and outside the answer alone', () => {
    const { opened, click } = answer('<p>text</p>');
    const outside = document.createElement('a');
    outside.href = 'https://example.com/';
    outside.className = 'outside';
    document.body.append(outside);
    expect(click('p')).toBe(false);
    expect(click('a.outside')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('stops listening when detached', () => {
    const { opened, click } = answer('<a href="https://example.com/">x</a>');
    cleanup?.();
    cleanup = undefined;
    expect(click('a')).toBe(false);
    expect(opened).toEqual([]);
  });
});

describe('isOpenableLink', () => {
  it('follows the shared scheme list', () => {
    expect(['https://e.com', 'http://e.com', 'MAILTO:a@e.com'].map(isOpenableLink)).toEqual([true, true, true]);
    expect(['javascript:x', ' https://e.com', '?x', '', 'data:text/html,x', 'ftp://e.com'].map(isOpenableLink)).toEqual([false, false, false, false, false, false]);
  });
});
