// @vitest-environment jsdom
// Several panes in one session: pane operations, per-pane configs, routing, stop one/all, retry one, saving.
import { describe, expect, it } from 'vitest';
import type { StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import { MAX_PANES } from '../../../src-shared/limits';
import { SESSION_VERSION, sessionSchema } from '../../../src-shared/session';
import { createApi } from '../api';
import { FakeBridge, noMetrics } from '../../../test-support/renderer/fake-bridge';
import { CompareState, comparisonNote, type Comparison } from './compare.svelte';
import { MAX_DIFF_CHARS } from '../diff-limits';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const M = 'gemini-3-flash-preview';
const interaction = (id: string) => ({ id, status: 'completed' as const });

function setup(paneCount = 3) {
  const fake = new FakeBridge();
  const frames = new ManualFrames();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: frames });
  session.connect();
  for (let i = 1; i < paneCount; i++) session.addPane();
  return { fake, frames, session, panes: session.panes };
}

type Setup = ReturnType<typeof setup>;

async function sendAll(s: Setup, text = 'Hello') {
  s.session.composer.text = text;
  await s.session.send();
  return s.session.panes.map((pane) => {
    const turn = pane.turns.at(-1)!;
    return { pane, turn, requestId: turn.requestId!, paneId: pane.id };
  });
}

const done = (r: { requestId: string; paneId: string }, id = `int-${r.paneId}`): Extract<TurnEvent, { type: 'done' }> => ({
  type: 'done', requestId: r.requestId, paneId: r.paneId, interactionId: id, status: 'completed', steps: [], metrics: noMetrics, interaction: interaction(id),
});
const delta = (r: { requestId: string; paneId: string }, text: string): TurnEvent => ({ type: 'delta', requestId: r.requestId, paneId: r.paneId, text });

/**
 * Every pane answered, and a compare view whose diff uses its whole time and gives up, on a clock that only it moves
 * (and `tick` more at every reading, as a real one would between them): what each pane is given is exact.
 */
async function outOfTime(paneCount: number, tick = 0) {
  const s = setup(paneCount);
  let clock = 0;
  const given: number[] = [];
  const giveUp = (_a: string, _b: string, timeoutMs = 1_500) => {
    given.push(timeoutMs);
    clock += timeoutMs;
    return 'stopped' as const;
  };
  const compare = new CompareState(s.session, { loadDiffer: async () => giveUp, now: () => (clock += tick) });
  await compare.show();
  for (const [i, r] of (await sendAll(s)).entries()) {
    s.fake.emit(delta(r, `answer ${i}`));
    s.fake.emit(done(r));
  }
  s.frames.flush();
  return { s, compare, given };
}

const cutShort = (c: Comparison) => c.state === 'stopped' && c.cutShort;

