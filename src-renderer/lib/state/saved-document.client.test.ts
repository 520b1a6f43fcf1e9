// The open session's document: a save follows any change of what is saved, and nothing else — not a streaming
// answer's deltas, not opening another session, not a fresh session nobody touched.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-shared/session';
import { SESSION_VERSION } from '../../../src-shared/limits';
import { savingDocument } from '../../../test-support/renderer/saving-document';
import { TurnState } from './turn.svelte';

function setup() {
  const s = savingDocument();
  return { ...s, pane: s.session.panes[0]! };
}

function streamingTurn(s: ReturnType<typeof setup>): TurnState {
  const turn = new TurnState('turn-1', { text: 'Tell me' }, { model: 'gemini-test' }, s.frames);
  turn.begin('req-1', { model: 'gemini-test' });
  s.pane.turns.push(turn);
  return turn;
}

describe('saving the open session', () => {
  it('writes a fresh session only once something saved in it changed', async () => {
    const s = setup();
    expect(await s.settle()).toEqual([]);
    s.session.composer.text = 'a draft is not part of the document';
    expect(await s.settle()).toEqual([]);
    // Undone before the save: the document is as it was opened.
    s.session.renamePane(s.pane.id, 'Draft');
    flushSync();
    s.session.renamePane(s.pane.id, '');
    expect(await s.settle()).toEqual([]);
    s.session.renamePane(s.pane.id, 'Baseline');
    const [written] = await s.settle();
    expect(written?.panes[0]?.label).toBe('Baseline');
  });

  it('an export writes a fresh session as it is, edited or not', async () => {
    const s = setup();
    await s.document.save(true);
    const written = await s.settle();
    expect(written.map((d) => [d.id, d.panes.length])).toEqual([[s.document.id, 1]]);
  });

  it('each kind of change to the document is saved: a setting, the title, the history mode, the panes, an experiment', async () => {
    const s = setup();
    const edits: [string, () => void, (doc: Session) => unknown, unknown][] = [
      ['a setting', () => (s.pane.settings.temperature = '0.4'), (d) => d.panes[0]?.config.temperature, 0.4],
      ['the title', () => (s.document.title = 'Colours'), (d) => d.title, 'Colours'],
      ['the history mode', () => (s.session.historyMode = 'stateless'), (d) => d.historyMode, 'stateless'],
      ['a new pane', () => s.session.addPane(), (d) => d.panes.length, 2],
      ['the order of panes', () => s.session.movePane(s.pane.id, 1), (d) => d.panes[1]?.id, s.pane.id],
      ['a repeat run', () => (s.session.experiments.repeat = { runs: 3, concurrency: 2 }), (d) => d.experiments?.repeat, { runs: 3, concurrency: 2 }],
    ];
    for (const [what, edit, read, expected] of edits) {
      edit();
      const written = await s.settle();
      expect({ what, saves: written.length, value: written[0] && read(written[0]) }).toEqual({ what, saves: 1, value: expected });
    }
  });

  it('an answer is saved when it starts and when it ends, not at every delta in between', async () => {
    const s = setup();
    const turn = streamingTurn(s);
    const [started] = await s.settle();
    expect(started?.panes[0]?.turns[0]).toMatchObject({ id: 'turn-1', status: 'interrupted', text: '' });

    const event = { requestId: 'req-1', paneId: s.pane.id };
    for (const text of ['Red, ', 'green ', 'and blue.']) {
      turn.apply({ type: 'delta', ...event, text });
      s.frames.flush();
      expect(await s.settle()).toEqual([]);
    }
    expect(turn.text).toBe('Red, green and blue.');

    turn.apply({ type: 'done', ...event, interactionId: 'i-1', status: 'completed', steps: [], metrics: { totalMs: 5 }, interaction: { id: 'i-1', status: 'completed' } as never });
    const [ended] = await s.settle();
    expect(ended?.panes[0]?.turns[0]).toMatchObject({ status: 'done', text: 'Red, green and blue.' });
  });

  it('opening another session is not an edit of it', async () => {
    const s = setup();
    const now = new Date().toISOString();
    const other: Session = {
      version: SESSION_VERSION,
      id: 'other',
      title: 'Other',
      createdAt: now,
      updatedAt: now,
      historyMode: 'stateless',
      panes: [{ id: 'p', label: 'Kept', config: { model: 'gemini-test', temperature: 1 }, turns: [] }],
    };
    s.document.open(other, true);
    expect(await s.settle()).toEqual([]);
    expect(s.session.panes.map((p) => p.label)).toEqual(['Kept']);
    s.session.renamePane('p', 'Renamed');
    const [written] = await s.settle();
    expect(written).toMatchObject({ id: 'other', title: 'Other', panes: [{ label: 'Renamed' }] });
  });
});
