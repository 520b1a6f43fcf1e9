// @vitest-environment jsdom
// Repeat runs and blind ratings in the session, against a fake bridge: what is sent, how many at once,
// what a 429 does, what Stop does, and what is saved.
import { describe, expect, it, vi } from 'vitest';
import type { StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import { experimentGrid, gridPanes } from '../../../src-shared/eval/experiment-grid';
import { DEFAULT_BACKOFF_MS } from '../../../src-shared/run-queue';
import { sessionSchema, SESSION_VERSION } from '../../../src-shared/session';
import { createApi } from '../api';
import { FakeBridge, noMetrics } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const settle = () => new Promise((r) => setTimeout(r, 0));

async function setup(paneCount = 2) {
  const fake = new FakeBridge();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: new ManualFrames() });
  session.connect();
  for (let i = 1; i < paneCount; i++) session.addPane();
  session.panes.forEach((p, i) => (p.settings.temperature = String(i)));
  session.composer.text = 'Name a colour';
  await session.send();
  for (const pane of session.panes) finish(fake, pane.id, pane.lastTurn!.requestId!, `first answer of ${pane.id}`);
  fake.calls.length = 0;
  return { fake, session };
}

function finish(fake: FakeBridge, paneId: string, requestId: string, text: string, totalMs = 100) {
  fake.emit({ type: 'delta', requestId, paneId, text });
  fake.emit({ type: 'done', requestId, paneId, interactionId: `i-${requestId}`, status: 'completed', steps: [], metrics: { totalMs }, interaction: { id: `i-${requestId}`, status: 'completed' } });
}

/** start calls since the last reset, with the request id each sample was sent under. */
function started(fake: FakeBridge): { paneId: string; requestId: string; request: StartTurnRequest }[] {
  return (fake.callsOf('start') as StartTurnRequest[]).map((request) => ({ paneId: request.panes[0]!.paneId, requestId: request.panes[0]!.requestId, request }));
}

const ids = (fake: FakeBridge) => started(fake).map((c) => c.requestId);

