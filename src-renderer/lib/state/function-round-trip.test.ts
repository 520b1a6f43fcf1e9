// @vitest-environment jsdom
// The function calling round trip in the session, against a fake bridge: an answer that asks for function results,
// the results typed or mocked going out as a continuation of the same turn (server and stateless history), the turn
// keeping every round, the automatic loop and where it stops, Stop, a failed round sent again, and saving.
import { describe, expect, it } from 'vitest';
import type { PaneTurnRequest, StartTurnRequest, TurnEvent, TurnMetrics } from '../../../src-shared/domain';
import { MAX_AUTO_ROUNDS } from '../../../src-shared/function-results';
import type { Step } from '../../../src-shared/interactions';
import { sessionSchema, SESSION_VERSION } from '../../../src-shared/session';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi } from '../api';
import { defaultDraft } from './function-calls';
import { restoreTurn, turnToSaved } from './saved';
import { SessionState } from './session.svelte';
import type { TurnState } from './turn.svelte';

const settle = () => new Promise((r) => setTimeout(r, 0));
const WEATHER = { name: 'get_weather', description: 'Weather in a city', parameters: '', mock: '{"temp": 21}' };
const TIME = { name: 'get_time', description: '', parameters: '', mock: '"noon"' };

function setup(options: { panes?: number; autoMock?: boolean; functions?: object[] } = {}) {
  const fake = new FakeBridge();
  const frames = new ManualFrames();
  const ends = { count: 0 };
  const session = new SessionState(createApi(fake.bridge()), { scheduler: frames, onTurnEnded: () => ends.count++ });
  session.connect();
  for (let i = 1; i < (options.panes ?? 1); i++) session.addPane();
  for (const pane of session.panes) {
    pane.settings.fields.functions = JSON.stringify(options.functions ?? [WEATHER]);
    pane.settings.fields.autoMock = options.autoMock ?? false;
  }
  return { fake, frames, session, ends };
}

type Setup = ReturnType<typeof setup>;

/** Every pane request main was asked to start, in order. */
const requests = (fake: FakeBridge): PaneTurnRequest[] => (fake.callsOf('start') as StartTurnRequest[]).flatMap((r) => r.panes);
const lastRequest = (fake: FakeBridge, paneId = 'pane-1'): PaneTurnRequest => requests(fake).filter((r) => r.paneId === paneId).at(-1)!;

const call = (id: string, name = 'get_weather'): Step => ({ type: 'function_call', id, name, arguments: { city: 'Paris' } });
const thought: Step = { type: 'thought', signature: 'sig-1' };

function asks(fake: FakeBridge, r: PaneTurnRequest, calls: Step[], interactionId: string, metrics: TurnMetrics = { totalMs: 100 }): void {
  const steps = [thought, ...calls];
  fake.emit({ type: 'done', requestId: r.requestId, paneId: r.paneId, interactionId, status: 'requires_action', steps, metrics, interaction: { id: interactionId, status: 'requires_action' } });
}

function answers(fake: FakeBridge, r: PaneTurnRequest, text: string, interactionId: string, metrics: TurnMetrics = { totalMs: 50 }): void {
  const steps: Step[] = [{ type: 'model_output', content: [{ type: 'text', text }] }];
  fake.emit({ type: 'done', requestId: r.requestId, paneId: r.paneId, interactionId, status: 'completed', steps, metrics, interaction: { id: interactionId, status: 'completed' } });
}

const emit = (fake: FakeBridge, r: PaneTurnRequest, event: Record<string, unknown>) => fake.emit({ requestId: r.requestId, paneId: r.paneId, ...event } as TurnEvent);

async function sendPrompt(s: Setup, text = 'Weather in Paris?'): Promise<TurnState[]> {
  s.session.composer.text = text;
  await s.session.send();
  return s.session.panes.map((p) => p.lastTurn!);
}

