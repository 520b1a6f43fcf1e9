// Which marked tokens can skip DOMPurify: those whose HTML carries no markup taken from the model.
import type { Token, Tokens } from 'marked';

/**
 * Token types whose rendering marked builds from fixed tags with every piece of model text escaped (or, for
 * the few attributes — table `align`, list `start` — from values the lexer parsed). Left out on purpose:
 * `html` (raw markup), `link` and `image` (href/src/title need the URL hook), and anything unknown (a future
 * marked or extension type).
 */
const ESCAPED_TYPES = new Set([
  'space', 'hr', 'heading', 'code', 'table', 'blockquote', 'list', 'list_item', 'paragraph', 'text', 'def',
  'checkbox', 'escape', 'strong', 'em', 'codespan', 'br', 'del',
]);

/**
 * A code fence's language becomes the class `language-<name>`. Only a plain name may: marked leaves entities
 * in it (`&lt;`, `&#32;`) for the browser to decode, which could smuggle in `<`, `>` or further class names
 * (the app's own, and Svelte's hashed ones). The renderer drops any other language (incremental.ts).
 */
export const SAFE_CODE_LANG = /^[A-Za-z0-9_+#.-]{1,40}$/;

/** marked uses the info string's first word as the language; none at all is safe too. */
export function codeLangIsSafe(lang: string | undefined): boolean {
  const name = (lang ?? '').match(/^\S*/)?.[0] ?? '';
  return name === '' || SAFE_CODE_LANG.test(name);
}

type Walker = (tokens: Token[], visit: (token: Token) => void) => unknown;

/**
 * True when `tokens` render to HTML that DOMPurify would give back unchanged (up to serialization), so the
 * sanitizer's per-node walk — most of the cost of streaming markdown — can be skipped for them. `escaped`
 * text (marked's flag for text inside a raw HTML tag it saw earlier) is passed through unescaped, so it
 * disqualifies too.
 */
export function rendersEscapedOnly(tokens: Token[], walk: Walker): boolean {
  let ok = true;
  walk(tokens, (token) => {
    if (!ok) return;
    if (!ESCAPED_TYPES.has(token.type) || (token as { escaped?: boolean }).escaped === true) ok = false;
    else if (token.type === 'code' && !codeLangIsSafe((token as Tokens.Code).lang)) ok = false;
  });
  return ok;
}

