// Hostile text for the export tests (escaping, and the sweep variants run for real).

/** Every way out of a string literal or a shell quote we know of, plus text that must survive as it is. */
export const HOSTILE = [
  `It's "quoted" and \`ticked\` and \\back\\slashed\\`,
  `$(touch PWNED1) $(rm -rf ~) \${HOME} $HOME \`touch PWNED2\``,
  `'"'"' and '\\'' and "'" ! !! %s {{x}} \\n \\u0041 \\x41 """ end"`,
  'new\nline\ttab\r\ncrlf \u0000 nul \u0007 bell',
  'emoji 🐱‍👤 é ß 中文 \u2028 line-sep \u2029 para-sep',
  'EOF',
  'EOF\n',
].join('\n');
export const HOSTILE_SYSTEM = `System: ${[...HOSTILE].reverse().join('')} $((1+1)) <(touch PWNED3)`;
export const HOSTILE_STOP = `'$(touch PWNED4)'"\\`;
export const HOSTILE_LABEL = `Pane 'one' "$(touch PWNED5)" \`x\` ! \\`;
export const HOSTILE_FILE = `it's "a" $(touch PWNED6) pic.png`;
export const SECOND = `Second: ${HOSTILE}`;
/** Accepted by the fake (it serves any gemini-… name); bash holds such model names as JSON strings. */
export const HOSTILE_MODEL = `gemini-"x" $(touch PWNED7) 'y' ! \\`;