describe('pane operations', () => {
  it('adds panes with the last pane’s model and nothing else set, up to six', () => {
    const s = setup(1);
    s.session.panes[0]!.settings.model = 'gemini-2.5-pro';
    s.session.panes[0]!.settings.temperature = '0.4';
    const added = s.session.addPane()!;
    expect(added.settings.config).toEqual({ ok: true, config: { model: 'gemini-2.5-pro' } });
    for (let i = 0; i < 10; i++) s.session.addPane();
    expect(s.session.panes).toHaveLength(MAX_PANES);
    expect(s.session.canAdd).toBe(false);
    expect(s.session.addPane()).toBeUndefined();
    expect(new Set(s.session.panes.map((p) => p.id)).size).toBe(MAX_PANES);
  });

  it('with a default model set (Settings), a new pane starts with it instead of the last pane’s', () => {
    const s = setup(1);
    s.session.panes[0]!.settings.model = 'gemini-2.5-pro';
    s.session.workspace.defaultModel = 'gemini-2.5-flash';
    expect(s.session.addPane()!.settings.config).toEqual({ ok: true, config: { model: 'gemini-2.5-flash' } });
    s.session.workspace.defaultModel = '';
    s.session.panes.at(-1)!.settings.model = 'gemini-3.1-pro-preview';
    expect(s.session.addPane()!.settings.model).toBe('gemini-3.1-pro-preview');
  });

  it('duplicates a pane right after it: settings always, the conversation when asked', async () => {
    const s = setup(2);
    s.panes[0]!.settings.temperature = '0.2';
    s.panes[0]!.settings.seed = '5';
    const [first] = await sendAll(s);
    s.fake.emit(delta(first!, 'answer'));
    s.fake.emit(done(first!));
    const plain = s.session.duplicatePane(s.panes[0]!.id)!;
    expect(s.session.panes[1]).toBe(plain);
    expect(plain.settings.snapshot()).toEqual(s.session.panes[0]!.settings.snapshot());
    expect(plain.turns).toHaveLength(0);

    const withHistory = s.session.duplicatePane(s.session.panes[0]!.id, { withHistory: true })!;
    expect(withHistory.turns.map((t) => t.text)).toEqual(['answer']);
    expect(withHistory.turns[0]!.id).not.toBe(s.session.panes[0]!.turns[0]!.id);
    expect(withHistory.historyFor()).toEqual({ mode: 'server', previousInteractionId: `int-${s.session.panes[0]!.id}` });
    // Changing the copy leaves the original alone.
    withHistory.settings.temperature = '1.5';
    expect(s.session.panes[0]!.settings.temperature).toBe('0.2');
  });

  it('removes a pane but never the last, stopping it first and resetting a send target on it', async () => {
    const s = setup(2);
    const results = await sendAll(s);
    const second = s.session.panes[1]!;
    s.session.composer.target = second.id;
    s.session.removePane(second.id);
    expect(s.session.panes).toHaveLength(1);
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: [results[1]!.requestId] }]);
    expect(s.session.composer.target).toBe('all');
    s.session.removePane(s.session.panes[0]!.id);
    expect(s.session.panes).toHaveLength(1);
  });

  it('moves panes left and right within bounds', () => {
    const s = setup(3);
    const [a, b, c] = s.session.panes;
    s.session.movePane(a!.id, 1);
    expect(s.session.panes).toEqual([b, a, c]);
    s.session.movePane(b!.id, -1);
    expect(s.session.panes).toEqual([b, a, c]);
    s.session.movePane(c!.id, 1);
    expect(s.session.panes).toEqual([b, a, c]);
  });

  it('moves a dragged pane to where it was dropped, the others keeping their order', () => {
    const s = setup(4);
    const [a, b, c, d] = s.session.panes;
    s.session.movePaneTo(d!.id, 0);
    expect(s.session.panes).toEqual([d, a, b, c]);
    s.session.movePaneTo(d!.id, 2);
    expect(s.session.panes).toEqual([a, b, d, c]);
    s.session.movePaneTo(a!.id, 9);
    s.session.movePaneTo('gone', 0);
    expect(s.session.panes).toEqual([a, b, d, c]);
  });

  it('labels panes by what differs until renamed; an empty name goes back to the derived label', () => {
    const s = setup(2);
    s.panes[0]!.settings.temperature = '0.2';
    s.panes[1]!.settings.temperature = '0.9';
    expect(s.session.labels).toEqual(['T=0.2', 'T=0.9']);
    s.session.renamePane(s.panes[1]!.id, '  Creative  ');
    expect(s.session.labels).toEqual(['T=0.2', 'Creative']);
    s.session.renamePane(s.panes[1]!.id, ' ');
    expect(s.session.labels).toEqual(['T=0.2', 'T=0.9']);
  });

  it('applies one setting, as typed, to every pane', () => {
    const s = setup(3);
    s.panes[0]!.settings.systemInstruction = 'Be brief.';
    s.panes[2]!.settings.temperature = '1.1';
    s.session.applyToAll('systemInstruction', s.panes[0]!.id);
    expect(s.session.panes.map((p) => p.settings.systemInstruction)).toEqual(['Be brief.', 'Be brief.', 'Be brief.']);
    expect(s.session.panes[2]!.settings.temperature).toBe('1.1');
    expect(s.session.configDiff.differing.map((f) => f.field)).toEqual(['temperature']);
  });

  it('applies what the strip shows for a field invalid in the source pane, never the invalid text', () => {
    const s = setup(3);
    const [source, other, third] = s.panes;
    for (const pane of s.panes) pane.settings.model = M;
    source!.settings.temperature = '3';
    other!.settings.temperature = '0.5';
    const shown = s.session.configDiff.differing.find((f) => f.field === 'temperature')!.values[0]!;
    expect(shown.set).toBe(false);
    s.session.applyToAll('temperature', source!.id);
    expect([other!.settings.temperature, third!.settings.temperature]).toEqual(['', '']);
    expect(s.session.panes.map((p) => p.settings.valid)).toEqual([false, true, true]);

    // A required field has no default to fall back on: nothing is copied.
    source!.settings.model = '';
    s.session.applyToAll('model', source!.id);
    expect([other!.settings.model, third!.settings.model]).toEqual([M, M]);
  });
});

