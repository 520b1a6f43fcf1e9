// Running a test set against a fake bridge: one request per case × pane with the case's values, a few at a time,
// nothing in the panes' transcripts; scoring, the judge, Stop, Run missing, re-runs, hand overrides, and what reaches
// the saved results (and when).
import { describe, expect, it } from 'vitest';
import type { StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import type { Usage } from '../../../src-shared/interactions';
import { VERDICT_SCHEMA } from '../../../src-shared/eval/assertions';
import { summarizePanes } from '../../../src-shared/eval/summary';
import type { CellResult } from '../../../src-shared/eval/test-set';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi } from '../api';
import type { AutosaveTimers } from './autosave';
import { SessionState } from './session.svelte';
import { TestRunState, type RunScope } from './test-run.svelte';
import { RESCORE_AFTER_MS } from './test-set-scoring.svelte';
import { TestSetState } from './test-set.svelte';
import { EXPECTED } from './case-cells';
import { describeError } from './errors';
import { missingCount } from '../results-grid';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A clock and timers that move only when told: `advance` runs what fell due. */
class ManualClock implements AutosaveTimers {
  now = 1_000_000;
  #timers = new Map<number, { run: () => void; at: number }>();
  #next = 0;
  set(run: () => void, ms: number): unknown {
    this.#timers.set(++this.#next, { run, at: this.now + ms });
    return this.#next;
  }
  clear(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.#timers]) {
      if (timer.at > this.now) continue;
      this.#timers.delete(id);
      timer.run();
    }
  }
}

function setup({ panes = 2, cases = 3, concurrency = 2, commitMs = 1_000 } = {}) {
  const fake = new FakeBridge();
  const api = createApi(fake.bridge());
  const frames = new ManualFrames();
  const session = new SessionState(api, { scheduler: frames });
  for (let i = 1; i < panes; i++) session.addPane();
  session.panes.forEach((p, i) => (p.settings.temperature = String(i)));
  session.composer.text = 'Translate {{word}} into {{lang}}';
  const clock = new ManualClock();
  // Built as the session builds its own, but on this clock: the pause before an edit is scored runs out here too.
  const sources = { prompt: () => session.composer.text, systemInstructions: () => session.panes.map((p) => p.settings.systemInstruction) };
  const set = new TestSetState(sources, { saveTextFile: async () => ({ saved: false }) }, { timers: clock });
  for (let i = 0; i < cases; i++) {
    const made = set.addCase()!;
    set.setCell(made.id, 'word', `word${i}`);
    set.setCell(made.id, 'lang', 'French');
  }
  let saves = 0;
  let keyAsked = 0;
  const run = new TestRunState(api, session.workspace, set, {
    scheduler: frames,
    concurrency: () => concurrency,
    commitMs,
    onSaved: () => saves++,
    onNeedKey: () => keyAsked++,
    now: () => clock.now,
    timers: clock,
  });
  run.connect();
  return { fake, session, set, run, frames, clock, saves: () => saves, keyAsked: () => keyAsked };
}

type Setup = ReturnType<typeof setup>;

/** start calls since the last reset: the one request each carries, and its input. */
function started(fake: FakeBridge): { request: StartTurnRequest['panes'][number]; input: string; sessionId?: string }[] {
  return (fake.callsOf('start') as StartTurnRequest[]).map((r) => ({ request: r.panes[0]!, input: r.input.text, ...(r.sessionId ? { sessionId: r.sessionId } : {}) }));
}

function answer(fake: FakeBridge, request: { requestId: string; paneId: string }, text: string, usage: Usage = { total_input_tokens: 7, total_output_tokens: 11 }) {
  const { requestId, paneId } = request;
  fake.emit({ type: 'delta', requestId, paneId, text });
  fake.emit({ type: 'done', requestId, paneId, interactionId: `i-${requestId}`, status: 'completed', steps: [], metrics: { totalMs: 250, usage }, interaction: { id: `i-${requestId}`, status: 'completed' } });
}

function end(fake: FakeBridge, request: { requestId: string; paneId: string }, type: 'cancelled' | 'error', partial = '') {
  const { requestId, paneId } = request;
  if (partial) fake.emit({ type: 'delta', requestId, paneId, text: partial });
  const event: TurnEvent =
    type === 'cancelled'
      ? { type, requestId, paneId, partial: partial !== '', steps: [], metrics: { totalMs: 5 } }
      : { type, requestId, paneId, partial: partial !== '', steps: [], metrics: { totalMs: 5 }, error: { code: 'SERVER', message: 'The server failed', retryable: true } };
  fake.emit(event);
}

/** Answers every request started and not answered yet with `reply(input)`, until the run ends. */
async function answerAll(s: Setup, reply: (input: string, paneId: string) => string, scope: RunScope = { kind: 'all' }) {
  const done = s.run.run(scope);
  let answered = 0;
  for (let rounds = 0; rounds < 100 && s.run.running; rounds++) {
    await settle();
    const calls = started(s.fake);
    for (; answered < calls.length; answered++) answer(s.fake, calls[answered]!.request, reply(calls[answered]!.input, calls[answered]!.request.paneId));
  }
  await done;
  return answered;
}

