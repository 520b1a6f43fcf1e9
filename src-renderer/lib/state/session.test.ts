// @vitest-environment jsdom
// SessionState against a fake bridge: sending, event routing by request id, stop, retry.
import { describe, expect, it, vi } from 'vitest';
import type { StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import { createApi } from '../api';
import { FakeBridge, noMetrics } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const SENT = { method: 'POST' as const, url: 'http://fake/v1beta/interactions', headers: { 'x-goog-api-key': '[redacted]' }, body: {} };

function setup() {
  const fake = new FakeBridge();
  const frames = new ManualFrames();
  const onNeedKey = vi.fn();
  const onTurnEnded = vi.fn();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: frames, onNeedKey, onTurnEnded });
  session.connect();
  const pane = session.panes[0]!;
  return { fake, frames, onNeedKey, onTurnEnded, session, pane };
}

async function sendPrompt(s: ReturnType<typeof setup>, text = 'Hello') {
  s.session.composer.text = text;
  await s.session.send();
  const turn = s.pane.turns.at(-1)!;
  return { turn, requestId: turn.requestId!, paneId: s.pane.id };
}

const ev = (e: TurnEvent) => e;

describe('sending a turn', () => {
  it('sends the prompt with the pane config, unset fields omitted, and clears the box', async () => {
    const s = setup();
    s.pane.settings.temperature = '';
    s.pane.settings.thinkingLevel = 'low';
    await sendPrompt(s, 'Explain SSE');
    const [request] = s.fake.callsOf('start') as StartTurnRequest[];
    const turnId = s.pane.turns[0]!.id;
    // The request is named after the turn it answers.
    expect(request).toEqual({ input: { text: 'Explain SSE' }, panes: [{ requestId: turnId, paneId: 'pane-1', config: { model: 'gemini-3-flash-preview', thinkingLevel: 'low' } }] });
    expect(s.pane.turns[0]!.requestId).toBe(turnId);
    expect(s.session.composer.text).toBe('');
    expect(s.pane.turns).toHaveLength(1);
    expect(s.pane.turns[0]!.input.text).toBe('Explain SSE');
    expect(s.pane.turns[0]!.status).toBe('waiting');
  });

  it('keeps the prompt and says why when main refuses to start (NO_KEY)', async () => {
    const s = setup();
    s.fake.handlers.start = () => ({ error: { code: 'NO_KEY', message: 'No API key is set.' } });
    s.session.composer.text = 'keep me';
    await s.session.send();
    expect(s.session.composer.text).toBe('keep me');
    expect(s.session.composer.error).toContain('No API key');
    expect(s.onNeedKey).toHaveBeenCalledOnce();
    expect(s.pane.turns).toHaveLength(0);
  });

  it('keeps the prompt on BAD_REQUEST and shows main’s reason', async () => {
    const s = setup();
    s.fake.handlers.start = () => ({ error: { code: 'BAD_REQUEST', message: 'input.text: too long' } });
    s.session.composer.text = 'keep me';
    await s.session.send();
    expect(s.session.composer.text).toBe('keep me');
    expect(s.session.composer.error).toBe('Could not send: input.text: too long');
  });

  it('does not send while a setting is invalid, and keeps what was typed', async () => {
    const s = setup();
    s.pane.settings.temperature = '3';
    s.pane.settingsOpen = false;
    s.session.composer.text = 'hi';
    await s.session.send();
    expect(s.fake.callsOf('start')).toHaveLength(0);
    expect(s.session.composer.error).toMatch(/settings/);
    expect(s.pane.settings.temperature).toBe('3');
    expect(s.pane.settingsOpen).toBe(true);
  });

  it('does not send an empty prompt', async () => {
    const s = setup();
    s.session.composer.text = '   ';
    expect(s.session.canSend).toBe(false);
    await s.session.send();
    expect(s.fake.callsOf('start')).toHaveLength(0);
  });

  it('continues the conversation from the last answered turn', async () => {
    const s = setup();
    const first = await sendPrompt(s, 'one');
    s.fake.emit(ev({ type: 'done', ...first, interactionId: 'int-1', status: 'completed', steps: [], metrics: noMetrics, interaction: { id: 'int-1', status: 'completed' } }));
    await sendPrompt(s, 'two');
    const requests = s.fake.callsOf('start') as StartTurnRequest[];
    expect(requests[0]!.panes[0]!.history).toBeUndefined();
    expect(requests[1]!.panes[0]!.history).toEqual({ mode: 'server', previousInteractionId: 'int-1' });
  });
});