describe('sending to several panes', () => {
  it('sends one request with each pane’s own config, unset fields omitted', async () => {
    const s = setup(3);
    s.panes[0]!.settings.temperature = '0.2';
    s.panes[1]!.settings.thinkingLevel = 'high';
    s.panes[2]!.settings.systemInstruction = 'Be terse.';
    await sendAll(s, 'Compare');
    const [request] = s.fake.callsOf('start') as StartTurnRequest[];
    expect(request!.input).toEqual({ text: 'Compare' });
    // Each pane's turn is saved under the id main was told (its crash journal uses it).
    expect(request!.panes.map((p) => p.requestId)).toEqual(s.session.panes.map((p) => p.turns[0]!.id));
    expect(request!.panes.map((p) => p.config)).toEqual([
      { model: M, temperature: 0.2 },
      { model: M, thinkingLevel: 'high' },
      { model: M, systemInstruction: 'Be terse.' },
    ]);
    expect(s.session.panes.every((p) => p.turns.length === 1 && p.busy)).toBe(true);
    // The answers get the height: settings fold away once the prompt went out.
    expect(s.session.panes.map((p) => p.settingsOpen)).toEqual([false, false, false]);
  });

  it('folds a single pane’s settings too, keeps them all when the preference is off, and leaves untouched panes alone', async () => {
    const one = setup(1);
    await sendAll(one);
    expect(one.session.panes[0]!.settingsOpen).toBe(false);
    const kept = setup(2);
    kept.session.workspace.collapseSettingsOnSend = false;
    await sendAll(kept);
    expect(kept.session.panes.map((p) => p.settingsOpen)).toEqual([true, true]);
    const two = setup(2);
    two.session.composer.target = two.panes[0]!.id;
    two.session.composer.text = 'x';
    await two.session.send();
    expect(two.session.panes.map((p) => p.settingsOpen)).toEqual([false, true]);
  });

  it('folds the settings after the frame that draws the new turns, not in it', async () => {
    const s = setup(3);
    const later: (() => void)[] = [];
    Object.assign(s.frames, { afterFrame: (run: () => void) => void later.push(run) });
    await sendAll(s);
    expect(s.session.panes.every((p) => p.turns.length === 1)).toBe(true);
    expect(s.session.panes.map((p) => p.settingsOpen)).toEqual([true, true, true]);
    expect(later).toHaveLength(1);
    later[0]!();
    expect(s.session.panes.map((p) => p.settingsOpen)).toEqual([false, false, false]);
  });

  it('routes interleaved events to the right pane, and one pane’s failure leaves the others streaming', async () => {
    const s = setup(3);
    const [a, b, c] = await sendAll(s);
    s.fake.emit(delta(a!, 'A1 '));
    s.fake.emit(delta(b!, 'B1 '));
    s.fake.emit(delta(c!, 'C1 '));
    s.fake.emit(delta(a!, 'A2'));
    s.fake.emit({ type: 'error', requestId: b!.requestId, paneId: b!.paneId, partial: true, steps: [], metrics: noMetrics, error: { code: 'NOT_FOUND', message: 'no model', retryable: false } });
    s.frames.flush();
    expect(a!.turn.text).toBe('A1 A2');
    expect(b!.turn.text).toBe('B1 ');
    expect(c!.turn.text).toBe('C1 ');
    expect(b!.turn.status).toBe('failed');
    expect(a!.turn.status).toBe('streaming');
    expect(c!.turn.status).toBe('streaming');
    s.fake.emit(done(a!));
    s.fake.emit(done(c!));
    expect([a, b, c].map((r) => r!.turn.status)).toEqual(['done', 'failed', 'done']);
    expect(s.session.busy).toBe(false);
  });

  it('sends to one chosen pane only, while another pane is still answering', async () => {
    const s = setup(2);
    const [a] = await sendAll(s);
    s.fake.emit(done(a!));
    s.session.composer.target = s.panes[0]!.id;
    expect(s.session.canSend).toBe(false); // empty prompt
    s.session.composer.text = 'Only the first';
    expect(s.session.canSend).toBe(true);
    await s.session.send();
    const requests = s.fake.callsOf('start') as StartTurnRequest[];
    expect(requests[1]!.panes.map((p) => p.paneId)).toEqual([s.panes[0]!.id]);
    expect(requests[1]!.panes[0]!.history).toEqual({ mode: 'server', previousInteractionId: `int-${s.panes[0]!.id}` });
    expect(s.session.panes.map((p) => p.turns.length)).toEqual([2, 1]);
  });

  it('refuses to send to all while a pane is answering, and says which', async () => {
    const s = setup(2);
    const [a] = await sendAll(s);
    s.fake.emit(done(a!));
    s.session.composer.text = 'again';
    expect(s.session.canSend).toBe(false);
    await s.session.send();
    expect(s.fake.callsOf('start')).toHaveLength(1);
    expect(s.session.composer.error).toMatch(/^Pane 2 .* still answering/);
    expect(s.session.composer.text).toBe('again');
  });

  it('an invalid pane blocks the send, names the pane and the problem, and keeps everything typed', async () => {
    const s = setup(3);
    s.panes[1]!.settings.topP = '1.7';
    s.panes[1]!.settingsOpen = false;
    s.session.composer.text = 'keep';
    await s.session.send();
    expect(s.fake.callsOf('start')).toHaveLength(0);
    expect(s.session.composer.error).toBe(`Pane 2 (${s.session.labels[1]}): Top P must be between 0 and 1 — fix it in the pane’s settings to send.`);
    expect(s.panes[1]!.settingsOpen).toBe(true);
    expect(s.panes[1]!.moreOpen).toBe(true);
    expect(s.panes[1]!.settings.topP).toBe('1.7');
    expect(s.session.composer.text).toBe('keep');
    // Sending only to a valid pane still works.
    s.session.composer.target = s.panes[0]!.id;
    await s.session.send();
    expect(s.fake.callsOf('start')).toHaveLength(1);
  });
});

