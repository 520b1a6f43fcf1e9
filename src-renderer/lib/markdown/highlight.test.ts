// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_LANGUAGES, type HighlightLanguage } from './code-language';
import { highlighted, registeredLanguages } from './highlight';

function render(language: HighlightLanguage, text: string): HTMLElement {
  const code = document.createElement('code');
  code.append(highlighted(document, language, text));
  return code;
}

describe('highlighted', () => {
  it('carries a grammar for every language code-language.ts offers', () => {
    expect(registeredLanguages().sort()).toEqual(Object.keys(HIGHLIGHT_LANGUAGES).sort());
  });

  it('wraps tokens in spans with highlight.js classes and keeps the text exactly', () => {
    const text = 'export function total(items: number[]): number {\n  return 42; // "done"\n}\n';
    const code = render('typescript', text);
    expect(code.textContent).toBe(text);
    expect(code.querySelector('.hljs-keyword')?.textContent).toBe('export');
    expect(code.querySelector('.hljs-number')?.textContent).toBe('42');
    expect(code.querySelector('.hljs-comment')?.textContent).toBe('// "done"');
  });

  it('turns markup in the code into text, never into elements', () => {
    const text = '<img src=x onerror="alert(1)"><script>alert(2)</script>\n';
    const code = render('xml', text);
    expect(code.textContent).toBe(text);
    expect(code.querySelector('img, script')).toBeNull();
    expect([...code.querySelectorAll('*')].every((el) => el.localName === 'span')).toBe(true);
    expect([...code.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name))).toEqual(
      expect.not.arrayContaining(['src', 'onerror', 'style']),
    );
  });
});
