// Numbered citation markers "[n]" put into an answer's markdown before it is rendered: each after the word or line
// it cites, never inside code, a link, raw HTML or the syntax that opens a line (a list bullet, a heading's #).
// marked's lexer says where those are; the rest is one pass over the text: O(n + m log m) for m marks.
import { Lexer, type Token } from 'marked';
import type { CitationMark } from './citations';

/** Where a marker may not go: inline ones move to their end; block ones send it after their top-level block. */
interface Guard {
  start: number;
  end: number;
  block: boolean;
  /** A bare URL (GFM autolink): a marker right after it would be read as part of it. */
  bare?: boolean;
}

/** Blocks whose every character is syntax or verbatim: a marker goes after them. */
const BLOCK_TYPES = new Set(['code', 'html', 'table', 'hr', 'def']);
/** Inline tokens that must stay whole. */
const INLINE_TYPES = new Set(['codespan', 'link', 'image', 'html']);

/** Bullets, ordered-list numbers, quote marks and heading #s that open a line, with the blanks after them. */
const LINE_OPENER = /^[ \t]*(?:(?:>[ \t]?)|(?:[-+*]|\d{1,9}[.)])[ \t]+|#{1,6}(?:[ \t]+|$))*/gm;

export type LinkRefs = Record<string, { href: string | null; title?: string | null }>;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Where a mark lands before the word and guard rules: after the last non-blank character before it. */
export function citedEnd(text: string, at: number): number {
  let p = Math.max(0, Math.min(at, text.length));
  while (p > 0 && isSpace(text[p - 1])) p--;
  return p;
}

/** A markdown link destination: in <…>, with what could end or break it percent-encoded. */
export function linkDestination(url: string): string {
  return `<${url.replace(/[<>\\\s]/g, (c) => encodeURIComponent(c))}>`;
}

/**
 * `[n]` as a link to the source. Where the answer itself defines a label `n` (`[1]: …`, footnote-style sources),
 * marked reads `[\[1\]](…)` as that reference and the marker falls apart: its brackets are then entities, which
 * draw the same but read less well in a transcript's markdown.
 */
export function citationLink(n: number, url: string, labelDefined = false): string {
  return labelDefined ? `[&#91;${n}&#93;](${linkDestination(url)})` : `[\\[${n}\\]](${linkDestination(url)})`;
}

function childrenOf(token: Token): Token[] {
  const t = token as { tokens?: Token[]; items?: Token[] };
  return t.items ?? t.tokens ?? [];
}

/** Raw HTML is a block of its own at the start of a line, inline (a tag) elsewhere. */
function isBlock(token: Token): boolean {
  return BLOCK_TYPES.has(token.type) && !(token.type === 'html' && !token.block);
}

function isGuarded(token: Token): boolean {
  return BLOCK_TYPES.has(token.type) || INLINE_TYPES.has(token.type);
}

function hasGuarded(token: Token): boolean {
  return isGuarded(token) || childrenOf(token).some(hasGuarded);
}

class GuardFinder {
  readonly guards: Guard[] = [];
  readonly #md: string;

  constructor(md: string) {
    this.#md = md;
  }

