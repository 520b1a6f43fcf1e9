// Streaming markdown: caches the sanitized HTML of finished top-level blocks, re-renders only the open tail.
import { Lexer, type Token, type Tokens, type TokensList } from 'marked';
import { citedEnd, insertCitations, type LinkRefs } from '../../../src-shared/citation-markers';
import type { CitationMark } from '../../../src-shared/citations';
import { rendersEscapedOnly } from './escaped-only';
import { marked } from './marked';
import { sanitizeHtml } from './sanitize';
import { settledBlocks } from './settled';

// The view's pass over rendered code blocks, and the block splitting of the comparison, ship in this chunk too:
// nothing at start-up needs them.
export { answerBlocks } from './blocks';
export { codeBlocks, holdsCodeBlock } from './code-blocks';

export interface RenderedBlock {
  readonly id: number;
  readonly html: string;
}

/** A run of finished blocks; full groups never change, so a view can skip them (and the browser too). */
export interface BlockGroup {
  readonly id: number;
  readonly blocks: readonly RenderedBlock[];
}

/** Blocks per group: the page then holds O(length / GROUP_SIZE) top-level boxes rather than one per block. */
export const GROUP_SIZE = 32;

export interface RenderedMarkdown {
  /** Finished blocks; the same array instance until a new block finishes, so views can skip them. */
  readonly blocks: readonly RenderedBlock[];
  /** The same blocks in runs of GROUP_SIZE; all but the last group keep their identity. */
  readonly groups: readonly BlockGroup[];
  /** HTML of the unfinished last block(s), re-rendered on every call. */
  readonly tail: string;
  /** Finished blocks still to be drawn again (citation markers, or a reference defined later): render again next frame. */
  readonly pending?: boolean;
}

/** An answer's citations: `[n]` markers at `marks` (offsets into the text, sorted), linking to `urlOf(n)`. */
export interface CitationSet {
  readonly marks: readonly CitationMark[];
  readonly urlOf: (n: number) => string | undefined;
}

/**
 * Citations arrive all at once when the answer's text step ends; drawing every cited block of a long answer again
 * in one go would be one long task, so each render call redraws at most this many characters of them (one block
 * at least), and says `pending` until all are done. Cited blocks have links, so they all go through DOMPurify:
 * in a Chromium trace of bench §3b (500 citations, loaded machine) 6,000 characters made frames of 15–30 ms of
 * script, about twice a streamed frame; 2,000 made them ~12 ms. A 100,000-character answer takes ~50 frames.
 */
export const CITED_CHARS_PER_RENDER = 2_000;

/** Work counters, so tests can prove the cost of a call does not grow with the text. */
export interface RenderStats {
  lexedChars: number;
  blocksRendered: number;
  tailRenders: number;
  /** Renders of a block or the tail that skipped DOMPurify (escaped-only.ts). */
  fastPathRenders: number;
  /** Finished blocks drawn again for their citation markers or a reference definition that came later. */
  citedRenders: number;
}

const walk = (tokens: Token[], visit: (token: Token) => void) => marked.walkTokens(tokens, visit);

/**
 * Streaming renders every block once and the open tail on every frame, and DOMPurify's walk was most of that
 * cost. Markup built only from fixed tags and escaped text parses to the very DOM DOMPurify would keep, so
 * it goes to the page as marked wrote it (the string differs only in how entities are spelled).
 */
function toHtml(tokens: Token[], fastPath: boolean, stats: RenderStats): string {
  const html = marked.parser(tokens);
  if (!fastPath || !rendersEscapedOnly(tokens, walk)) return sanitizeHtml(html);
  stats.fastPathRenders++;
  return html;
}

const WARM_UP = '# a\n\n1. *b* `c`\n\n```ts\nd\n```\n\n| e |\n| - |\n| f |\n\n> [g](https://example.com) <b>h</b>\n\ni';

/**
 * Runs both paths once — lexer, parser, and DOMPurify's set-up on its first call — so the first frames of
 * the first answer do not also pay for compiling them (a long task of its own in the 4-pane benchmark).
 */
export function warmUp(): void {
  new IncrementalMarkdown().render(WARM_UP);
}

