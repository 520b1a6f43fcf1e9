// Crash recovery: the in-flight journal (throttled writes, final state, removal), the merge rules,
// and a simulated crash mid-stream recovered by a new repository instance — over real files.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaneTurnRequest, SentRequest } from '../../../src-shared/domain';
import type { Session } from '../../../src-shared/session';
import type { Timers } from '../../../src-shared/timers';
import { GenerationService, type StreamingClient } from '../generation';
import { silentLogger } from '../ports';
import { faultyFs } from '../../../test-support/main/fault-fs';
import { READ_WITHOUT_WAITING } from '../storage/files';
import { InflightJournal } from './inflight-journal';
import { INTERRUPTED_ERROR, mergeInflight, recoverInflight, type InflightRecord } from './inflight-recovery';
import { SessionRepository } from './repository';
import { inflightRecord, simpleSession, tempDir } from '../../../test-support/main/sessions';

let temp: ReturnType<typeof tempDir>;
let inflightDir: string;
beforeEach(() => {
  temp = tempDir();
  inflightDir = join(temp.dir, 'inflight');
});
afterEach(() => temp.remove());

function manualTimers(): Timers & { fire(): void; count(): number } {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    set(fn) {
      pending.set(++next, fn);
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
    fire() {
      const due = [...pending.values()];
      pending.clear();
      due.forEach((fn) => fn());
    },
    count: () => pending.size,
  };
}

/** The renderer names the request after the turn it answers (SavedTurn.id). */
const pane: PaneTurnRequest = { requestId: 't2', paneId: 'p1', config: { model: 'gemini-3-flash-preview', temperature: 0.3 } };
const journalFile = (requestId: string) => join(inflightDir, `${requestId}.json`);
const readJournal = (requestId: string) => JSON.parse(readFileSync(journalFile(requestId), 'utf8')) as InflightRecord;

const record = inflightRecord;

