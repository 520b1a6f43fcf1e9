// The transcript follows the chosen branch and says which turns were written or edited by hand.
import { describe, expect, it } from 'vitest';
import { SESSION_VERSION, type SavedTurn, type Session } from './session';
import { transcriptMarkdown } from './transcript';

const AT = '2026-11-27T10:00:00.000Z';
const turn = (id: string, text: string, answer: string, extra: Partial<SavedTurn> = {}): SavedTurn => ({
  id,
  input: { text },
  config: { model: 'gemini-3-flash-preview' },
  status: 'done',
  text: answer,
  thought: '',
  steps: [],
  startedAt: AT,
  ...extra,
});

const session: Session = {
  version: SESSION_VERSION,
  id: 's',
  title: 'Edits',
  createdAt: AT,
  updatedAt: AT,
  historyMode: 'server',
  panes: [
    {
      id: 'a',
      config: { model: 'gemini-3-flash-preview' },
      turns: [
        turn('ex', 'Q: 1 cat?', 'A: 4 paws.', { example: true }),
        turn('t2', 'I have 3 dogs.', 'Twelve paws [1].', {
          original: { prompt: 'I have 2 dogs.', answer: 'Eight paws.' },
          steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Eight paws.', annotations: [{ type: 'url_citation', url: 'https://x.test', start_index: 0, end_index: 5 }] }] }],
        }),
      ],
      forks: [{ parentTurnId: 'ex', position: 1, others: [[turn('t1', 'I have 2 dogs.', 'Eight paws.'), turn('t3', 'Secret branch', 'Hidden')]] }],
    },
  ],
};

describe('transcript of an edited conversation', () => {
  it('writes the followed branch with examples and hand edits marked, and not the branches set aside', () => {
    const md = transcriptMarkdown(session);
    expect(md).toContain('## You (example)\n\nQ: 1 cat?\n\n## Example answer\n\nA: 4 paws.\n');
    expect(md).toContain('## You (edited)\n\nI have 3 dogs.\n\n## Gemini (gemini-3-flash-preview, edited by hand)\n\nTwelve paws [1].\n');
    expect(md).not.toContain('Secret branch');
    expect(md).not.toContain('https://x.test');
  });
});
