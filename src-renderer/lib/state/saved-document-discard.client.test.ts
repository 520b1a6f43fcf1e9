// Turns the person removes from the open session are named to main at once (discardTurns), so its crash journals of
// them go: a journal no save has confirmed would otherwise add the turn back at the next start. A turn that only moves
// (into a branch) or belongs to another session is never named.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { MAX_DISCARDED_TURNS, SESSION_VERSION } from '../../../src-shared/limits';
import type { SavedTurn, Session } from '../../../src-shared/session';
import { savingDocument } from '../../../test-support/renderer/saving-document';
import { forkAt } from '../conversation-branches';
import { restoreTurn } from './saved';
import { TurnState } from './turn.svelte';

const CONFIG = { model: 'gemini-test' };

function setup() {
  const s = savingDocument();
  const second = s.session.addPane()!;
  return { ...s, first: s.session.panes[0]!, second };
}

/** A finished turn, as a send leaves it in its pane. */
function answered(s: ReturnType<typeof setup>, id: string): TurnState {
  const saved: SavedTurn = { id, input: { text: `prompt ${id}` }, config: CONFIG, status: 'done', text: `answer ${id}`, thought: '', steps: [], startedAt: '2026-01-01T00:00:00.000Z' };
  return restoreTurn(saved, s.frames);
}

describe('turns the person removes are named to main', () => {
  it('a removed pane, a cleared conversation and panes a sweep replaced: each named once, with the open session', async () => {
    const s = setup();
    s.first.turns.push(answered(s, 'a1'), answered(s, 'a2'));
    s.second.turns.push(answered(s, 'b1'));
    await s.settle();
    expect(s.discarded).toEqual([]);

    s.session.removePane(s.second.id);
    await s.settle();
    s.session.clear(s.first.id);
    await s.settle();
    s.first.turns.push(answered(s, 'a3'));
    await s.settle();
    expect(s.session.applySweep([CONFIG, CONFIG], 'replace')).toBe(true);
    await s.settle();
    const id = s.document.id;
    expect(s.discarded).toEqual([
      { sessionId: id, turnIds: ['b1'] },
      { sessionId: id, turnIds: ['a1', 'a2'] },
      { sessionId: id, turnIds: ['a3'] },
    ]);
  });

  it('whether or not a save held the turn: one whose save failed, and one removed before any save ran', async () => {
    const s = setup();
    s.second.turns.push(answered(s, 'b1'));
    s.failNextWrite();
    expect(await s.settle()).toEqual([]);
    expect(s.document.saveState).toBe('error');
    s.session.removePane(s.second.id);
    await s.settle();

    s.first.turns.push(answered(s, 'a1'));
    flushSync();
    s.session.clear(s.first.id);
    // The document is as last written again, so no save goes: the removal is named all the same.
    expect(await s.settle()).toEqual([]);
    expect(s.discarded.map((d) => d.turnIds)).toEqual([['b1'], ['a1']]);
  });

  it('a turn moved into a branch by an edit, or a session opened in place of this one, is no removal', async () => {
    const s = setup();
    s.first.turns.push(answered(s, 'a1'));
    await s.settle();
    s.second.turns.push(answered(s, 'b1'));
    s.first.follow(forkAt(s.first, 0, [answered(s, 'a1-edited')]));
    await s.settle();
    expect(s.first.forks.flatMap((f) => f.others.flat()).map((t) => t.id)).toEqual(['a1']);

    // This session again as an older copy has it, without b1: what it lacks was not removed by the person.
    const older = s.document.toSession();
    s.document.open({ ...older, panes: older.panes.map((p) => ({ ...p, turns: p.turns.filter((t) => t.id !== 'b1') })) }, true);
    await s.settle();
    expect(s.session.panes.map((p) => p.turns.map((t) => t.id))).toEqual([['a1-edited'], []]);

    const now = new Date().toISOString();
    const other: Session = { version: SESSION_VERSION, id: 'other', title: 'Other', createdAt: now, updatedAt: now, historyMode: 'server', panes: [{ id: 'p', config: CONFIG, turns: [] }] };
    s.document.open(other, true);
    await s.settle();
    expect(s.session.panes.map((p) => p.turns.length)).toEqual([0]);
    expect(s.discarded).toEqual([]);
  });

  it('more turns than one call may name go in several calls', async () => {
    const s = setup();
    for (let i = 0; i <= MAX_DISCARDED_TURNS; i++) s.second.turns.push(answered(s, `b${i}`));
    await s.settle();
    s.session.removePane(s.second.id);
    await s.settle();
    expect(s.discarded.map((d) => d.turnIds.length)).toEqual([MAX_DISCARDED_TURNS, 1]);
    expect(s.discarded.flatMap((d) => d.turnIds)).toEqual(Array.from({ length: MAX_DISCARDED_TURNS + 1 }, (_, i) => `b${i}`));
  });
});