describe('InflightJournal', () => {
  it('writes the prompt at once, then at most once per interval with the newest text', async () => {
    let clock = 0;
    const timers = manualTimers();
    const fs = faultyFs();
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger, fs, timers, now: () => clock, intervalMs: 1_000 });
    journal.started({ requestId: 't2', sessionId: 's1', pane, input: { text: 'Hello' } });
    await journal.idle();
    expect(readJournal('t2')).toMatchObject({ sessionId: 's1', paneId: 'p1', turnId: 't2', input: { text: 'Hello' }, text: '', config: pane.config });
    const writes = () => fs.calls.filter(([op, path]) => op === 'rename' && path === journalFile('t2')).length;
    expect(writes()).toBe(1);

    let text = '';
    const snapshot = () => ({ text, thought: '', steps: [] });
    for (let i = 0; i < 50; i++) {
      clock += 10;
      text += 'x';
      journal.progress('t2', snapshot);
    }
    await journal.idle();
    expect(writes()).toBe(1); // 500 ms in: a write is scheduled, none done
    expect(timers.count()).toBe(1);
    clock = 1_000;
    text += '!';
    timers.fire();
    await journal.idle();
    expect(writes()).toBe(2);
    expect(readJournal('t2').text).toBe(`${'x'.repeat(50)}!`);
    await journal.flush();
  });

  it('records how the turn ended, and is removed once the renderer saves the turn in a final state', async () => {
    const timers = manualTimers();
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger, timers });
    journal.started({ requestId: 't2', sessionId: 's1', pane, input: { text: 'Hello' } });
    journal.progress('t2', () => ({ text: 'Done text', thought: '', steps: [] }));
    journal.finished({ type: 'done', requestId: 't2', paneId: 'p1', interactionId: 'v1_x', status: 'completed', steps: [], metrics: { totalMs: 5 }, interaction: { id: 'v1_x', status: 'completed' } as never });
    await journal.idle();
    expect(readJournal('t2')).toMatchObject({ text: 'Done text', final: { status: 'done', interactionId: 'v1_x', finishStatus: 'completed' } });

    const saved = simpleSession('s1', 'S');
    saved.panes[0]!.turns.push({ ...saved.panes[0]!.turns[0]!, id: 't2', status: 'interrupted' } as never);
    journal.noteSaved({ ...saved, panes: [{ ...saved.panes[0]!, turns: [] }] });
    journal.noteSaved(saved); // still interrupted: kept
    await journal.idle();
    expect(existsSync(journalFile('t2'))).toBe(true);
    saved.panes[0]!.turns.at(-1)!.status = 'done';
    journal.noteSaved(saved);
    await journal.idle();
    expect(existsSync(journalFile('t2'))).toBe(false);
    expect(journal.size).toBe(0);
  });

  it('a retry of the same turn before its first attempt was saved keeps its journal: that save does not take it', async () => {
    const timers = manualTimers();
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger, timers, intervalMs: 0 });
    journal.started({ requestId: 't2', sessionId: 's1', pane, input: { text: 'Hi' } });
    journal.finished({ type: 'error', requestId: 't2', paneId: 'p1', error: INTERRUPTED_ERROR, partial: false, steps: [], metrics: { totalMs: 1 } });
    journal.started({ requestId: 't2', sessionId: 's1', pane, input: { text: 'Hi' } });
    journal.progress('t2', () => ({ text: 'Second try', thought: '', steps: [] }));
    timers.fire();
    await journal.idle();
    expect(readJournal('t2')).toMatchObject({ text: 'Second try' });
    expect(readJournal('t2').final).toBeUndefined();
    expect(journal.size).toBe(1);
    await journal.flush();
  });

  it('a finished answer no save has confirmed keeps its journal, however long, and the next start recovers it', async () => {
    const timers = manualTimers();
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    await repo.save(simpleSession('s1', 'Dogs', ['First question']));
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger, timers });
    repo.onSaved((session) => journal.noteSaved(session));
    journal.started({ requestId: 't2', sessionId: 's1', pane, input: { text: 'Hi' } });
    journal.progress('t2', () => ({ text: 'The whole answer', thought: '', steps: [] }));
    journal.finished({ type: 'cancelled', requestId: 't2', paneId: 'p1', partial: true, steps: [], metrics: { totalMs: 1 } });
    await journal.idle();
    expect(readJournal('t2').final).toEqual({ status: 'stopped', metrics: { totalMs: 1 } });
    // The renderer crashed: reloaded, it saves the session as it was on disk, without the answer.
    await repo.save(simpleSession('s1', 'Dogs', ['First question']));
    timers.fire();
    await journal.idle();
    expect(readJournal('t2')).toMatchObject({ text: 'The whole answer', final: { status: 'stopped' } });

    const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(1);
    expect((await next.get('s1')).panes[0]!.turns[1]).toMatchObject({ id: 't2', status: 'stopped', text: 'The whole answer' });
  });

  it('a save that holds the finished turn in a branch set aside by an edit also removes its journal', async () => {
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger, timers: manualTimers() });
    journal.started({ requestId: 't2', sessionId: 's1', pane, input: { text: 'Hi' } });
    journal.finished({ type: 'cancelled', requestId: 't2', paneId: 'p1', partial: false, steps: [], metrics: { totalMs: 1 } });
    const saved = simpleSession('s1', 'S', ['Hi']);
    const answered = { ...saved.panes[0]!.turns[0]!, id: 't2', status: 'stopped' as const };
    saved.panes[0]!.forks = [{ position: 1, others: [[answered]] }];
    journal.noteSaved(saved);
    await journal.idle();
    expect(existsSync(journalFile('t2'))).toBe(false);
    expect(journal.size).toBe(0);
  });

  it('journals nothing without a session id (repeat samples), or before start-up recovery is done', async () => {
    let open!: () => void;
    const ready = new Promise<void>((resolve) => (open = resolve));
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger, ready, timers: manualTimers() });
    journal.started({ requestId: 'r0', pane, input: { text: 'no session' } });
    journal.started({ requestId: 'r2', sessionId: '../x', pane, input: { text: 'bad session id' } });
    journal.started({ requestId: 'r3', sessionId: 's1', pane, input: { text: 'waits' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(inflightDir)).toBe(false);
    open();
    await journal.idle();
    expect(readdirSync(inflightDir)).toEqual(['r3.json']);
  });
});

