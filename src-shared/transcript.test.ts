import { describe, expect, it } from 'vitest';
import type { Session } from './session';
import { transcriptMarkdown } from './transcript';

const AT = '2026-11-27T10:00:00.000Z';
const turn = (text: string, answer: string, extra: Partial<Session['panes'][number]['turns'][number]> = {}) => ({
  id: `t-${text}`,
  input: { text },
  config: { model: 'gemini-3-flash-preview' },
  status: 'done' as const,
  text: answer,
  thought: '',
  steps: [],
  startedAt: AT,
  ...extra,
});

const session: Session = {
  version: 2,
  id: 's',
  title: 'Dogs\nand paws',
  createdAt: AT,
  updatedAt: AT,
  historyMode: 'server',
  panes: [
    {
      id: 'a',
      config: { model: 'gemini-3-flash-preview', temperature: 0.2, systemInstruction: 'Be brief.\nVery.' },
      turns: [turn('I have 2 dogs.', 'Nice!', { thought: 'Counting\n\nDone' }), turn('Paws?', 'Eig', { status: 'failed', error: { code: 'SERVER', message: 'Overloaded', retryable: true } })],
    },
    { id: 'b', label: 'Hot', config: { model: 'gemini-3-flash-preview', temperature: 1.5 }, turns: [turn('I have 2 dogs.', 'Wow', { status: 'interrupted' })] },
  ],
};

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
    expect(md).not.toMatch(/\n{3}/);
  });

  it('writes one pane without pane headings, and refuses a pane that does not exist', () => {
    const md = transcriptMarkdown(session, 1);
    expect(md).not.toContain('Pane 1');
    expect(md).toContain('## You\n\nI have 2 dogs.');
    expect(md).toContain('Wow');
    expect(md).not.toContain('Nice!');
    expect(() => transcriptMarkdown(session, 5)).toThrow(RangeError);
  });
});