  /** Top-level blocks: their raws follow one another through the text. */
  top(tokens: Token[]): { start: number; end: number }[] {
    const blocks: { start: number; end: number }[] = [];
    let at = 0;
    for (const token of tokens) {
      if (!this.#md.startsWith(token.raw, at)) {
        // marked changed the text (it should not after \r\n is gone): nothing after here is placed inside it.
        this.guards.push({ start: at, end: this.#md.length, block: true });
        blocks.push({ start: at, end: this.#md.length });
        break;
      }
      const end = at + token.raw.length;
      blocks.push({ start: at, end });
      if (isBlock(token) || (token.type === 'heading' && !token.raw.startsWith('#') && !/^ {1,3}#/.test(token.raw))) {
        // A setext heading's underline would stop being one with a marker after it: the heading is kept whole.
        this.guards.push({ start: at, end, block: true });
      } else {
        this.#inner(childrenOf(token), at, end);
      }
      at = end;
    }
    return blocks;
  }

  /**
   * Nested tokens lose their container's indentation and quote marks, so their raw is looked for from `from`,
   * within the top-level block. Only guarded tokens are placed; one that cannot be found guards the rest of
   * the block, so a marker can be late but never inside it.
   */
  #inner(tokens: Token[], from: number, limit: number): number {
    let cursor = from;
    for (const token of tokens) {
      if (!hasGuarded(token)) continue;
      if (!isGuarded(token)) {
        cursor = this.#inner(childrenOf(token), cursor, limit);
        if (cursor < 0) return -1;
        continue;
      }
      const found = this.#md.startsWith(token.raw, cursor) ? cursor : this.#md.slice(cursor, limit).indexOf(token.raw);
      const start = found === cursor ? cursor : found < 0 ? -1 : cursor + found;
      if (start < 0 || isBlock(token)) {
        this.guards.push({ start: start < 0 ? cursor : start, end: limit, block: true });
        return -1;
      }
      const end = start + token.raw.length;
      const raw = token.raw;
      this.guards.push({ start, end, block: false, bare: token.type === 'link' && !raw.startsWith('[') && !raw.startsWith('<') });
      cursor = end;
    }
    return cursor;
  }

  /** Line openers anywhere, nested or not: a marker in one moves past it. */
  openers(): void {
    for (const match of this.#md.matchAll(LINE_OPENER)) {
      if (match[0].trim() !== '') this.guards.push({ start: match.index, end: match.index + match[0].length, block: false });
    }
  }
}

/** Sorted, the outermost of overlapping guards kept (an image in a link, an opener inside a code block). */
function merged(guards: Guard[]): Guard[] {
  guards.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Guard[] = [];
  for (const g of guards) {
    const last = out.at(-1);
    if (last && g.start < last.end) {
      if (g.end > last.end) last.end = g.end;
      if (g.block) last.block = true;
      continue;
    }
    out.push({ ...g });
  }
  return out;
}

/** The last guard starting at or before `p`, by binary search. */
function guardAt(guards: readonly Guard[], p: number): Guard | undefined {
  let lo = 0;
  let hi = guards.length - 1;
  let found: Guard | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (guards[mid]!.start <= p) {
      found = guards[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** CRLF and CR as marked reads them (LF), with each mark moved by the characters removed before it. */
function normalised(text: string, marks: readonly CitationMark[]): { md: string; marks: CitationMark[] } {
  if (!text.includes('\r')) return { md: text, marks: [...marks] };
  const removedBefore: number[] = [];
  let removed = 0;
  for (let i = 0; i <= text.length; i++) {
    removedBefore.push(removed);
    if (text[i] === '\r' && text[i + 1] === '\n') removed++;
  }
  const at = (p: number) => Math.max(0, Math.min(p, text.length));
  return { md: text.replace(/\r\n?/g, '\n'), marks: marks.map((m) => ({ n: m.n, at: at(m.at) - removedBefore[at(m.at)]! })) };
}

interface Insertion {
  at: number;
  ns: number[];
  /** After a block: a paragraph of its own. */
  block: boolean;
  /** After a bare URL, or a character that would join the marker's "[" ("!" makes an image, "\" escapes). */
  spaced: boolean;
}

/**
 * The markdown with `[n]` links at its marks. A mark is moved back over blanks to the end of the word or line it
 * cites, forward to the end of a word it falls in, past inline code, links and HTML, and behind a block (code,
 * table, HTML, a setext heading) to the end of its top-level block as a paragraph of its own. Out-of-range marks
 * are clamped; marks whose source has no URL are left out. Line endings become \n, as marked reads them.
 */
export function insertCitations(
  text: string,
  marks: readonly CitationMark[],
  urlOf: (n: number) => string | undefined,
  /** Link reference definitions from the rest of the answer, when `text` is one block of it. */
  links?: LinkRefs,
): string {
  if (marks.length === 0) return text;
  const { md, marks: moved } = normalised(text, marks);
  const finder = new GuardFinder(md);
  const lexer = new Lexer({ gfm: true });
  if (links) Object.assign(lexer.tokens.links, links);
  const blocks = finder.top(lexer.lex(md));
  finder.openers();
  const guards = merged(finder.guards);

  let wordFrom = -1;
  let wordEnd = -1;
  const endOfWord = (p: number): number => {
    if (p >= wordFrom && p <= wordEnd) return wordEnd;
    let e = p;
    while (e < md.length && !isSpace(md[e])) e++;
    wordFrom = p;
    wordEnd = e;
    return e;
  };
  const insertions = new Map<string, Insertion>();
  const sorted = [...moved].sort((a, b) => a.at - b.at || a.n - b.n);
  for (const mark of sorted) {
    if (urlOf(mark.n) === undefined) continue;
    let p = citedEnd(md, mark.at);
    // Nothing before it to follow: it follows the first word.
    if (p === 0) p = md.search(/\S|$/);
    p = endOfWord(p);
    let block = false;
    let spaced = false;
    // A block guard holds its last line's end too: text put there would extend its closing fence or row.
    for (let guard = guardAt(guards, p); !block && guard && isIn(guard, p); guard = guardAt(guards, p)) {
      if (guard.block) block = true;
      else p = endOfWord(guard.end);
    }
    if (block) {
      // The paragraph of markers starts where the next block does, after the blank lines between them.
      p = endOfBlockAt(blocks, p);
      while (md[p] === '\n') p++;
    }
    else spaced = isAfterBareUrl(guards, p) || JOINING.has(md[p - 1] ?? '');
    const key = `${p}:${block}`;
    const entry = insertions.get(key) ?? { at: p, ns: [], block, spaced };
    if (!entry.ns.includes(mark.n)) entry.ns.push(mark.n);
    insertions.set(key, entry);
  }

  const ordered = [...insertions.values()].sort((a, b) => a.at - b.at || Number(a.block) - Number(b.block));
  let out = '';
  let from = 0;
  for (const ins of ordered) {
    out += md.slice(from, ins.at);
    const links = ins.ns
      .sort((a, b) => a - b)
      .map((n) => citationLink(n, urlOf(n)!, Object.hasOwn(lexer.tokens.links, String(n))))
      .join('');
    if (ins.block) {
      const newlines = md.slice(Math.max(0, ins.at - 2), ins.at).match(/\n*$/)![0].length;
      out += `${'\n'.repeat(ins.at === 0 ? 0 : 2 - newlines)}${links}${ins.at < md.length ? '\n\n' : ''}`;
    } else {
      out += `${ins.spaced ? ' ' : ''}${links}`;
    }
    from = ins.at;
  }
  return out + md.slice(from);
}

const isIn = (guard: Guard, p: number) => (guard.block ? guard.start <= p && p <= guard.end : guard.start < p && p < guard.end);

/** Characters that would join a marker's "[": "!" makes it an image, "\\" escapes it, "]" makes it a reference. */
const JOINING = new Set(['!', '\\', ']']);

function isAfterBareUrl(guards: readonly Guard[], p: number): boolean {
  const guard = guardAt(guards, p - 1);
  return guard?.bare === true && guard.end === p;
}

/** The end of the top-level block that holds `p` (blocks are sorted and follow one another). */
function endOfBlockAt(blocks: readonly { start: number; end: number }[], p: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let end = p;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= p) {
      end = Math.max(p, blocks[mid]!.end);
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return end;
}
