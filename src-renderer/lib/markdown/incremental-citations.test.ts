// @vitest-environment jsdom
// Citation markers in the streaming renderer: the same DOM as a full render of the marked-up text, drawn a few
// blocks per call when they arrive for a long answer, and nothing extra while an answer has none.
import { describe, expect, it } from 'vitest';
import { insertCitations } from '../../../src-shared/citation-markers';
import type { CitationMark } from '../../../src-shared/citations';
import { fullDom as full, streamedDom as html } from '../../../test-support/renderer/markdown-dom';
import { CITED_CHARS_PER_RENDER, type CitationSet, IncrementalMarkdown } from './incremental';

const urlOf = (n: number) => `https://source.example/${n}`;
const set = (marks: CitationMark[]): CitationSet => ({ marks, urlOf });

const TEXT = [
  '# Grounded answer',
  '',
  'The first claim is here, with `code` and a [link](https://l.example/).',
  '',
  '```py',
  'print("cited inside code")',
  '```',
  '',
  '- a listed claim',
  '- another one',
  '',
  'Last paragraph ends here.',
].join('\n');

const at = (needle: string) => TEXT.indexOf(needle) + needle.length;

describe('IncrementalMarkdown with citations', () => {
  const marks = [
    { at: at('first clai'), n: 1 },
    { at: at('print("cit'), n: 2 },
    { at: at('- a listed claim\n'), n: 1 },
    { at: at('# Grounded answer\n\nThe'), n: 3 },
    { at: TEXT.length, n: 2 },
  ].sort((a, b) => a.at - b.at);

  it('draws the same DOM as a full render of the text with its markers', () => {
    const md = new IncrementalMarkdown();
    md.render(TEXT);
    const out = md.render(TEXT, set(marks));
    expect(out.pending).toBe(false);
    expect(html(out)).toBe(full(insertCitations(TEXT, marks, urlOf)));
    expect(html(out)).toContain('<a href="https://source.example/2" rel="noreferrer noopener" title="https://source.example/2">[2]</a>');
  });

  it('keeps the markers as more text streams in after the cited part', () => {
    const md = new IncrementalMarkdown();
    const cited = set(marks);
    let out = md.render(TEXT, cited);
    const more = `${TEXT}\n\nAn uncited paragraph.\n\nAnd a last one`;
    for (let end = TEXT.length + 1; end <= more.length; end += 7) out = md.render(more.slice(0, end), cited);
    out = md.render(more, cited);
    expect(html(out)).toBe(full(insertCitations(more, marks, urlOf)));
  });

  it('draws the blocks of a long answer again a few per call when its citations arrive, then is done', () => {
    const paragraph = (i: number) => `Paragraph ${i} states a fact that a source supports, at some length to fill the answer.`;
    const text = Array.from({ length: 400 }, (_, i) => paragraph(i)).join('\n\n');
    const many = Array.from({ length: 200 }, (_, i) => ({ at: text.indexOf(paragraph(i * 2)) + 12, n: (i % 5) + 1 }));
    const md = new IncrementalMarkdown();
    const before = md.render(text);
    const groupsBefore = before.groups;

    const cites = set(many);
    const first = md.render(text, cites);
    expect(first.pending).toBe(true);
    const perCall = Math.ceil(CITED_CHARS_PER_RENDER / paragraph(0).length) + 1;
    expect(md.stats.citedRenders).toBeLessThanOrEqual(perCall);
    // Groups with no redrawn block are the very same objects, so the view skips them.
    expect(first.groups.at(-1)).toBe(groupsBefore.at(-1));

    let calls = 1;
    let out = first;
    while (out.pending) {
      out = md.render(text, cites);
      calls++;
      if (calls > 100) break;
    }
    expect(out.pending).toBe(false);
    expect(calls).toBeGreaterThan(2);
    expect(html(out)).toBe(full(insertCitations(text, many, urlOf)));
  });

  it('a cited block using a reference defined further on, and a marker numbered like a defined label', () => {
    // Footnote-style sources as well as grounding: [1] is both a label the answer defines and citation 1.
    const text = 'See [a][src] here [1].\n\n[src]: https://x.example/src\n[1]: https://x.example/one\n\nEnd.';
    const marks = [{ at: text.indexOf(' here') + 5, n: 1 }];
    const expected = full(insertCitations(text, marks, urlOf));
    expect(expected).toMatch(/<a href="https:\/\/x.example\/src"[^>]*>a<\/a>/);
    expect(expected).toContain('title="https://source.example/1">[1]</a>');
    // In one call, as a saved answer opens; and streamed, the citations arriving with the finished text.
    expect(html(new IncrementalMarkdown().render(text, set(marks)))).toBe(expected);
    const md = new IncrementalMarkdown();
    for (let end = 1; end <= text.length; end += 3) md.render(text.slice(0, end));
    let out = md.render(text, set(marks));
    while (out.pending) out = md.render(text, set(marks));
    expect(html(out)).toBe(expected);
  });
});
