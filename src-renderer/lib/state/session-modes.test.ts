// @vitest-environment jsdom
// SessionState with a saved session: history per mode, sessionId on every turn, the save hook at turn end, edit last.
import { describe, expect, it, vi } from 'vitest';
import type { StartTurnRequest } from '../../../src-shared/domain';
import { MAX_BRANCHES } from '../../../src-shared/limits';
import type { Step } from '../../../src-shared/interactions';
import { createApi } from '../api';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { restoreTurn, turnToSaved } from './saved';
import { SessionState } from './session.svelte';

const steps: Step[] = [{ type: 'thought', signature: 'SIG' } as Step, { type: 'model_output', content: [{ type: 'text', text: 'Hi!' }] } as Step];

function setup() {
  const fake = new FakeBridge();
  const onTurnEnded = vi.fn();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: new ManualFrames(), onTurnEnded });
  session.connect();
  session.sessionId = 'sess-1';
  return { fake, session, onTurnEnded, pane: session.panes[0]! };
}

async function turn(s: ReturnType<typeof setup>, text: string, id: string) {
  s.session.composer.text = text;
  await s.session.send();
  const t = s.pane.turns.at(-1)!;
  s.fake.emit({ type: 'done', requestId: t.requestId!, paneId: s.pane.id, interactionId: id, status: 'completed', steps, metrics: { totalMs: 5 }, interaction: { id } as never });
}

const requests = (s: ReturnType<typeof setup>) => s.fake.callsOf('start') as StartTurnRequest[];

