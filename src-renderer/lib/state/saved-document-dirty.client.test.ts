// Every change of what a session saves is noticed and written, with the document no longer compared as JSON at every
// change: each test opens a session that is on disk, makes one change of one kind, and expects exactly one write
// holding it. A change that is not marked (not seen by the watch) fails here as "0 writes".
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { PANE_SETTINGS } from '../../../src-shared/settings/table';
import type { Session } from '../../../src-shared/session';
import { SESSION_VERSION } from '../../../src-shared/limits';
import { savingDocument } from '../../../test-support/renderer/saving-document';
import { TurnState } from './turn.svelte';

const AT = '2026-12-06T10:00:00.000Z';

function onDisk(): Session {
  return {
    version: SESSION_VERSION,
    id: 'on-disk',
    title: 'On disk',
    createdAt: AT,
    updatedAt: AT,
    historyMode: 'server',
    panes: [
      { id: 'p1', config: { model: 'gemini-test' }, turns: [] },
      { id: 'p2', config: { model: 'gemini-test', temperature: 1 }, turns: [] },
    ],
    testSet: {
      variables: ['q'],
      prompt: 'Answer {{q}}',
      cases: [{ id: 'c1', values: { q: 'one' } }, { id: 'c2', values: { q: 'two' } }],
      assertions: [{ id: 'a1', type: 'contains', value: 'x' }],
      results: [{ caseId: 'c1', paneId: 'p1', status: 'done', text: 'x', at: AT }],
    },
  };
}

function setup() {
  const s = savingDocument();
  s.document.open(onDisk(), true);
  return { ...s, set: s.session.testSet };
}

type Setup = ReturnType<typeof setup>;
/** One kind of change, and what the written document must then hold. */
type Edit = [what: string, edit: (s: Setup) => void, read: (doc: Session) => unknown, expected: unknown];

async function expectOneWriteEach(edits: readonly Edit[]): Promise<void> {
  for (const [what, edit, read, expected] of edits) {
    const s = setup();
    expect({ what, opening: (await s.settle()).length }).toEqual({ what, opening: 0 });
    edit(s);
    const written = await s.settle();
    expect({ what, writes: written.length, value: written[0] && read(written[0]) }).toEqual({ what, writes: 1, value: expected });
  }
}

/** A value of a pane setting other than the one the pane has; invalid text counts too (it is saved as typed). */
function otherValue(row: (typeof PANE_SETTINGS)[number], now: unknown): string | boolean {
  if (row.kind.type === 'flag') return now !== true;
  if (row.kind.type === 'choice') return row.kind.options.find((o) => o !== now) ?? '';
  return now === '7' ? '8' : '7';
}

