// History after hand edits: an edited prompt or answer, or a hand-written example, is sent in full (never chained
// from the server's copy of the original), with the edited text in place of the model's.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../src-shared/interactions';
import { continuationHistory } from './function-calls';
import { buildHistory, type HistoryTurn } from './history';

const thought: Step = { type: 'thought', signature: 'SIG-1' } as Step;
const output = (text: string): Step => ({ type: 'model_output', content: [{ type: 'text', text }] }) as Step;
const user = (text: string): Step => ({ type: 'user_input', content: [{ type: 'text', text }] }) as Step;
const call: Step = { type: 'function_call', id: 'c1', name: 'weather', arguments: {} } as Step;
const result: Step = { type: 'function_result', call_id: 'c1', result: '{"t":20}' } as Step;

const first: HistoryTurn = { input: { text: 'I have 2 dogs.' }, status: 'done', steps: [thought, output('Lovely!')], interactionId: 'v1_A', text: 'Lovely!' };
const second: HistoryTurn = { input: { text: 'How many paws?' }, status: 'done', steps: [output('Eight.')], interactionId: 'v1_B', text: 'Eight.' };

describe('history after hand edits', () => {
  it('server mode chains while nothing was edited', () => {
    expect(buildHistory([first, second], 2, 'server')).toEqual({ mode: 'server', previousInteractionId: 'v1_B' });
  });

  it('an edited earlier prompt sends the whole edited history, not the server chain', () => {
    const edited = { ...first, input: { text: 'I have 3 dogs.' }, original: { prompt: 'I have 2 dogs.' } };
    expect(buildHistory([edited, second], 2, 'server')).toEqual({
      mode: 'stateless',
      steps: [user('I have 3 dogs.'), thought, output('Lovely!'), user('How many paws?'), output('Eight.')],
    });
  });

  it('a turn resent from an edit goes stateless itself, even with nothing before it', () => {
    const resent = { ...first, original: { prompt: 'I have 2 dogs.' } };
    expect(buildHistory([resent], 0, 'server')).toEqual({ mode: 'stateless', steps: [] });
    expect(buildHistory([first], 0, 'server')).toEqual({ mode: 'none' });
  });

  it('an edited answer replaces the model output after its tool steps; thoughts and function rounds stay', () => {
    const edited: HistoryTurn = { ...first, steps: [thought, call, result, output('Sunny.')], text: 'Rainy, 20°.', original: { answer: 'Sunny.' } };
    expect(buildHistory([edited], 1, 'server')).toEqual({
      mode: 'stateless',
      steps: [user('I have 2 dogs.'), thought, call, result, output('Rainy, 20°.')],
    });
  });

  it('an edited prompt keeps its images in the history: the edit changes the text only', () => {
    const image = { sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'cat.png', size: 70 };
    const edited: HistoryTurn = { ...first, input: { text: 'What is this?', images: [image] }, original: { prompt: 'And this?' } };
    const history = buildHistory([edited], 1, 'server');
    expect(history.mode).toBe('stateless');
    const content = history.mode === 'stateless' ? (history.steps[0] as { content: { type: string; text?: string }[] }).content : [];
    expect(content).toHaveLength(2);
    expect(content[0]).toEqual({ type: 'text', text: 'What is this?' });
    expect(JSON.stringify(content[1])).toContain('a'.repeat(64));
  });

    it('a hand-written example is a user_input and a model_output of its text, never chained from', () => {
    const example: HistoryTurn = { input: { text: 'Q: 2+2' }, status: 'done', steps: [], text: 'A: 4', example: true };
    expect(buildHistory([example, second], 2, 'server')).toEqual({
      mode: 'stateless',
      steps: [user('Q: 2+2'), output('A: 4'), user('How many paws?'), output('Eight.')],
    });
    expect(buildHistory([example], 1, 'stateless')).toEqual({ mode: 'stateless', steps: [user('Q: 2+2'), output('A: 4')] });
  });

  it('function results after an edit go with the whole history too', () => {
    const example: HistoryTurn = { input: { text: 'Q' }, status: 'done', steps: [], text: 'A', example: true };
    const asking: HistoryTurn = { input: { text: 'Weather?' }, status: 'done', steps: [call], interactionId: 'v1_C', text: '' };
    expect(continuationHistory([example, asking], 1, asking, 'server')).toEqual({ mode: 'stateless', steps: [user('Q'), output('A'), user('Weather?'), call] });
    expect(continuationHistory([first, asking], 1, asking, 'server')).toEqual({ mode: 'server', previousInteractionId: 'v1_C' });
  });
});
