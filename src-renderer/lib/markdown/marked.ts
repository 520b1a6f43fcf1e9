// The one configured marked: the streaming renderer uses it, and its tests render whole texts with it to compare.
import { Marked, Renderer, type Tokens } from 'marked';
import { codeLanguage } from './code-language';
import { codeLangIsSafe } from './escaped-only';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

export const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  // Overrides must emit fixed markup only: rendersEscapedOnly trusts the tokens they render.
  renderer: {
    // GFM task lists would render <input> elements, which the sanitizer drops; show the state as text.
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '<span class="md-task">☑</span> ' : '<span class="md-task">☐</span> ';
    },
    /**
     * A code block comes in a frame with a header naming its language, already while it streams, so the block
     * does not jump when it closes; the view adds the Copy button and highlighting to closed blocks
     * (code-blocks.ts). The fence's language becomes a class only when it is a plain name (see SAFE_CODE_LANG):
     * anything else renders as code without a language rather than with classes the model chose.
     */
    code(token: Tokens.Code): string {
      const pre = Renderer.prototype.code.call(this, codeLangIsSafe(token.lang) ? token : { ...token, lang: '' });
      const { label } = codeLanguage(token.lang);
      return `<div class="md-code"><div class="md-code-head"><span class="md-code-lang">${escapeHtml(label)}</span></div>${pre.trimEnd()}</div>\n`;
    },
  },
});
