// Crash recovery of a round of function results: journaled under the turn it continues, merged into that turn's
// `round` at the next start (never made a turn of its own), removed once a save holds the round's end, and left out
// when the turn has moved on. Over real files, as inflight.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaneTurnRequest } from '../../../src-shared/domain';
import type { FunctionResultStep } from '../../../src-shared/interactions';
import type { SavedTurn, Session } from '../../../src-shared/session';
import { silentLogger } from '../ports';
import { InflightJournal } from './inflight-journal';
import { mergeInflight, recoverInflight, type InflightRecord } from './inflight-recovery';
import { SessionRepository } from './repository';
import { inflightRecord, simpleSession, tempDir } from '../../../test-support/main/sessions';

let temp: ReturnType<typeof tempDir>;
let inflightDir: string;
beforeEach(() => {
  temp = tempDir();
  inflightDir = join(temp.dir, 'inflight');
});
afterEach(() => temp.remove());

const AT = '2026-11-27T10:00:00.000Z';
const result: FunctionResultStep = { type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 21 } };
const round: PaneTurnRequest = { requestId: 'round-1', paneId: 'p1', config: { model: 'gemini-3-flash-preview' }, functionResults: [result], turnId: 't2' };

/** Session s1: turn t2 of pane p1 asked for get_weather (call c1), with 'Checking.' before the call. */
function asking(): Session {
  const session = simpleSession('s1', 'Weather', ['First question']);
  const turn: SavedTurn = {
    id: 't2',
    input: { text: 'Weather in Paris?' },
    config: { model: 'gemini-3-flash-preview' },
    status: 'done',
    text: 'Checking.',
    thought: '',
    steps: [{ type: 'function_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } }],
    interactionId: 'v1_asked',
    finishStatus: 'requires_action',
    startedAt: AT,
  };
  session.panes[0]!.turns.push(turn);
  return session;
}

/** The journal a round left behind: results for c1 went out and 'It is 21.' came back. */
const roundRecord = (overrides: Partial<InflightRecord> = {}): InflightRecord =>
  inflightRecord({
    requestId: 'round-1',
    turnId: 't2',
    input: { text: 'Weather in Paris?' },
    text: 'It is 21.',
    thought: '',
    steps: [{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 21 } }, { type: 'model_output', content: [{ type: 'text', text: 'It is 21.' }] }],
    round: { results: [result as never] },
    ...overrides,
  });

const turnOf = (session: Session | undefined) => session?.panes[0]!.turns.find((t) => t.id === 't2');

describe('InflightJournal: a round of function results', () => {
  it('is written under its own request, naming the turn it continues and the results it sent', async () => {
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 'round-1', sessionId: 's1', pane: round, input: { text: 'Weather in Paris?' } });
    journal.progress('round-1', () => ({ text: 'It is', thought: '', steps: [] }));
    await journal.idle();
    const written = JSON.parse(readFileSync(join(inflightDir, 'round-1.json'), 'utf8')) as InflightRecord;
    expect(written).toMatchObject({ requestId: 'round-1', turnId: 't2', round: { results: [result] }, text: 'It is' });
    await journal.flush();
  });

  it('a round of no turn (a repeat sample’s) is not journaled', async () => {
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    const { turnId: _, ...sample } = round;
    journal.started({ requestId: 'round-1', sessionId: 's1', pane: sample, input: { text: 'Weather in Paris?' } });
    await journal.idle();
    expect(journal.size).toBe(0);
  });

  it('stays while saves hold the turn still asking or the round unfinished, and goes with a save of its end', async () => {
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 'round-1', sessionId: 's1', pane: round, input: { text: 'Weather in Paris?' } });
    journal.finished({ type: 'cancelled', requestId: 'round-1', paneId: 'p1', partial: true, steps: [], metrics: { totalMs: 1 } });
    const saved = asking();
    journal.noteSaved(saved); // a page that reloaded never knew the round
    const turn = turnOf(saved)!;
    turn.round = { requestId: 'round-1', results: [result as never], status: 'interrupted', text: 'It is', thought: '', steps: [] };
    journal.noteSaved(saved);
    await journal.idle();
    expect(existsSync(join(inflightDir, 'round-1.json'))).toBe(true);
    turn.round.status = 'stopped';
    journal.noteSaved(saved);
    await journal.idle();
    expect(existsSync(join(inflightDir, 'round-1.json'))).toBe(false);
  });

  it('goes when the person removes its turn', async () => {
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 'round-1', sessionId: 's1', pane: round, input: { text: 'Weather in Paris?' } });
    journal.discard('s1', ['t2']);
    await journal.idle();
    expect(journal.size).toBe(0);
    expect(existsSync(join(inflightDir, 'round-1.json'))).toBe(false);
  });
});

