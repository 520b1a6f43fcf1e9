// Issue 13, finding 3: an answer longer than main keeps. Before, a 1.2 M-character answer ended `done`,
// every later save of its session was refused, and its journal was set aside at the next start. Now main
// keeps the first MAX_ANSWER_CHARS, says so (a delta, then the terminal event), and the turn saves — from
// the renderer's save and from crash recovery — and reads back after a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SentRequest, TerminalTurnEvent, TurnEvent } from '../../src-shared/domain';
import type { Interaction, StreamEvent } from '../../src-shared/interactions';
import { MAX_ANSWER_CHARS, MAX_ANSWER_DEPTH, MAX_ANSWER_STEPS_BYTES, MAX_DOCUMENT_BYTES, MAX_TEXT, MAX_USAGE_BYTES } from '../../src-shared/limits';
import type { SavedTurn, Session } from '../../src-shared/session';
import { GenerationService, type StreamingClient } from './generation';
import { StepAssembler } from './gemini/steps';
import { silentLogger } from './ports';
import { turnEventsTo } from '../../test-support/main/turn-events';
import { InflightJournal } from './sessions/inflight-journal';
import { recoverInflight, type InflightRecord } from './sessions/inflight-recovery';
import { SessionRepository } from './sessions/repository';
import { encodeSessionDocument } from './sessions/session-document';
import { AT, simpleSession, tempDir } from '../../test-support/main/sessions';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.remove());

const LONG = 1_200_000;
/** Distinct characters everywhere, so a wrong slice cannot pass for the right one. */
const answerText = (length: number) => Array.from({ length: Math.ceil(length / 10) }, (_, i) => `${i}`.padStart(9, '.') + '\n').join('').slice(0, length);

async function* stream(
  text: string,
  options: { chunk?: number; thought?: string; usage?: Record<string, unknown>; steps?: StreamEvent[] } = {},
): AsyncGenerator<StreamEvent, Interaction> {
  const chunk = options.chunk ?? 20_000;
  if (options.thought !== undefined) {
    yield { event_type: 'step.start', index: 0, step: { type: 'thought' } } satisfies StreamEvent;
    for (let at = 0; at < options.thought.length; at += chunk) {
      yield { event_type: 'step.delta', index: 0, delta: { type: 'thought_summary', content: { type: 'text', text: options.thought.slice(at, at + chunk) } } } as StreamEvent;
    }
    yield { event_type: 'step.stop', index: 0 } satisfies StreamEvent;
  }
  yield* options.steps ?? [];
  yield { event_type: 'step.start', index: 1, step: { type: 'model_output' } } satisfies StreamEvent;
  for (let at = 0; at < text.length; at += chunk) yield { event_type: 'step.delta', index: 1, delta: { type: 'text', text: text.slice(at, at + chunk) } } as StreamEvent;
  yield { event_type: 'step.stop', index: 1 } satisfies StreamEvent;
  const interaction: Interaction = { id: 'v1_long', status: 'completed', usage: options.usage ?? { total_output_tokens: 300_000 } };
  yield { event_type: 'interaction.completed', interaction } as StreamEvent;
  return interaction;
}

function generate(events: () => AsyncGenerator<StreamEvent, Interaction>, observer?: InflightJournal) {
  const emitted: TurnEvent[] = [];
  const client: StreamingClient = {
    streamInteraction: () => events(),
    describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
  };
  const generation = new GenerationService({
    client,
    emit: turnEventsTo((e) => emitted.push(e)),
    logger: silentLogger,
    coalesceMs: 0,
    ...(observer ? { observer } : {}),
  });
  return { generation, emitted };
}

const terminalOf = (events: TurnEvent[]) => events.find((e): e is TerminalTurnEvent => ['done', 'error', 'cancelled'].includes(e.type))!;
const streamedText = (events: TurnEvent[]) => events.map((e) => (e.type === 'delta' ? (e.text ?? '') : '')).join('');

