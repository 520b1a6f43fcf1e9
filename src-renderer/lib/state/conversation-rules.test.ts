// @vitest-environment jsdom
// Rules that keep the conversation on screen, and the one each history mode sends: open function calls stay answerable and never end up in the history of a later send without their
// results (the fake API's rule, e2e/fake-api/function-results.ts), examples are never sent, a new attempt's answer is
// the model's, an earlier turn retried forks there, and what a round of results sends of an edited answer.
// Saving a round of results that failed: function-round-trip.test.ts.
import { describe, expect, it } from 'vitest';
import type { PaneHistory, PaneTurnRequest, StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import type { Step } from '../../../src-shared/interactions';
import { readCallTurn } from '../../../e2e/fake-api/function-results';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi } from '../api';
import { insertTurn } from '../conversation-branches';
import { SessionState } from './session.svelte';
import { TurnState } from './turn.svelte';

const WEATHER = { name: 'get_weather', description: 'Weather', parameters: '', mock: '{"temp": 21}' };

function setup() {
  const fake = new FakeBridge();
  const frames = new ManualFrames();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: frames });
  session.connect();
  const pane = session.panes[0]!;
  pane.settings.fields.functions = JSON.stringify([WEATHER]);
  return { fake, frames, session, pane };
}
type Setup = ReturnType<typeof setup>;

const requests = (fake: FakeBridge): PaneTurnRequest[] => (fake.callsOf('start') as StartTurnRequest[]).flatMap((r) => r.panes);
const last = (s: Setup) => requests(s.fake).at(-1)!;
const call = (id: string): Step => ({ type: 'function_call', id, name: 'get_weather', arguments: { city: 'Paris' } });
const emit = (s: Setup, r: PaneTurnRequest, event: Record<string, unknown>) => s.fake.emit({ requestId: r.requestId, paneId: r.paneId, ...event } as TurnEvent);

function done(s: Setup, r: PaneTurnRequest, id: string, steps: Step[], status = 'completed'): void {
  emit(s, r, { type: 'done', interactionId: id, status, steps, metrics: { totalMs: 1 }, interaction: { id, status } });
}
const asks = (s: Setup, r: PaneTurnRequest, id: string, before: Step[] = [{ type: 'thought', signature: 's' } as Step]) => done(s, r, id, [...before, call('c1')], 'requires_action');
const answers = (s: Setup, r: PaneTurnRequest, text: string, id: string) => done(s, r, id, [{ type: 'model_output', content: [{ type: 'text', text }] }]);
const fails = (s: Setup, r: PaneTurnRequest) =>
  emit(s, r, { type: 'error', error: { code: 'RATE_LIMITED', message: '429', retryable: true }, partial: false, steps: [], metrics: { totalMs: 1 } });

async function send(s: Setup, text: string): Promise<TurnState> {
  s.session.composer.text = text;
  await s.session.send();
  return s.pane.lastTurn!;
}

/** What the fake API says of a request's input: undefined when it takes it, else its 400 message. */
function apiRefusal(r: PaneTurnRequest): string | undefined {
  const history: PaneHistory | undefined = r.history;
  const steps = [...(history?.mode === 'stateless' ? history.steps : []), ...(r.functionResults ?? [])];
  const read = readCallTurn(steps, steps, '');
  return typeof read === 'string' ? read : undefined;
}

describe('open function calls and later sends', () => {
  it('an example cannot go in after a turn waiting for results; before it, the results still go out as the API takes them', async () => {
    const s = setup();
    await send(s, 'Weather?');
    asks(s, last(s), 'i1');
    const editor = s.session.edits.for(s.pane);
    expect(editor.insertExample(1, 'Q', 'A')).toMatch(/Turn 1 waits for function results/);
    expect(s.pane.turns).toHaveLength(1);

    expect(editor.insertExample(0, 'Q', 'A')).toBeUndefined();
    await s.session.sendResults(s.pane.id, s.pane.lastTurn!.id);
    expect(apiRefusal(last(s))).toBeUndefined();
    answers(s, last(s), 'Sunny', 'i2');
    await send(s, 'Next');
    expect(s.session.composer.error).toBe('');
    expect(apiRefusal(last(s))).toBeUndefined();
  });

  it('a turn with open calls earlier in the history (a session saved so) blocks the send and names the turn', async () => {
    const s = setup();
    await send(s, 'Weather?');
    asks(s, last(s), 'i1');
    const example = new TurnState('ex', { text: 'Q' }, s.pane.settings.draft, s.frames);
    example.example = true;
    example.text = 'A';
    example.status = 'done';
    s.pane.follow(insertTurn(s.pane, 1, example));
    const before = requests(s.fake).length;
    await send(s, 'Next');
    expect(requests(s.fake)).toHaveLength(before);
    expect(s.session.composer.error).toMatch(/turn 1 waits for function results/);
  });
});