describe('repeat runs', () => {
  it('sends each pane’s last prompt k times, a few at a time, without the crash journal, and keeps every sample', async () => {
    const { fake, session } = await setup(2);
    const run = session.experiments.startRepeat(session.panes.map((p) => p.id), 3, 2);
    await settle();
    expect(session.experiments.running?.total).toBe(6);
    expect(started(fake)).toHaveLength(2);
    const [first] = started(fake);
    // The same input and config as the pane's turn, named after the sample; no sessionId, so main journals nothing.
    expect(first!.request).toEqual({ input: { text: 'Name a colour' }, panes: [{ requestId: session.panes[0]!.lastTurn!.samples[0]!.id, paneId: 'pane-1', config: { model: 'gemini-3-flash-preview', temperature: 0 } }] });
    expect(session.panes.every((p) => p.busy)).toBe(true);

    // Round-robin over the panes; each answer lets the next sample start.
    let answered = 0;
    while (answered < 6) {
      const calls = started(fake);
      expect(calls.length - answered).toBeLessThanOrEqual(2);
      const next = calls[answered]!;
      finish(fake, next.paneId, next.requestId, `sample ${answered + 1} ${'x'.repeat(answered)}`, 100 * (answered + 1));
      answered++;
      await settle();
    }
    await run;
    expect(started(fake).map((c) => c.paneId)).toEqual(['pane-1', session.panes[1]!.id, 'pane-1', session.panes[1]!.id, 'pane-1', session.panes[1]!.id]);
    expect(session.experiments.running).toBeUndefined();
    const samples = session.panes[0]!.lastTurn!.samples;
    expect(samples.map((s) => [s.status, s.text])).toEqual([
      ['done', 'sample 1 '],
      ['done', 'sample 3 xx'],
      ['done', 'sample 5 xxxx'],
    ]);
    expect(session.panes.some((p) => p.busy)).toBe(false);
    // The turn's own answer is untouched.
    expect(session.panes[0]!.lastTurn!.text).toBe('first answer of pane-1');

    const saved = session.toSavedPanes();
    expect(saved[0]!.turns[0]!.samples?.map((s) => s.text)).toEqual(['sample 1 ', 'sample 3 xx', 'sample 5 xxxx']);
    expect(saved[0]!.turns[0]!.samples?.[2]!.metrics).toEqual({ totalMs: 500 });
    expect(session.experiments.toSaved()).toEqual({ repeat: { runs: 3, concurrency: 2 } });
    const now = new Date().toISOString();
    const doc = { version: SESSION_VERSION, id: 's', title: 't', createdAt: now, updatedAt: now, historyMode: 'server', panes: saved, experiments: session.experiments.toSaved() };
    expect(sessionSchema.safeParse(doc).success).toBe(true);

    // Restored, the samples come back as they were.
    const other = new SessionState(createApi(new FakeBridge().bridge()), { scheduler: new ManualFrames() });
    other.loadPanes(saved);
    expect(other.panes[0]!.lastTurn!.samples.map((s) => [s.status, s.text, s.metrics?.totalMs])).toEqual([
      ['done', 'sample 1 ', 100],
      ['done', 'sample 3 xx', 300],
      ['done', 'sample 5 xxxx', 500],
    ]);
  });

  it('a sample that ends in 429 is sent again after the wait it asked for, with fewer requests at once', async () => {
    const { fake, session } = await setup(1);
    const run = session.experiments.startRepeat(['pane-1'], 2, 2);
    await settle();
    expect(started(fake)).toHaveLength(2);
    const sample = session.panes[0]!.lastTurn!.samples[0]!;
    fake.emit({ type: 'error', requestId: ids(fake)[0]!, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics, error: { code: 'RATE_LIMITED', message: 'Slow down', retryable: true, retryAfterMs: 20 } });
    await settle();
    expect(session.experiments.running?.concurrency).toBe(1);
    expect(started(fake)).toHaveLength(2);
    finish(fake, 'pane-1', ids(fake)[1]!, 'second');
    await new Promise((r) => setTimeout(r, 60));
    // The limited sample went out again, under its own id (the first request with it has ended).
    expect(started(fake)).toHaveLength(3);
    expect(ids(fake)[2]).toBe(sample.id);
    expect(sample.requestId).toBe(sample.id);
    finish(fake, 'pane-1', ids(fake)[2]!, 'first, at last');
    await run;
    expect(session.panes[0]!.lastTurn!.samples.map((s) => s.text)).toEqual(['first, at last', 'second']);
  });

  for (const asked of [-5_000, Number.NaN]) {
    it(`a sample whose 429 asks a wait of ${asked} is sent again after the backoff, not left waiting`, async () => {
      const { fake, session } = await setup(1);
      vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
      try {
        const run = session.experiments.startRepeat(['pane-1'], 2, 2);
        await vi.advanceTimersByTimeAsync(0);
        const sample = session.panes[0]!.lastTurn!.samples[0]!;
        fake.emit({ type: 'error', requestId: ids(fake)[0]!, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics, error: { code: 'RATE_LIMITED', message: 'Slow down', retryable: true, retryAfterMs: asked } });
        finish(fake, 'pane-1', ids(fake)[1]!, 'second');
        await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF_MS);
        expect(ids(fake)).toEqual([sample.id, expect.any(String), sample.id]);
        finish(fake, 'pane-1', sample.id, 'first, at last');
        await vi.advanceTimersByTimeAsync(0);
        await run;
        expect(session.panes[0]!.lastTurn!.samples.map((s) => [s.status, s.text])).toEqual([
          ['done', 'first, at last'],
          ['done', 'second'],
        ]);
      } finally {
        vi.useRealTimers();
      }
    });
  }

  it('the Summary grid prices a repeat run at the model its samples were sent with, not the turn’s', async () => {
    const { fake, session } = await setup(1);
    const pane = session.panes[0]!;
    const usage = { total_input_tokens: 100, total_output_tokens: 10 };
    const answer = (requestId: string) =>
      fake.emit({ type: 'done', requestId, paneId: 'pane-1', interactionId: `i-${requestId}`, status: 'completed', steps: [], metrics: { totalMs: 1, usage }, interaction: { id: `i-${requestId}`, status: 'completed' } });
    // A second turn on 2.5 Pro, then the pane switched to 2.5 Flash and its last turn repeated there.
    pane.settings.model = 'gemini-2.5-pro';
    session.composer.text = 'And another';
    await session.send();
    answer(pane.lastTurn!.requestId!);
    pane.settings.model = 'gemini-2.5-flash';
    const run = session.experiments.startRepeat(['pane-1'], 2, 2);
    await settle();
    for (const requestId of ids(fake)) answer(requestId);
    await run;
    expect(pane.turns.map((t) => t.config.model)).toEqual(['gemini-3-flash-preview', 'gemini-2.5-pro']);
    const [summary] = experimentGrid(gridPanes(session.panes)).summaries;
    expect(summary!.costUsd).toBeCloseTo((2 * (100 * 0.3 + 10 * 2.5)) / 1e6, 12);
  });

  it('a 429 that main is retrying also slows the run down', async () => {
    const { fake, session } = await setup(1);
    const run = session.experiments.startRepeat(['pane-1'], 4, 4);
    await settle();
    expect(session.experiments.running?.concurrency).toBe(4);
    const retrying: TurnEvent = { type: 'retrying', requestId: ids(fake)[0]!, paneId: 'pane-1', attempt: 1, delayMs: 1_000, reason: 'Quota', code: 'RATE_LIMITED' };
    fake.emit(retrying);
    expect(session.experiments.running?.concurrency).toBe(2);
    expect(session.experiments.running?.pausedUntil).toBeGreaterThan(Date.now());
    await session.stop();
    for (const requestId of ids(fake)) fake.emit({ type: 'cancelled', requestId, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics });
    await run;
  });

  it('Stop ends the run: running samples are cancelled, queued ones never go out', async () => {
    const { fake, session } = await setup(1);
    const run = session.experiments.startRepeat(['pane-1'], 5, 2);
    await settle();
    await session.stop();
    const [first, second] = ids(fake);
    expect(fake.callsOf('cancelTurn')).toEqual([{ requestIds: [first, second] }]);
    fake.emit({ type: 'cancelled', requestId: first!, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics });
    fake.emit({ type: 'cancelled', requestId: second!, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics });
    await run;
    expect(started(fake)).toHaveLength(2);
    expect(session.panes[0]!.lastTurn!.samples.map((s) => s.status)).toEqual(['stopped', 'stopped', 'stopped', 'stopped', 'stopped']);
    expect(session.panes[0]!.busy).toBe(false);
    expect(session.experiments.running).toBeUndefined();
  });

  it('Stop while main is still starting samples: they are cancelled as soon as they have an id, and never stream', async () => {
    const { fake, session } = await setup(1);
    const run = session.experiments.startRepeat(['pane-1'], 3, 2);
    // Both start calls are on their way; main has taken neither yet.
    await session.stop();
    await run;
    const [first, second] = ids(fake);
    expect(fake.callsOf('cancelTurn')).toEqual([{ requestIds: [first] }, { requestIds: [second] }]);
    fake.emit({ type: 'delta', requestId: first!, paneId: 'pane-1', text: 'should not show' });
    const samples = session.panes[0]!.lastTurn!.samples;
    expect(samples.map((s) => [s.status, s.text])).toEqual([
      ['stopped', ''],
      ['stopped', ''],
      ['stopped', ''],
    ]);
    expect(session.panes[0]!.busy).toBe(false);
  });

  it('a sample waiting to be sent again after a 429 keeps its pane busy, and Stop on the pane ends it for good', async () => {
    const { fake, session } = await setup(1);
    const run = session.experiments.startRepeat(['pane-1'], 2, 2);
    await settle();
    const [limited] = session.panes[0]!.lastTurn!.samples;
    fake.emit({ type: 'error', requestId: ids(fake)[0]!, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics, error: { code: 'RATE_LIMITED', message: 'Slow down', retryable: true, retryAfterMs: 30 } });
    finish(fake, 'pane-1', ids(fake)[1]!, 'second');
    await settle();
    expect(limited!.status).toBe('waiting');
    expect(limited!.note).toContain('Rate limited');
    expect(session.panes[0]!.busy).toBe(true);
    await session.stopPane('pane-1');
    expect(limited!.status).toBe('stopped');
    await run;
    expect(started(fake)).toHaveLength(2);
    expect(session.experiments.running).toBeUndefined();
  });

  it('counts samples stopped apart from samples that failed, and says so on the banner', async () => {
    const { fake, session } = await setup(2);
    const other = session.panes[1]!.id;
    const run = session.experiments.startRepeat(session.panes.map((p) => p.id), 3, 2);
    const progress = session.experiments.running!;
    await settle();
    await session.stopPane('pane-1');
    for (const c of started(fake).filter((c) => c.paneId === 'pane-1')) fake.emit({ type: 'cancelled', requestId: c.requestId, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics });
    await settle();
    let answered = 0;
    for (let rounds = 0; rounds < 20 && answered < 3; rounds++) {
      for (const c of started(fake).filter((c) => c.paneId === other).slice(answered)) {
        if (answered === 0) fake.emit({ type: 'error', requestId: c.requestId, paneId: other, partial: false, steps: [], metrics: noMetrics, error: { code: 'SERVER', message: 'The server failed', retryable: true } });
        else finish(fake, other, c.requestId, 'blue');
        answered++;
      }
      await settle();
    }
    await run;
    expect({ ended: progress.ended, failed: progress.failed, stopped: progress.stopped }).toEqual({ ended: 6, failed: 1, stopped: 3 });
    expect(progress.summary).toBe('2 of 6 answered · 1 failed · 3 stopped');
  });

  it('says why a pane cannot repeat, and runs the others', async () => {
    const { fake, session } = await setup(2);
    const fresh = session.addPane()!;
    session.panes[1]!.settings.temperature = 'hot';
    const run = session.experiments.startRepeat(session.panes.map((p) => p.id), 2, 1);
    expect(session.experiments.repeatError).toContain('Send a prompt first');
    expect(session.experiments.repeatError).toContain('settings to fix');
    expect(fresh.lastTurn).toBeUndefined();
    // Pane 1 alone runs.
    expect(session.experiments.running?.total).toBe(2);
    await session.stop();
    await settle();
    for (const sample of session.panes[0]!.lastTurn!.samples) {
      if (sample.requestId) fake.emit({ type: 'cancelled', requestId: sample.requestId, paneId: 'pane-1', partial: false, steps: [], metrics: noMetrics });
    }
    await run;
  });
});