describe('mergeInflight: a round of function results', () => {
  it('a round cut by the app closing goes beside the turn that asked, with what it sent and what had come back', () => {
    const merged = mergeInflight(asking(), [roundRecord()], AT);
    expect(merged!.panes[0]!.turns).toHaveLength(2);
    expect(turnOf(merged)).toMatchObject({ status: 'done', finishStatus: 'requires_action', text: 'Checking.', interactionId: 'v1_asked' });
    expect(turnOf(merged)!.round).toEqual({
      requestId: 'round-1',
      results: [result],
      status: 'interrupted',
      text: 'It is 21.',
      thought: '',
      // Without the results the stream echoed: they are `results`.
      steps: [{ type: 'model_output', content: [{ type: 'text', text: 'It is 21.' }] }],
    });
  });

  it('the round stopped as the app quit, or failed: saved so, the failure with its error', () => {
    expect(turnOf(mergeInflight(asking(), [roundRecord({ final: { status: 'stopped', metrics: { totalMs: 3 } } })], AT))!.round!.status).toBe('stopped');
    const error = { code: 'NETWORK', message: 'cut', retryable: true };
    expect(turnOf(mergeInflight(asking(), [roundRecord({ final: { status: 'failed', error } })], AT))!.round).toMatchObject({ status: 'failed', error });
  });

  it('a round the window saved unfinished takes the journal’s longer text and how it ended', () => {
    const session = asking();
    turnOf(session)!.round = { requestId: 'round-1', results: [result as never], status: 'interrupted', text: 'It', thought: '', steps: [] };
    expect(turnOf(mergeInflight(session, [roundRecord({ final: { status: 'stopped' } })], AT))!.round).toMatchObject({ status: 'stopped', text: 'It is 21.' });
    turnOf(session)!.round!.text = 'It is 21 degrees and sunny, more than the journal has.';
    expect(mergeInflight(session, [roundRecord()], AT)).toBeUndefined();
  });

  it('a round that finished and was never saved completes the turn', () => {
    const final = { status: 'done' as const, interactionId: 'v1_answered', finishStatus: 'completed', metrics: { totalMs: 7 } };
    const turn = turnOf(mergeInflight(asking(), [roundRecord({ final })], AT))!;
    expect(turn).toMatchObject({ status: 'done', finishStatus: 'completed', interactionId: 'v1_answered', text: 'Checking.\n\nIt is 21.', metrics: { totalMs: 7 } });
    expect(turn.steps.map((s) => s.type)).toEqual(['function_call', 'function_result', 'model_output']);
    expect(turn.round).toBeUndefined();
  });

  it('leaves alone a turn that has moved on, a round saved as ended or another attempt, and never adds a turn', () => {
    const answered = asking();
    turnOf(answered)!.finishStatus = 'completed';
    expect(mergeInflight(answered, [roundRecord()], AT)).toBeUndefined();
    const ended = asking();
    turnOf(ended)!.round = { requestId: 'round-1', results: [result as never], status: 'failed', text: '', thought: '', steps: [] };
    expect(mergeInflight(ended, [roundRecord()], AT)).toBeUndefined();
    const later = asking();
    turnOf(later)!.round = { requestId: 'round-2', results: [result as never], status: 'interrupted', text: '', thought: '', steps: [] };
    expect(mergeInflight(later, [roundRecord()], AT)).toBeUndefined();
    expect(mergeInflight(simpleSession('s1', 'Weather', ['First question']), [roundRecord()], AT)).toBeUndefined();
    expect(mergeInflight(undefined, [roundRecord()], AT)).toBeUndefined();
  });
});