describe('stopping and retrying one pane', () => {
  it('stops one pane and leaves the others streaming', async () => {
    const s = setup(3);
    const [a, b, c] = await sendAll(s);
    await s.session.stopPane(b!.paneId);
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: [b!.requestId] }]);
    expect(b!.turn.stopping).toBe(true);
    expect(a!.turn.stopping).toBe(false);
    s.fake.emit({ type: 'cancelled', requestId: b!.requestId, paneId: b!.paneId, partial: false, steps: [], metrics: noMetrics });
    s.fake.emit(delta(a!, 'still going'));
    s.frames.flush();
    expect(b!.turn.status).toBe('stopped');
    expect(a!.turn.text).toBe('still going');
    expect(c!.turn.active).toBe(true);
  });

  it('stop all cancels every running request in one call', async () => {
    const s = setup(3);
    const results = await sendAll(s);
    s.fake.emit(done(results[0]!));
    await s.session.stop();
    expect(s.fake.callsOf('cancelTurn')).toEqual([{ requestIds: [results[1]!.requestId, results[2]!.requestId] }]);
  });

  it('retries only the failed pane, in place, with its current settings', async () => {
    const s = setup(2);
    const [a, b] = await sendAll(s, 'same prompt');
    s.fake.emit(done(a!));
    s.fake.emit({ type: 'error', requestId: b!.requestId, paneId: b!.paneId, partial: false, steps: [], metrics: noMetrics, error: { code: 'NOT_FOUND', message: 'x', retryable: false } });
    s.panes[1]!.settings.model = 'gemini-2.5-flash';
    await s.session.retry(b!.paneId, b!.turn.id);
    const requests = s.fake.callsOf('start') as StartTurnRequest[];
    expect(requests[1]).toEqual({ input: { text: 'same prompt' }, panes: [{ requestId: b!.turn.id, paneId: b!.paneId, config: { model: 'gemini-2.5-flash' }, replaces: b!.turn.id }] });
    expect(b!.turn.status).toBe('waiting');
    expect(b!.turn.model).toBe('gemini-2.5-flash');
    expect(a!.turn.status).toBe('done');
    expect(s.session.panes.map((p) => p.turns.length)).toEqual([1, 1]);
  });
});