describe('mergeInflight', () => {
  const now = '2026-11-27T11:00:00.000Z';
  const base = (): Session => simpleSession('s1', 'Dogs', ['First question']);

  it('adds a turn the renderer never saved, as interrupted with its partial text', () => {
    const merged = mergeInflight(base(), [record()], now)!;
    expect(merged.panes[0]!.turns).toHaveLength(2);
    expect(merged.panes[0]!.turns[1]).toEqual({
      id: 't2',
      input: { text: 'Second question' },
      config: { model: 'gemini-3-flash-preview' },
      status: 'interrupted',
      text: 'Partial answer',
      thought: 'Thinking so far',
      steps: record().steps,
      startedAt: '2026-11-27T10:05:00.000Z',
      error: INTERRUPTED_ERROR,
    });
  });

  it('repairs a turn saved while streaming with the longer text; leaves a longer saved one', () => {
    const saved = base();
    saved.panes[0]!.turns.push({ ...saved.panes[0]!.turns[0]!, id: 't2', status: 'interrupted', text: 'Part', thought: '' });
    expect(mergeInflight(saved, [record()], now)!.panes[0]!.turns[1]).toMatchObject({ status: 'interrupted', text: 'Partial answer', thought: 'Thinking so far' });
    saved.panes[0]!.turns[1]!.text = 'Partial answer and much more that the renderer saved';
    expect(mergeInflight(saved, [record()], now)).toBeUndefined();
  });

  it('a final journal replaces an interrupted turn with how it really ended; a final saved turn wins', () => {
    const saved = base();
    saved.panes[0]!.turns.push({ ...saved.panes[0]!.turns[0]!, id: 't2', status: 'interrupted', text: 'Part' });
    const final = record({ text: 'Whole answer', final: { status: 'done', interactionId: 'v1_B', finishStatus: 'completed', metrics: { totalMs: 900 } } });
    const turn = mergeInflight(saved, [final], now)!.panes[0]!.turns[1]!;
    expect(turn).toMatchObject({ status: 'done', text: 'Whole answer', interactionId: 'v1_B', metrics: { totalMs: 900 } });
    expect(turn.error).toBeUndefined();
    saved.panes[0]!.turns[1]!.status = 'stopped';
    expect(mergeInflight(saved, [final], now)).toBeUndefined();
  });

  it('a retried turn saved while streaming keeps what the journal does not carry, and takes how the attempt ended', () => {
    const saved = base();
    const first = saved.panes[0]!.turns[0]!;
    saved.panes[0]!.turns.push({
      ...first,
      id: 't2',
      input: { text: 'Hi Ada' },
      status: 'interrupted',
      text: 'Hel',
      error: INTERRUPTED_ERROR,
      truncatedAt: 5,
      fillValues: { name: 'Ada' },
      original: { answer: 'my hand-written answer' },
      resultDrafts: [{ callId: 'c1', text: '{"ok":true}' }],
      samples: [{ id: 'sample-1', status: 'done', text: 'sample answer', thought: '', config: first.config, startedAt: first.startedAt }],
    });
    const retried = record({
      input: { text: 'Hi Ada' },
      config: { model: 'gemini-2.5-pro' },
      text: 'Hello Ada',
      final: { status: 'stopped', metrics: { totalMs: 40 } },
    });
    const turn = mergeInflight(saved, [retried], now)!.panes[0]!.turns[1]!;
    expect(turn).toEqual({
      id: 't2',
      input: { text: 'Hi Ada' },
      fillValues: { name: 'Ada' },
      original: { answer: 'my hand-written answer' },
      resultDrafts: [{ callId: 'c1', text: '{"ok":true}' }],
      samples: saved.panes[0]!.turns[1]!.samples,
      config: { model: 'gemini-2.5-pro' },
      status: 'stopped',
      text: 'Hello Ada',
      thought: retried.thought,
      steps: retried.steps,
      startedAt: retried.startedAt,
      metrics: { totalMs: 40 },
    });
  });

  it('keeps the images of a turn the renderer never saved (journaled by started, merged at the next start)', async () => {
    const images = [{ sha256: 'c'.repeat(64), mimeType: 'image/jpeg', name: 'cat.jpg', size: 1234 }];
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 'r9', sessionId: 's1', pane, input: { text: 'What is this?', images } });
    await journal.idle();
    expect(readJournal('r9').input).toEqual({ text: 'What is this?', images });
    const merged = mergeInflight(base(), [record({ input: { text: 'What is this?', images } })], now)!;
    expect(merged.panes[0]!.turns[1]!.input).toEqual({ text: 'What is this?', images });
    await journal.flush();
  });

  it('creates the pane, or the whole session, when the renderer never saved them', () => {
    const two = mergeInflight(base(), [record({ paneId: 'p2', requestId: 'r2', config: { model: 'gemini-2.5-pro' } })], now)!;
    expect(two.panes.map((p) => [p.id, p.config.model, p.turns.length])).toEqual([
      ['p1', 'gemini-3-flash-preview', 1],
      ['p2', 'gemini-2.5-pro', 1],
    ]);
    const fresh = mergeInflight(undefined, [record({ historyMode: 'stateless', input: { text: '\n  Tell me about paws\nmore' } }), record({ requestId: 'r2', paneId: 'p2' })], now)!;
    expect(fresh).toMatchObject({ id: 's1', title: 'Tell me about paws', historyMode: 'stateless', createdAt: '2026-11-27T10:05:00.000Z', updatedAt: now });
    expect(fresh.panes.map((p) => p.id)).toEqual(['p1', 'p2']);
  });
});

