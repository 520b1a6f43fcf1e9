// @vitest-environment jsdom
// When the streaming renderer may cache a block: documents whose partial last line, or an HTML element around
// markdown, once made the streamed result differ from a full render of the same text.
import { describe, expect, it } from 'vitest';
import { fullDom as full, streamedDom as html } from '../../../test-support/renderer/markdown-dom';
import { IncrementalMarkdown } from './incremental';
import { HELD_CHARS } from './settled';

function expectFullRenderAtEveryCut(text: string): void {
  const md = new IncrementalMarkdown();
  for (let end = 1; end <= text.length; end++) {
    const prefix = text.slice(0, end);
    let r = md.render(prefix);
    for (let frames = 0; r.pending && frames < 50; frames++) r = md.render(prefix);
    expect(html(r), `prefix of ${end} chars: ${JSON.stringify(prefix)}`).toBe(full(prefix));
  }
}

/** Each is read as something else for a moment while its last line is partial. */
const PARTIAL_LINES: Record<string, string> = {
  // Cut after `2`, marked reads a paragraph that ends the list: three lists instead of one loose one.
  'a loose numbered list': '1. **First**: a\n\n2. **Second**: b\n\n3. **Third**: c\n\nDone.',
  'a numbered list with code in an item': '1. Install:\n\n   ```bash\n   npm i\n   ```\n\n2. Run it\n\nDone.',
  'hashtags after a paragraph (a lone # is an empty heading)': 'Great post\n#AI #ML rocks\n\nnext',
  'bold italics after a paragraph (*** is a break)': 'Intro line\n***Important:*** read this\n\nnext',
  'a dunder name after a paragraph (___ is a break)': 'Intro line\n___init___ method\n\nnext',
  'an inline code span with three backticks': 'Para\n```x``` inline\n\nnext',
  'a hashtag lazily continuing a list item': '- item\n#tag continues\n\nnext',
  'a hashtag lazily continuing a quote': '> quoted\n#tag lazy\n\nnext',
  'a definition with its title on the next line': '[a]: https://example.com\n"Title"\n\nSee [x][a].',
  'a definition whose title runs over a blank line': '[a]: https://example.com\n"Long\n\ntitle"\n\nSee [x][a].',
  'a definition before a quoted paragraph': '[a]: https://example.com\n"Quoted" he said.\n\nSee [x][a].',
};

/** Raw HTML around markdown: one element in a full render, so one unit when cached. */
const HTML_CONTAINERS: Record<string, string> = {
  'a details element': '<details>\n<summary>S</summary>\n\nbody *x*\n\n- item\n\n</details>\n\nend',
  'nested elements': '<div>\n<details>\n<summary>S</summary>\n\nbody\n\n</details>\n\nmore\n\n</div>\n\nafter <br> the end',
  'an element closed inside a paragraph': '<div>\n\n*md* and </div>\n\nafter',
};

describe('streaming equals a full render at every cut', () => {
  it.each(Object.entries(PARTIAL_LINES))('%s', (_, text) => expectFullRenderAtEveryCut(text));
  it.each(Object.entries(HTML_CONTAINERS))('%s', (_, text) => expectFullRenderAtEveryCut(text));
});

describe('what is cached while the last line is partial', () => {
  it('caches a closed code block, a heading and a break before a partial line', () => {
    const md = new IncrementalMarkdown();
    const r = md.render('# Title\n\n```py\nx = 1\n```\n\n***\n\nA partial');
    expect(r.blocks).toHaveLength(3);
    expect(r.tail).toContain('A partial');
  });

  it('keeps the block before a partial line in the tail, and no earlier one', () => {
    const md = new IncrementalMarkdown();
    const r = md.render('one\n\ntwo\n\nthr');
    expect(r.blocks).toHaveLength(1);
    expect(md.render('one\n\ntwo\n\nthree\n').blocks).toHaveLength(2);
  });
});

describe('HTML elements around markdown', () => {
  it('draws the element with its body as one block once it closes, sanitized', () => {
    const text = '<details onclick="x()">\n<summary>S</summary>\n\n<script>alert(1)</script>\n\nbody\n\n</details>\n\nend\n';
    const md = new IncrementalMarkdown();
    let r = md.render(text);
    for (let end = 1; end <= text.length; end++) r = md.render(text.slice(0, end));
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0]!.html).toMatch(/^<details>[\s\S]*<p>body<\/p>[\s\S]*<\/details>$/);
    expect(r.blocks[0]!.html).not.toMatch(/script|onclick/);
  });

  it('stops holding an element that never closes, so a frame does not cost the rest of the answer', () => {
    const md = new IncrementalMarkdown();
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} of an open element.`);
    let text = `<div>\n\n${paragraphs.join('\n\n')}\n\n`;
    expect(text.length).toBeGreaterThan(HELD_CHARS);
    md.render(text);
    const before = md.stats.lexedChars;
    text += 'More';
    md.render(text);
    expect(md.stats.lexedChars - before).toBeLessThan(200);
  });
});