/** What the renderer saves for a finished turn (src-renderer/lib/state/saved.ts): the streamed text and the terminal event. */
function savedTurnFrom(events: TurnEvent[], id = 't2'): SavedTurn {
  const end = terminalOf(events);
  const turn: SavedTurn = {
    id,
    input: { text: 'Write a lot' },
    config: { model: 'gemini-3-flash-preview' },
    status: end.type === 'done' ? 'done' : end.type === 'error' ? 'failed' : 'stopped',
    text: streamedText(events),
    thought: events.map((e) => (e.type === 'delta' ? (e.thought ?? '') : '')).join(''),
    steps: end.steps as SavedTurn['steps'],
    metrics: end.metrics as SavedTurn['metrics'],
    startedAt: AT,
  };
  if (end.type === 'done') turn.interactionId = end.interactionId;
  if (end.truncatedAt !== undefined) turn.truncatedAt = end.truncatedAt;
  return turn;
}

describe('what main keeps of one answer', () => {
  it('the limits leave room: a capped answer stays inside MAX_TEXT and a quarter of a session, even escaped', () => {
    expect(MAX_ANSWER_CHARS).toBeLessThanOrEqual(MAX_TEXT);
    // JSON escapes a control character as \u00XX: six bytes for one character, in text and in thought.
    const worstAnswer = 2 * MAX_ANSWER_CHARS * 6 + MAX_ANSWER_STEPS_BYTES + MAX_USAGE_BYTES;
    expect(worstAnswer).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES / 4);
    // A step or usage record sits at most 10 levels down in a session file (export envelope included).
    expect(MAX_ANSWER_DEPTH + 10).toBeLessThanOrEqual(100);
  });

  it('a 1.2 M-character answer: the first MAX_ANSWER_CHARS are streamed and kept, the pane is told once, the turn ends done and truncated', async () => {
    const full = answerText(LONG);
    const { generation, emitted } = generate(() => stream(full));
    generation.start({ input: { text: 'Write a lot' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] });
    await generation.settled();

    expect(streamedText(emitted)).toBe(full.slice(0, MAX_ANSWER_CHARS));
    const notices = emitted.filter((e) => e.type === 'delta' && e.truncatedAt !== undefined);
    expect(notices).toEqual([expect.objectContaining({ type: 'delta', paneId: 'p1', truncatedAt: MAX_ANSWER_CHARS })]);
    // The notice comes after the last kept text: nothing is streamed past the cap.
    expect(emitted.indexOf(notices[0]!)).toBeGreaterThan(emitted.findLastIndex((e) => e.type === 'delta' && !!e.text));
    const done = terminalOf(emitted);
    expect(done).toMatchObject({ type: 'done', interactionId: 'v1_long', truncatedAt: MAX_ANSWER_CHARS, metrics: { usage: { total_output_tokens: 300_000 } } });
    expect(done.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: full.slice(0, MAX_ANSWER_CHARS) }] }]);
  });

  it('an answer within the cap is not marked', async () => {
    const { generation, emitted } = generate(() => stream(answerText(MAX_ANSWER_CHARS)));
    generation.start({ input: { text: 'Exactly enough' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'm' } }] });
    await generation.settled();
    expect(streamedText(emitted)).toHaveLength(MAX_ANSWER_CHARS);
    expect(emitted.some((e) => 'truncatedAt' in e)).toBe(false);
  });

  it('thought summaries are capped the same way, and a surrogate pair at the cap is never split', async () => {
    const thought = answerText(LONG);
    const text = `${'a'.repeat(MAX_ANSWER_CHARS - 1)}😀 and more`;
    const { generation, emitted } = generate(() => stream(text, { thought, chunk: 7_777 }));
    generation.start({ input: { text: 'Think' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'm' } }] });
    await generation.settled();
    const saved = savedTurnFrom(emitted);
    // Each summary delta is a paragraph of its own (steps.ts): the thought is the parts joined by blank lines.
    const asThought = (parts: string[]) => parts.map((p, i) => (i === 0 || /^\s/.test(p) ? p : `\n\n${p}`)).join('');
    const sent = Array.from({ length: Math.ceil(LONG / 7_777) }, (_, i) => thought.slice(i * 7_777, (i + 1) * 7_777));
    expect(saved.thought).toBe(asThought(sent).slice(0, MAX_ANSWER_CHARS));
    expect(saved.text).toBe('a'.repeat(MAX_ANSWER_CHARS - 1));
    expect(saved.steps[0]).toEqual({ type: 'thought', summary: expect.any(Array) });
    expect(asThought((saved.steps[0]!.summary as { text: string }[]).map((p) => p.text))).toBe(saved.thought);
    expect(saved.truncatedAt).toBe(MAX_ANSWER_CHARS);
  });

  it('a function call nested past MAX_ANSWER_DEPTH, or arguments past the steps budget, is not kept; the turn says truncated', async () => {
    let deep = '"leaf"';
    for (let i = 0; i < MAX_ANSWER_DEPTH + 5; i++) deep = `{"a":${deep}}`;
    const huge = 'x'.repeat(MAX_ANSWER_STEPS_BYTES + 10);
    const steps: StreamEvent[] = [
      { event_type: 'step.start', index: 2, step: { type: 'function_call', name: 'deep', id: 'c1' } } as StreamEvent,
      { event_type: 'step.delta', index: 2, delta: { type: 'arguments_delta', arguments: deep } } as StreamEvent,
      { event_type: 'step.stop', index: 2 },
      { event_type: 'step.start', index: 3, step: { type: 'function_call', name: 'huge', id: 'c2' } } as StreamEvent,
      { event_type: 'step.delta', index: 3, delta: { type: 'arguments_delta', arguments: `{"s":"${huge}"}` } } as StreamEvent,
      { event_type: 'step.stop', index: 3 },
      { event_type: 'step.start', index: 4, step: { type: 'function_call', name: 'fine', id: 'c3', arguments: { city: 'Paris' } } } as StreamEvent,
      { event_type: 'step.stop', index: 4 },
    ];
    const { generation, emitted } = generate(() => stream('Short answer.', { steps }));
    generation.start({ input: { text: 'Call tools' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'm' } }] });
    await generation.settled();
    const done = terminalOf(emitted);
    expect(done.steps).toEqual([
      { type: 'model_output', content: [{ type: 'text', text: 'Short answer.' }] },
      { type: 'function_call', name: 'fine', id: 'c3', arguments: { city: 'Paris' } },
    ]);
    expect(done).toMatchObject({ type: 'done', truncatedAt: MAX_ANSWER_CHARS });
  });

  it('a step that grows past the budget while it streams is let go at once, not held until it stops', () => {
    // The start counts 35 characters of JSON, each fragment 11: nine fit in 140, the tenth does not.
    const a = new StepAssembler(silentLogger, { maxChars: 50, maxStepsBytes: 140, maxDepth: 5 });
    a.apply({ event_type: 'step.start', index: 0, step: { type: 'function_call', name: 'f' } } as StreamEvent);
    const fragment = { event_type: 'step.delta', index: 0, delta: { type: 'arguments_delta', arguments: '"0123456789' } } as StreamEvent;
    for (let i = 0; i < 9; i++) a.apply(fragment);
    expect(a.truncated).toBe(false);
    a.apply(fragment);
    expect(a.truncated).toBe(true);
    expect(a.steps).toEqual([]);
    expect(a.apply({ event_type: 'step.stop', index: 0 })).toEqual({});
  });

  it('a usage record nested past MAX_ANSWER_DEPTH is not kept (it is saved with the turn); the answer is', async () => {
    let usage: Record<string, unknown> = { n: 1 };
    for (let i = 0; i < MAX_ANSWER_DEPTH + 5; i++) usage = { deeper: usage };
    const { generation, emitted } = generate(() => stream('Fine.', { usage }));
    generation.start({ input: { text: 'Hi' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'm' } }] });
    await generation.settled();
    const done = terminalOf(emitted);
    expect(done).toMatchObject({ type: 'done', steps: [{ type: 'model_output' }] });
    expect(done.metrics.usage).toBeUndefined();
    expect(done.metrics.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('the worst case (every character escaped, text and thought at the cap) saves into a session with room to spare', async () => {
    const control = '\u0001'.repeat(LONG);
    const { generation, emitted } = generate(() => stream(control, { thought: control }));
    generation.start({ input: { text: 'Escape' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'm' } }] });
    await generation.settled();
    const session = simpleSession('worst', 'Worst', ['q']);
    session.panes[0]!.turns = [savedTurnFrom(emitted)];
    expect(Buffer.byteLength(encodeSessionDocument(session))).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES / 4);
  });
});

