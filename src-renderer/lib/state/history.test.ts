// History per mode: previous_interaction_id from the last answered turn, or every step with signatures.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../src-shared/interactions';
import { buildHistory, type HistoryTurn } from './history';

const thought: Step = { type: 'thought', signature: 'SIG-1' } as Step;
const output = (text: string): Step => ({ type: 'model_output', content: [{ type: 'text', text }] }) as Step;
const user = (text: string): Step => ({ type: 'user_input', content: [{ type: 'text', text }] }) as Step;

const turns: HistoryTurn[] = [
  { input: { text: 'I have 2 dogs.' }, status: 'done', steps: [thought, output('Lovely!')], interactionId: 'v1_A' },
  { input: { text: 'Broken one' }, status: 'failed', steps: [output('Half')] },
  { input: { text: 'How many paws?' }, status: 'done', steps: [user('How many paws?'), output('Eight.')], interactionId: 'v1_B' },
];

describe('buildHistory', () => {
  it('has nothing before the first turn; stateless still says so, so the first turn is sent with store:false', () => {
    expect(buildHistory(turns, 0, 'server')).toEqual({ mode: 'none' });
    expect(buildHistory([turns[1]!], 1, 'server')).toEqual({ mode: 'none' });
    expect(buildHistory(turns, 0, 'stateless')).toEqual({ mode: 'stateless', steps: [] });
    expect(buildHistory([turns[1]!], 1, 'stateless')).toEqual({ mode: 'stateless', steps: [] });
  });

  it('server: chains from the last answered turn before the index', () => {
    expect(buildHistory(turns, 3, 'server')).toEqual({ mode: 'server', previousInteractionId: 'v1_B' });
    // Re-running turn 3 (edit / regenerate) continues from turn 1, skipping the failed one.
    expect(buildHistory(turns, 2, 'server')).toEqual({ mode: 'server', previousInteractionId: 'v1_A' });
    expect(buildHistory(turns, 99, 'server')).toEqual({ mode: 'server', previousInteractionId: 'v1_B' });
  });

  it('stateless: user_input then every returned step, signatures kept, failed turns and echoed prompts left out', () => {
    expect(buildHistory(turns, 3, 'stateless')).toEqual({
      mode: 'stateless',
      steps: [user('I have 2 dogs.'), thought, output('Lovely!'), user('How many paws?'), output('Eight.')],
    });
    expect(buildHistory(turns, 1, 'stateless')).toEqual({ mode: 'stateless', steps: [user('I have 2 dogs.'), thought, output('Lovely!')] });
  });

  it('server mode after a stateless turn sends the history in full: nothing was stored to chain from', () => {
    const unstored: HistoryTurn[] = [{ ...turns[0]!, stored: false }];
    expect(buildHistory(unstored, 1, 'server')).toEqual({ mode: 'stateless', steps: [user('I have 2 dogs.'), thought, output('Lovely!')] });
  });
});
