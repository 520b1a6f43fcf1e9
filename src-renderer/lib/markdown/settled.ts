// Which of the streamed tail's top-level blocks are final: the streaming renderer caches those (incremental.ts).
import type { Token, Tokens } from 'marked';

/**
 * An HTML element left open (`<details>` before its body), or a reference definition whose title may start on the
 * next line, keeps the blocks after it in the open tail, drawn again every frame, until it closes. One that never
 * closes would make every frame cost the rest of the answer: past this many characters its blocks are cached one
 * by one as any others (and an element's nesting is then lost, as it was before the element was kept together).
 */
export const HELD_CHARS = 6_000;

export interface SettledUnit {
  readonly tokens: Token[];
  /** Where its source starts in the lexed text; it runs for the length of `raw`. */
  readonly start: number;
  readonly raw: string;
}

export interface Settled {
  /** Final blocks in order: one token each, or an HTML element's opening block with the blocks it wraps. */
  readonly units: SettledUnit[];
  /** Characters of the source the final blocks and the blank lines between them cover. */
  readonly consumed: number;
  /** Index of the first token of the open tail. */
  readonly open: number;
}

type Walk = (tokens: Token[], visit: (token: Token) => void) => void;

/**
 * A block followed by another non-space block is closed — in CommonMark later lines can only extend the *last*
 * open block (a list item, an unclosed fence, a paragraph awaiting a setext underline or a table delimiter) —
 * but only once the follower is a whole line: a partial one may read as something else for a moment (`2` before
 * `2. item` is a paragraph that ends a list, a lone `#` an empty heading that ends a paragraph). So the last
 * line, while it has no newline yet, does not count as a follower, and nothing is cached on its account.
 */
export function settledBlocks(tokens: Token[], src: string, walk: Walk): Settled {
  // marked normalises line endings; where a raw does not match the source, caching stops.
  const ends: number[] = [];
  for (let at = 0, i = 0; i < tokens.length && src.startsWith(tokens[i]!.raw, at); i++) ends.push((at += tokens[i]!.raw.length));
  const last = contentBefore(tokens, tokens.length);
  let bound = last;
  if (last >= 0 && src.lastIndexOf('\n') < (ends[last] ?? Infinity) - 1) {
    const previous = contentBefore(tokens, last);
    // Nothing a later line brings can change these, so a partial line after them need not wait.
    bound = previous >= 0 && neverExtended(tokens[previous]!) ? last : Math.max(previous, 0);
  }

  const units: SettledUnit[] = [];
  let consumed = 0;
  let i = 0;
  while (i < Math.min(bound, ends.length)) {
    const token = tokens[i]!;
    if (token.type === 'space') {
      consumed = ends[i++]!;
      continue;
    }
    let through = i;
    if (token.type === 'html' && htmlDepth([token], walk) > 0) through = closingBlock(tokens, i, last, walk);
    else if (token.type === 'def' && titleOpen(src, ends[i]!)) through = -1;
    if (through < 0) {
      if (src.length - (ends[i]! - token.raw.length) <= HELD_CHARS) break;
      through = i;
    }
    if (through >= bound || through >= ends.length) break;
    const unit = tokens.slice(i, through + 1);
    units.push({ tokens: unit, start: ends[i]! - token.raw.length, raw: src.slice(ends[i]! - token.raw.length, ends[through]) });
    consumed = ends[through]!;
    i = through + 1;
  }
  return { units, consumed, open: i };
}

function contentBefore(tokens: Token[], index: number): number {
  let i = index - 1;
  while (i >= 0 && tokens[i]!.type === 'space') i--;
  return i;
}

/** An ATX or setext heading, a thematic break and a fenced code block (a follower means its fence closed). */
function neverExtended(token: Token): boolean {
  return token.type === 'heading' || token.type === 'hr' || (token.type === 'code' && (token as Tokens.Code).codeBlockStyle !== 'indented');
}

/**
 * marked reads a definition's title on the line after its URL, and a quoted one may run over blank lines: while
 * the line after a definition opens a quote or parenthesis that nothing closes yet, the definition may still grow.
 */
function titleOpen(src: string, at: number): boolean {
  const opener = /^[ \t]*(["'(])/.exec(src.slice(at, at + 8));
  if (!opener) return false;
  const closer = opener[1] === '(' ? /[()]/g : new RegExp(opener[1]!, 'g');
  closer.lastIndex = at + opener[0].length;
  return !closer.test(src);
}

/** The index of the block whose HTML closes what the opening block at `from` left open, or -1 while none does. */
function closingBlock(tokens: Token[], from: number, last: number, walk: Walk): number {
  let depth = 0;
  for (let i = from; i <= last; i++) {
    depth += htmlDepth([tokens[i]!], walk);
    if (depth <= 0) return i;
  }
  return -1;
}

const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** Elements opened minus elements closed by the raw HTML in these tokens, block or inline (never in code). */
function htmlDepth(tokens: Token[], walk: Walk): number {
  let depth = 0;
  walk(tokens, (t) => {
    if (t.type !== 'html') return;
    for (const [, close, name, selfClosing] of t.raw.replace(/<!--[\s\S]*?-->/g, '').matchAll(TAG)) {
      if (selfClosing || VOID_ELEMENTS.has(name!.toLowerCase())) continue;
      depth += close ? -1 : 1;
    }
  });
  return depth;
}