describe('the saved-session shape', () => {
  it('serialises panes into documents the session schema accepts, streaming turns as interrupted', async () => {
    const s = setup(2);
    s.session.renamePane(s.panes[0]!.id, 'Baseline');
    s.panes[1]!.settings.stopSequences = '\\n\\n';
    const [a, b] = await sendAll(s);
    s.fake.emit(delta(a!, 'Done answer'));
    s.fake.emit({ ...done(a!), metrics: { totalMs: 5, usage: { total_output_tokens: 3 } } });
    s.fake.emit(delta(b!, 'Half'));
    s.frames.flush();
    const panes = s.session.toSavedPanes();
    const now = new Date().toISOString();
    const parsed = sessionSchema.safeParse({ version: SESSION_VERSION, id: 's1', title: 't', createdAt: now, updatedAt: now, historyMode: 'server', panes });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(panes[0]).toMatchObject({ label: 'Baseline', config: { model: M }, turns: [{ status: 'done', text: 'Done answer', interactionId: `int-${a!.paneId}` }] });
    expect(panes[1]).toMatchObject({ config: { model: M, stopSequences: ['\n\n'] }, turns: [{ status: 'interrupted', text: 'Half' }] });
    expect(panes[1]!.label).toBeUndefined();
  });

  it('restores saved panes: settings, names and turns, interrupted ones as failed with their text', async () => {
    const s = setup(2);
    s.panes[0]!.settings.temperature = '0.3';
    const [a, b] = await sendAll(s);
    s.fake.emit(delta(a!, 'kept'));
    s.fake.emit(done(a!));
    s.fake.emit(delta(b!, 'partial'));
    s.frames.flush();
    const saved = s.session.toSavedPanes();

    const other = setup(1);
    other.session.loadPanes(saved);
    const [p1, p2] = other.session.panes;
    expect(other.session.panes.map((p) => p.id)).toEqual(saved.map((p) => p.id));
    expect(p1!.settings.temperature).toBe('0.3');
    expect(p1!.turns[0]!.text).toBe('kept');
    expect(p1!.historyFor()).toEqual({ mode: 'server', previousInteractionId: `int-${a!.paneId}` });
    expect(p2!.turns[0]!.status).toBe('failed');
    expect(p2!.turns[0]!.error?.code).toBe('INTERRUPTED');
    expect(p2!.turns[0]!.text).toBe('partial');
    expect(other.session.toSavedPanes()[0]).toEqual(saved[0]);
  });
  it('restores a pane saved with more stop sequences than the API takes: all shown, the error said, sending refused until trimmed', async () => {
    const s = setup(1);
    const saved = s.session.toSavedPanes();
    const eight = Array.from({ length: 8 }, (_, i) => `S${i}`);
    saved[0]!.config.stopSequences = eight;
    s.session.loadPanes(saved);
    const pane = s.session.panes[0]!;
    expect(pane.settings.stopSequences).toBe(eight.join('\n'));
    expect(pane.settings.errors.stopSequences).toBe('At most 5 stop sequences: the API takes no more (8 here)');
    s.session.composer.text = 'Still there?';
    await s.session.send();
    expect(s.fake.callsOf('start')).toHaveLength(0);
    expect(s.session.composer.error).toContain('At most 5 stop sequences');
    expect(s.session.composer.text).toBe('Still there?');
    // Saved again before it is trimmed, the list is kept as typed.
    expect(s.session.toSavedPanes()[0]!.typed).toEqual({ stopSequences: eight.join('\n') });
    pane.settings.stopSequences = eight.slice(0, 5).join('\n');
    await s.session.send();
    expect(s.fake.callsOf('start')).toHaveLength(1);
    expect(pane.turns[0]!.config.stopSequences).toEqual(eight.slice(0, 5));
  });
});

