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

/** `text` with each bidirectional control spelled by `spell` (from its code point). */
export function spellBidiControls(text: string, spell: (code: number) => string): string {
  return text.replace(EVERY_CONTROL, (ch) => spell(ch.charCodeAt(0)));
}

/** U+202E as `<U+202E>`: a comment cannot escape it, so it names it. */
export const namedControl = (code: number): string => `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
