// Streaming markdown: caches the sanitized HTML of finished top-level blocks, re-renders only the open tail.
import { Lexer, type Token, type Tokens } from 'marked';
import { rendersEscapedOnly } from './escaped-only';
import { marked } from './marked';
import { sanitizeHtml } from './sanitize';

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
}

/** Work counters, so tests can prove the cost of a call does not grow with the text. */
export interface RenderStats {
  lexedChars: number;
  blocksRendered: number;
  tailRenders: number;
  /** Renders of a block or the tail that skipped DOMPurify (escaped-only.ts). */
  fastPathRenders: number;
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
 * Why committing is safe: a top-level block followed by another non-space block is closed — in CommonMark
 * later lines can only extend the *last* open block (a list item, a fence without its closing line, a
 * paragraph awaiting a setext underline or a table delimiter). So everything before the last non-space
 * token is final, and the tail always starts at a top-level block boundary.
 */
export class IncrementalMarkdown {
  #source = '';
  #blocks: RenderedBlock[] = [];
  #groups: BlockGroup[] = [];
  #links: Record<string, { href: string | null; title: string | null }> = {};
  #lastText: string | undefined;
  #last: RenderedMarkdown = { blocks: [], groups: [], tail: '' };
  readonly stats: RenderStats = { lexedChars: 0, blocksRendered: 0, tailRenders: 0, fastPathRenders: 0 };
  readonly #fastPath: boolean;

  /** `fastPath: false` sends every block through DOMPurify: the reference the fast path is checked against. */
  constructor(options: { fastPath?: boolean } = {}) {
    this.#fastPath = options.fastPath ?? true;
  }

  render(text: string): RenderedMarkdown {
    if (text === this.#lastText) return this.#last;
    // Streams only append; anything else (a retry, an edit) starts over.
    if (!text.startsWith(this.#source)) this.#reset();

    const tail = text.slice(this.#source.length);
    const tokens = this.#lex(tail);
    let lastContent = tokens.length - 1;
    while (lastContent >= 0 && tokens[lastContent]?.type === 'space') lastContent--;

    const finished: RenderedBlock[] = [];
    let consumed = 0;
    let index = 0;
    for (; index < lastContent; index++) {
      const token = tokens[index]!;
      // marked normalises line endings; if a raw does not match the source, stop caching here.
      if (!tail.startsWith(token.raw, consumed)) break;
      consumed += token.raw.length;
      if (token.type === 'space') continue;
      if (token.type === 'def') {
        const def = token as Tokens.Def;
        this.#links[def.tag] ??= { href: def.href, title: def.title };
      }
      finished.push({ id: this.#blocks.length + finished.length, html: toHtml([token], this.#fastPath, this.stats) });
      this.stats.blocksRendered++;
    }
    if (consumed > 0) {
      this.#source += tail.slice(0, consumed);
      if (finished.length > 0) {
        this.#blocks = [...this.#blocks, ...finished];
        this.#groups = regroup(this.#groups, this.#blocks);
      }
    }

    const open = tokens.slice(index);
    const tailHtml = open.some((t) => t.type !== 'space') ? toHtml(open, this.#fastPath, this.stats) : '';
    this.stats.tailRenders++;
    this.#lastText = text;
    this.#last = { blocks: this.#blocks, groups: this.#groups, tail: tailHtml };
    return this.#last;
  }

  #lex(src: string): Token[] {
    this.stats.lexedChars += src.length;
    const lexer = new Lexer(marked.defaults);
    // Reference definitions from finished blocks still resolve links in the tail.
    Object.assign(lexer.tokens.links, this.#links);
    return lexer.lex(src);
  }

  #reset(): void {
    this.#source = '';
    this.#blocks = [];
    this.#groups = [];
    this.#links = {};
  }
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
