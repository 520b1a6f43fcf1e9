// The DOM a view gets from the streaming renderer, and from a full render of the same text, for comparing them.
import type { RenderedMarkdown } from '../../src-renderer/lib/markdown/incremental';
import { marked } from '../../src-renderer/lib/markdown/marked';
import { sanitizeHtml } from '../../src-renderer/lib/markdown/sanitize';

/**
 * Markup as parsed and serialized again (Svelte's {@html} parses through a template): blocks that skip DOMPurify
 * keep marked's spelling of entities, so strings are compared as parsed.
 */
export function dom(markup: string): string {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.innerHTML;
}

export const streamedDom = (r: RenderedMarkdown) => dom(r.blocks.map((b) => dom(b.html)).join('') + dom(r.tail));

/** The whole text rendered in one go: what streaming must end up equal to. */
export const fullDom = (text: string) => dom(sanitizeHtml(marked.parse(text, { async: false })));
