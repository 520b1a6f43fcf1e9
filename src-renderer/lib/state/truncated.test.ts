// A turn whose answer main cut at the per-answer limit: the pane learns it from the delta at the cut (while
// the answer still streams) or from the terminal event, saves it with the turn, and shows it again after a restore.
import { describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../../src-shared/domain';
import { sessionSchema, SESSION_VERSION } from '../../../src-shared/session';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { restoreTurn, turnToSaved } from './saved';
import { TurnState } from './turn.svelte';

const ids = { requestId: 'r1', paneId: 'p1' };
const metrics = { totalMs: 10 };

function streaming(): TurnState {
  const turn = new TurnState('t1', { text: 'Write a lot' }, { model: 'gemini-3-flash-preview' }, new ManualFrames());
  turn.begin('r1', { model: 'gemini-3-flash-preview' });
  turn.apply({ type: 'started', ...ids, request: { method: 'POST', url: 'u', headers: {}, body: {} } });
  return turn;
}

describe('a truncated answer in the pane', () => {
  it('the delta at the cut marks the turn at once, still streaming; the done turn saves it and a restore shows it', () => {
    const turn = streaming();
    turn.apply({ type: 'delta', ...ids, text: 'first part' });
    expect(turn.truncatedAt).toBeUndefined();
    turn.apply({ type: 'delta', ...ids, truncatedAt: 200_000 });
    expect(turn.truncatedAt).toBe(200_000);
    expect(turn.status).toBe('streaming');
    turn.apply({ type: 'done', ...ids, interactionId: 'v1', status: 'completed', steps: [], metrics, interaction: { id: 'v1', status: 'completed' }, truncatedAt: 200_000 });

    const saved = turnToSaved(turn);
    expect(saved).toMatchObject({ status: 'done', text: 'first part', truncatedAt: 200_000 });
    const doc = { version: SESSION_VERSION, id: 's', title: 't', createdAt: saved.startedAt, updatedAt: saved.startedAt, historyMode: 'server', panes: [{ id: 'p1', config: saved.config, turns: [saved] }] };
    expect(sessionSchema.safeParse(doc).success).toBe(true);
    expect(restoreTurn(saved, new ManualFrames()).truncatedAt).toBe(200_000);
  });

  it.each<TurnEvent>([
    { type: 'error', ...ids, error: { code: 'NETWORK', message: 'cut', retryable: true }, partial: true, steps: [], metrics, truncatedAt: 200_000 },
    { type: 'cancelled', ...ids, partial: true, steps: [], metrics, truncatedAt: 200_000 },
  ])('a $type terminal event carries the cut too', (event) => {
    const turn = streaming();
    turn.apply(event);
    expect(turnToSaved(turn).truncatedAt).toBe(200_000);
  });

  it('a retry starts clean; an answer that was not cut saves no mark', () => {
    const turn = streaming();
    turn.apply({ type: 'delta', ...ids, truncatedAt: 200_000 });
    turn.apply({ type: 'cancelled', ...ids, partial: true, steps: [], metrics });
    turn.begin('r2', { model: 'gemini-3-flash-preview' });
    expect(turn.truncatedAt).toBeUndefined();
    expect('truncatedAt' in turnToSaved(turn)).toBe(false);
  });
});
