import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { AT, doneTurn, savedSession } from '../test-support/shared/saved-turns';
import type { SavedTurn, Session } from './session';
import { transcriptMarkdown } from './transcript';

const turn = (text: string, answer: string, extra: Partial<SavedTurn> = {}) => doneTurn(`t-${text}`, text, answer, extra);

const session = savedSession('Dogs\nand paws', [
  {
    id: 'a',
    config: { model: 'gemini-3-flash-preview', temperature: 0.2, systemInstruction: 'Be brief.\nVery.' },
    turns: [turn('I have 2 dogs.', 'Nice!', { thought: 'Counting\n\nDone' }), turn('Paws?', 'Eig', { status: 'failed', error: { code: 'SERVER', message: 'Overloaded', retryable: true } })],
  },
  { id: 'b', label: 'Hot', config: { model: 'gemini-3-flash-preview', temperature: 1.5 }, turns: [turn('I have 2 dogs.', 'Wow', { status: 'interrupted' })] },
]);

describe('transcriptMarkdown', () => {
  it('writes every pane with its label, prompts, answers, thoughts and endings', () => {
    const md = transcriptMarkdown(session);
    expect(md).toMatch(/^# Dogs and paws\n/);
    expect(md).toContain('## Pane 1: T=0.2');
    expect(md).toContain('## Pane 2: Hot');
    expect(md).toContain('> Be brief.\n> Very.');
    expect(md).toContain('### You\n\nI have 2 dogs.\n\n### Gemini (gemini-3-flash-preview)\n\n**Thoughts**\n\n> Counting\n>\n> Done\n\nNice!');
    expect(md).toContain('_Failed: Overloaded_');
    expect(md).toContain('_Interrupted: the app closed while this answer was streaming._');
    expect(md.endsWith('\n')).toBe(true);
    // The transcript's own separators are one blank line; blank lines inside a prompt or an answer are theirs.
    expect(md).not.toMatch(/\n{3}/);
  });

  it('writes a tiny temperature in its settings line as the pane label does, not in exponent form', () => {
    const tiny = savedSession('Tiny', [{ id: 'a', config: { model: 'gemini-3-flash-preview', temperature: 1e-7 }, turns: [turn('Hi', 'Hello')] }]);
    expect(transcriptMarkdown(tiny)).toContain('temperature 0.0000001');
  });

  it('writes one pane without pane headings, and refuses a pane that does not exist', () => {
    const md = transcriptMarkdown(session, 1);
    expect(md).not.toContain('Pane 1');
    expect(md).toContain('## You\n\nI have 2 dogs.');
    expect(md).toContain('Wow');
    expect(md).not.toContain('Nice!');
    expect(() => transcriptMarkdown(session, 5)).toThrow(RangeError);
  });

  it('writes a repeat run with its spread and every answer, and the blind ratings as a table', () => {
    const sample = (id: string, text: string, totalMs: number, status: 'done' | 'failed' = 'done') => ({
      id,
      status,
      text,
      thought: '',
      config: { model: 'gemini-3-flash-preview' },
      startedAt: AT,
      metrics: { totalMs, usage: { total_output_tokens: text.length } },
      ...(status === 'failed' ? { error: { code: 'RATE_LIMITED', message: 'Slow down', retryable: true } } : {}),
    });
    const withRuns: Session = structuredClone(session);
    withRuns.panes[0]!.turns[0]!.samples = [sample('s1', 'red green', 100), sample('s2', 'red blue sky', 300), sample('s3', '', 50, 'failed')];
    const side = (paneId: string) => ({ paneId, label: paneId === 'a' ? 'old name' : 'Hot', turnId: `t-${paneId}` });
    withRuns.experiments = {
      ratings: [
        { id: 'r1', at: AT, turn: 0, a: side('a'), b: side('b'), winner: 'a' },
        { id: 'r2', at: AT, turn: 0, sample: 0, a: side('b'), b: side('a'), winner: 'tie' },
        // A verdict on an answer that was regenerated since: it judged another text, and is left out.
        { id: 'r3', at: AT, turn: 0, a: { ...side('b'), turnId: withRuns.panes[1]!.turns[0]!.id, answer: 'an-answer-since-replaced' }, b: side('a'), winner: 'a' },
      ],
    };
    const md = transcriptMarkdown(withRuns);
    expect(md).toContain('**Repeat run: 3 more answers to this prompt** (2 finished)');
    expect(md).toContain('_Median (range): length 11 chars (9–12) · total time 200 ms (100–300) · output tokens 11 (9–12) · word overlap 0.25_');
    expect(md).toContain('#### Answer 2 of 3\n\nred blue sky');
    expect(md).toContain('#### Answer 3 of 3\n\n_Failed: Slow down_');
    expect(md).toContain('## Blind ratings\n\n_2 ratings; ties count half; 95 % Wilson interval._');
    // Current names; the win rate with ties counted half.
    expect(md).toContain('| T=0.2 · system="Be brief. Very." | 75 % |');
    expect(md).toContain('| Hot | 25 % |');
    expect(md).toContain('| 1 – 0 – 1 |');
    // One pane alone: its runs, but no ratings (they compare panes).
    expect(transcriptMarkdown(withRuns, 0)).not.toContain('Blind ratings');
    expect(transcriptMarkdown(withRuns, 0)).toContain('### Answer 1 of 3');
  });
});

describe('transcriptMarkdown attachments', () => {
  it('names each attachment of a prompt by its kind, not every one an image', () => {
    const file = (name: string, mimeType: string, n: number) => ({ name, mimeType, size: n * 700_000, sha256: String(n).repeat(64) });
    const withFiles: Session = structuredClone(session);
    withFiles.panes[0]!.turns[0]!.input = {
      text: 'What is in these?',
      images: [file('report.pdf', 'application/pdf', 1), file('clip.mp4', 'video/mp4', 2), file('a.png', 'image/png', 3), file('talk.mp3', 'audio/mp3', 4)],
    };
    const md = transcriptMarkdown(withFiles, 0);
    expect(md).toContain(
      'What is in these?\n\n_[PDF: report.pdf, 684 KB]_\n\n_[video: clip.mp4, 1.3 MB]_\n\n_[image: a.png, 2 MB]_\n\n_[audio file: talk.mp3, 2.7 MB]_\n\n',
    );
  });
});

describe('transcriptMarkdown keeps prompts and answers as written', () => {
  const onePane = (turns: SavedTurn[]) => savedSession('t', [{ id: 'a', config: { model: 'gemini-3-flash-preview' }, turns }]);

  it('keeps the blank lines inside an answer, and one blank line between its own sections', () => {
    const code = '```python\nimport os\n\n\ndef a():\n    pass\n\n\ndef b():\n    pass\n```';
    const md = transcriptMarkdown(onePane([turn('write code\n\n\n', `${code}\n\n\n`)]));
    expect(md).toContain(code);
    expect(md).toContain('## You\n\nwrite code\n\n## Gemini (gemini-3-flash-preview)\n\n```python');
    expect(md.replace(code, 'CODE')).not.toMatch(/\n{3}/);
  });

  it('closes a fence an answer was stopped inside, so what follows is not code', () => {
    const md = transcriptMarkdown(
      onePane([
        turn('code', 'Here:\n\n```js\nconst a = 1;', { status: 'stopped' }),
        turn('tildes', '~~~~md\n```\nnot the end\n~~~', { status: 'stopped' }),
        turn('in a list', '1. Run:\n\n   ```sh\n   npm i', { status: 'stopped' }),
        turn('inline', 'Use ```x``` here.'),
        turn('last question', 'Last answer'),
      ]),
    );
    const html = marked.parse(md, { async: false });
    expect(html).toContain('<code class="language-js">const a = 1;\n</code>');
    expect(html).toContain('<code class="language-md">```\nnot the end\n~~~\n</code>');
    expect(html).toContain('<code class="language-sh">npm i\n</code>');
    expect(html.match(/<h2>You<\/h2>/g)).toHaveLength(5);
    expect(html).toContain('<h2>You</h2>\n<p>last question</p>');
    expect(html.match(/<em>Stopped before the answer was complete.<\/em>/g)).toHaveLength(3);
  });

  it("closes a fence a repeat run's answer was stopped inside", () => {
    const sample = { id: 's1', status: 'stopped' as const, text: '````\n```\ncode', thought: '', config: { model: 'gemini-3-flash-preview' }, startedAt: AT };
    const md = transcriptMarkdown(onePane([turn('q', 'a', { samples: [sample] }), turn('next', 'b')]));
    expect(marked.parse(md, { async: false })).toContain('<h2>You</h2>\n<p>next</p>');
  });
});
