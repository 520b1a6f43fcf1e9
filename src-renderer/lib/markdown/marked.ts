// The one configured marked: the streaming renderer uses it, and its tests render whole texts with it to compare.
import { Marked, type Tokens } from 'marked';
import { codeLangIsSafe } from './escaped-only';

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
    // A fence's language becomes a class: anything but a plain name (see SAFE_CODE_LANG) is left out, so the
    // block renders as code without a language rather than with classes the model chose.
    code(token: Tokens.Code): string | false {
      if (codeLangIsSafe(token.lang)) return false;
      return this.code({ ...token, lang: '' });
    },
  },
});