/** A turn answered, then the first sample of a repeat run of it on its way: `ended` tells whether its run is over. */
async function runningSample(s: Setup): Promise<{ sample: TurnState; ended: () => boolean }> {
  await sendPrompt(s);
  answers(s.fake, lastRequest(s.fake), 'first', 'i0');
  const prepared = s.session.runner.prepareSamples('pane-1', 2);
  if (typeof prepared === 'string') throw new Error(prepared);
  const sample = prepared.samples[0]!;
  let ended = false;
  void s.session.runner.runSample('pane-1', prepared.turn.id, sample).then(() => (ended = true));
  await settle();
  return { sample, ended: () => ended };
}

describe('sending results by hand', () => {
  it('continues the same turn: chained from the asking interaction, under its own request id; the turn keeps every round', async () => {
    const s = setup();
    const [turn] = await sendPrompt(s);
    const first = lastRequest(s.fake);
    emit(s.fake, first, { type: 'delta', text: 'Let me check.' });
    asks(s.fake, first, [call('c1')], 'i1', { totalMs: 100, timeToFirstTokenMs: 40, usage: { total_input_tokens: 10, total_output_tokens: 5 } });

    expect(turn!.pendingCalls.map((c) => c.id)).toEqual(['c1']);
    expect(requests(s.fake)).toHaveLength(1);
    turn!.drafts.c1 = { text: '{"temp": 19}', isError: false };
    await s.session.sendResults('pane-1', turn!.id);

    const round = lastRequest(s.fake);
    expect(round).toEqual({
      requestId: expect.not.stringMatching(turn!.id),
      paneId: 'pane-1',
      config: turn!.config,
      history: { mode: 'server', previousInteractionId: 'i1' },
      functionResults: [{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 19 } }],
      turnId: turn!.id,
    });
    expect(turn!.requestId).toBe(round.requestId);
    expect(turn!.pendingCalls).toEqual([]);

    emit(s.fake, round, { type: 'delta', text: 'It is 19 °C.' });
    answers(s.fake, round, 'It is 19 °C.', 'i2', { totalMs: 50, timeToFirstTokenMs: 20, usage: { total_input_tokens: 30, total_output_tokens: 7 } });
    expect(turn!.status).toBe('done');
    expect(turn!.text).toBe('Let me check.\n\nIt is 19 °C.');
    expect(turn!.steps.map((st) => st.type)).toEqual(['thought', 'function_call', 'function_result', 'model_output']);
    expect(turn!.interactionId).toBe('i2');
    expect(turn!.finishStatus).toBe('completed');
    expect(turn!.metrics).toEqual({ totalMs: 150, timeToFirstTokenMs: 40, usage: { total_input_tokens: 40, total_output_tokens: 12 } });
    // The next prompt chains from the last round.
    expect(s.session.panes[0]!.historyFor()).toEqual({ mode: 'server', previousInteractionId: 'i2' });
  });

  it('stateless: the results follow earlier turns, this prompt and the model’s steps; an answer with only a call gets the text of the next round', async () => {
    const s = setup();
    s.session.historyMode = 'stateless';
    await sendPrompt(s, 'Hi');
    answers(s.fake, lastRequest(s.fake), 'Hello', 'i0');
    const [turn] = await sendPrompt(s);
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    await s.session.sendResults('pane-1', turn!.id);

    const round = lastRequest(s.fake);
    expect(round.history).toEqual({
      mode: 'stateless',
      steps: [
        { type: 'user_input', content: [{ type: 'text', text: 'Hi' }] },
        { type: 'model_output', content: [{ type: 'text', text: 'Hello' }] },
        { type: 'user_input', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        thought,
        call('c1'),
      ],
    });
    expect(round.functionResults).toEqual([{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 21 } }]);
    // Nothing streamed: the round's text comes from its steps, with no separator before it.
    answers(s.fake, round, 'It is 21 °C.', 'i2');
    expect(turn!.text).toBe('It is 21 °C.');
  });

  it('sends nothing while a result is not valid', async () => {
    const s = setup();
    const [turn] = await sendPrompt(s);
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    turn!.drafts.c1 = { text: '{"temp": ', isError: false };
    await s.session.sendResults('pane-1', turn!.id);
    expect(requests(s.fake)).toHaveLength(1);
    expect(turn!.status).toBe('done');
  });

  it('a new prompt waits until the calls are answered (the API refuses one before)', async () => {
    const s = setup();
    await sendPrompt(s);
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    s.session.composer.text = 'Something else';
    await s.session.send();
    expect(s.session.composer.error).toContain('waits for function results');
    expect(requests(s.fake)).toHaveLength(1);
    expect(s.session.composer.text).toBe('Something else');
  });

  it('a failed round shows its calls again; sending again starts from the round that asked', async () => {
    const s = setup();
    const [turn] = await sendPrompt(s);
    emit(s.fake, lastRequest(s.fake), { type: 'delta', text: 'Checking.' });
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    turn!.drafts.c1 = { text: 'rainy', isError: true };
    await s.session.sendResults('pane-1', turn!.id);
    const round = lastRequest(s.fake);
    emit(s.fake, round, { type: 'delta', text: 'It is' });
    s.frames.flush();
    emit(s.fake, round, { type: 'error', error: { code: 'NETWORK', message: 'cut', retryable: true }, partial: true, steps: [], metrics: { totalMs: 5 } });
    expect(turn!.status).toBe('failed');
    expect(turn!.text).toBe('Checking.\n\nIt is');
    expect(turn!.pendingCalls.map((c) => c.id)).toEqual(['c1']);

    await s.session.sendResults('pane-1', turn!.id);
    const again = lastRequest(s.fake);
    expect(again.requestId).not.toBe(round.requestId);
    // Named as the newer attempt: main's journal of it wins over a save still holding the failure (inflight-round.ts).
    expect(again.replaces).toBe(round.requestId);
    expect(again.history).toEqual({ mode: 'server', previousInteractionId: 'i1' });
    expect(again.functionResults).toEqual([{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: 'rainy', is_error: true }]);
    expect(turn!.text).toBe('Checking.');
    expect(turn!.steps.map((st) => st.type)).toEqual(['thought', 'function_call', 'function_result']);
  });

  it('Retry of a failed round sends the results as typed again, not the whole turn over (which would ask new calls)', async () => {
    const s = setup();
    const [turn] = await sendPrompt(s);
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    turn!.drafts.c1 = { text: 'rainy', isError: false };
    await s.session.sendResults('pane-1', turn!.id);
    const round = lastRequest(s.fake);
    emit(s.fake, round, { type: 'error', error: { code: 'NETWORK', message: 'cut', retryable: true }, partial: false, steps: [], metrics: { totalMs: 5 } });
    expect(turn!.status).toBe('failed');

    await s.session.retry('pane-1', turn!.id);
    const again = lastRequest(s.fake);
    expect(again.requestId).not.toBe(round.requestId);
    // Named as the newer attempt: main's journal of it wins over a save still holding the failure (inflight-round.ts).
    expect(again.replaces).toBe(round.requestId);
    expect(again.history).toEqual({ mode: 'server', previousInteractionId: 'i1' });
    expect(again.functionResults).toEqual([{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: 'rainy' }]);
    expect(turn!.drafts.c1?.text).toBe('rainy');

    // A result made invalid meanwhile: nothing goes, the turn says what to do, and the typed text stays.
    emit(s.fake, again, { type: 'error', error: { code: 'NETWORK', message: 'cut', retryable: true }, partial: false, steps: [], metrics: { totalMs: 5 } });
    turn!.drafts.c1 = { text: '{"temp": ', isError: false };
    const before = requests(s.fake).length;
    await s.session.retry('pane-1', turn!.id);
    expect(requests(s.fake)).toHaveLength(before);
    expect(turn!.note).toBe('Fix the results below, then send them again.');
    expect(turn!.drafts.c1?.text).toBe('{"temp": ');
  });

  it('results for an interaction the server forgot go again once with the whole conversation', async () => {
    const s = setup();
    const [turn] = await sendPrompt(s);
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    await s.session.sendResults('pane-1', turn!.id);
    const round = lastRequest(s.fake);
    emit(s.fake, round, { type: 'started', request: { method: 'POST', url: 'u', headers: {}, body: { previous_interaction_id: 'i1' } } });
    emit(s.fake, round, { type: 'error', error: { code: 'INTERACTION_GONE', message: 'gone', retryable: false }, partial: false, steps: [], metrics: { totalMs: 5 } });
    await settle();
    const again = lastRequest(s.fake);
    expect(again.history).toEqual({
      mode: 'stateless',
      steps: [{ type: 'user_input', content: [{ type: 'text', text: 'Weather in Paris?' }] }, thought, call('c1')],
    });
    expect(again.functionResults).toEqual(round.functionResults);
    answers(s.fake, again, 'Done.', 'i3');
    await settle();
    expect(turn!.status).toBe('done');
    expect(turn!.note).toContain('sent with the whole conversation');
  });
});

