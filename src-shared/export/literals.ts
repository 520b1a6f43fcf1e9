// Literal encoders for the three targets: Python, JavaScript and JSON string literals, and shell quoting.
import { BIDI_CONTROL, hasBidiControl, isBidiControl, namedControl, spellBidiControls } from '../bidi-controls';

const SIMPLE_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function hex4(code: number): string {
  return code.toString(16).padStart(4, '0');
}

/**
 * Shared body of the three string encoders. Control characters, U+2028/U+2029 (line breaks for many
 * editors, and illegal in pre-2019 JS literals), bidirectional controls and lone surrogates (not encodable as
 * UTF-8 source) are escaped; everything else, emoji and right-to-left scripts included, stays readable.
 */
function escapeString(text: string, quote: '"', control: (code: number) => string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (SIMPLE_ESCAPES[ch] !== undefined) out += SIMPLE_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 || isBidiControl(code)) out += control(code);
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1]!;
        i++;
      } else out += `\\u${hex4(code)}`;
    } else if (code >= 0xdc00 && code <= 0xdfff) out += `\\u${hex4(code)}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

export function jsonString(text: string): string {
  return escapeString(text, '"', (code) => `\\u${hex4(code)}`);
}

/** JS double-quoted literal: JSON's escapes are all valid JS escapes. */
export function jsString(text: string): string {
  return jsonString(text);
}

export function pyString(text: string): string {
  return escapeString(text, '"', (code) => (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${hex4(code)}`));
}

/** Numbers print the same way in all three languages (0.1, 1e-7, -5). */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot export the number ${String(value)}`);
  return Object.is(value, -0) ? '0' : String(value);
}

/** Text for inside '…': a ' closes the quote, so it becomes '\'' (close, escaped quote, reopen). */
export function shellSingleQuoted(text: string): string {
  return text.replace(/'/g, "'\\''");
}

/** Text for inside "…": only \ " $ and ` are special there in a script. */
export function shellDoubleQuoted(text: string): string {
  return text.replace(/[\\"$`]/g, (ch) => `\\${ch}`);
}

/** Text for the lines of an unquoted here-document: \ $ and ` are special, quotes are not. */
export function shellHeredoc(text: string): string {
  return text.replace(/[\\$`]/g, (ch) => `\\${ch}`);
}

/**
 * One shell word: "…" when the text has nothing the shell would expand (the guide's style),
 * otherwise '…' — `!` is included because an interactive bash expands it even inside "…". A bidirectional
 * control is spelled as its UTF-8 bytes in $'…' (the same bytes whatever the locale), joined to the rest.
 */
export function shellWord(text: string): string {
  if (hasBidiControl(text)) {
    return text
      .split(BIDI_CONTROL)
      .map((part, i) => (i % 2 === 1 ? `$'${utf8Escapes(part)}'` : part === '' ? '' : shellWord(part)))
      .join('');
  }
  return /^[^\\"$`!\n\r]*$/.test(text) ? `"${text}"` : `'${shellSingleQuoted(text)}'`;
}

function utf8Escapes(ch: string): string {
  return [...new TextEncoder().encode(ch)].map((byte) => `\\x${byte.toString(16)}`).join('');
}

/** Text for a one-line comment: a bidirectional control, which would reorder the line as shown, is named instead. */
export function commentText(text: string): string {
  return spellBidiControls(text, namedControl);
}