describe('routing turn events', () => {
  it('streams deltas into the turn once per frame, then finishes with metrics', async () => {
    const s = setup();
    const { turn, requestId, paneId } = await sendPrompt(s);
    s.fake.emit(ev({ type: 'started', requestId, paneId, request: SENT }));
    expect(turn.status).toBe('streaming');
    expect(turn.request).toEqual(SENT);

    s.fake.emit(ev({ type: 'delta', requestId, paneId, thought: 'Planning. ' }));
    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: 'Hel' }));
    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: 'lo' }));
    expect(turn.text).toBe('');
    expect(s.frames.pending).toBe(1);
    s.frames.flush();
    expect(turn.text).toBe('Hello');
    expect(turn.thought).toBe('Planning. ');

    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: ' world' }));
    const metrics = { totalMs: 1200, timeToFirstTokenMs: 300, tokensPerSecond: 40, usage: { total_output_tokens: 3 } };
    s.fake.emit(ev({ type: 'done', requestId, paneId, interactionId: 'int-9', status: 'completed', steps: [], metrics, interaction: { id: 'int-9', status: 'completed' } }));
    expect(turn.text).toBe('Hello world');
    expect(turn.status).toBe('done');
    expect(turn.metrics).toEqual(metrics);
    expect(turn.interactionId).toBe('int-9');
    expect(s.session.busy).toBe(false);
    expect(s.frames.pending).toBe(0);
  });

  it('ignores events of other requests and anything after the terminal event', async () => {
    const s = setup();
    const { turn, requestId, paneId } = await sendPrompt(s);
    s.fake.emit(ev({ type: 'delta', requestId: 'someone-else', paneId, text: 'nope' }));
    s.fake.emit(ev({ type: 'delta', requestId, paneId: 'pane-9', text: 'nope' }));
    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: 'yes' }));
    s.fake.emit(ev({ type: 'cancelled', requestId, paneId, partial: true, steps: [], metrics: noMetrics }));
    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: ' late' }));
    s.fake.emit(ev({ type: 'error', requestId, paneId, partial: true, steps: [], metrics: noMetrics, error: { code: 'NETWORK', message: 'x', retryable: true } }));
    s.frames.flush();
    expect(turn.text).toBe('yes');
    expect(turn.status).toBe('stopped');
    expect(turn.error).toBeUndefined();
  });

  it('takes events that arrive before start has answered: the route is there before main is asked', async () => {
    const s = setup();
    s.fake.handlers.start = (request) => {
      // main may emit before the invoke reply reaches the renderer
      const { requestId, paneId } = request.panes[0]!;
      s.fake.emit(ev({ type: 'started', requestId, paneId, request: SENT }));
      s.fake.emit(ev({ type: 'delta', requestId, paneId, text: 'fast' }));
    };
    const { turn } = await sendPrompt(s);
    s.frames.flush();
    expect(turn.status).toBe('streaming');
    expect(turn.text).toBe('fast');
  });

  it('a turn that ends before start has answered is in its pane, failed, when its end is told (the save)', async () => {
    const s = setup();
    let placedAtEnd: boolean[] = [];
    s.onTurnEnded.mockImplementation(() => (placedAtEnd = s.pane.turns.map((t) => t.status === 'failed')));
    s.fake.handlers.start = (request) => {
      const { requestId, paneId } = request.panes[0]!;
      s.fake.emit(ev({ type: 'error', requestId, paneId, partial: false, steps: [], metrics: noMetrics, error: { code: 'BAD_KEY', message: 'bad key', retryable: false } }));
    };
    const { turn } = await sendPrompt(s);
    expect(turn.status).toBe('failed');
    expect(turn.error?.code).toBe('BAD_KEY');
    expect(s.onTurnEnded).toHaveBeenCalledOnce();
    expect(placedAtEnd).toEqual([true]);
  });

  it('a start main refuses leaves no route: its id\'s events go nowhere', async () => {
    const s = setup();
    s.fake.handlers.start = () => ({ error: { code: 'BAD_REQUEST', message: 'The request is already running' } });
    s.session.composer.text = 'refused';
    await s.session.send();
    const [request] = s.fake.callsOf('start') as StartTurnRequest[];
    const { requestId, paneId } = request!.panes[0]!;
    s.fake.emit(ev({ type: 'error', requestId, paneId, partial: false, steps: [], metrics: noMetrics, error: { code: 'NETWORK', message: 'x', retryable: true } }));
    expect(s.pane.turns).toHaveLength(0);
    expect(s.onTurnEnded).not.toHaveBeenCalled();
  });

  it('keeps the partial answer on an error and shows the error', async () => {
    const s = setup();
    const { turn, requestId, paneId } = await sendPrompt(s);
    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: 'Half an ans' }));
    s.fake.emit(ev({
      type: 'error', requestId, paneId, partial: true, steps: [], metrics: noMetrics,
      error: { code: 'INTERRUPTED', message: 'stream ended early', retryable: true },
    }));
    expect(turn.status).toBe('failed');
    expect(turn.text).toBe('Half an ans');
    expect(turn.partial).toBe(true);
    expect(turn.error?.code).toBe('INTERRUPTED');
  });

  it('shows retrying until the first delta', async () => {
    const s = setup();
    const { turn, requestId, paneId } = await sendPrompt(s);
    s.fake.emit(ev({ type: 'retrying', requestId, paneId, attempt: 1, delayMs: 4000, reason: '429' }));
    expect(turn.retrying).toEqual({ attempt: 1, delayMs: 4000, reason: '429' });
    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: 'ok' }));
    expect(turn.retrying).toBeUndefined();
  });

  it("a retry that succeeded stops showing as retrying at the new attempt's first event, a tool step or a thought, not only at text", async () => {
    const s = setup();
    const { turn, requestId, paneId } = await sendPrompt(s);
    s.fake.emit(ev({ type: 'retrying', requestId, paneId, attempt: 1, delayMs: 500, reason: '503' }));
    const step = { type: 'google_search_call', id: 'c1', arguments: { queries: ['x'] } };
    s.fake.emit(ev({ type: 'step', requestId, paneId, index: 0, step }));
    expect(turn.retrying).toBeUndefined();
    // Main says the new attempt is answering with a delta that carries nothing yet (a model thinking in silence).
    s.fake.emit(ev({ type: 'retrying', requestId, paneId, attempt: 2, delayMs: 500, reason: '503' }));
    s.fake.emit(ev({ type: 'delta', requestId, paneId }));
    expect(turn.retrying).toBeUndefined();
    expect(turn.text).toBe('');
  });

  it('takes the answer from the steps when no delta carried it', async () => {
    const s = setup();
    const { turn, requestId, paneId } = await sendPrompt(s);
    const steps = [{ type: 'model_output', content: [{ type: 'text' as const, text: 'From steps' }] }];
    s.fake.emit(ev({ type: 'done', requestId, paneId, interactionId: 'i', status: 'completed', steps, metrics: noMetrics, interaction: { id: 'i', status: 'completed' } }));
    expect(turn.text).toBe('From steps');
    // The steps come once; the raw view shows the interaction with them.
    expect(turn.interaction).toEqual({ id: 'i', status: 'completed', steps });
  });
});

