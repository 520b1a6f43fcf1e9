// A test set's results are saved as what changed since the version main holds (src-shared/eval/results-delta.ts):
// what crosses is the new and changed cells; what is saved is still the whole document.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../../src-shared/eval/test-set';
import type { Session } from '../../../src-shared/session';
import { savingDocument } from '../../../test-support/renderer/saving-document';

const AT = '2026-12-06T10:00:00.000Z';
const cell = (caseId: string, paneId: string, text: string): CellResult => ({ caseId, paneId, status: 'done', text, at: AT });
const withoutTime = (doc: Session) => ({ ...doc, updatedAt: '' });

function setup() {
  const s = savingDocument();
  s.session.composer.text = 'Answer {{q}}';
  const rows = [s.session.testSet.addCase()!, s.session.testSet.addCase()!, s.session.testSet.addCase()!];
  rows.forEach((row, i) => s.session.testSet.setCell(row.id, 'q', `question ${i}`));
  const paneId = s.session.panes[0]!.id;
  return { ...s, rows, paneId };
}

describe('saving a test set’s results', () => {
  it('sends the whole list first, then only the cells that finished or changed, and main holds the whole document', async () => {
    const s = setup();
    const [a, b, c] = s.rows.map((row, i) => cell(row.id, s.paneId, `answer ${i}`));
    s.session.testSet.results = [a!, b!];
    flushSync();
    const [first] = await s.settle();
    expect(s.sent.at(-1)!.results).toBeUndefined();
    expect(first!.testSet!.results).toEqual([a, b]);

    const b2 = { ...b!, manual: 'fail' as const };
    s.session.testSet.results = [a!, b2, c!];
    flushSync();
    const [second] = await s.settle();
    const crossed = s.sent.at(-1)!;
    expect(crossed.session.testSet!.results).toEqual([]);
    expect(crossed.results).toEqual({ since: first!.updatedAt, put: [b2, c], remove: [] });
    expect(withoutTime(second!)).toEqual(withoutTime(s.document.toSession()));

    s.session.testSet.deleteCases([s.rows[0]!.id]);
    flushSync();
    const [third] = await s.settle();
    expect(s.sent.at(-1)!.results).toEqual({ since: second!.updatedAt, put: [], remove: [{ caseId: s.rows[0]!.id, paneId: s.paneId }] });
    expect(third!.testSet!.results).toEqual([b2, c]);
  });

  it('sends the whole document again when main holds another version (a save came between)', async () => {
    const s = setup();
    const [a, b] = s.rows.map((row, i) => cell(row.id, s.paneId, `answer ${i}`));
    s.session.testSet.results = [a!];
    flushSync();
    const [first] = await s.settle();
    // Another save of this session, as the library's rename does: main's version is no longer the one counted from.
    await s.api.saveSession({ ...first!, title: 'Renamed elsewhere' });
    s.session.testSet.results = [a!, b!];
    flushSync();
    const written = await s.settle();
    expect(s.sent.slice(-2).map((x) => x.results === undefined)).toEqual([false, true]);
    expect(written.at(-1)!.testSet!.results).toEqual([a, b]);
    expect(s.document.saveState).not.toBe('error');
  });

  it('sends the whole list when the order of kept cells changed, which a change cannot carry', async () => {
    const s = setup();
    const [a, b] = s.rows.map((row, i) => cell(row.id, s.paneId, `answer ${i}`));
    s.session.testSet.results = [a!, b!];
    flushSync();
    await s.settle();
    s.session.testSet.results = [b!, a!];
    flushSync();
    const [written] = await s.settle();
    expect(s.sent.at(-1)!.results).toBeUndefined();
    expect(written!.testSet!.results).toEqual([b, a]);
  });
});