it('closing mid-round: the next start shows the round with the results it sent', async () => {
  const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
  await repo.save(asking());
  const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
  repo.onSaved((session) => journal.noteSaved(session));
  journal.started({ requestId: 'round-1', sessionId: 's1', pane: round, input: { text: 'Weather in Paris?' } });
  journal.progress('round-1', () => ({ text: 'It is 2', thought: '', steps: [] }));
  // As the app quits: main stops what still streams after the window has gone.
  journal.finished({ type: 'cancelled', requestId: 'round-1', paneId: 'p1', partial: true, steps: [], metrics: { totalMs: 1 } });
  await journal.flush();

  const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
  expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(1);
  const turn = turnOf(await next.get('s1'))!;
  expect(turn).toMatchObject({ status: 'done', finishStatus: 'requires_action', text: 'Checking.' });
  expect(turn.round).toMatchObject({ requestId: 'round-1', results: [result], status: 'stopped', text: 'It is 2' });
  expect(existsSync(join(inflightDir, 'round-1.json'))).toBe(false);
});

describe('a next round answered by mocks at once, cut by closing the app', () => {
  const wind: FunctionResultStep = { type: 'function_result', call_id: 'c2', name: 'get_wind', result: { kmh: 5 } };
  const firstAnswer = [
    { type: 'model_output', content: [{ type: 'text', text: 'It is 21.' }] },
    { type: 'function_call', id: 'c2', name: 'get_wind', arguments: { city: 'Paris' } },
  ];
  /**
   * What the window saved when round-1 ended asking for c2 and the mocks sent round-2 at once: the turn as it stood
   * then, and round-2 beside it, its request not yet named (main had not answered the start).
   */
  function secondRoundOut(): Session {
    const session = asking();
    const turn = turnOf(session)!;
    turn.text = 'Checking.\n\nIt is 21.';
    turn.interactionId = 'v1_second';
    turn.steps = [...turn.steps, result, ...firstAnswer] as SavedTurn['steps'];
    turn.round = { results: [wind as never], status: 'interrupted', text: '', thought: '', steps: [] };
    return session;
  }
  const firstRound = roundRecord({ text: 'It is 21.', steps: firstAnswer as InflightRecord['steps'], final: { status: 'done', interactionId: 'v1_second', finishStatus: 'requires_action' } });
  const secondRound = roundRecord({ requestId: 'round-2', startedAt: '2026-11-27T10:06:00.000Z', round: { results: [wind as never] }, text: 'Wind 5', thought: '', steps: [], final: { status: 'stopped' } });

  it('the first round’s journal, which the turn already holds, does not add its answer a second time', () => {
    const turn = turnOf(mergeInflight(secondRoundOut(), [firstRound, secondRound], AT))!;
    expect(turn.text).toBe('Checking.\n\nIt is 21.');
    expect(turn.steps).toEqual(turnOf(secondRoundOut())!.steps);
    expect(turn.round).toMatchObject({ requestId: 'round-2', results: [wind], status: 'stopped', text: 'Wind 5' });
  });

  it('a save holding the turn past the first round lets that round’s journal go', async () => {
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 'round-1', sessionId: 's1', pane: round, input: { text: 'Weather in Paris?' } });
    journal.finished({ type: 'done', requestId: 'round-1', paneId: 'p1', status: 'requires_action', interactionId: 'v1_second', steps: [], metrics: { totalMs: 1 } } as never);
    journal.noteSaved(secondRoundOut());
    await journal.idle();
    expect(existsSync(join(inflightDir, 'round-1.json'))).toBe(false);
  });
});