describe('examples are never sent', () => {
  it('Regenerate and Retry leave an example turn as written', async () => {
    const s = setup();
    await send(s, 'Hi');
    answers(s, last(s), 'Hello', 'i1');
    s.session.edits.for(s.pane).insertExample(1, 'Example Q', 'Example A');
    const before = requests(s.fake).length;
    await s.session.regenerate(s.pane.id);
    await s.session.retry(s.pane.id, s.pane.lastTurn!.id);
    expect(requests(s.fake)).toHaveLength(before);
    expect(s.pane.lastTurn).toMatchObject({ example: true, text: 'Example A', status: 'done' });
  });
});

describe('a new attempt', () => {
  it('after the answer was edited, the regenerated answer is the model’s: the next turn chains from it', async () => {
    const s = setup();
    await send(s, 'Hi');
    answers(s, last(s), 'Hello', 'i1');
    s.session.edits.for(s.pane).editAnswer(s.pane.lastTurn!.id, 'Edited');
    await s.session.regenerate(s.pane.id);
    answers(s, last(s), 'Fresh', 'i2');
    expect(s.pane.lastTurn!.original).toBeUndefined();
    expect(s.pane.historyFor()).toEqual({ mode: 'server', previousInteractionId: 'i2' });
  });

  it('keeps an edited prompt marked as edited', async () => {
    const s = setup();
    await send(s, 'Hi');
    answers(s, last(s), 'Hello', 'i1');
    const turn = s.pane.lastTurn!;
    await s.session.edits.for(s.pane).editPrompt(turn.id, 'Hi there', false);
    s.session.edits.for(s.pane).editAnswer(turn.id, 'Edited');
    await s.session.regenerate(s.pane.id);
    expect(turn.original).toEqual({ prompt: 'Hi' });
  });

  it('retrying a failed earlier turn forks there: both history modes send only the turns before it', async () => {
    for (const mode of ['server', 'stateless'] as const) {
      const s = setup();
      s.session.historyMode = mode;
      await send(s, 'A');
      answers(s, last(s), 'a', 'i1');
      const b = await send(s, 'B');
      fails(s, last(s));
      await send(s, 'C');
      answers(s, last(s), 'c', 'i3');
      await s.session.retry(s.pane.id, b.id);
      // A new turn of its own beside the failed one, which stays in the other branch: it replaces no saved attempt.
      expect(last(s).requestId).not.toBe(b.id);
      expect(last(s).replaces).toBeUndefined();
      const history = last(s).history;
      if (mode === 'server') expect(history).toEqual({ mode: 'server', previousInteractionId: 'i1' });
      else expect((history as { steps: Step[] }).steps.filter((x) => x.type === 'user_input')).toHaveLength(1);
      answers(s, last(s), 'b', 'i2');
      expect(s.pane.turns.map((t) => [t.input.text, t.status])).toEqual([['A', 'done'], ['B', 'done']]);
      expect(s.pane.branchAt(1)).toEqual({ position: 1, count: 2 });
      expect(s.pane.historyFor(2, mode)).toEqual(mode === 'server' ? { mode: 'server', previousInteractionId: 'i2' } : expect.objectContaining({ mode: 'stateless' }));
    }
  });
});

describe('an edited answer waiting for results', () => {
  it('goes out edited with the results, as later turns send it', async () => {
    const s = setup();
    const turn = await send(s, 'Weather?');
    asks(s, last(s), 'i1', [{ type: 'model_output', content: [{ type: 'text', text: 'Let me check.' }] } as Step]);
    s.session.edits.for(s.pane).editAnswer(turn.id, 'EDITED');
    await s.session.sendResults(s.pane.id, turn.id);
    const sent = JSON.stringify((last(s).history as { steps: Step[] }).steps);
    expect(sent).toContain('EDITED');
    expect(sent).not.toContain('Let me check.');
    expect(apiRefusal(last(s))).toBeUndefined();
  });
});
