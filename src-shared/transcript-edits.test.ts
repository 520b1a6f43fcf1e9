// The transcript follows the chosen branch and says which turns were written or edited by hand.
import { describe, expect, it } from 'vitest';
import { doneTurn as turn, savedSession } from '../test-support/shared/saved-turns';
import { transcriptMarkdown } from './transcript';

const session = savedSession('Edits', [
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
]);

describe('transcript of an edited conversation', () => {
  it('writes the followed branch with examples and hand edits marked, and not the branches set aside', () => {
    const md = transcriptMarkdown(session);
    expect(md).toContain('## You (example)\n\nQ: 1 cat?\n\n## Example answer\n\nA: 4 paws.\n');
    expect(md).toContain('## You (edited)\n\nI have 3 dogs.\n\n## Gemini (gemini-3-flash-preview, edited by hand)\n\nTwelve paws [1].\n');
    expect(md).not.toContain('Secret branch');
    expect(md).not.toContain('https://x.test');
  });
});
