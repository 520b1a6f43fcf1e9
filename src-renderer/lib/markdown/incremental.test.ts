// @vitest-environment jsdom
// Markdown pipeline: sanitization vectors, streaming equivalence with a full render, and tail-only cost.
import { describe, expect, it } from 'vitest';
import { Marked, type Token } from 'marked';
import { rendersEscapedOnly } from './escaped-only';
import { IncrementalMarkdown, warmUp } from './incremental';
import { marked } from './marked';
import { sanitizeHtml } from './sanitize';

/**
 * The DOM a view gets from the rendered blocks (Svelte's {@html} parses through a template), serialized:
 * blocks that skip DOMPurify keep marked's spelling of entities, so strings are compared as parsed.
 */
function dom(markup: string): string {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.innerHTML;
}

function html(r: { blocks: readonly { html: string }[]; tail: string }): string {
  return dom(r.blocks.map((b) => dom(b.html)).join('') + dom(r.tail));
}

/** The whole text rendered in one go: what streaming must end up equal to. */
const renderMarkdown = (text: string) => sanitizeHtml(marked.parse(text, { async: false }));
const full = (text: string) => dom(renderMarkdown(text));

function streamed(text: string, chunk: number): { md: IncrementalMarkdown; out: string } {
  const md = new IncrementalMarkdown();
  let out = '';
  for (let end = chunk; ; end += chunk) {
    out = html(md.render(text.slice(0, Math.min(end, text.length))));
    if (end >= text.length) break;
  }
  return { md, out };
}

const SAMPLE = [
  '# Title',
  '',
  'Some *intro* text with `code` and a [link](https://example.com "Example").',
  'Setext below',
  '---',
  '',
  '1. first',
  '2. second',
  '   continued',
  '',
  '   - nested',
  '',
  '```ts',
  'const a = 1;',
  '',
  '',
  '# not a heading',
  '```',
  '',
  '> quoted',
  'lazy line',
  '',
  '| a | b |',
  '|---|:-:|',
  '| 1 | 2 |',
  '',
  '[ref]: https://example.org',
  '',
  'A [reference][ref] link and ~~strike~~.',
  '',
  '    indented code',
  '',
  '    more indented',
  '',
  '- [x] done',
  '- [ ] todo',
  '',
  'Last paragraph',
].join('\n');

