// Hostile text for the export tests (escaping, and the sweep variants run for real).

/** Every way out of a string literal or a shell quote we know of, plus text that must survive as it is. */
export const HOSTILE = [
  `It's "quoted" and \`ticked\` and \\back\\slashed\\`,
  `$(touch PWNED1) $(rm -rf ~) \${HOME} $HOME \`touch PWNED2\``,
  `'"'"' and '\\'' and "'" ! !! %s {{x}} \\n \\u0041 \\x41 """ end"`,
  'new\nline\ttab\r\ncrlf \u0000 nul \u0007 bell',
  'emoji 🐱‍👤 é ß 中文 \u2028 line-sep \u2029 para-sep',
  // Trojan Source (CVE-2021-42574): controls that reorder a line as shown; right-to-left text itself stays.
  'bidi \u202e override \u202c pop \u2066 isolate \u2069 \u200f mark \u061c arabic mark שלום',
  'EOF',
  'EOF\n',
].join('\n');
export const HOSTILE_SYSTEM = `System: ${[...HOSTILE].reverse().join('')} $((1+1)) <(touch PWNED3)`;
export const HOSTILE_STOP = `'$(touch PWNED4)'"\\`;
export const HOSTILE_LABEL = `Pane 'one' "$(touch PWNED5)" \`x\` ! \\ \u202egnp.exe`;
export const HOSTILE_FILE = `it's "a" $(touch PWNED6) pic.png`;
/** A name beyond ASCII, which the SDKs cannot send by path (uploads.ts), with a control that reverses how it reads. */
export const HOSTILE_FILE_BIDI = `it's "b" $(touch PWNED6) 写真 \u202egnp.pic.png`;
export const SECOND = `Second: ${HOSTILE}`;
/** Accepted by the fake (it serves any gemini-… name); bash holds such model names as JSON strings. */
export const HOSTILE_MODEL = `gemini-"x" $(touch PWNED7) 'y' ! \\`;
