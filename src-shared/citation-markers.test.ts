import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { citationLink, insertCitations } from './citation-markers';
import type { CitationMark } from './citations';

const URLS = ['https://one.example/a', 'https://two.example/b', 'https://three.example/c'];
const urlOf = (n: number) => URLS[n - 1];
const marked = new Marked({ gfm: true });
const html = (md: string) => marked.parse(md) as string;
const m = (at: number, n = 1): CitationMark => ({ at, n });
const L = (n: number) => citationLink(n, URLS[n - 1]!);
/** Where `needle` ends in `text`: a citation of the text up to there. */
const after = (text: string, needle: string) => text.indexOf(needle) + needle.length;

describe('insertCitations', () => {
  it('puts a mark that falls inside a word after that word, and one at a blank after the word before it', () => {
    const text = 'The sky is blue today.\n\nNext line';
    expect(insertCitations(text, [m(9), m(after(text, 'today.\n'), 2)], urlOf)).toBe(`The sky is${L(1)} blue today.${L(2)}\n\nNext line`);
  });

  it('renders each marker as a numbered link to its source', () => {
    const out = html(insertCitations('Water boils at 100 C.', [m(5, 1), m(21, 2)], urlOf));
    expect(out).toContain('Water<a href="https://one.example/a">[1]</a> boils');
    expect(out).toContain('100 C.<a href="https://two.example/b">[2]</a>');
  });

  it('never puts a marker inside inline code, a link or raw HTML', () => {
    const text = 'Run `npm install --save` now, read [the docs](https://d.example/x) and <b title="a b">this</b> ok';
    const out = insertCitations(text, [m(after(text, '`npm')), m(after(text, '[the'), 2), m(after(text, '(https://d'), 3), m(after(text, '<b ti'), 1)], urlOf);
    expect(out).toBe(
      `Run \`npm install --save\`${L(1)} now, read [the docs](https://d.example/x)${L(2)}${L(3)} and <b title="a b">this</b>${L(1)} ok`,
    );
    const rendered = html(out);
    expect(rendered).toContain('<code>npm install --save</code>');
    expect(rendered).toContain('<b title="a b">');
  });

  it('puts a marker from inside a fenced code block after the block, as a paragraph of its own', () => {
    const text = 'Intro\n\n```python\nprint("x")  # note\n```\nAfter the code';
    const out = insertCitations(text, [m(after(text, 'print')), m(after(text, '```python\nprint("x")  # note\n```'), 2)], urlOf);
    expect(out).toBe(`Intro\n\n\`\`\`python\nprint("x")  # note\n\`\`\`\n\n${L(1)}${L(2)}\n\nAfter the code`);
    expect(html(out)).toContain('<code class="language-python">print(&quot;x&quot;)  # note\n</code>');
  });

  it('puts a marker from a code block nested in a list after the whole list', () => {
    const text = '- step one\n\n   ```sh\n   make all\n   ```\n- step two\n\nDone.';
    const out = insertCitations(text, [m(after(text, 'make'))], urlOf);
    expect(out).toBe(`- step one\n\n   \`\`\`sh\n   make all\n   \`\`\`\n- step two\n\n${L(1)}\n\nDone.`);
  });

  it('keeps list bullets, numbers, quote marks and heading hashes intact', () => {
    const text = '# Title\n\n- item\n12. twelve\n> quoted';
    const out = insertCitations(text, [m(1), m(after(text, '\n\n-'), 2), m(after(text, '12'), 3), m(after(text, '\n>'), 1)], urlOf);
    expect(out).toBe(`# Title${L(1)}\n\n- item${L(2)}\n12. twelve${L(3)}\n> quoted${L(1)}`);
    const rendered = html(out);
    expect(rendered).toMatch(/<h1>Title<a /);
    expect(rendered).toContain('<ol start="12">');
    expect(rendered).toContain('<blockquote>');
  });

  it('keeps a table, a setext heading and a rule whole: the marker follows them', () => {
    const table = '| a | b |\n|---|---|\n| 1 | 2 |';
    expect(insertCitations(`${table}\n\nText`, [m(after(table, '|---'))], urlOf)).toBe(`${table}\n\n${L(1)}\n\nText`);
    expect(insertCitations('Title\n=====\nbody', [m(8)], urlOf)).toBe(`Title\n=====\n\n${L(1)}\n\nbody`);
    expect(insertCitations('a\n\n---', [m(6)], urlOf)).toBe(`a\n\n---\n\n${L(1)}`);
  });

  it('keeps a space between a bare URL, a "!" or a backslash and the marker', () => {
    const out = insertCitations('See https://x.example/page Wow! and C:\\', [m(after('See https://x.example/page', 'page')), m(31, 2), m(39, 3)], urlOf);
    expect(out).toBe(`See https://x.example/page ${L(1)} Wow! ${L(2)} and C:\\ ${L(3)}`);
    const rendered = html(out);
    expect(rendered).toContain('<a href="https://x.example/page">https://x.example/page</a>');
    expect(rendered).not.toContain('<img');
  });

  it('clamps marks out of range and drops those whose source is unknown', () => {
    expect(insertCitations('Short text', [m(-5), m(1e9, 2), m(3, 9)], urlOf)).toBe(`Short${L(1)} text${L(2)}`);
    expect(insertCitations('', [m(0)], urlOf)).toBe(L(1));
  });

  it('writes several sources cited at one place once each, in number order', () => {
    expect(insertCitations('One two', [m(3, 2), m(3, 1), m(2, 2)], urlOf)).toBe(`One${L(1)}${L(2)} two`);
  });

  it('reads \\r\\n as marked does and moves the marks with it', () => {
    expect(insertCitations('a\r\nb c\r\nd', [m(5), m(8, 2), m(9, 3)], urlOf)).toBe(`a\nb${L(1)} c${L(2)}\nd${L(3)}`);
  });

  it('encodes what would end or break the link destination', () => {
    const out = insertCitations('x', [m(1)], () => 'https://e.example/a b>(c)\\');
    expect(out).toBe('x[\\[1\\]](<https://e.example/a%20b%3E(c)%5C>)');
    expect(html(out)).toContain('<a href="https://e.example/a%20b%3E(c)%5C">[1]</a>');
  });

  it('places 500 marks in a 100k-character answer with code, links and lists, each one rendered', () => {
    const para = 'Plain words about things with `inline code` and [a link](https://l.example/) here.\n\n';
    const block = '```\ncode line one\ncode line two\n```\n\n- bullet item text\n- another item\n\n';
    let text = '';
    while (text.length < 100_000) text += para + block;
    const marks = Array.from({ length: 500 }, (_, i) => ({ at: Math.floor((i * text.length) / 500) + 7, n: (i % 3) + 1 }));
    const out = insertCitations(text, marks, urlOf);
    const rendered = html(out);
    expect(rendered.match(/<a href="https:\/\/(one|two|three)\.example\/[abc]">\[\d\]<\/a>/g)?.length).toBeGreaterThanOrEqual(490);
    expect(rendered).not.toMatch(/<code>[^<]*\[\\?\[/);
    expect(rendered.match(/<code>inline code<\/code>/g)?.length).toBe(text.split('`inline code`').length - 1);
  });
});