describe('sanitizing model output', () => {
  const render = (md: string) => renderMarkdown(md);

  it('drops script tags', () => {
    const out = render('hi <script>alert(1)</script>\n\n<script>alert(2)</script>');
    expect(out).not.toMatch(/<script/i);
  });

  it('drops event handler attributes', () => {
    const out = render('<p onclick="alert(1)">x</p>\n\n<img src="data:image/png;base64,AAAA" onerror="alert(1)">');
    expect(out).not.toMatch(/onclick|onerror/i);
  });

  it('removes javascript: and other non-web links', () => {
    const out = render('[a](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">b</a> [c](vbscript:x) [d](file:///etc/passwd)');
    expect(out).not.toMatch(/javascript:|vbscript:|file:/i);
    expect(out).toContain('>a</a>');
  });

  it('keeps http(s) and mailto links but strips target', () => {
    const out = render('<a href="https://example.com" target="_blank">x</a> [m](mailto:a@b.c)');
    expect(out).toContain('href="https://example.com"');
    expect(out).toContain('href="mailto:a@b.c"');
    expect(out).not.toMatch(/target=/i);
  });

  it('drops SVG together with any script inside it', () => {
    const out = render('<svg onload="alert(1)"><script>alert(2)</script><circle r="4"/></svg>');
    expect(out).not.toMatch(/<svg|<script|onload|<circle/i);
  });

  it('does not load remote images, from markdown or raw HTML', () => {
    const out = render('![a cat](https://example.com/cat.png)\n\n<img src="http://evil.test/x.png" alt="x">\n\n<img src="//evil.test/y.png">');
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toContain('evil.test');
    expect(out).toContain('[image: a cat]');
  });

  it('keeps inline raster data images', () => {
    const out = render('![dot](data:image/png;base64,iVBORw0KGgo=)');
    expect(out).toMatch(/<img[^>]+src="data:image\/png;base64,iVBORw0KGgo="/);
  });

  it('drops forms, inputs, buttons, iframes, objects and embeds', () => {
    const out = render(
      '<form action="https://evil.test"><input name="q"><button>Go</button></form>\n\n' +
        '<iframe src="https://evil.test"></iframe>\n\n<object data="x.swf"></object><embed src="x">',
    );
    expect(out).not.toMatch(/<form|<input|<button|<iframe|<object|<embed|evil\.test/i);
  });

  it('drops style attributes and style elements', () => {
    const out = render('<div style="position:fixed;inset:0">x</div>\n\n<style>body{display:none}</style>');
    expect(out).not.toMatch(/style/i);
  });

  it('drops tags that load or redirect: base, meta, link, svg data images', () => {
    const out = render(
      '<base href="https://evil.test/">\n\n<meta http-equiv="refresh" content="0;url=https://evil.test">\n\n' +
        '<link rel="stylesheet" href="https://evil.test/x.css">\n\n<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    );
    expect(out).not.toMatch(/<base|<meta|<link|<img|evil\.test|onload/i);
  });

  it('removes data:, relative and fragment hrefs but keeps the link text', () => {
    const out = render('<a href="data:text/html,<script>alert(1)</script>">d</a> [r](./local) [f](#x)');
    expect(out).not.toMatch(/href=/i);
    expect(out).toContain('>d</a>');
  });

  it('keeps only the classes the pipeline sets itself, on both paths', () => {
    const text = '<div class="toast svelte-1x2y3z">⚠ Your API key was revoked</div>\n\n<span class="md-task toast">t</span> <code class="language-ts svelte-q">c</code>\n\n```ts\nx\n```\n\n- [x] done';
    for (const out of [renderMarkdown(text), html(new IncrementalMarkdown().render(text))]) {
      const template = document.createElement('template');
      template.innerHTML = out;
      const classes = [...template.content.querySelectorAll('[class]')].map((el) => `${el.localName}.${el.getAttribute('class')}`);
      expect(classes).toEqual([
        'span.md-task', 'code.language-ts',
        'div.md-code', 'div.md-code-head', 'span.md-code-lang', 'code.language-ts',
        'span.md-task',
      ]);
      expect(template.content.querySelector('div')?.textContent).toBe('⚠ Your API key was revoked');
    }
  });

  it('drops image maps: no map, area or usemap, the image stays', () => {
    const out = render('<img usemap="#m" alt="m" src="data:image/png;base64,iVBORw0KGgo="><map name="m"><area shape="default" href="?x"></map>');
    expect(out).not.toMatch(/<map|<area|usemap|\?x/i);
    expect(out).toMatch(/<img[^>]+alt="m"/);
  });

  it('drops id and name, which would clobber the app\'s own ids and document properties', () => {
    const out = render('<div id="app">a</div> <a name="location" href="https://example.com">b</a> <img name="body" src="data:image/png;base64,iVBORw0KGgo=">');
    expect(out).not.toMatch(/\bid=|\bname=/i);
    expect(out).toContain('>a</div>');
  });

  it('keeps href on links only, trimmed to what a click hands to main', () => {
    const out = render('<a href="  https://example.com/x  ">a</a> <div href="https://example.com/">d</div> <abbr href="mailto:a@b.c">m</abbr>');
    expect(out).toContain('<a href="https://example.com/x"');
    expect(out.match(/href=/g)).toHaveLength(1);
  });

  it('drops popover attributes: the top layer is outside any containment', () => {
    expect(render('<div popover="manual" popovertarget="x">p</div>')).not.toMatch(/popover/i);
  });

  it('keeps table column alignment', () => {
    expect(render('| a | b |\n|---|--:|\n| 1 | 2 |')).toContain('<td align="right">2</td>');
  });

  it('renders task lists without form controls', () => {
    const out = render('- [x] done\n- [ ] todo');
    expect(out).not.toMatch(/<input/i);
    expect(out).toContain('☑');
    expect(out).toContain('☐');
  });
});

describe('incremental rendering', () => {
  it('matches a full render of the same prefix at every step', () => {
    const md = new IncrementalMarkdown();
    for (let end = 1; end <= SAMPLE.length; end++) {
      const prefix = SAMPLE.slice(0, end);
      expect(html(md.render(prefix)), `prefix of ${end} chars`).toBe(full(prefix));
    }
  });

  it.each([1, 2, 5, 13, 64])('gives the same final HTML for %i-char deltas', (chunk) => {
    expect(streamed(SAMPLE, chunk).out).toBe(full(SAMPLE));
  });

  it('resolves reference links defined in an earlier, finished block', () => {
    const { out } = streamed('[r]: https://example.net\n\nsee [here][r]\n\nend', 3);
    expect(out).toContain('<a href="https://example.net"');
  });

  it('draws earlier blocks again once a later definition resolves their links: a full render at every step', () => {
    // Reference links used before they are defined, as a model writes footnote-style sources, one in a list and
    // one in a table; the last definition streams in the open tail, its URL arriving a few characters at a time.
    // Labels as marked keys them: case folded (ß is SS), escaped brackets, a name Object.prototype also has; a
    // definition nested in a list item; brackets in code that are no reference.
    const text = [
      'See [the guide][Guide] and [docs], [s][Straße], [c][constructor], [e][x\\]y], [n][nested] and [q][quoted].',
      '',
      '- item citing [this][2] beside `items[2]`',
      '',
      '| a | b |',
      '| - | - |',
      '| [cell][2] | x |',
      '',
      '```js',
      'const a = items[2];',
      '```',
      '',
      '[guide]: https://example.com/guide "The guide"',
      '',
      '- [nested]: https://nested.example/list',
      '',
      '> [quoted]: https://quote.example/q',
      '',
      'Between.',
      '',
      '[STRASSE]: https://example.de/strasse',
      '[constructor]: https://example.com/c',
      '[x\\]y]: https://example.com/xy',
      '[2]: https://example.org/two',
      '[docs]: https://docs.example.net/path/to/page',
    ].join('\n');
    const md = new IncrementalMarkdown();
    for (let end = 1; end <= text.length; end++) {
      const prefix = text.slice(0, end);
      let r = md.render(prefix);
      for (let frames = 0; r.pending && frames < 50; frames++) r = md.render(prefix);
      expect(html(r), `prefix of ${end} chars`).toBe(full(prefix));
    }
    const final = html(md.render(text));
    const hrefs = ['guide', 'docs.example.net/path/to/page', 'org/two', 'de/strasse', 'com/c', 'com/xy', 'nested.example/list', 'quote.example/q'];
    for (const href of hrefs) expect(final).toContain(`${href}"`);
    expect(final).not.toContain('][');
  });

  it('draws no block again for brackets in code when a definition of that label streams in', () => {
    const text = ['```js', 'const a = items[2];', '```', '', 'Use `b[2]` here.', '', '[2]: https://example.org/two'].join('\n');
    const { md, out } = streamed(text, 1);
    expect(out).toBe(full(text));
    expect(md.stats.citedRenders).toBe(0);
  });

  it('keeps a fenced code block whole while its fence arrives in pieces', () => {
    const md = new IncrementalMarkdown();
    const deltas = ['Intro\n\n`', '``py', '\nx = 1\n', '\n\n# comment', '\ny = 2\n`', '``\n\nAfter'];
    let text = '';
    for (const d of deltas.slice(0, 5)) {
      text += d;
      const r = md.render(text);
      // Only the intro paragraph may be final while the fence is open; blank lines inside must not split it.
      expect(r.blocks.length).toBeLessThanOrEqual(1);
      expect(html(r).match(/<pre>/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
    text += deltas[5];
    const out = html(md.render(text));
    expect(out.match(/<pre>/g)).toHaveLength(1);
    expect(out).toContain('# comment');
    expect(out).not.toContain('<h1>');
    expect(out).toContain('<p>After</p>');
    expect(out).toBe(full(text));
  });

  it('re-renders only the tail after appending to a long text', () => {
    const md = new IncrementalMarkdown();
    const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} with **bold** and \`code\`.`);
    let text = paragraphs.join('\n\n');
    const first = md.render(text);
    // The last line has no newline yet: it does not close the paragraph before it (settled.ts).
    expect(first.blocks).toHaveLength(398);

    const before = { ...md.stats };
    text += ' More words';
    const second = md.render(text);
    expect(md.stats.blocksRendered - before.blocksRendered).toBe(0);
    expect(md.stats.tailRenders - before.tailRenders).toBe(1);
    expect(md.stats.lexedChars - before.lexedChars).toBeLessThan(150);
    expect(second.blocks).toBe(first.blocks);
    expect(second.tail).toContain('More words');

    const mid = { ...md.stats };
    text += '\n\nA new paragraph';
    const third = md.render(text);
    expect(md.stats.blocksRendered - mid.blocksRendered).toBe(1);
    expect(md.stats.lexedChars - mid.lexedChars).toBeLessThan(170);
    expect(third.blocks).toHaveLength(399);
    // Full groups keep their identity, so a view (and the browser) can skip them.
    expect(third.groups.slice(0, -1)).toEqual(first.groups.slice(0, -1));
    third.groups.slice(0, -1).forEach((g, i) => expect(g).toBe(first.groups[i]));
    expect(third.groups.flatMap((g) => g.blocks)).toEqual(third.blocks);
  });

  it('returns the same result for the same text without work', () => {
    const md = new IncrementalMarkdown();
    const a = md.render('hello\n\nworld');
    const lexed = md.stats.lexedChars;
    expect(md.render('hello\n\nworld')).toBe(a);
    expect(md.stats.lexedChars).toBe(lexed);
  });

  it('starts over when the text is replaced rather than extended', () => {
    const md = new IncrementalMarkdown();
    md.render('first\n\nsecond\n\nthird');
    expect(html(md.render('other'))).toBe(full('other'));
    expect(html(md.render(''))).toBe('');
  });

  it('copes with CRLF line endings', () => {
    const text = 'a\r\n\r\nb\r\n\r\n```\r\ncode\r\n```\r\n\r\nc';
    expect(streamed(text, 3).out).toBe(full(text));
  });
});

/** Text the fast path (no DOMPurify walk) handles, full of what serializers treat differently. */
const ESCAPED_SAMPLE = [
  '## "Quotes" & \'apostrophes\' < 3 >',
  '',
  'Entities &amp; &copy; &nbsp; &#0; &#x1F600; and a\u00a0no-break space, 5 > 3 < 4, a_b*c*.',
  '',
  '3. starts at three',
  '4. **bold "quoted"** and `code <b>` and ~~gone~~',
  '',
  '- [x] done "it"',
  '- [ ] todo \'it\'',
  '',
  '```ts title="x"',
  'const s = "<script>" + \'&amp;\';',
  '```',
  '',
  '| "a" | b\'s |',
  '| :-- | :-: |',
  '| a < b | & |',
  '',
  '> quote with \\*escapes\\* and a hard  ',
  '> break',
  '',
  '***',
].join('\n');

/** Mixed: blocks that must go through DOMPurify next to blocks that skip it. */
const MIXED_SAMPLE = [
  'Before <b onclick="x()">raw</b> and [a link](javascript:alert(1)).',
  '',
  '```</style>',
  'lang that DOMPurify would not keep',
  '```',
  '',
  'An open <kbd>raw tag and *emphasis* after it',
  '',
  'Plain paragraph after "it".',
  '',
  '![img](https://example.com/x.png)',
].join('\n');

describe('skipping the sanitizer walk where it changes nothing', () => {
  const md = new Marked({ gfm: true });
  const escapedOnly = (text: string) => rendersEscapedOnly(md.lexer(text), (t: Token[], v: (t: Token) => void) => md.walkTokens(t, v));

  it('accepts markdown whose HTML is fixed tags around escaped text', () => {
    expect(escapedOnly(ESCAPED_SAMPLE)).toBe(true);
  });

  it.each([
    ['raw HTML', 'a <b>b</b>'],
    ['an HTML block', '<div>\nx\n</div>'],
    ['a link', '[a](https://example.com)'],
    ['an autolink', 'see https://example.com'],
    ['an image', '![a](data:image/png;base64,AA==)'],
    ['a reference link', '[a][r]\n\n[r]: https://example.com'],
    ['a code language with angle brackets', '```</style>\nx\n```'],
    ['a code language with entities', '```&lt;/style&gt;\nx\n```'],
    ['a link inside a table cell', '| a |\n| - |\n| [x](https://e.com) |'],
    ['a link inside a list item', '- [x](https://e.com)'],
  ])('sends %s through DOMPurify', (_name, text) => {
    expect(escapedOnly(text)).toBe(false);
  });

  it.each([
    ['escaped-only', ESCAPED_SAMPLE],
    ['mixed', MIXED_SAMPLE],
  ])('streams %s markdown to the same HTML as a full sanitized render, at every prefix', (_name, text) => {
    const incremental = new IncrementalMarkdown();
    for (let end = 1; end <= text.length; end++) {
      const prefix = text.slice(0, end);
      expect(html(incremental.render(prefix)), `prefix of ${end} chars`).toBe(full(prefix));
    }
  });

  it.each([
    ['entities that decode to angle brackets', '```&lt;/style&gt;\nx\n```'],
    ['entity-encoded spaces that would add classes', '```a&#32;md-task&#9;svelte-xyz\nx\n```'],
    ['a quote', '```a"b\nx\n```'],
  ])('a code fence whose language is %s renders as plain code, on both paths', (_name, text) => {
    for (const out of [renderMarkdown(text), html(new IncrementalMarkdown().render(text))]) {
      const template = document.createElement('template');
      template.innerHTML = out;
      const code = template.content.querySelector('pre > code');
      expect(code?.textContent).toBe('x\n');
      expect(code?.getAttribute('class')).toBeNull();
    }
  });

  it('keeps a plain language name as the code block\'s class', () => {
    expect(renderMarkdown('```c++\nx\n```')).toContain('<code class="language-c++">');
    expect(html(new IncrementalMarkdown().render('```ts\nx\n```'))).toContain('<code class="language-ts">');
  });

  it.each([
    ['```python title="x"\nprint("<b>")\n```', 'Python', 'language-python'],
    ['```haskell\nprint("<b>")\n```', 'haskell', 'language-haskell'],
    ['```a"b\nprint("<b>")\n```', 'Code', null],
    ['    print("<b>")\n', 'Code', null],
  ])('frames %j with a header saying %s, the code as written, on both paths', (text, label, cls) => {
    for (const out of [renderMarkdown(text), html(new IncrementalMarkdown().render(text))]) {
      const template = document.createElement('template');
      template.innerHTML = out;
      const frame = template.content.firstElementChild;
      expect(frame?.className).toBe('md-code');
      expect(frame?.querySelector(':scope > .md-code-head > .md-code-lang')?.textContent).toBe(label);
      const code = frame?.querySelector(':scope > pre > code');
      expect(code?.getAttribute('class')).toBe(cls);
      expect(code?.textContent).toBe('print("<b>")\n');
    }
  });

  it('still strips what the sanitizer must in mixed text', () => {
    const out = streamed(MIXED_SAMPLE, 7).out;
    expect(out).not.toMatch(/onclick|javascript:|<img|example\.com\/x/i);
    expect(out).toContain('<p>Plain paragraph after "it".</p>');
  });
});

describe('warming up', () => {
  it('renders a sample through both paths without touching any later render', () => {
    expect(() => warmUp()).not.toThrow();
    expect(html(new IncrementalMarkdown().render('after'))).toBe(full('after'));
  });
});