describe('answering with the mocks automatically', () => {
  it('every pane of a broadcast goes on at once with its mocks, parallel calls included, until it answers', async () => {
    const s = setup({ panes: 3, autoMock: true, functions: [WEATHER, TIME] });
    const turns = await sendPrompt(s);
    for (const pane of s.session.panes) asks(s.fake, lastRequest(s.fake, pane.id), [call(`${pane.id}-a`), call(`${pane.id}-b`, 'get_time')], `i-${pane.id}`);
    await settle();
    for (const pane of s.session.panes) {
      const round = lastRequest(s.fake, pane.id);
      expect(round.functionResults).toEqual([
        { type: 'function_result', call_id: `${pane.id}-a`, name: 'get_weather', result: { temp: 21 } },
        { type: 'function_result', call_id: `${pane.id}-b`, name: 'get_time', result: '"noon"' },
      ]);
      answers(s.fake, round, `answer of ${pane.id}`, `i2-${pane.id}`);
    }
    expect(turns.map((t) => [t.status, t.finishStatus, t.text])).toEqual(s.session.panes.map((p) => ['done', 'completed', `answer of ${p.id}`]));
    expect(requests(s.fake)).toHaveLength(6);
  });

  it('an answer that asks before main confirmed the send goes on once the turn is in its pane', async () => {
    const s = setup({ autoMock: true });
    let confirm = () => {};
    s.fake.handlers.start = () => new Promise((resolve) => (confirm = () => resolve(undefined)));
    s.session.composer.text = 'Weather?';
    const sending = s.session.send();
    await settle();
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    await settle();
    expect(requests(s.fake)).toHaveLength(1);
    confirm();
    await sending;
    await settle();
    expect(requests(s.fake)).toHaveLength(2);
    expect(lastRequest(s.fake).history).toEqual({ mode: 'server', previousInteractionId: 'i1' });
  });

  it(`stops after ${MAX_AUTO_ROUNDS} rounds with a note, and the calls wait for the person`, async () => {
    const s = setup({ autoMock: true });
    const [turn] = await sendPrompt(s);
    for (let round = 0; round <= MAX_AUTO_ROUNDS; round++) {
      asks(s.fake, lastRequest(s.fake), [call(`c${round}`)], `i${round}`);
      await settle();
    }
    expect(requests(s.fake)).toHaveLength(1 + MAX_AUTO_ROUNDS);
    expect(turn!.status).toBe('done');
    expect(turn!.note).toBe(`Stopped after ${MAX_AUTO_ROUNDS} rounds of function calls: answer them below to go on.`);
    expect(turn!.pendingCalls.map((c) => c.id)).toEqual([`c${MAX_AUTO_ROUNDS}`]);
  });

  it('stops and asks when a called function has no mock', async () => {
    const s = setup({ autoMock: true, functions: [WEATHER, { ...TIME, mock: '' }] });
    const [turn] = await sendPrompt(s);
    asks(s.fake, lastRequest(s.fake), [call('c1'), call('c2', 'get_time')], 'i1');
    await settle();
    expect(requests(s.fake)).toHaveLength(1);
    expect(turn!.note).toContain('no mock for “get_time”');
    expect(turn!.pendingCalls).toHaveLength(2);
  });

  it('the note for a missing mock does not send the person to the pane’s settings for this turn, which answers with the functions it was sent with', async () => {
    const s = setup({ autoMock: true, functions: [{ ...TIME, mock: '' }] });
    const [turn] = await sendPrompt(s);
    asks(s.fake, lastRequest(s.fake), [call('c1', 'get_time')], 'i1');
    await settle();
    // Doing what the note said: a mock added in the pane's settings. The call's editor and the loop do not take it up.
    s.session.panes[0]!.settings.fields.functions = JSON.stringify([TIME]);
    await settle();
    expect(defaultDraft(turn!.config, turn!.pendingCalls[0]!).text).toBe('{}');
    expect(requests(s.fake)).toHaveLength(1);
    expect(turn!.note).not.toMatch(/or add a mock in the pane’s settings\.$/);
    expect(turn!.note).toContain('from the next turn on');
  });

  it('Stop ends the loop: a round main has not taken yet stops at once and its calls can be answered again', async () => {
    const s = setup({ autoMock: true });
    const [turn] = await sendPrompt(s);
    let confirm = () => {};
    s.fake.handlers.start = () => new Promise((resolve) => (confirm = () => resolve(undefined)));
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    expect(turn!.status).toBe('waiting');
    await s.session.stop();
    expect(turn!.status).toBe('stopped');
    expect(turn!.partial).toBe(true);
    confirm();
    await settle();
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: [lastRequest(s.fake).requestId] }]);
    expect(turn!.pendingCalls.map((c) => c.id)).toEqual(['c1']);
    // Events of the stopped round reach no turn: it does not end twice.
    const ended = s.ends.count;
    emit(s.fake, lastRequest(s.fake), { type: 'cancelled', partial: false, steps: [], metrics: { totalMs: 1 } });
    expect(s.ends.count).toBe(ended);
    expect(turn!.status).toBe('stopped');
  });

  it('a repeat-run sample ends only when its last round does', async () => {
    const s = setup({ autoMock: true });
    const { sample, ended } = await runningSample(s);
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    await settle();
    expect(ended()).toBe(false);
    const round = lastRequest(s.fake);
    expect(round.history).toEqual({ mode: 'server', previousInteractionId: 'i1' });
    answers(s.fake, round, 'sampled', 'i2');
    await settle();
    expect(ended()).toBe(true);
    expect(sample.text).toBe('sampled');
  });
});

