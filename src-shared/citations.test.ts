import { describe, expect, it } from 'vitest';
import { answerCitations, utf16Offsets } from './citations';
import type { Step } from './interactions';

const cite = (url: string, start?: number, end?: number, title?: string) => ({
  type: 'url_citation',
  url,
  ...(title === undefined ? {} : { title }),
  ...(start === undefined ? {} : { start_index: start }),
  ...(end === undefined ? {} : { end_index: end }),
});
const output = (...parts: { text: string; annotations?: unknown[] }[]): Step => ({
  type: 'model_output',
  content: parts.map((p) => ({ type: 'text' as const, ...p })),
});

describe('utf16Offsets', () => {
  it('reads the typings’ byte offsets as the end of the character each falls in', () => {
    // h é(2 bytes) l l o ␠ 😀(4 bytes, 2 units) !  — byte 8 is inside 😀: after it
    const text = 'héllo 😀!';
    expect(utf16Offsets(text, [0, 1, 2, 3, 7, 8, 9, 12, 13, 99])).toEqual([0, 1, 2, 2, 6, 8, 8, 9, 9, 9]);
  });

  it('takes ASCII text as it is, clamped to its length', () => {
    expect(utf16Offsets('abc', [2, 3, 7])).toEqual([2, 3, 3]);
  });
});

describe('answerCitations', () => {
  it('numbers sources in the order the answer first cites them, one number per URL', () => {
    const steps: Step[] = [
      { type: 'google_search_call', id: 's', arguments: { queries: ['q'] } },
      output({
        text: 'Alpha beta. Gamma delta.',
        annotations: [cite('https://b.example/2', 12, 23, 'Two'), cite('https://a.example/1', 0, 10, 'One'), cite('https://b.example/2', 0, 10)],
      }),
    ];
    const { sources, marks } = answerCitations(steps);
    expect(sources).toEqual([
      { n: 1, url: 'https://a.example/1', title: 'One' },
      { n: 2, url: 'https://b.example/2', title: 'Two' },
    ]);
    expect(marks).toEqual([
      { at: 10, n: 1 },
      { at: 10, n: 2 },
      { at: 23, n: 2 },
    ]);
  });

  it('counts offsets from where each text part starts in the whole answer, in bytes within it', () => {
    const steps: Step[] = [
      output({ text: 'Café au lait. ' }),
      { type: 'url_context_call', id: 'u', arguments: { urls: [] } },
      output({ text: 'Naïve résumé.', annotations: [cite('https://x.example/', 0, 6)] }, { text: ' Tail' }),
    ];
    const { marks, sources, coveredEnd } = answerCitations(steps);
    // 'Naïve' is 6 bytes: the mark follows it, 14 units into the answer.
    expect(marks).toEqual([{ at: 14 + 5, n: 1 }]);
    expect(sources[0]!.title).toBe('x.example');
    expect(coveredEnd).toBe(14 + 'Naïve résumé.'.length);
  });

  it('lists a citation without a place, ignores other annotations, empty URLs and malformed entries', () => {
    const steps: Step[] = [
      output({
        text: 'Hello',
        annotations: [cite('https://nowhere.example/'), { type: 'file_citation', url: 'x', end_index: 1 }, cite('  ', 0, 1), null, 'x', cite('https://start.example/', 2)],
      }),
    ];
    const { sources, marks } = answerCitations(steps);
    expect(sources.map((s) => s.url)).toEqual(['https://start.example/', 'https://nowhere.example/']);
    expect(marks).toEqual([{ at: 2, n: 1 }]);
  });

  it('has nothing for an answer without citations', () => {
    expect(answerCitations([output({ text: 'plain' })])).toEqual({ sources: [], marks: [], coveredEnd: 0 });
  });
});