describe('every change of what is saved is written', () => {
  it('each pane setting, of any pane', async () => {
    const edits: Edit[] = PANE_SETTINGS.map((row) => [
      `setting ${row.key}`,
      (s) => {
        const fields = s.session.panes[1]!.settings.fields as Record<string, unknown>;
        fields[row.key] = otherValue(row, fields[row.key]);
      },
      (doc) => {
        const pane = doc.panes[1]!;
        return (pane.config as Record<string, unknown>)[row.key] !== undefined || (pane.typed as Record<string, unknown> | undefined)?.[row.key] !== undefined;
      },
      true,
    ]);
    await expectOneWriteEach(edits);
  });

  it('the panes, their labels and turns, the title and the history mode', async () => {
    const doneTurn = (s: Setup) => {
      const turn = new TurnState('t1', { text: 'Hello' }, { model: 'gemini-test' }, s.frames);
      turn.status = 'done';
      turn.text = 'Hi';
      return turn;
    };
    await expectOneWriteEach([
      ['a label', (s) => s.session.renamePane('p2', 'Warm'), (d) => d.panes[1]?.label, 'Warm'],
      ['a new pane', (s) => s.session.addPane(), (d) => d.panes.length, 3],
      ['a removed pane', (s) => s.session.removePane('p2'), (d) => d.panes.map((p) => p.id), ['p1']],
      ['the order of panes', (s) => s.session.movePane('p1', 1), (d) => d.panes.map((p) => p.id), ['p2', 'p1']],
      ['a turn', (s) => s.session.panes[0]!.turns.push(doneTurn(s)), (d) => d.panes[0]?.turns.map((t) => [t.input.text, t.text]), [['Hello', 'Hi']]],
      ['the title', (s) => (s.document.title = 'Renamed'), (d) => d.title, 'Renamed'],
      ['the history mode', (s) => (s.session.historyMode = 'stateless'), (d) => d.historyMode, 'stateless'],
      ['a repeat run', (s) => (s.session.experiments.repeat = { runs: 3, concurrency: 2 }), (d) => d.experiments?.repeat, { runs: 3, concurrency: 2 }],
    ]);
  });

  it('the test set: cells, rows, columns, assertions (edited in place too), template, tier and results', async () => {
    await expectOneWriteEach([
      ['a cell', (s) => s.set.setCell('c2', 'q', 'deux'), (d) => d.testSet?.cases[1]?.values, { q: 'deux' }],
      ['an expected answer', (s) => s.set.setCell('c1', '$expected', '1'), (d) => d.testSet?.cases[0]?.expected, '1'],
      ['a new case', (s) => void s.set.addCase(), (d) => d.testSet?.cases.length, 3],
      ['a deleted case', (s) => s.set.deleteCases(['c2']), (d) => d.testSet?.cases.map((c) => c.id), ['c1']],
      ['a new column', (s) => void s.set.addColumn('lang'), (d) => d.testSet?.variables, ['q', 'lang']],
      ['a new assertion', (s) => void s.set.setAssertions.add('is-json'), (d) => d.testSet?.assertions.map((a) => a.type), ['contains', 'is-json']],
      ['an assertion edited in place', (s) => (s.set.assertions[0]!.value = 'y'), (d) => d.testSet?.assertions[0]?.value, 'y'],
      ['an assertion of another type', (s) => s.set.setAssertions.setType('a1', 'regex'), (d) => d.testSet?.assertions[0]?.type, 'regex'],
      ['the template', (s) => (s.set.prompt = 'Say {{q}}'), (d) => d.testSet?.prompt, 'Say {{q}}'],
      ['the service tier', (s) => (s.set.serviceTier = 'flex'), (d) => d.testSet?.serviceTier, 'flex'],
      ['a hand verdict', (s) => s.session.testRun.setManual('c1', 'p1', 'fail'), (d) => d.testSet?.results[0]?.manual, 'fail'],
      [
        'a finished cell',
        (s) => (s.set.results = [...s.set.results, { caseId: 'c2', paneId: 'p1', status: 'done', text: 'z', at: AT }]),
        (d) => d.testSet?.results.map((r) => r.caseId),
        ['c1', 'c2'],
      ],
    ]);
  });
});

describe('an edit right after opening', () => {
  it('is written, though the watch sees it with the opening in one run', async () => {
    const s = setup();
    s.set.setCell('c1', 'q', 'uno');
    const written = await s.settle();
    expect(written.map((d) => d.testSet?.cases[0]?.values.q)).toEqual(['uno']);
  });
});

describe('what is not a change', () => {
  it('opening a session on disk, and a save that would write what is on disk, write nothing', async () => {
    const s = setup();
    expect(await s.settle()).toEqual([]);
    await s.document.save();
    expect(await s.settle()).toEqual([]);
    s.document.title = 'Other';
    flushSync();
    s.document.title = 'On disk';
    expect(await s.settle()).toEqual([]);
  });

  it('a write that failed is written by the next save, even when nothing changed since', async () => {
    const s = setup();
    expect(await s.settle()).toEqual([]);
    s.failNextWrite();
    s.set.setCell('c1', 'q', 'uno');
    expect(await s.settle()).toEqual([]);
    expect(s.document.saveState).toBe('error');
    await s.document.save();
    const written = await s.settle();
    expect(written.map((d) => d.testSet?.cases[0]?.values.q)).toEqual(['uno']);
  });
});