it('a round completed from its journal at the next start counts the rounds before it too, as the window adds them', async () => {
  const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
  const saved = asking();
  // The turn as the model left it when it asked: the first request's figures.
  turnOf(saved)!.metrics = { totalMs: 100, timeToFirstTokenMs: 40, tokensPerSecond: 10, usage: { total_input_tokens: 10, total_output_tokens: 5 } };
  await repo.save(saved);
  const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
  journal.started({ requestId: 'round-1', sessionId: 's1', pane: round, input: { text: 'Weather in Paris?' } });
  journal.progress('round-1', () => ({ text: 'It is 21.', thought: '', steps: [] }));
  const metrics = { totalMs: 50, timeToFirstTokenMs: 20, tokensPerSecond: 30, usage: { total_input_tokens: 30, total_output_tokens: 7 } };
  journal.finished({ type: 'done', requestId: 'round-1', paneId: 'p1', status: 'completed', interactionId: 'v1_answered', steps: [], metrics } as never);
  await journal.flush(); // the window never saved the answer

  const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
  expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(1);
  expect(turnOf(await next.get('s1'))).toMatchObject({
    status: 'done',
    finishStatus: 'completed',
    // Time and tokens summed (what the turn cost), the first token from the first request, the last round's speed.
    metrics: { totalMs: 150, timeToFirstTokenMs: 40, tokensPerSecond: 30, usage: { total_input_tokens: 40, total_output_tokens: 12 } },
  });
});

describe('a Retry of a failed round, cut by closing the app before any save', () => {
  const error = { code: 'NETWORK', message: 'cut', retryable: true };
  /** What the window last saved: round-1 failed after 'It was a long first try'. */
  function failedFirst(): Session {
    const session = asking();
    turnOf(session)!.round = { requestId: 'round-1', results: [result as never], status: 'failed', text: 'It was a long first try', thought: '', steps: [], error };
    return session;
  }
  const retry: PaneTurnRequest = { ...round, requestId: 'round-2', replaces: 'round-1' };

  it('comes back as the newer attempt, interrupted with what it streamed', async () => {
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    await repo.save(failedFirst());
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 'round-2', sessionId: 's1', pane: retry, input: { text: 'Weather in Paris?' } });
    journal.progress('round-2', () => ({ text: 'It is', thought: '', steps: [] }));
    await journal.flush(); // the app died

    const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(1);
    const turn = turnOf(await next.get('s1'))!;
    expect(turn).toMatchObject({ status: 'done', finishStatus: 'requires_action', text: 'Checking.' });
    expect(turn.round).toEqual({ requestId: 'round-2', results: [result], status: 'interrupted', text: 'It is', thought: '', steps: [] });
  });

  it('a late save of the failure does not let the retry’s journal go; a save of the retry does', async () => {
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 'round-2', sessionId: 's1', pane: retry, input: { text: 'Weather in Paris?' } });
    journal.finished({ type: 'cancelled', requestId: 'round-2', paneId: 'p1', partial: true, steps: [], metrics: { totalMs: 1 } });
    journal.noteSaved(failedFirst());
    await journal.idle();
    expect(existsSync(join(inflightDir, 'round-2.json'))).toBe(true);
    const retried = failedFirst();
    turnOf(retried)!.round = { requestId: 'round-2', results: [result as never], status: 'stopped', text: '', thought: '', steps: [] };
    journal.noteSaved(retried);
    await journal.idle();
    expect(existsSync(join(inflightDir, 'round-2.json'))).toBe(false);
  });

  it('an attempt the saved round does not follow from stays out: the saved one is newer', () => {
    const saved = failedFirst();
    turnOf(saved)!.round!.requestId = 'round-3';
    expect(mergeInflight(saved, [roundRecord({ requestId: 'round-2', round: { results: [result as never], replaces: 'round-1' } })], AT)).toBeUndefined();
  });
});
