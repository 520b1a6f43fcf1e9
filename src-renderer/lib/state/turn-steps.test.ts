// Tool steps in a streaming turn: each finished step shows as its event arrives, in the answer's order; the text
// keeps streaming per frame without touching them; the terminal event's steps replace them.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../src-shared/interactions';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { TurnState } from './turn.svelte';

const ids = { requestId: 'r1', paneId: 'p1' };
const call: Step = { type: 'google_search_call', id: 'c1', arguments: { queries: ['q'] } };
const result: Step = { type: 'google_search_result', call_id: 'c1', result: [] };
const output: Step = { type: 'model_output', content: [{ type: 'text', text: 'Hi', annotations: [] }] };

function streaming(frames = new ManualFrames()): TurnState {
  const turn = new TurnState('t1', { text: 'Search' }, { model: 'gemini-3-flash-preview', googleSearch: true }, frames);
  turn.begin('r1', { model: 'gemini-3-flash-preview', googleSearch: true });
  turn.apply({ type: 'started', ...ids, request: { method: 'POST', url: 'u', headers: {}, body: {} } });
  return turn;
}

describe('steps of a streaming turn', () => {
  it('shows each step as it arrives, ordered by its index, a repeated index replacing the earlier one', () => {
    const turn = streaming();
    turn.apply({ type: 'step', ...ids, index: 2, step: result });
    expect(turn.steps).toEqual([result]);
    turn.apply({ type: 'step', ...ids, index: 1, step: call });
    expect(turn.steps).toEqual([call, result]);
    const again = { ...call, arguments: { queries: ['q', 'r'] } };
    turn.apply({ type: 'step', ...ids, index: 1, step: again });
    expect(turn.steps).toEqual([again, result]);
    expect(turn.status).toBe('streaming');
  });

  it('leaves the steps alone while text streams, and the terminal event’s steps replace them', () => {
    const frames = new ManualFrames();
    const turn = streaming(frames);
    turn.apply({ type: 'step', ...ids, index: 0, step: call });
    const shown = turn.steps;
    turn.apply({ type: 'delta', ...ids, text: 'H' });
    turn.apply({ type: 'delta', ...ids, text: 'i' });
    frames.flush();
    expect(turn.text).toBe('Hi');
    expect(turn.steps).toBe(shown);
    const final = [call, result, output];
    turn.apply({ type: 'done', ...ids, interactionId: 'v1', status: 'completed', steps: final, metrics: { totalMs: 5 }, interaction: { id: 'v1', status: 'completed' } });
    expect(turn.steps).toEqual(final);
  });

  it('starts a retry with no steps, and ignores steps of an attempt that ended', () => {
    const turn = streaming();
    turn.apply({ type: 'step', ...ids, index: 0, step: call });
    turn.apply({ type: 'cancelled', ...ids, partial: true, steps: [call], metrics: { totalMs: 1 } });
    turn.apply({ type: 'step', ...ids, index: 1, step: result });
    expect(turn.steps).toEqual([call]);
    turn.begin('r2', { model: 'gemini-3-flash-preview' });
    expect(turn.steps).toEqual([]);
    turn.apply({ type: 'started', ...ids, requestId: 'r2', request: { method: 'POST', url: 'u', headers: {}, body: {} } });
    turn.apply({ type: 'step', ...ids, requestId: 'r2', index: 3, step: result });
    expect(turn.steps).toEqual([result]);
  });

  it('keeps the steps shown when the turn ends with main’s short error, which carries none', () => {
    const turn = streaming();
    turn.apply({ type: 'step', ...ids, index: 0, step: call });
    turn.apply({ type: 'step', ...ids, index: 1, step: result });
    const error = { code: 'INTERNAL' as const, message: 'This answer could not be passed to the window.', retryable: true };
    turn.apply({ type: 'error', ...ids, error, partial: false, steps: [], metrics: { totalMs: 3 } });
    expect(turn.status).toBe('failed');
    expect(turn.steps).toEqual([call, result]);
  });
});