describe('recoverInflight', () => {
  const writeJournal = (r: InflightRecord) => {
    mkdirSync(inflightDir, { recursive: true });
    writeFileSync(journalFile(r.requestId), JSON.stringify(r));
  };

  it('a simulated crash mid-stream: a new repository instance finds the partial answer in its session', async () => {
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    // The renderer saved the session when the prompt was sent, before any text arrived.
    await repo.save(simpleSession('s1', 'Dogs', ['First question']));
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger, intervalMs: 10 });
    const client: StreamingClient = {
      async *streamInteraction(_body, { signal }) {
        yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
        yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'Partial ' } };
        yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'answer' } };
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        throw new Error('aborted');
      },
      describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
    };
    const generation = new GenerationService({ client, emit: () => undefined, logger: silentLogger, observer: journal });
    generation.start({ sessionId: 's1', input: { text: 'Second question' }, panes: [pane] });
    await vi.waitFor(() => expect(readJournal(pane.requestId).text).toBe('Partial answer'), { timeout: 5_000 });
    // No write of the journal is left to land after the recovery below (a slow disk could let one recreate the file).
    await journal.flush();

    // The app dies here: nothing is disposed or saved. The next start opens the same folder.
    const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(1);
    const session = await next.get('s1');
    expect(session.panes[0]!.turns.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(session.panes[0]!.turns[1]).toMatchObject({
      status: 'interrupted',
      text: 'Partial answer',
      input: { text: 'Second question' },
      config: pane.config,
      error: INTERRUPTED_ERROR,
    });
    expect(readdirSync(inflightDir)).toEqual([]);
    expect((await next.list('second')).map((s) => s.id)).toEqual(['s1']);

    await generation.dispose();
    await journal.flush();
  });

  it('merges journals left by a previous run into every session, then removes them', async () => {
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    await repo.save(simpleSession('s1', 'One', ['q']));
    await repo.close();
    writeJournal(record());
    writeJournal(record({ requestId: 'r2', sessionId: 'never-saved', input: { text: 'Lost prompt' } }));
    const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(2);
    expect((await next.get('s1')).panes[0]!.turns[1]!.text).toBe('Partial answer');
    expect(await next.get('never-saved')).toMatchObject({ title: 'Lost prompt', panes: [{ id: 'p1', turns: [{ status: 'interrupted' }] }] });
    expect(readdirSync(inflightDir)).toEqual([]);
  });

  it('moves a damaged journal aside and reports it; a deleted session stays deleted', async () => {
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    await repo.save(simpleSession('gone', 'Deleted while streaming'));
    await repo.delete('gone');
    writeJournal(record({ sessionId: 'gone' }));
    writeFileSync(join(inflightDir, 'r9.json'), '{"format":"gemini-playground-inflight","vers');
    expect(await recoverInflight({ dir: inflightDir, repo, logger: silentLogger })).toBe(0);
    expect(await repo.list()).toEqual([]);
    expect(repo.problems()).toEqual([expect.objectContaining({ kind: 'journal', file: join(inflightDir, 'r9.json'), movedTo: expect.stringContaining('.corrupt-') })]);
    expect(readdirSync(inflightDir).filter((n) => n.endsWith('.json'))).toEqual([]);
  });

  it('a damaged journal that cannot be moved aside is reported as left in place, with the reason', async () => {
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    mkdirSync(inflightDir, { recursive: true });
    const file = join(inflightDir, 'r9.json');
    writeFileSync(file, '{"format":"gemini-playground-inflight","vers');
    const fs = faultyFs();
    fs.failWhen('rename', (p) => p.startsWith(`${file}.corrupt-`), 'ENOSPC');
    await recoverInflight({ dir: inflightDir, repo, logger: silentLogger, fs });
    const [problem] = repo.problems();
    expect(problem).toMatchObject({ kind: 'journal', file });
    expect(problem?.movedTo).toBeUndefined();
    expect(problem?.message).toMatch(/its journal was damaged; it could not be moved aside \(the disk is full\) and was left in place\.$/);
    expect(readdirSync(inflightDir)).toEqual(['r9.json']);
  });

  it('a journal that cannot be read right now is not called damaged: it is kept for the next start', async () => {
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    await repo.save(simpleSession('s1', 'One', ['q']));
    writeJournal(record());
    const fs = faultyFs();
    const disarm = fs.failWhen('open', (p, flags) => p === journalFile('r1') && flags === READ_WITHOUT_WAITING, 'EACCES');
    expect(await recoverInflight({ dir: inflightDir, repo, logger: silentLogger, fs })).toBe(0);
    expect(repo.problems()).toEqual([
      expect.objectContaining({
        kind: 'journal',
        file: journalFile('r1'),
        message: 'An answer that was streaming when the app closed could not be recovered yet: permission denied. The app will try again at the next start.',
      }),
    ]);
    expect(readJournal('r1')).toEqual(record());
    disarm();
    expect(await recoverInflight({ dir: inflightDir, repo, logger: silentLogger, fs })).toBe(1);
    expect((await repo.get('s1')).panes[0]!.turns[1]!.text).toBe('Partial answer');
  });

  it('a session that cannot be read right now is neither replaced nor merged: the journals wait', async () => {
    const fs = faultyFs();
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger, fs });
    await repo.save(simpleSession('s1', 'One', ['q']));
    const file = join(temp.dir, 'sessions', 's1.json');
    const before = readFileSync(file, 'utf8');
    writeJournal(record());
    fs.failWhen('open', (p, flags) => p === file && flags === READ_WITHOUT_WAITING, 'EACCES');
    expect(await recoverInflight({ dir: inflightDir, repo, logger: silentLogger, fs })).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(inflightDir)).toEqual(['r1.json']);
  });

  it('a journal whose turn was saved in a final state after all is removed without writing the session', async () => {
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    const saved = simpleSession('s1', 'One', ['q']);
    saved.panes[0]!.turns.push({ ...saved.panes[0]!.turns[0]!, id: 't2', status: 'done', text: 'Saved answer' });
    await repo.save(saved);
    await repo.close();
    const file = join(temp.dir, 'sessions', 's1.json');
    const before = readFileSync(file, 'utf8');
    writeJournal(record({ final: { status: 'done', metrics: { totalMs: 5 } } }));
    const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(inflightDir)).toEqual([]);
  });

  it('keeps the journals when the merge cannot be saved, so the next start tries again', async () => {
    const fs = faultyFs();
    const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger, fs });
    await repo.save(simpleSession('s1', 'One', ['q']));
    writeJournal(record());
    fs.failWhen('open', (p, flags) => flags === 'wx' && p.includes('/sessions/'), 'ENOSPC');
    expect(await recoverInflight({ dir: inflightDir, repo, logger: silentLogger, fs })).toBe(0);
    expect(readdirSync(inflightDir)).toEqual(['r1.json']);
  });
});