describe('repeat runs and examples', () => {
  it('a pane whose last turn is a hand-written example is not repeated: an example is never sent', async () => {
    const { fake, session } = await setup(2);
    const [withExample, other] = session.panes;
    expect(session.edits.insertExample(withExample!, 1, 'Q: 2+2', 'A: 4')).toBeUndefined();
    expect(withExample!.lastTurn?.example).toBe(true);
    expect(session.experiments.repeatable.map((p) => p.id)).toEqual([other!.id]);
    expect(session.experiments.notRepeatable(withExample!.id)).toBe('its last turn is an example, never sent');

    void session.experiments.startRepeat([withExample!.id], 2, 1);
    await settle();
    expect(session.experiments.repeatError).toContain('ends with an example');
    expect(session.experiments.running).toBeUndefined();
    expect(started(fake)).toHaveLength(0);
    expect(withExample!.lastTurn!.samples).toEqual([]);
  });
});

describe('blind ratings', () => {
  it('offers unrated pairs, records picks, and reports win rates by pane', async () => {
    const { session } = await setup(2);
    const queue = session.experiments.blindQueue(() => 0.9);
    expect(queue).toHaveLength(1);
    const pair = queue[0]!;
    expect([pair.a.text, pair.b.text].sort()).toEqual(['first answer of pane-1', `first answer of ${session.panes[1]!.id}`]);
    const made = session.experiments.rate(pair, 'a')!;
    expect(session.experiments.blindQueue()).toHaveLength(0);
    const rates = session.experiments.winRates;
    expect(rates.map((r) => [r.paneId, r.wins, r.losses])).toEqual([
      [pair.a.paneId, 1, 0],
      [pair.b.paneId, 0, 1],
    ]);
    expect(rates[0]!.label).toBe(session.labelOf(pair.a.paneId));
    const saved = session.experiments.toSaved();
    expect(saved?.ratings).toHaveLength(1);
    const turnOf = (paneId: string) => session.pane(paneId)!.turns[0]!.id;
    expect(saved?.ratings?.[0]).toMatchObject({ turn: 0, winner: 'a', a: { paneId: pair.a.paneId, turnId: turnOf(pair.a.paneId) }, b: { paneId: pair.b.paneId, turnId: turnOf(pair.b.paneId) } });
    session.experiments.removeRating(made.id);
    expect(session.experiments.ratings).toEqual([]);
    expect(session.experiments.blindQueue()).toHaveLength(1);
  });

  it('after Regenerate the new answer can be rated, the verdict on the old one no longer counts, and its samples go', async () => {
    const { fake, session } = await setup(2);
    const pane = session.panes[1]!;
    const run = session.experiments.startRepeat([pane.id], 2, 2);
    for (const { paneId, requestId } of started(fake)) finish(fake, paneId, requestId, `sample ${requestId}`);
    await run;
    expect(pane.lastTurn!.samples).toHaveLength(2);
    session.experiments.rate(session.experiments.blindQueue()[0]!, 'a');
    expect(session.experiments.winRates).toHaveLength(2);
    expect(session.experiments.blindQueue()).toHaveLength(0);

    const turnId = pane.lastTurn!.id;
    await new Promise((r) => setTimeout(r, 2));
    const again = session.regenerate(pane.id);
    await settle();
    expect(pane.lastTurn!.samples).toEqual([]);
    finish(fake, pane.id, pane.lastTurn!.requestId!, 'a regenerated answer');
    await again;
    expect(pane.lastTurn!.id).toBe(turnId);
    expect(session.experiments.blindQueue()).toHaveLength(1);
    expect(session.experiments.winRates).toEqual([]);
    expect(session.experiments.ratings).toHaveLength(1);
  });

  it('a verdict on samples that a second repeat run replaced no longer counts, and is told apart as replaced', async () => {
    const { fake, session } = await setup(2);
    const repeat = async () => {
      fake.calls.length = 0;
      const run = session.experiments.startRepeat(session.panes.map((p) => p.id), 1, 2);
      for (const { paneId, requestId } of started(fake)) finish(fake, paneId, requestId, `sample ${requestId}`);
      await run;
    };
    await repeat();
    const samplePair = session.experiments.blindQueue().find((p) => p.sample === 0)!;
    session.experiments.rate(samplePair, 'a');
    expect(session.experiments.currentRatings).toHaveLength(1);

    await repeat();
    expect(session.panes[0]!.lastTurn!.samples[0]!.id).not.toBe(samplePair.a.sampleId ?? samplePair.b.sampleId);
    expect(session.experiments.ratings).toHaveLength(1);
    expect(session.experiments.currentRatings).toEqual([]);
    expect(session.experiments.winRates).toEqual([]);
    expect(session.experiments.blindQueue().map((p) => p.sample)).toContain(0);
  });

  it('keeps a long label within what a saved session allows', async () => {
    const { session } = await setup(2);
    session.renamePane('pane-1', 'x'.repeat(200));
    const [pair] = session.experiments.blindQueue();
    const long = { ...pair!, a: { ...pair!.a, label: 'y'.repeat(500) } };
    const rating = session.experiments.rate(long, 'b')!;
    expect(rating.a.label).toHaveLength(200);
  });
});
