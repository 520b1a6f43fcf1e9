// The invisible characters that reorder how a line is displayed (bidirectional marks, embeddings, overrides and
// isolates). Left raw in code or a config file, they can make a line read as something other than what it does
// ("Trojan Source", CVE-2021-42574): what the app writes for a person to run never carries them raw.

const CONTROLS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** One bidirectional control (a capture group, so `split` keeps it). */
export const BIDI_CONTROL = new RegExp(`([${CONTROLS}])`);
const EVERY_CONTROL = new RegExp(`[${CONTROLS}]`, 'g');

export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** The same set by code point, for encoders that walk a string one character at a time. */
export function isBidiControl(code: number): boolean {
  return code === 0x061c || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** `text` with each bidirectional control spelled by `spell` (from its code point). */
export function spellBidiControls(text: string, spell: (code: number) => string): string {
  return text.replace(EVERY_CONTROL, (ch) => spell(ch.charCodeAt(0)));
}

/** A code point as four hex digits, as `U+202E` and YAML's `\u202E` spell it. */
export const codePointHex = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

/** U+202E as `<U+202E>`: a comment cannot escape it, so it names it. */
export const namedControl = (code: number): string => `<U+${codePointHex(code)}>`;
