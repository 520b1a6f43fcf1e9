// Text from a file (or a file's name) made safe to print on a terminal: control characters become visible escapes.

/**
 * C0 and C1 controls (ESC starts the sequences that retitle a window, move the cursor or write hyperlinks;
 * 0x9b is a one-byte CSI on some terminals), DEL, and the bidi marks, embeddings, overrides and isolates
 * that make a line read differently from what it says. Line and paragraph separators break a line too.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** "\x1b]0;title\x07" as those characters, not as a new window title. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