/**
 * Which blocks are final, and so cached, is settled.ts's to say: those a whole later line closed, and an HTML
 * element with the blocks it wraps as one, so it is drawn and sanitized whole, as in a full render. The tail always
 * starts at a top-level block boundary.
 */
export class IncrementalMarkdown {
  #source = '';
  #blocks: RenderedBlock[] = [];
  #groups: BlockGroup[] = [];
  /** Reference definitions of finished blocks (the first of a label wins, as in CommonMark), nested ones included. */
  #links: LinkRefs = noLinks();
  /** Those found so far in the open tail, which may still change as it streams (a URL half arrived). */
  #tailLinks: LinkRefs = noLinks();
  /** Each label as the finished blocks were last drawn with it: a change redraws the blocks that use it. */
  #drawnLinks = new Map<string, string>();
  /** The bracketed labels each finished block holds (lower case, spaces collapsed: how marked keys them). */
  #labels: ReadonlySet<string>[] = [];
  #lastText: string | undefined;
  #lastCitations: CitationSet | undefined;
  #last: RenderedMarkdown = { blocks: [], groups: [], tail: '' };
  /** Where each finished block's token is in the source, and the citation marks (block-relative) it is drawn with. */
  #spans: { start: number; end: number }[] = [];
  #drawnMarks: (readonly CitationMark[])[] = [];
  /** Blocks whose marks or reference definitions changed and are not yet drawn again, in order. */
  #stale: number[] = [];
  readonly stats: RenderStats = { lexedChars: 0, blocksRendered: 0, tailRenders: 0, fastPathRenders: 0, citedRenders: 0 };
  readonly #fastPath: boolean;

  /** `fastPath: false` sends every block through DOMPurify: the reference the fast path is checked against. */
  constructor(options: { fastPath?: boolean } = {}) {
    this.#fastPath = options.fastPath ?? true;
  }