describe('a Retry of a turn’s answer (PaneTurnRequest.replaces), cut by closing the app before any save holds it', () => {
  const config = { model: 'gemini-3-flash-preview' };
  /** What the window last saved: t2's answer failed after a long first try. */
  function failedLast(status: 'failed' | 'stopped'): Session {
    const session = simpleSession('s1', 'Retry', ['First question', 'Second question']);
    const turn = session.panes[0]!.turns[1]!;
    Object.assign(turn, { status, text: 'It was a long first try', interactionId: 'v1_old', metrics: { totalMs: 900 } });
    if (status === 'failed') turn.error = { code: 'NETWORK', message: 'cut', retryable: true };
    return session;
  }
  /** The renderer sends a turn's answer under the turn's id; a Retry sends it again, naming the attempt it replaces. */
  const retry: PaneTurnRequest = { requestId: 't2', paneId: 'p1', config, replaces: 't2' };

  async function recovered(status: 'failed' | 'stopped', finish?: (journal: InflightJournal) => void) {
    await new SessionRepository({ dir: temp.dir, logger: silentLogger }).save(failedLast(status));
    const journal = new InflightJournal({ dir: inflightDir, logger: silentLogger });
    journal.started({ requestId: 't2', sessionId: 's1', pane: retry, input: { text: 'Second question' } });
    journal.progress('t2', () => ({ text: 'It is', thought: '', steps: [] }));
    finish?.(journal);
    await journal.flush(); // the app died before the window saved the retry
    const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    expect(await recoverInflight({ dir: inflightDir, repo: next, logger: silentLogger })).toBe(1);
    return (await next.get('s1')).panes[0]!.turns;
  }

  it.each(['failed', 'stopped'] as const)('a Retry of a %s answer comes back as the newer attempt, interrupted with what it streamed', async (status) => {
    const turns = await recovered(status);
    expect(turns).toHaveLength(2);
    expect(turns[0]).toMatchObject({ id: 't1', status: 'done', text: 'answer 1' });
    // Nothing of the replaced attempt stays beside it: not its end, its interaction or its figures.
    expect(turns[1]).toEqual({ id: 't2', input: { text: 'Second question' }, config, status: 'interrupted', text: 'It is', thought: '', steps: [], startedAt: expect.any(String), error: INTERRUPTED_ERROR });
  });

  it('a Retry that ended before the app closed comes back as it ended', async () => {
    const turns = await recovered('failed', (journal) =>
      journal.finished({ type: 'done', requestId: 't2', paneId: 'p1', status: 'completed', interactionId: 'v1_new', steps: [], metrics: { totalMs: 50 } } as never),
    );
    expect(turns[1]).toMatchObject({ id: 't2', status: 'done', text: 'It is', interactionId: 'v1_new', metrics: { totalMs: 50 } });
    expect(turns[1]!.error).toBeUndefined();
  });
});