const byCell = (results: readonly CellResult[]) => new Map(results.map((r) => [`${r.caseId}/${r.paneId}`, r]));

describe('running a test set', () => {
  it('sends one request per case × pane with the case’s values, a few at a time, and keeps the cells out of the panes’ conversations', async () => {
    const s = setup({ panes: 2, cases: 3, concurrency: 2 });
    s.session.panes[1]!.settings.systemInstruction = 'Answer in {{lang}} only.';
    s.set.serviceTier = 'flex';
    const done = s.run.run({ kind: 'all' });
    await settle();
    // Two at once (the concurrency), case by case: case 1 in both panes first.
    expect(started(s.fake)).toHaveLength(2);
    const [first, second] = started(s.fake);
    expect(first).toEqual({ input: 'Translate word0 into French', request: { requestId: first!.request.requestId, paneId: 'pane-1', config: { model: 'gemini-3-flash-preview', temperature: 0 }, serviceTier: 'flex' } });
    expect(second!.request).toMatchObject({ paneId: s.session.panes[1]!.id, config: { systemInstruction: 'Answer in French only.', temperature: 1 }, serviceTier: 'flex' });
    expect(first!.request.requestId).not.toBe(second!.request.requestId);

    for (let i = 0; i < 6; i++) {
      const calls = started(s.fake);
      expect(calls.length - i).toBeLessThanOrEqual(2);
      answer(s.fake, calls[i]!.request, `answer ${i}`);
      await settle();
    }
    await done;
    expect(started(s.fake).map((c) => c.input)).toEqual(['word0', 'word0', 'word1', 'word1', 'word2', 'word2'].map((w) => `Translate ${w} into French`));
    // No crash journal and no turns: the panes' conversations are as they were.
    expect(started(s.fake).some((c) => c.sessionId !== undefined)).toBe(false);
    expect(s.session.panes.every((p) => p.turns.length === 0)).toBe(true);
    expect(s.set.results).toHaveLength(6);
    const cell = byCell(s.set.results).get(`${s.set.cases[0]!.id}/pane-1`);
    expect(cell).toMatchObject({ status: 'done', text: 'answer 0', latencyMs: 250, inputTokens: 7, outputTokens: 11, serviceTier: 'flex', interactionId: `i-${first!.request.requestId}` });
    // The template as run is the set's (saved with it).
    expect(s.set.prompt).toBe('Translate {{word}} into {{lang}}');
  });

  it('keeps a streaming cell’s text in memory only, shown once per frame, and writes finished cells into the set once the commit interval is over', async () => {
    const s = setup({ panes: 1, cases: 2, concurrency: 1, commitMs: 1_000 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    const [call] = started(s.fake);
    const caseId = s.set.cases[0]!.id;
    s.fake.emit({ type: 'delta', requestId: call!.request.requestId, paneId: 'pane-1', text: 'Bonjour' });
    const version = s.run.version;
    const resultsVersion = s.run.resultsVersion;
    s.frames.flush();
    // A delta redraws the cell, not the pass rates.
    expect(s.run.version).toBe(version + 1);
    expect(s.run.resultsVersion).toBe(resultsVersion);
    expect(s.run.cell(caseId, 'pane-1').live).toEqual({ phase: 'running', text: 'Bonjour' });
    expect(s.set.results).toEqual([]);

    s.fake.emit({ type: 'done', requestId: call!.request.requestId, paneId: 'pane-1', interactionId: 'i-1', status: 'completed', steps: [], metrics: { totalMs: 9 }, interaction: { id: 'i-1', status: 'completed' } });
    await settle();
    await settle();
    s.frames.flush();
    expect(s.run.resultsVersion).toBe(resultsVersion + 1);
    expect(s.set.results).toEqual([]);
    s.clock.advance(999);
    expect(s.set.results).toEqual([]);
    s.clock.advance(1);
    // Written into the set (and so the saved session) while the run goes on.
    expect(s.set.results.map((r) => [r.caseId, r.status, r.text])).toEqual([[caseId, 'done', 'Bonjour']]);
    expect(s.saves()).toBe(1);
    expect(s.run.cell(caseId, 'pane-1').live).toBeUndefined();
    answer(s.fake, started(s.fake)[1]!.request, 'Salut');
    await done;
    expect(s.set.results).toHaveLength(2);
  });

  it('holds finished cells back from the saved results until the commit interval or the run’s end', async () => {
    const s = setup({ panes: 1, cases: 2, concurrency: 1 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'one');
    await settle();
    await settle();
    // Shown in the grid, not yet written (a write is a save of the whole session).
    expect(s.run.cell(s.set.cases[0]!.id, 'pane-1').result?.text).toBe('one');
    expect(s.set.results).toEqual([]);
    expect(s.saves()).toBe(0);
    answer(s.fake, started(s.fake)[1]!.request, 'two');
    await done;
    expect(s.set.results.map((r) => r.text)).toEqual(['one', 'two']);
    expect(s.saves()).toBe(1);
  });

  it('during a run, tells the pass rates of finished cells at most every 250 ms; at its end, at once', async () => {
    const s = setup({ panes: 1, cases: 3, concurrency: 1 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    const before = s.run.resultsVersion;
    const finish = async (i: number) => {
      answer(s.fake, started(s.fake)[i]!.request, `a${i}`);
      await settle();
      await settle();
      s.frames.flush();
    };
    await finish(0);
    expect(s.run.resultsVersion).toBe(before + 1);
    s.clock.advance(100);
    await finish(1);
    // The cell shows at once; the summary waits for the rest of the 250 ms.
    expect(s.run.cell(s.set.cases[1]!.id, 'pane-1').result?.text).toBe('a1');
    expect(s.run.resultsVersion).toBe(before + 1);
    s.clock.advance(149);
    s.frames.flush();
    expect(s.run.resultsVersion).toBe(before + 1);
    s.clock.advance(1);
    s.frames.flush();
    expect(s.run.resultsVersion).toBe(before + 2);
    s.clock.advance(10);
    await finish(2);
    await done;
    s.frames.flush();
    expect(s.run.resultsVersion).toBe(before + 3);
  });

  it('takes the text from the finished interaction when no delta carried it', async () => {
    const s = setup({ panes: 1, cases: 1 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    const { requestId, paneId } = started(s.fake)[0]!.request;
    const steps = [{ type: 'model_output', content: [{ type: 'text', text: 'from the steps' }] }] as never;
    s.fake.emit({ type: 'done', requestId, paneId, interactionId: 'i', status: 'completed', steps, metrics: { totalMs: 1 }, interaction: { id: 'i', status: 'completed' } });
    await done;
    expect(s.set.results[0]!.text).toBe('from the steps');
  });

  it('scores each answer with the set’s and the case’s assertions', async () => {
    const s = setup({ panes: 1, cases: 2 });
    s.set.assertions.push({ id: 'a-contains', type: 'contains', value: 'French' }, { id: 'a-len', type: 'length', max: 30 });
    s.set.cases = s.set.cases.map((c, i) => (i === 1 ? { ...c, expected: 'exact', assertions: [{ id: 'a-eq', type: 'equals-expected' }] } : c));
    await answerAll(s, (input) => (input.includes('word0') ? `In French: ${'x'.repeat(40)}` : ' exact '));
    const cells = byCell(s.set.results);
    expect(cells.get(`${s.set.cases[0]!.id}/pane-1`)!.checks).toEqual([
      { assertionId: 'a-contains', pass: true },
      { assertionId: 'a-len', pass: false, reason: '51 characters, at most 30' },
    ]);
    expect(cells.get(`${s.set.cases[1]!.id}/pane-1`)!.checks).toEqual([
      { assertionId: 'a-contains', pass: false, reason: 'does not contain "French" (case-sensitive)' },
      { assertionId: 'a-len', pass: true },
      { assertionId: 'a-eq', pass: true },
    ]);
  });

  it('asks the judge model for a rubric through the same start, with the verdict schema, and keeps its reason', async () => {
    const s = setup({ panes: 1, cases: 1 });
    s.set.assertions.push({ id: 'r', type: 'rubric', value: 'Is it polite?', judgeModel: 'gemini-judge' });
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'Merci beaucoup');
    await settle();
    const caseId = s.set.cases[0]!.id;
    expect(s.run.cell(caseId, 'pane-1').live?.phase).toBe('judging');
    const judge = started(s.fake)[1]!;
    expect(judge.request.config).toMatchObject({ model: 'gemini-judge', responseSchema: VERDICT_SCHEMA });
    expect(judge.input).toContain('Is it polite?');
    expect(judge.input).toContain('Merci beaucoup');
    answer(s.fake, judge.request, '{"pass": false, "reason": "It thanks, but does not greet."}', { total_input_tokens: 40, total_output_tokens: 9 });
    await done;
    expect(s.set.results[0]).toMatchObject({ status: 'done', text: 'Merci beaucoup', checks: [{ assertionId: 'r', pass: false, reason: 'It thanks, but does not greet.' }] });
    // The judge's tokens are kept apart from the answer's, with the model that prices them.
    expect(s.set.results[0]).toMatchObject({ inputTokens: 7, outputTokens: 11, judgeUsage: [{ model: 'gemini-judge', inputTokens: 40, outputTokens: 9 }] });
  });

  it('keeps an answer\'s and a judge\'s thinking with their output tokens, so the pane\'s cost prices it at the output price', async () => {
    const s = setup({ panes: 1, cases: 1 });
    s.session.panes[0]!.settings.model = 'gemini-2.5-pro';
    s.set.assertions.push({ id: 'r', type: 'rubric', value: 'Is it polite?', judgeModel: 'gemini-2.5-flash' });
    const done = s.run.run({ kind: 'all' });
    await settle();
    // The docs' example usage: total_output_tokens leaves the 245 thought tokens out.
    answer(s.fake, started(s.fake)[0]!.request, 'Merci', { total_input_tokens: 11, total_output_tokens: 90, total_thought_tokens: 245, total_tokens: 346 });
    await settle();
    answer(s.fake, started(s.fake)[1]!.request, '{"pass": true, "reason": "ok"}', { total_input_tokens: 40, total_output_tokens: 9, total_thought_tokens: 100 });
    await done;
    expect(s.set.results[0]).toMatchObject({ inputTokens: 11, outputTokens: 335, judgeUsage: [{ model: 'gemini-2.5-flash', inputTokens: 40, outputTokens: 109 }] });
    const [summary] = summarizePanes(s.set, [{ id: 'pane-1', model: 'gemini-2.5-pro' }]);
    expect(summary!.costUsd).toBeCloseTo((11 * 1.25 + 335 * 10 + 40 * 0.3 + 109 * 2.5) / 1e6, 12);
    // The pane switched to another model afterwards: these answers were still pro's.
    s.session.panes[0]!.settings.model = 'gemini-2.5-flash';
    const [after] = summarizePanes(s.set, [{ id: 'pane-1', model: 'gemini-2.5-flash' }]);
    expect(after!.costUsd).toBeCloseTo(summary!.costUsd!, 12);
  });

  it('says why a judge gave no verdict, and judges with the pane’s model when the rubric names none', async () => {
    const s = setup({ panes: 1, cases: 1 });
    s.set.assertions.push({ id: 'r', type: 'rubric', value: 'Polite?', judgeModel: '' });
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'ok');
    await settle();
    expect(started(s.fake)[1]!.request.config.model).toBe('gemini-3-flash-preview');
    answer(s.fake, started(s.fake)[1]!.request, 'not json');
    await done;
    expect(s.set.results[0]!.checks![0]).toMatchObject({ assertionId: 'r', noVerdict: true, reason: expect.stringMatching(/^the judge's answer is not JSON/) });
    // Nothing was learnt of the answer: the rubric is not judged, and the pane's pass rate does not count it as failed.
    const [pane] = summarizePanes(s.set, s.session.panes.map((p) => ({ id: p.id, model: 'gemini-3-flash-preview' })));
    expect(pane).toMatchObject({ passed: 0, failed: 0, unjudged: 1 });
  });

  it('a value edited while the cell ran leaves its rubric not judged: the judge read the rubric filled with the value sent', async () => {
    const s = setup({ panes: 1, cases: 1 });
    const caseId = s.set.cases[0]!.id;
    s.set.assertions.push({ id: 'r', type: 'rubric', value: 'Written in {{lang}}', judgeModel: 'gemini-judge' });
    const done = s.run.run({ kind: 'all' });
    await settle();
    s.set.setCell(caseId, 'lang', 'German');
    answer(s.fake, started(s.fake)[0]!.request, 'Merci');
    await settle();
    const judge = started(s.fake)[1]!;
    expect(judge.input).toContain('<rubric>\nWritten in French\n</rubric>');
    answer(s.fake, judge.request, '{"pass": true, "reason": "French."}');
    await done;
    // Kept, "Written in German ✓" would be a verdict the judge never gave.
    expect(s.set.results[0]!.checks ?? []).toEqual([]);
    expect(summarizePanes(s.set, [{ id: 'pane-1', model: 'x' }])[0]).toMatchObject({ passed: 0, unjudged: 1, awaitingJudge: 1 });
  });

  it("fills the rubric with the case's values and shows the judge the prompt as sent and the expected answer", async () => {
    const s = setup({ panes: 1, cases: 1 });
    const caseId = s.set.cases[0]!.id;
    s.set.setCell(caseId, EXPECTED, 'Merci');
    s.set.assertions.push(
      { id: 'r', type: 'rubric', value: 'A faithful {{lang}} rendering of {{word}}', judgeModel: 'gemini-judge' },
      // A variable the case has no value for: filled blank, the judge would grade another rubric than the one written.
      { id: 'r2', type: 'rubric', value: 'In a {{tone}} tone', judgeModel: 'gemini-judge' },
    );
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'Merci !');
    await settle();
    const judge = started(s.fake)[1]!;
    expect(judge.input).toBe(
      '<rubric>\nA faithful French rendering of word0\n</rubric>\n\n<prompt>\nTranslate word0 into French\n</prompt>\n\n' +
        '<expected_answer>\nMerci\n</expected_answer>\n\n<answer>\nMerci !\n</answer>',
    );
    answer(s.fake, judge.request, '{"pass": true, "reason": "Faithful."}');
    await done;
    expect(started(s.fake)).toHaveLength(2);
    expect(s.set.results[0]!.checks).toEqual([
      { assertionId: 'r', pass: true, reason: 'Faithful.' },
      { assertionId: 'r2', pass: false, noVerdict: true, reason: 'No value for {{tone}} in this case: the judge was not asked.' },
    ]);
  });

  it('Run missing asks the judge again where a rubric got no verdict, keeping the answer, its other checks and its tokens', async () => {
    const s = setup({ panes: 1, cases: 2, concurrency: 2 });
    s.set.assertions.push({ id: 'c', type: 'contains', value: 'Merci' }, { id: 'r', type: 'rubric', value: 'Is it polite?', judgeModel: 'gemini-judge' });
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'Merci A');
    answer(s.fake, started(s.fake)[1]!.request, 'Merci B');
    await settle();
    const [failing, judging] = started(s.fake).slice(2);
    end(s.fake, failing!.request, 'error');
    answer(s.fake, judging!.request, '{"pass": true, "reason": "Thanks."}', { total_input_tokens: 40, total_output_tokens: 9 });
    await done;
    const [first, second] = s.set.cases.map((c) => c.id);
    const before = byCell(s.set.results);
    expect(before.get(`${first}/pane-1`)!.checks).toEqual([
      { assertionId: 'c', pass: true },
      { assertionId: 'r', pass: false, noVerdict: true, reason: 'The judge failed: The server failed' },
    ]);

    s.fake.calls.length = 0;
    s.clock.advance(60_000);
    const again = s.run.run({ kind: 'missing' });
    await settle();
    // Only the judge, on the answer kept; the cell with a verdict is not sent again.
    expect(started(s.fake)).toHaveLength(1);
    const judge = started(s.fake)[0]!;
    expect(judge.request.config).toMatchObject({ model: 'gemini-judge', responseSchema: VERDICT_SCHEMA });
    expect(judge.input).toContain('<answer>\nMerci A\n</answer>');
    expect(judge.input).toContain('<prompt>\nTranslate word0 into French\n</prompt>');
    expect(s.run.cell(first!, 'pane-1').live).toEqual({ phase: 'judging', text: 'Merci A' });
    answer(s.fake, judge.request, '{"pass": true, "reason": "Polite."}', { total_input_tokens: 30, total_output_tokens: 5 });
    await again;
    const after = byCell(s.set.results);
    expect(after.get(`${first}/pane-1`)).toEqual({
      ...before.get(`${first}/pane-1`),
      checks: [{ assertionId: 'c', pass: true }, { assertionId: 'r', pass: true, reason: 'Polite.' }],
      judgeUsage: [{ model: 'gemini-judge', inputTokens: 30, outputTokens: 5 }],
      at: new Date(s.clock.now).toISOString(),
    });
    expect(after.get(`${second}/pane-1`)).toBe(before.get(`${second}/pane-1`));

    s.fake.calls.length = 0;
    await s.run.run({ kind: 'missing' });
    expect(started(s.fake)).toHaveLength(0);
    expect(s.run.error).toBe('Every cell has an answer, and a verdict on each rubric: nothing is missing.');
  });

  it('Stop keeps every finished cell, marks the streaming ones stopped with what arrived, starts no more; Run missing sends only the rest', async () => {
    const s = setup({ panes: 2, cases: 3, concurrency: 2 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'first');
    await settle();
    // Cells 2 and 3 stream now; 4–6 wait.
    expect(started(s.fake)).toHaveLength(3);
    const streaming = started(s.fake).slice(1).map((c) => c.request);
    s.fake.emit({ type: 'delta', requestId: streaming[0]!.requestId, paneId: streaming[0]!.paneId, text: 'half an ans' });
    await s.run.stop();
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: streaming.map((r) => r.requestId) }]);
    end(s.fake, streaming[0]!, 'cancelled');
    end(s.fake, streaming[1]!, 'cancelled');
    await done;
    expect(started(s.fake)).toHaveLength(3);
    expect(s.run.running).toBeUndefined();
    expect(s.set.results.map((r) => [r.status, r.text])).toEqual([
      ['done', 'first'],
      ['stopped', 'half an ans'],
      ['stopped', ''],
    ]);

    s.fake.calls.length = 0;
    const sent = await answerAll(s, (input, paneId) => `${input} @ ${paneId}`, { kind: 'missing' });
    // 6 cells, one done: five requests, never the finished one again.
    expect(sent).toBe(5);
    expect(s.set.results).toHaveLength(6);
    expect(s.set.results.every((r) => r.status === 'done')).toBe(true);
    expect(byCell(s.set.results).get(`${s.set.cases[0]!.id}/pane-1`)!.text).toBe('first');
    s.fake.calls.length = 0;
    await s.run.run({ kind: 'missing' });
    expect(started(s.fake)).toHaveLength(0);
    expect(s.run.error).toBe('Every cell has an answer, and a verdict on each rubric: nothing is missing.');
  });

  it('re-runs one cell, one case’s row or one pane’s column, replacing only those cells', async () => {
    const s = setup({ panes: 2, cases: 2 });
    await answerAll(s, () => 'old');
    const [c1, c2] = s.set.cases.map((c) => c.id);
    const [p1, p2] = s.session.panes.map((p) => p.id);
    const rerun = async (scope: RunScope) => {
      s.fake.calls.length = 0;
      await answerAll(s, () => 'new', scope);
      return started(s.fake).map((c) => `${c.input.match(/word\d/)![0]}/${c.request.paneId}`);
    };
    expect(await rerun({ kind: 'cell', caseId: c2!, paneId: p1! })).toEqual(['word1/pane-1']);
    expect(await rerun({ kind: 'case', caseId: c1! })).toEqual([`word0/${p1}`, `word0/${p2}`]);
    expect(await rerun({ kind: 'pane', paneId: p2! })).toEqual([`word0/${p2}`, `word1/${p2}`]);
    const texts = byCell(s.set.results);
    expect(s.set.results).toHaveLength(4);
    expect(texts.get(`${c2}/${p1}`)!.text).toBe('new');
    expect(texts.get(`${c1}/${p1}`)!.text).toBe('new');
  });

  it('records a failed answer with its error, and a 429 sends the cell again later', async () => {
    const s = setup({ panes: 1, cases: 2, concurrency: 2 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    const [a, b] = started(s.fake).map((c) => c.request);
    end(s.fake, a!, 'error', 'par');
    s.fake.emit({ type: 'error', requestId: b!.requestId, paneId: b!.paneId, partial: false, steps: [], metrics: { totalMs: 1 }, error: { code: 'RATE_LIMITED', message: 'Slow down', retryable: true, retryAfterMs: 0 } });
    await settle();
    expect(s.run.running?.concurrency).toBe(1);
    await settle();
    const again = started(s.fake)[2]!;
    expect(again.input).toBe('Translate word1 into French');
    expect(s.run.cell(s.set.cases[1]!.id, 'pane-1').live?.phase).toBe('running');
    answer(s.fake, again.request, 'fine');
    await done;
    expect(s.set.results.map((r) => [r.status, r.text, r.error?.code])).toEqual([
      ['failed', 'par', 'SERVER'],
      ['done', 'fine', undefined],
    ]);
  });

  it('refuses to start without a template, without cases, or with a pane whose settings are invalid', async () => {
    const s = setup({ panes: 2, cases: 1 });
    s.session.composer.text = '';
    await s.run.run({ kind: 'all' });
    expect(s.run.error).toMatch(/^Write the prompt template/);
    s.session.composer.text = 'Say {{word}}';
    s.session.panes[1]!.settings.temperature = 'hot';
    await s.run.run({ kind: 'all' });
    expect(s.run.error).toMatch(/^Pane 2 .* has settings to fix first\.$/);
    expect(started(s.fake)).toHaveLength(0);
  });

  it('a hand verdict overrides the assertions, is saved at once, and can be taken back', async () => {
    const s = setup({ panes: 1, cases: 1 });
    await answerAll(s, () => 'x');
    const caseId = s.set.cases[0]!.id;
    const saves = s.saves();
    s.run.setManual(caseId, 'pane-1', 'fail');
    expect(s.set.results[0]!.manual).toBe('fail');
    expect(s.saves()).toBe(saves + 1);
    s.run.setManual(caseId, 'pane-1', undefined);
    expect(s.set.results[0]).not.toHaveProperty('manual');
  });

  it('a run reset by another session opening writes nothing into the new set', async () => {
    const s = setup({ panes: 1, cases: 1 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    const call = started(s.fake)[0]!;
    s.run.reset();
    // A duplicate of the session holds the same case and pane ids.
    s.set.load({ variables: ['word', 'lang'], prompt: '', cases: s.set.cases, assertions: [], results: [] });
    answer(s.fake, call.request, 'late');
    await done;
    // Nothing waits to be written either: a later write (another run's, a hand mark's) brings no old cell in.
    s.run.flush();
    expect(s.set.results).toEqual([]);
    expect(s.run.running).toBeUndefined();
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: [call.request.requestId] }]);
  });

  it('a run reset while its judge answers writes nothing either', async () => {
    const s = setup({ panes: 1, cases: 1 });
    s.set.assertions.push({ id: 'r', type: 'rubric', value: 'Polite?', judgeModel: 'gemini-judge' });
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'ok');
    await settle();
    expect(started(s.fake)).toHaveLength(2);
    s.run.reset();
    s.set.load({ variables: ['word', 'lang'], prompt: '', cases: s.set.cases, assertions: [], results: [] });
    await done;
    s.run.flush();
    expect(s.set.results).toEqual([]);
  });

  it('a running test set keeps the session busy (no switching away), and the session’s Stop stops it', async () => {
    const fake = new FakeBridge();
    const session = new SessionState(createApi(fake.bridge()), { scheduler: new ManualFrames(), concurrency: () => 1 });
    session.connect();
    session.composer.text = 'Say {{word}}';
    for (const word of ['one', 'two']) session.testSet.setCell(session.testSet.addCase()!.id, 'word', word);
    const done = session.testRun.run({ kind: 'all' });
    await settle();
    expect(session.busy).toBe(true);
    const [call] = started(fake);
    await session.stop();
    expect(fake.callsOf('cancelTurn')).toContainEqual({ requestIds: [call!.request.requestId] });
    end(fake, call!.request, 'cancelled');
    await done;
    expect(started(fake)).toHaveLength(1);
    expect(session.busy).toBe(false);
    expect(session.testSet.results.map((r) => r.status)).toEqual(['stopped']);
  });
});

describe('edits while a run goes on', () => {
  it('every cell is sent with the template, the case’s values and the pane’s settings as they were when the run started', async () => {
    const s = setup({ panes: 1, cases: 3, concurrency: 1 });
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'a0');
    // The person goes on editing: the prompt, the last case, the pane's settings.
    s.session.composer.text = 'Summarise {{word}}';
    s.set.setCell(s.set.cases[2]!.id, 'word', 'edited');
    s.session.panes[0]!.settings.temperature = '1.5';
    s.session.panes[0]!.settings.systemInstruction = 'Be brief.';
    for (let i = 1; i < 3; i++) {
      await settle();
      answer(s.fake, started(s.fake)[i]!.request, `a${i}`);
    }
    await done;
    expect(started(s.fake).map((c) => c.input)).toEqual(['word0', 'word1', 'word2'].map((w) => `Translate ${w} into French`));
    expect(started(s.fake).map((c) => c.request.config)).toEqual(Array(3).fill({ model: 'gemini-3-flash-preview', temperature: 0 }));
    expect(s.set.prompt).toBe('Translate {{word}} into {{lang}}');
  });
});

describe('a re-run stopped', () => {
  it('keeps each cell’s earlier complete answer, its checks and its hand mark, rather than the part that arrived', async () => {
    const s = setup({ panes: 1, cases: 2, concurrency: 2 });
    s.set.setAssertions.add('contains')!.value = 'good';
    s.set.setAssertions.edited();
    await answerAll(s, () => 'A complete, good answer.');
    const first = s.set.cases[0]!.id;
    s.run.setManual(first, 'pane-1', 'pass');
    const before = s.set.results;
    expect(before.map((r) => r.status)).toEqual(['done', 'done']);

    s.fake.calls.length = 0;
    const done = s.run.run({ kind: 'all' });
    await settle();
    const [a, b] = started(s.fake);
    s.fake.emit({ type: 'delta', requestId: a!.request.requestId, paneId: 'pane-1', text: 'A com' });
    await s.run.stop();
    end(s.fake, a!.request, 'cancelled', 'A com');
    end(s.fake, b!.request, 'cancelled');
    await done;
    expect(s.set.results).toEqual(before);
    expect(s.set.results[0]).toMatchObject({ status: 'done', text: 'A complete, good answer.', manual: 'pass', checks: [{ pass: true }] });
  });
});

describe('a case without a value for a variable', () => {
  it('is not sent with it blank: its cells say which value is missing, and the other cases run', async () => {
    const s = setup({ panes: 2, cases: 2, concurrency: 2 });
    s.session.panes[1]!.settings.systemInstruction = 'You are a {{role}}.';
    s.set.setCell(s.set.cases[1]!.id, 'lang', '');
    await answerAll(s, (input) => `answer to ${input}`);
    expect(started(s.fake).map((c) => c.input)).toEqual(['Translate word0 into French']);
    const cells = byCell(s.set.results);
    const [first, second] = s.set.cases.map((c) => c.id);
    expect(cells.get(`${first}/pane-1`)).toMatchObject({ status: 'done' });
    expect(cells.get(`${first}/${s.session.panes[1]!.id}`)).toMatchObject({ status: 'failed', error: { message: 'No value for {{role}} in this case: not sent.' } });
    expect(cells.get(`${second}/pane-1`)).toMatchObject({ status: 'failed', text: '', error: { message: 'No value for {{lang}} in this case: not sent.' } });
    expect(cells.get(`${second}/${s.session.panes[1]!.id}`)!.error!.message).toBe('No value for {{lang}}, {{role}} in this case: not sent.');
  });
});

describe('checks edited around a run', () => {
  it('a rubric typed just before a run keeps its judge’s verdict when the typing’s pause runs out after the cells are in', async () => {
    const s = setup({ panes: 1, cases: 1 });
    const rubric = s.set.setAssertions.add('rubric')!;
    rubric.value = 'Is it polite?';
    s.set.setAssertions.edited();
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'Bonjour, merci');
    await settle();
    answer(s.fake, started(s.fake)[1]!.request, '{"pass": true, "reason": "It greets and thanks."}');
    await done;
    s.clock.advance(RESCORE_AFTER_MS);
    expect(s.set.results[0]!.checks).toEqual([{ assertionId: rubric.id, pass: true, reason: 'It greets and thanks.' }]);
  });

  it('a check or an expected answer edited while a finished cell waits to be written scores that cell too', async () => {
    const s = setup({ panes: 1, cases: 2, concurrency: 1 });
    const contains = s.set.setAssertions.add('contains')!;
    contains.value = 'Paris';
    const equals = s.set.setAssertions.add('equals-expected')!;
    const caseId = s.set.cases[0]!.id;
    s.set.setCell(caseId, EXPECTED, 'Paris');
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'Paris');
    await settle();
    await settle();
    expect(s.run.cell(caseId, 'pane-1').result?.checks?.map((c) => c.pass)).toEqual([true, true]);
    expect(s.set.results).toEqual([]);

    contains.value = 'Lyon';
    s.set.setAssertions.edited();
    s.set.setCell(caseId, EXPECTED, 'Lyon');
    // The typing's pause runs out before the commit interval: the answers in are scored, this cell is not in yet.
    s.clock.advance(RESCORE_AFTER_MS);
    s.clock.advance(1_000 - RESCORE_AFTER_MS);
    expect(s.set.results.map((r) => r.checks)).toEqual([
      [
        { assertionId: contains.id, pass: false, reason: 'does not contain "Lyon" (case-sensitive)' },
        { assertionId: equals.id, pass: false, reason: expect.any(String) },
      ],
    ]);
    answer(s.fake, started(s.fake)[1]!.request, 'Paris');
    await done;
  });

  it('a rubric edited while its judge answers leaves the cell not judged, not with the old rubric’s verdict', async () => {
    const s = setup({ panes: 1, cases: 1 });
    const rubric = s.set.setAssertions.add('rubric')!;
    rubric.value = 'Is it polite?';
    const done = s.run.run({ kind: 'all' });
    await settle();
    answer(s.fake, started(s.fake)[0]!.request, 'Bonjour');
    await settle();
    rubric.value = 'Is it in English?';
    s.set.setAssertions.edited();
    answer(s.fake, started(s.fake)[1]!.request, '{"pass": true, "reason": "It greets."}');
    await done;
    s.clock.advance(RESCORE_AFTER_MS);
    expect(s.set.results[0]).toMatchObject({ status: 'done', text: 'Bonjour' });
    expect(s.set.results[0]).not.toHaveProperty('checks');
  });
});

describe('Run missing and what it leaves alone', () => {
  /** One pane, `cases` cases answered, and a rubric whose judge failed on each (every cell lacks a verdict) or passed it. */
  async function answered(cases: number, judge: 'fails' | 'passes') {
    const s = setup({ panes: 1, cases, concurrency: 1 });
    s.set.assertions.push({ id: 'r', type: 'rubric', value: 'Written in {{lang}}', judgeModel: 'gemini-judge' });
    const done = s.run.run({ kind: 'all' });
    for (let i = 0; i < cases; i++) {
      await settle();
      answer(s.fake, started(s.fake)[2 * i]!.request, `Merci ${i}`);
      await settle();
      const judged = started(s.fake)[2 * i + 1]!.request;
      if (judge === 'fails') end(s.fake, judged, 'error');
      else answer(s.fake, judged, '{"pass": true, "reason": "French."}');
    }
    await done;
    s.fake.calls.length = 0;
    return s;
  }

  it('keeps a verdict given by hand: the cell is not judged or sent again, and is not counted missing', async () => {
    const s = await answered(2, 'fails');
    const [judgeless, failed] = s.set.cases.map((c) => c.id);
    s.run.setManual(judgeless!, 'pane-1', 'pass');
    // A request that failed, marked by hand: sent again, its answer would come back without the mark.
    const done = s.run.run({ kind: 'cell', caseId: failed!, paneId: 'pane-1' });
    await settle();
    end(s.fake, started(s.fake)[0]!.request, 'error');
    await done;
    s.run.setManual(failed!, 'pane-1', 'fail');
    expect(missingCount(s.set, ['pane-1'])).toBe(0);
    s.fake.calls.length = 0;

    await s.run.run({ kind: 'missing' });
    expect(started(s.fake)).toEqual([]);
    expect(s.run.error).toBe('Every cell has an answer, and a verdict on each rubric: nothing is missing.');
    expect(s.set.results.map((r) => r.manual)).toEqual(['pass', 'fail']);
  });

  it('only asking the judge, without a key, stops and asks for the key as a run does', async () => {
    const s = await answered(2, 'fails');
    const noKey = { code: 'NO_KEY', message: 'Add your Gemini API key first.' } as const;
    s.fake.handlers.start = () => ({ error: noKey });
    const second = s.set.results[1];

    await s.run.run({ kind: 'missing' });
    expect(s.keyAsked()).toBe(1);
    expect(s.run.error).toBe(`${describeError(noKey).title}: the run stopped.`);
    // The first judge was refused; the run stopped before the second cell's.
    expect(started(s.fake)).toHaveLength(1);
    expect(s.set.results[1]).toBe(second);
  });

  it('plans from a value typed in the pause before its edit is scored: the rubric it fills is judged again', async () => {
    const s = await answered(1, 'passes');
    s.set.setCell(s.set.cases[0]!.id, 'lang', 'German');
    const again = s.run.run({ kind: 'missing' });
    await settle();
    expect(s.run.error).toBe('');
    const [judge] = started(s.fake);
    expect(judge!.input).toContain('<rubric>\nWritten in German\n</rubric>');
    answer(s.fake, judge!.request, '{"pass": false, "reason": "French, not German."}');
    await again;
    expect(s.set.results[0]!.checks).toEqual([{ assertionId: 'r', pass: false, reason: 'French, not German.' }]);
  });
});