describe('stopping and retrying', () => {
  it('stops every streaming request and keeps the partial answer', async () => {
    const s = setup();
    const { turn, requestId, paneId } = await sendPrompt(s);
    s.fake.emit(ev({ type: 'delta', requestId, paneId, text: 'partial' }));
    await s.session.stop();
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: [requestId] }]);
    expect(turn.stopping).toBe(true);
    s.fake.emit(ev({ type: 'cancelled', requestId, paneId, partial: true, steps: [], metrics: noMetrics }));
    expect(turn.status).toBe('stopped');
    expect(turn.stopping).toBe(false);
    expect(turn.text).toBe('partial');
  });

  it('does nothing when nothing streams', async () => {
    const s = setup();
    await s.session.stop();
    expect(s.fake.callsOf('cancelTurn')).toHaveLength(0);
  });

  it('retries a failed turn in place with the same input and the current settings', async () => {
    const s = setup();
    const first = await sendPrompt(s, 'same question');
    s.fake.emit(ev({
      type: 'error', ...first, partial: false, steps: [], metrics: noMetrics,
      error: { code: 'NOT_FOUND', message: 'model not found', retryable: false },
    }));
    s.pane.settings.model = 'gemini-2.5-flash';
    await s.session.retry(s.pane.id, first.turn.id);
    const requests = s.fake.callsOf('start') as StartTurnRequest[];
    expect(requests).toHaveLength(2);
    // Retried in place: the same turn id (and so request id, the first having ended), so a saved session keeps one turn.
    // Named as the newer attempt: main's journal of it wins over a save still holding the failure (inflight-recovery.ts).
    expect(requests[1]).toEqual({ input: { text: 'same question' }, panes: [{ requestId: first.turn.id, paneId: 'pane-1', config: { model: 'gemini-2.5-flash' }, replaces: first.turn.id }] });
    expect(s.pane.turns).toHaveLength(1);
    const turn = s.pane.turns[0]!;
    expect(turn.status).toBe('waiting');
    expect(turn.error).toBeUndefined();
    expect(turn.requestId).toBe(first.turn.id);
    s.fake.emit(ev({ type: 'delta', requestId: turn.requestId!, paneId: 'pane-1', text: 'second try' }));
    s.frames.flush();
    expect(turn.text).toBe('second try');
  });

  it('Stop while a retry is starting: the turn stops at once, main is told to cancel it once it has it, and hears no more of it', async () => {
    const s = setup();
    const first = await sendPrompt(s);
    s.fake.emit(ev({ type: 'error', ...first, partial: false, steps: [], metrics: noMetrics, error: { code: 'SERVER', message: 'x', retryable: true } }));
    s.onTurnEnded.mockClear();
    let answer!: () => void;
    s.fake.handlers.start = () => new Promise<undefined>((resolve) => (answer = () => resolve(undefined)));
    const retrying = s.session.retry(s.pane.id, first.turn.id);
    await s.session.stop();
    expect(first.turn.status).toBe('stopped');
    expect(s.fake.callsOf('cancelTurn')).toEqual([]);
    answer();
    await retrying;
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: [first.turn.id] }]);
    s.fake.emit(ev({ type: 'started', requestId: first.turn.id, paneId: s.pane.id, request: SENT }));
    s.fake.emit(ev({ type: 'cancelled', requestId: first.turn.id, paneId: s.pane.id, partial: false, steps: [], metrics: noMetrics }));
    expect(first.turn.status).toBe('stopped');
    expect(first.turn.request).toBeUndefined();
    expect(s.onTurnEnded).toHaveBeenCalledOnce();
  });

  it('marks the turn failed again when the retry cannot start', async () => {
    const s = setup();
    const first = await sendPrompt(s);
    s.fake.emit(ev({ type: 'error', ...first, partial: false, steps: [], metrics: noMetrics, error: { code: 'BAD_KEY', message: 'bad', retryable: false } }));
    s.fake.handlers.start = () => ({ error: { code: 'NO_KEY', message: 'No API key is set.' } });
    await s.session.retry(s.pane.id, first.turn.id);
    expect(first.turn.status).toBe('failed');
    expect(first.turn.error?.code).toBe('NO_KEY');
    expect(s.onNeedKey).toHaveBeenCalled();
  });
});