describe('a truncated answer saves, and survives restarts', () => {
  const repo = () => new SessionRepository({ dir: temp.dir, logger: silentLogger });
  const inflightDir = () => join(temp.dir, 'inflight');

  it("the renderer's save of the truncated turn works, and a later turn's save too; two restarts read both back", async () => {
    const first = repo();
    const session: Session = simpleSession('s1', 'Long answers', ['First question']);
    await first.save(session);

    const full = answerText(LONG);
    const { generation, emitted } = generate(() => stream(full));
    generation.start({ sessionId: 's1', input: { text: 'Write a lot' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] });
    await generation.settled();
    session.panes[0]!.turns.push(savedTurnFrom(emitted));
    await first.save(session);
    // A later edit (the next turn) is saved too: the session is not stuck over its limit.
    session.panes[0]!.turns.push({ ...simpleSession('x', 'x', ['Short one']).panes[0]!.turns[0]!, id: 't3' });
    const { updatedAt } = await first.save(session);
    await first.close();

    for (const start of [1, 2]) {
      const restarted = repo();
      const got = await restarted.get('s1');
      expect(got, `restart ${start}`).toEqual({ ...session, updatedAt });
      expect(got.panes[0]!.turns[1]).toMatchObject({ status: 'done', truncatedAt: MAX_ANSWER_CHARS, text: full.slice(0, MAX_ANSWER_CHARS) });
      expect(restarted.problems()).toEqual([]);
      await restarted.close();
    }
  });

  it('the app dies right after the answer ends: the journal carries the cut, recovery saves the turn truncated', async () => {
    const first = repo();
    await first.save(simpleSession('s1', 'Long answers', ['First question']));
    const journal = new InflightJournal({ dir: inflightDir(), logger: silentLogger, intervalMs: 10 });
    const full = answerText(LONG);
    const { generation } = generate(() => stream(full), journal);
    generation.start({
      sessionId: 's1',
      input: { text: 'Write a lot' },
      panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }],
    });
    await generation.settled();
    await journal.idle();
    const record = JSON.parse(readFileSync(join(inflightDir(), 't2.json'), 'utf8')) as InflightRecord;
    expect(record).toMatchObject({ truncatedAt: MAX_ANSWER_CHARS, final: { status: 'done' } });
    expect(record.text).toHaveLength(MAX_ANSWER_CHARS);

    // No save from the renderer: the next start finds the journal.
    const next = repo();
    expect(await recoverInflight({ dir: inflightDir(), repo: next, logger: silentLogger })).toBe(1);
    expect(next.problems()).toEqual([]);
    await next.close();
    const again = repo();
    expect((await again.get('s1')).panes[0]!.turns[1]).toMatchObject({
      id: 't2',
      status: 'done',
      interactionId: 'v1_long',
      truncatedAt: MAX_ANSWER_CHARS,
      text: full.slice(0, MAX_ANSWER_CHARS),
    });
    await journal.flush();
  });

  it('many capped answers: saves go on until the session itself is full, then say so, and nothing saved is lost', async () => {
    const { generation, emitted } = generate(() => stream(answerText(LONG)));
    generation.start({ input: { text: 'Write a lot' }, panes: [{ requestId: 't2', paneId: 'p1', config: { model: 'm' } }] });
    await generation.settled();
    const capped = savedTurnFrom(emitted);
    const perTurn = Buffer.byteLength(JSON.stringify(capped));
    const fitting = Math.floor((MAX_DOCUMENT_BYTES - 10_000) / perTurn);
    expect(fitting).toBeGreaterThanOrEqual(40);

    const session = simpleSession('full', 'Many long answers');
    session.panes[0]!.turns = Array.from({ length: fitting }, (_, i) => ({ ...capped, id: `t${i}` }));
    const r = repo();
    const { updatedAt } = await r.save(session);
    const more = { ...session, panes: [{ ...session.panes[0]!, turns: [...session.panes[0]!.turns, { ...capped, id: 'one-more' }] }] };
    await expect(r.save(more)).rejects.toMatchObject({
      code: 'STORAGE',
      message: expect.stringMatching(/^This session is too large to save \(\d+\.\d MB; the limit is 32\.0 MB\)\. Nothing was written: what was saved before is kept\. Continue in a new session\.$/),
    });
    await r.close();
    const restarted = repo();
    expect(await restarted.get('full')).toEqual({ ...session, updatedAt });
  });
});

vi.setConfig({ testTimeout: 30_000 });
