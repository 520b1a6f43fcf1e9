// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_LANGUAGES, type HighlightLanguage } from './code-language';
import { tokenFragment } from './highlight-dom';
import { answerRequest, registeredLanguages, tokenize } from './highlight-tokens';

function render(language: HighlightLanguage, text: string): HTMLElement {
  const code = document.createElement('code');
  // Through structuredClone, as the tokens cross from the worker.
  code.append(tokenFragment(document, structuredClone(tokenize(language, text))));
  return code;
}

describe('the highlighter worker’s tokens, built into spans by the window', () => {
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

  it('keeps only class names that are plain words, whatever a tree from another thread holds', () => {
    const fragment = tokenFragment(document, [{ classes: ['hljs-string', 'x" onclick="y', 'a b'], children: ['"s"'] }]);
    expect((fragment.firstChild as HTMLElement).className).toBe('hljs-string');
  });

  it('answers a request with its id: the tokens, or the error that stopped them', () => {
    const ok = answerRequest({ id: 7, language: 'json', text: '{"a": 1}' });
    expect(ok).toMatchObject({ id: 7 });
    expect('tokens' in ok && ok.tokens.length).toBeGreaterThan(0);
    const bad = answerRequest({ id: 8, language: 'klingon' as HighlightLanguage, text: 'x' });
    expect(bad).toEqual({ id: 8, error: expect.stringMatching(/klingon/i) });
  });
});