describe('comparing answers', () => {
  it('waits for both answers, then diffs the latest ones word by word', async () => {
    const s = setup(3);
    const compare = new CompareState(s.session);
    await compare.show();
    const [a, b, c] = await sendAll(s);
    s.fake.emit(delta(a!, 'Echo: temperature=0.2 rest'));
    s.fake.emit(delta(b!, 'Echo: temperature=0.9 rest'));
    s.frames.flush();
    expect(compare.comparisons.map((x) => x.state)).toEqual(['pending']);
    s.fake.emit(done(a!));
    s.fake.emit(done(b!));
    const [pair] = compare.comparisons;
    expect(pair?.state).toBe('ready');
    if (pair?.state !== 'ready') return;
    expect(pair.diff.parts.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['0.2', '0.9']);

    compare.mode = 'baseline';
    expect(compare.comparisons.map((x) => [x.right.id, x.state])).toEqual([
      [b!.paneId, 'ready'],
      [c!.paneId, 'pending'],
    ]);
    compare.leftId = c!.paneId;
    s.session.removePane(c!.paneId);
    expect(compare.left).toBe(s.session.panes[0]);
  });

  it('pair mode: A and B are always two different panes', async () => {
    const s = setup(3);
    const compare = new CompareState(s.session);
    await compare.show();
    const [one, two, three] = s.panes.map((p) => p.id);
    compare.rightId = two;
    compare.chooseLeft(two!);
    expect([compare.left?.id, compare.right?.id]).toEqual([two, one]);
    expect(compare.comparisons).toHaveLength(1);

    // Set directly (a restored choice, a removed pane), B still falls back to another pane than A.
    compare.rightId = three;
    compare.leftId = three;
    expect(compare.right?.id).toBe(one);
    expect(compare.comparisons).toHaveLength(1);
  });

  it('diffs anew an answer edited to the same length', async () => {
    const s = setup(2);
    const compare = new CompareState(s.session);
    await compare.show();
    for (const r of await sendAll(s)) {
      s.fake.emit(delta(r, 'The answer is 0.2'));
      s.fake.emit(done(r));
    }
    s.frames.flush();
    expect(compare.comparisons[0]?.state === 'ready' && compare.comparisons[0].diff.similarity).toBe(1);
    compare.close();
    const pane = s.session.panes[1]!;
    expect(s.session.edits.editAnswer(pane, pane.lastTurn!.id, 'The answer is 0.9')).toBeUndefined();
    await compare.show();
    const [pair] = compare.comparisons;
    expect(pair?.state).toBe('ready');
    if (pair?.state !== 'ready') return;
    expect(pair.diff.parts.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['0.2', '0.9']);
    expect(pair.diff.similarity).toBeLessThan(1);
  });

  it('baseline vs each spends one time budget on all its diffs, not one per pane', async () => {
    const { s, compare, given } = await outOfTime(4);
    compare.mode = 'baseline';
    const pass = compare.comparisons;
    expect(pass.map((c) => c.state)).toEqual(['stopped', 'stopped', 'stopped']);
    // The first diff spent the pass's 1.5 s; the others were not started (three budgets would block 4.5 s).
    expect(given).toEqual([1_500]);
    // Each says which: out of its own time, or of the time the others left it.
    expect(pass.map(cutShort)).toEqual([false, true, true]);
    expect(comparisonNote(pass[0]!)).toBe(
      'The word diff stopped after 1.5 s: these answers are too long and too different to diff quickly. Compare them side by side, or try again.',
    );
    expect(comparisonNote(pass[1]!)).toBe('Not diffed: the other comparisons took most of the 1.5 s this view may spend diffing. Try again to diff these two first.');
    // Cut short by the others' time says nothing of those answers: the next pass tries them with a whole budget.
    compare.mode = 'pair';
    compare.rightId = s.session.panes[2]!.id;
    const [pair] = compare.comparisons;
    expect(pair).toMatchObject({ state: 'stopped', cutShort: false });
    expect(given).toEqual([1_500, 1_500]);
  });

  it('the first diff of a pass has the whole budget, however long the pass took to reach it', async () => {
    const { compare, given } = await outOfTime(2, 1);
    expect(compare.comparisons[0]).toMatchObject({ state: 'stopped', cutShort: false });
    expect(given).toEqual([1_500]);
    // Out of its own time, it is remembered rather than diffed again whenever the view opens.
    compare.close();
    await compare.show();
    expect(compare.comparisons[0]).toMatchObject({ state: 'stopped', cutShort: false });
    expect(given).toEqual([1_500]);
  });

  it('a diff that had nearly the whole budget and stopped is out of its own time, not cut short by the others', async () => {
    const s = setup(3);
    let clock = 0;
    const { compareAnswers } = await import('../answer-diff');
    const given: number[] = [];
    // The first pair is diffed in 1 ms; the second uses all it is given and gives up.
    const differ: typeof compareAnswers = (a, b, timeoutMs = 1_500) => {
      given.push(timeoutMs);
      if (given.length === 1) {
        clock += 1;
        return compareAnswers(a, b);
      }
      clock += timeoutMs;
      return 'stopped';
    };
    const compare = new CompareState(s.session, { loadDiffer: async () => differ, now: () => clock });
    await compare.show();
    for (const [i, r] of (await sendAll(s)).entries()) {
      s.fake.emit(delta(r, `answer ${i}`));
      s.fake.emit(done(r));
    }
    s.frames.flush();
    compare.mode = 'baseline';
    const pass = compare.comparisons;
    expect(given).toEqual([1_500, 1_499]);
    expect(pass.map((c) => c.state)).toEqual(['ready', 'stopped']);
    expect(cutShort(pass[1]!)).toBe(false);
    // Remembered as out of its own time: opening the view again does not block for another 1.5 s.
    compare.close();
    await compare.show();
    expect(compare.comparisons[1]).toMatchObject({ state: 'stopped', cutShort: false });
    expect(given).toEqual([1_500, 1_499]);
  });

  it('Try again diffs a stopped comparison ahead of the others, with the whole budget', async () => {
    const { s, compare, given } = await outOfTime(4);
    compare.mode = 'baseline';
    expect(compare.comparisons.map(cutShort)).toEqual([false, true, true]);
    compare.tryAgain(s.session.panes[3]!);
    const again = compare.comparisons;
    // The last pane had the 1.5 s this time; the one before it waits, and the first is not diffed again.
    expect(given).toEqual([1_500, 1_500]);
    expect(again.map(cutShort)).toEqual([false, true, false]);
    // A diff out of its own time is tried again too (the window may have been busy), though it was remembered.
    compare.tryAgain(s.session.panes[1]!);
    expect(compare.comparisons.map(cutShort)).toEqual([false, true, false]);
    expect(given).toEqual([1_500, 1_500, 1_500]);
  });

  it('answers too long to diff word by word are never handed to the diff, however much time is left', async () => {
    const s = setup(3);
    const handed: string[] = [];
    const record = (a: string, b: string) => {
      handed.push(`${a.length}+${b.length}`);
      return 'stopped' as const;
    };
    const compare = new CompareState(s.session, { loadDiffer: async () => record, now: () => 0 });
    await compare.show();
    compare.mode = 'baseline';
    const [a, b, c] = await sendAll(s);
    for (const [r, text] of [[a, 'x'.repeat(MAX_DIFF_CHARS / 2)], [b, 'y'.repeat(MAX_DIFF_CHARS / 2 + 1)], [c, 'short']] as const) {
      s.fake.emit(delta(r!, text));
      s.fake.emit(done(r!));
    }
    s.frames.flush();
    const pass = compare.comparisons;
    expect(pass.map((x) => [x.right.id, x.state])).toEqual([
      [b!.paneId, 'too-large'],
      [c!.paneId, 'stopped'],
    ]);
    // Only the pair within the limit was handed to the diff.
    expect(handed).toEqual([`${MAX_DIFF_CHARS / 2}+5`]);
    expect(comparisonNote(pass[0]!)).toBe('These answers are too long to diff word by word (over 100,000 characters together): compare them side by side.');
  });
});