  render(text: string, citations?: CitationSet): RenderedMarkdown {
    if (text === this.#lastText && citations === this.#lastCitations && this.#stale.length === 0) return this.#last;
    // Streams only append; anything else (a retry, an edit) starts over.
    if (!text.startsWith(this.#source)) this.#reset();
    if (citations !== this.#lastCitations) this.#restale(text, citations);

    const tail = text.slice(this.#source.length);
    const tokens = this.#lex(tail);
    const settled = settledBlocks(tokens, tail, walk);

    const finished: RenderedBlock[] = [];
    for (const { tokens: unit, start, raw } of settled.units) {
      // A definition may sit in a list item or a quote (sources as a list): marked keys those too.
      walk(unit.filter((t) => MAY_DEFINE.has(t.type)), (t) => {
        if (t.type !== 'def') return;
        const def = t as Tokens.Def;
        if (!Object.hasOwn(this.#links, def.tag)) this.#links[def.tag] = { href: def.href, title: def.title };
      });
      const span = { start: this.#source.length + start, end: this.#source.length + start + raw.length };
      this.#labels.push(unit.every((t) => t.type === 'code') ? NO_LABELS : bracketedLabels(raw));
      const marks = this.#marksIn(text, citations, span.start, span.end, false);
      // Drawn with the links this lexing saw (the tail's as they are now), as its uncited neighbours are.
      const html = marks.length > 0 ? this.#cited(raw, marks, citations!, tokens.links) : toHtml(unit, this.#fastPath, this.stats);
      finished.push({ id: this.#blocks.length + finished.length, html });
      this.#spans.push(span);
      this.#drawnMarks.push(marks);
      this.stats.blocksRendered++;
    }
    const consumed = settled.consumed;
    if (consumed > 0) {
      this.#source += tail.slice(0, consumed);
      if (finished.length > 0) {
        this.#blocks = [...this.#blocks, ...finished];
        this.#groups = regroup(this.#groups, this.#blocks);
      }
    }

    this.#followDefinitions(tokens.links, finished.length);
    if (this.#stale.length > 0) this.#redrawStale(text, citations);

    const open = tokens.slice(settled.open);
    const tailMarks = this.#marksIn(text, citations, this.#source.length, text.length, true);
    const tailHtml = !open.some((t) => t.type !== 'space')
      ? ''
      : tailMarks.length > 0
        ? this.#cited(text.slice(this.#source.length), tailMarks, citations!)
        : toHtml(open, this.#fastPath, this.stats);
    this.stats.tailRenders++;
    this.#lastText = text;
    this.#lastCitations = citations;
    this.#last = { blocks: this.#blocks, groups: this.#groups, tail: tailHtml, pending: this.#stale.length > 0 };
    return this.#last;
  }

  /**
   * The marks that land in [start, end) of the source, relative to `start`. A mark belongs to the block holding
   * the character it follows (citedEnd), so one at the start of a block cites the end of the one before.
   */
  #marksIn(text: string, citations: CitationSet | undefined, start: number, end: number, open: boolean): CitationMark[] {
    if (!citations || citations.marks.length === 0) return [];
    const marks = citations.marks;
    // The character a mark follows (the first one for a mark before any).
    const cited = (i: number) => Math.max(0, citedEnd(text, marks[i]!.at) - 1);
    // Marks are sorted by `at`, and citedEnd keeps that order: the first one that may land here, by bisection.
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cited(mid) < start) lo = mid + 1;
      else hi = mid;
    }
    const found: CitationMark[] = [];
    for (let i = lo; i < marks.length; i++) {
      const c = cited(i);
      if (c >= end && !open) break;
      found.push({ at: c + 1 - start, n: marks[i]!.n });
    }
    return found;
  }

  /**
   * A block drawn before a reference definition arrived shows `[text][label]` as text: when a label is defined, or
   * its definition changes (the open tail's URL still arriving), the earlier blocks holding it are drawn again,
   * a few per frame as for citations. (Blocks finished in this call were lexed with the tail: they are up to date.)
   */
  #followDefinitions(lexed: TokensList['links'], justFinished: number): void {
    // Most answers define nothing: then nothing was drawn with a definition either (each one lands in #drawnLinks).
    if (this.#drawnLinks.size === 0 && Object.keys(lexed).length === 0) return;
    this.#tailLinks = noLinks();
    for (const [label, link] of Object.entries(lexed)) {
      if (!Object.hasOwn(this.#links, label)) this.#tailLinks[label] = { href: link.href, title: link.title ?? null };
    }
    const drawnBefore = this.#blocks.length - justFinished;
    const links = this.#allLinks();
    const changed: string[] = [];
    for (const [label, link] of Object.entries(links)) {
      const key = `${link.href ?? ''}\n${link.title ?? ''}`;
      if (this.#drawnLinks.get(label) === key) continue;
      this.#drawnLinks.set(label, key);
      changed.push(label);
    }
    // A definition the tail no longer reads as one (its title's quote just opened) is gone again.
    for (const label of this.#drawnLinks.keys()) {
      if (Object.hasOwn(links, label)) continue;
      this.#drawnLinks.delete(label);
      changed.push(label);
    }
    if (changed.length === 0) return;
    const stale = new Set(this.#stale);
    for (let i = 0; i < drawnBefore; i++) if (changed.some((label) => this.#labels[i]!.has(label))) stale.add(i);
    this.#stale = [...stale].sort((a, b) => a - b);
  }

  /** Definitions of finished blocks, then the open tail's for labels they leave undefined. */
  #allLinks(): LinkRefs {
    return Object.assign(noLinks(), this.#tailLinks, this.#links);
  }

  /** One block (or the tail) drawn with its citation markers; reference definitions elsewhere still resolve. */
  #cited(raw: string, marks: readonly CitationMark[], citations: CitationSet, links: LinkRefs = this.#allLinks()): string {
    const marked = insertCitations(raw, marks, citations.urlOf, links);
    return toHtml(this.#lex(marked, links), this.#fastPath, this.stats);
  }

  /** New citations: every finished block whose marks differ is stale, to be drawn again a few at a time. */
  #restale(text: string, citations: CitationSet | undefined): void {
    const stale: number[] = [];
    for (let i = 0; i < this.#spans.length; i++) {
      const marks = this.#marksIn(text, citations, this.#spans[i]!.start, this.#spans[i]!.end, false);
      if (!sameMarks(marks, this.#drawnMarks[i]!)) stale.push(i);
    }
    // Blocks already waiting for a definition stay waiting.
    this.#stale = [...new Set([...stale, ...this.#stale])].sort((a, b) => a - b);
  }

  #redrawStale(text: string, citations: CitationSet | undefined): void {
    const blocks = [...this.#blocks];
    const touched = new Set<number>();
    let chars = 0;
    while (this.#stale.length > 0 && chars < CITED_CHARS_PER_RENDER) {
      const i = this.#stale.shift()!;
      const span = this.#spans[i]!;
      const raw = this.#source.slice(span.start, span.end);
      const marks = this.#marksIn(text, citations, span.start, span.end, false);
      const html = marks.length > 0 ? this.#cited(raw, marks, citations!) : toHtml(this.#lex(raw, this.#allLinks()), this.#fastPath, this.stats);
      blocks[i] = { id: i, html };
      this.#drawnMarks[i] = marks;
      touched.add(Math.floor(i / GROUP_SIZE));
      chars += raw.length;
      this.stats.citedRenders++;
    }
    this.#blocks = blocks;
    // Only the groups holding a redrawn block are new objects: the others stay as they were for the view.
    this.#groups = this.#groups.map((g) => (touched.has(g.id) ? { id: g.id, blocks: blocks.slice(g.id * GROUP_SIZE, (g.id + 1) * GROUP_SIZE) } : g));
  }

  /**
   * Reference definitions from finished blocks still resolve links in the tail; a finished block drawn again also
   * gets the tail's (`links`). The tail is never seeded with its own from a frame before: the first definition of
   * a label wins, and that one may have held half a URL.
   */
  #lex(src: string, links: LinkRefs = this.#links): TokensList {
    this.stats.lexedChars += src.length;
    const lexer = new Lexer(marked.defaults);
    Object.assign(lexer.tokens.links, links);
    return lexer.lex(src);
  }

  #reset(): void {
    this.#source = '';
    this.#blocks = [];
    this.#groups = [];
    this.#links = noLinks();
    this.#tailLinks = noLinks();
    this.#drawnLinks = new Map();
    this.#labels = [];
    this.#spans = [];
    this.#drawnMarks = [];
    this.#stale = [];
    this.#lastCitations = undefined;
  }
}

/** Labels keyed as marked keys them; a prototype-free map, so a label such as `constructor` is one like any other. */
const noLinks = (): LinkRefs => Object.create(null) as LinkRefs;
const NO_LABELS: ReadonlySet<string> = new Set();
/** The blocks a reference definition can be in: itself, or nested in a list item or a block quote. */
const MAY_DEFINE: ReadonlySet<string> = new Set(['def', 'list', 'blockquote']);

/**
 * `[label]` in any of its reference forms (`[text][label]`, `[label][]`, `[label]`), escaped brackets allowed,
 * keyed as marked keys definitions; none from code spans, where brackets are code (`items[1]`).
 */
function bracketedLabels(raw: string): ReadonlySet<string> {
  if (!raw.includes('[')) return NO_LABELS;
  const labels = new Set<string>();
  const prose = raw.includes('`') ? raw.replace(/(`+)[\s\S]*?\1/g, '') : raw;
  for (const match of prose.matchAll(/\[((?:\\.|[^[\]\\]){1,999})\]/g)) {
    labels.add(match[1]!.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase());
  }
  return labels;
}

function sameMarks(a: readonly CitationMark[], b: readonly CitationMark[]): boolean {
  return a.length === b.length && a.every((m, i) => m.at === b[i]!.at && m.n === b[i]!.n);
}

/** Keeps every full group as it was and rebuilds only the groups from the first one that is not full. */
function regroup(groups: readonly BlockGroup[], blocks: readonly RenderedBlock[]): BlockGroup[] {
  const kept = groups.filter((g) => g.blocks.length === GROUP_SIZE);
  const next = [...kept];
  for (let start = kept.length * GROUP_SIZE; start < blocks.length; start += GROUP_SIZE) {
    next.push({ id: next.length, blocks: blocks.slice(start, start + GROUP_SIZE) });
  }
  return next;
}