describe('saving a turn that asks for results', () => {
  const parse = (turn: TurnState) => {
    const saved = turnToSaved(turn);
    const doc = { version: SESSION_VERSION, id: 's', title: 't', createdAt: saved.startedAt, updatedAt: saved.startedAt, historyMode: 'server', panes: [{ id: 'pane-1', config: saved.config, turns: [saved] }] };
    expect(sessionSchema.safeParse(doc).success).toBe(true);
    return saved;
  };

  it('keeps what was typed and restores the calls to answer; while results are on their way it is saved as it asked', async () => {
    const s = setup();
    const [turn] = await sendPrompt(s);
    emit(s.fake, lastRequest(s.fake), { type: 'delta', text: 'Checking.' });
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    turn!.drafts.c1 = { text: 'typed, half', isError: true };

    const saved = parse(turn!);
    expect(saved).toMatchObject({ status: 'done', finishStatus: 'requires_action', resultDrafts: [{ callId: 'c1', text: 'typed, half', isError: true }] });
    const restored = restoreTurn(saved, new ManualFrames());
    expect(restored.pendingCalls.map((c) => c.id)).toEqual(['c1']);
    expect(restored.drafts.c1).toEqual({ text: 'typed, half', isError: true });

    turn!.drafts.c1 = { text: '{"temp": 3}', isError: false };
    await s.session.sendResults('pane-1', turn!.id);
    emit(s.fake, lastRequest(s.fake), { type: 'delta', text: 'It is 3.' });
    s.frames.flush();
    const during = parse(turn!);
    expect(during).toMatchObject({ status: 'done', finishStatus: 'requires_action', interactionId: 'i1', text: 'Checking.' });
    expect(during.steps.map((st) => st.type)).toEqual(['thought', 'function_call']);
    expect(restoreTurn(during, new ManualFrames()).pendingCalls.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('saving a round of results that failed or was stopped', () => {
  it('reopens with its calls open and what was typed for them, as it was before saving', async () => {
    for (const end of ['cancelled', 'error'] as const) {
      const s = setup();
      const [turn] = await sendPrompt(s);
      asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
      turn!.drafts.c1 = { text: '{"temp": 5}', isError: false };
      await s.session.sendResults('pane-1', turn!.id);
      if (end === 'error') emit(s.fake, lastRequest(s.fake), { type: 'error', error: { code: 'NETWORK', message: 'cut', retryable: true }, partial: false, steps: [], metrics: { totalMs: 5 } });
      else emit(s.fake, lastRequest(s.fake), { type: 'cancelled', partial: false, steps: [], metrics: { totalMs: 5 } });
      expect(turn!.pendingCalls.map((c) => c.id)).toEqual(['c1']);

      const saved = sessionSchema.shape.panes.element.shape.turns.element.parse(JSON.parse(JSON.stringify(turnToSaved(turn!))));
      const back = restoreTurn(saved, new ManualFrames());
      expect(back.pendingCalls.map((c) => c.id)).toEqual(['c1']);
      expect(back.drafts.c1).toEqual({ text: '{"temp": 5}', isError: false });
      // The round shows what it sent, as before saving.
      expect(back.steps.map((st) => st.type)).toEqual(['thought', 'function_call', 'function_result']);
      expect(back.status).toBe(end === 'error' ? 'failed' : 'stopped');
      expect(back.interactionId).toBe('i1');
    }
  });
});

describe('a turn sent with more stop sequences than the API takes (saved before the limit of 5)', () => {
  const seven = Array.from({ length: 7 }, (_, i) => `STOP${i}`);
  const NOTE =
    'This turn was sent with 7 stop sequences before the limit of 5, so the API would refuse its next round. Start a new turn (or edit the last prompt) with at most 5 stop sequences.';

  it('is not continued: nothing goes to main, the note says why and what to do, the typed result stays', async () => {
    const s = setup();
    const [turn] = await sendPrompt(s);
    turn!.config = { ...turn!.config, stopSequences: seven };
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    turn!.drafts.c1 = { text: '{"temp": 19}', isError: false };
    await s.session.sendResults('pane-1', turn!.id);

    expect(requests(s.fake)).toHaveLength(1);
    expect(turn!.note).toBe(NOTE);
    expect(turn!.status).toBe('done');
    expect(turn!.pendingCalls.map((c) => c.id)).toEqual(['c1']);
    expect(turn!.drafts.c1).toEqual({ text: '{"temp": 19}', isError: false });
  });

  it('answering with mocks stops with the note, and a repeat-run sample ends there', async () => {
    const s = setup({ autoMock: true });
    const { sample, ended } = await runningSample(s);
    sample.config = { ...sample.config, stopSequences: seven };
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    await settle();

    expect(requests(s.fake)).toHaveLength(2);
    expect(sample.note).toBe(NOTE);
    expect(ended()).toBe(true);
  });
});

describe('a round of results cut by closing the app', () => {
  /** A turn asked for c1 ('Checking.'), its results went out (typed or not) and 'It is 3.' streamed back; then the app closed. */
  async function cutRound(typed: boolean) {
    const s = setup();
    s.session.sessionId = 'session-1';
    const [turn] = await sendPrompt(s);
    emit(s.fake, lastRequest(s.fake), { type: 'delta', text: 'Checking.' });
    asks(s.fake, lastRequest(s.fake), [call('c1')], 'i1');
    if (typed) turn!.drafts.c1 = { text: '{"temp": 3}', isError: false };
    await s.session.sendResults('pane-1', turn!.id);
    const round = lastRequest(s.fake);
    emit(s.fake, round, { type: 'step', index: 0, step: { type: 'thought', signature: 'sig-2' } });
    emit(s.fake, round, { type: 'delta', text: 'It is 3.' });
    s.frames.flush();
    const saved = sessionSchema.shape.panes.element.shape.turns.element.parse(JSON.parse(JSON.stringify(turnToSaved(turn!))));
    return { s, turn: turn!, round, saved };
  }

  it('is journaled by main under its turn and the session', async () => {
    const { s, turn, round } = await cutRound(true);
    expect(round.turnId).toBe(turn.id);
    expect((s.fake.callsOf('start') as StartTurnRequest[]).at(-1)!.sessionId).toBe('session-1');
  });

  it('is saved beside the answer that asked: the results sent and what had streamed', async () => {
    const { saved, round } = await cutRound(true);
    expect(saved).toMatchObject({ status: 'done', finishStatus: 'requires_action', interactionId: 'i1', text: 'Checking.' });
    expect(saved.round).toEqual({
      requestId: round.requestId,
      results: [{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 3 } }],
      status: 'interrupted',
      text: 'It is 3.',
      thought: '',
      steps: [{ type: 'thought', signature: 'sig-2' }],
    });
  });

  it('reopens as the interrupted round, with what it sent in the calls’ editors, mocked or typed', async () => {
    for (const typed of [true, false]) {
      const { saved } = await cutRound(typed);
      const back = restoreTurn(saved, new ManualFrames());
      expect(back.status).toBe('failed');
      expect(back.interrupted).toBe(true);
      expect(back.error?.code).toBe('INTERRUPTED');
      expect(back.text).toBe('Checking.\n\nIt is 3.');
      expect(back.steps.map((st) => st.type)).toEqual(['thought', 'function_call', 'function_result', 'thought']);
      expect(back.pendingCalls.map((c) => c.id)).toEqual(['c1']);
      expect(back.drafts.c1).toEqual({ text: typed ? '{"temp": 3}' : '{"temp":21}', isError: false });
      // Saved again unchanged: a restart before anything else keeps it.
      const again = turnToSaved(back);
      expect(again).toMatchObject({ status: 'done', finishStatus: 'requires_action', interactionId: 'i1', text: 'Checking.', steps: saved.steps });
      expect(again.round).toEqual(saved.round);
    }
  });

  it('Retry after reopening sends the same results, chained from the interaction that asked', async () => {
    const { s, saved } = await cutRound(false);
    const pane = s.session.panes[0]!;
    pane.turns = [restoreTurn(saved, s.frames)];
    await s.session.edits.retry(pane, saved.id);
    const again = lastRequest(s.fake);
    expect(again).toMatchObject({
      history: { mode: 'server', previousInteractionId: 'i1' },
      functionResults: [{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 21 } }],
      turnId: saved.id,
      // The attempt the reopened turn showed, which the saved file still names until a save holds this one.
      replaces: saved.round!.requestId,
    });
    answers(s.fake, again, 'It is 21.', 'i2');
    const turn = pane.turns[0]!;
    expect(turn.status).toBe('done');
    expect(turn.text).toBe('Checking.\n\nIt is 21.');
    expect(turnToSaved(turn).round).toBeUndefined();
  });
});