describe('history modes and saving hooks', () => {
  it('server mode: sessionId and previous_interaction_id; the save hook runs when each turn ends', async () => {
    const s = setup();
    await turn(s, 'one', 'v1_A');
    await turn(s, 'two', 'v1_B');
    const [first, second] = requests(s);
    expect(first!.sessionId).toBe('sess-1');
    expect(first!.panes[0]!.history).toBeUndefined();
    expect(second!.panes[0]!.history).toEqual({ mode: 'server', previousInteractionId: 'v1_A' });
    expect(s.onTurnEnded).toHaveBeenCalledTimes(2);
  });

  it('stateless mode: every step of the earlier turns, from the first turn on', async () => {
    const s = setup();
    s.session.historyMode = 'stateless';
    await turn(s, 'one', 'v1_A');
    await turn(s, 'two', 'v1_B');
    const [first, second] = requests(s);
    expect(first!.panes[0]!.history).toEqual({ mode: 'stateless', steps: [] });
    expect(second!.panes[0]!.history).toEqual({
      mode: 'stateless',
      steps: [{ type: 'user_input', content: [{ type: 'text', text: 'one' }] }, ...steps],
    });
  });

  /** A second turn, started as chained from the first (v1_A). */
  async function chainedSecondTurn() {
    const s = setup();
    await turn(s, 'one', 'v1_A');
    s.session.composer.text = 'two';
    await s.session.send();
    const second = s.pane.turns[1]!;
    const sent = { method: 'POST' as const, url: 'http://fake/v1beta/interactions', headers: {}, body: { previous_interaction_id: 'v1_A' } };
    s.fake.emit({ type: 'started', requestId: second.requestId!, paneId: s.pane.id, request: sent });
    return { s, second };
  }

  it('server mode: when the server has forgotten the earlier turn, the turn goes again once with the whole conversation', async () => {
    const { s, second } = await chainedSecondTurn();
    const gone = { code: 'INTERACTION_GONE' as const, message: 'The server no longer keeps the interaction v1_A this turn continues.', retryable: false };
    s.fake.emit({ type: 'error', requestId: second.requestId!, paneId: s.pane.id, error: gone, partial: false, steps: [], metrics: { totalMs: 3 } });
    await vi.waitFor(() => expect(requests(s)).toHaveLength(3));
    const again = requests(s)[2]!;
    expect(again.panes[0]!.requestId).toBe(second.id);
    expect(again.panes[0]!.history).toEqual({ mode: 'stateless', steps: [{ type: 'user_input', content: [{ type: 'text', text: 'one' }] }, ...steps] });
    await vi.waitFor(() => expect(second.note).toContain('sent with the whole conversation'));
    expect(second.status).toBe('waiting');
    // The failed attempt did not count as an ended turn; the retried one will.
    expect(s.onTurnEnded).toHaveBeenCalledTimes(1);

    // If that fails as well, it is shown, and not retried again.
    s.fake.emit({ type: 'error', requestId: second.requestId!, paneId: s.pane.id, error: gone, partial: false, steps: [], metrics: { totalMs: 3 } });
    expect(second.status).toBe('failed');
    expect(requests(s)).toHaveLength(3);
  });

  it('server mode: a turn sent with store:false is still not chained from once saved and reopened', async () => {
    const s = setup();
    s.session.composer.text = 'one';
    await s.session.send();
    const t = s.pane.turns[0]!;
    s.fake.emit({ type: 'started', requestId: t.requestId!, paneId: s.pane.id, request: { method: 'POST', url: 'u', headers: {}, body: { store: false } } });
    s.fake.emit({ type: 'done', requestId: t.requestId!, paneId: s.pane.id, interactionId: 'v1_A', status: 'completed', steps, metrics: { totalMs: 5 }, interaction: { id: 'v1_A' } as never });
    s.pane.turns = [restoreTurn(JSON.parse(JSON.stringify(turnToSaved(t))), new ManualFrames())];
    expect(s.pane.turns[0]!.stored).toBe(false);
    expect(s.pane.historyFor()).toMatchObject({ mode: 'stateless' });
  });

  it('server mode: a NOT_FOUND on a chained turn (a wrong or retired model) is shown, and the earlier turns stay on the server', async () => {
    const { s, second } = await chainedSecondTurn();
    const model = { code: 'NOT_FOUND' as const, message: 'Not found: models/gemini-0 is not found. Check the model name.', retryable: false };
    s.fake.emit({ type: 'error', requestId: second.requestId!, paneId: s.pane.id, error: model, partial: false, steps: [], metrics: { totalMs: 3 } });
    expect(second.status).toBe('failed');
    expect(requests(s)).toHaveLength(2);
    expect(s.pane.turns[0]!.stored).not.toBe(false);
  });

  it('a NOT_FOUND without a chained turn (an unknown model) is shown as it is', async () => {
    const s = setup();
    s.session.composer.text = 'one';
    await s.session.send();
    const first = s.pane.turns[0]!;
    s.fake.emit({ type: 'error', requestId: first.requestId!, paneId: s.pane.id, error: { code: 'NOT_FOUND', message: 'Model not found', retryable: false }, partial: false, steps: [], metrics: { totalMs: 3 } });
    expect(first.status).toBe('failed');
    expect(requests(s)).toHaveLength(1);
  });

  it('edit last prompt: the text comes back, and sending forks there (the first version kept as a branch) with history before it', async () => {
    const s = setup();
    await turn(s, 'one', 'v1_A');
    await turn(s, 'two', 'v1_B');
    expect(s.session.editLast()).toBe(true);
    expect(s.session.composer.text).toBe('two');
    s.session.composer.text = 'two, edited';
    await s.session.send();
    expect(s.pane.turns.map((t) => t.input.text)).toEqual(['one', 'two, edited']);
    expect(requests(s)[2]!.panes[0]!.history).toEqual({ mode: 'server', previousInteractionId: 'v1_A' });
    expect(s.session.composer.editing).toBeUndefined();
    expect(s.pane.branchAt(1)).toEqual({ position: 1, count: 2 });
    expect(s.pane.forks.flatMap((f) => f.others.flat().map((t) => t.input.text))).toEqual(['two']);
  });

  it('edit last prompt: at the most versions a session keeps, sending is refused and the edited text stays', async () => {
    const s = setup();
    await turn(s, 'one', 'v1_A');
    for (let i = 0; i <= MAX_BRANCHES; i++) {
      s.session.editLast();
      s.session.composer.text = `one, version ${i}`;
      await s.session.send();
      const t = s.pane.turns.at(-1)!;
      s.fake.emit({ type: 'done', requestId: t.requestId!, paneId: s.pane.id, interactionId: `v${i}`, status: 'completed', steps, metrics: { totalMs: 5 }, interaction: { id: `v${i}` } as never });
    }
    expect(s.pane.branchAt(0)?.count).toBe(MAX_BRANCHES + 1);
    const sent = requests(s).length;
    s.session.editLast();
    s.session.composer.text = 'one more';
    await s.session.send();
    expect(requests(s)).toHaveLength(sent);
    expect(s.session.composer.error).toMatch(/already has 101 versions/);
    expect(s.session.composer.text).toBe('one more');
  });
});
