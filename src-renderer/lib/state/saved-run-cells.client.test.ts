// A test run writes its finished cells into the set at most once a second (a write is a save). Leaving the session
// (closing the window, whose answer is settle()) or saving it for an export must not leave the last second's cells
// behind: nothing journals them, so they would be gone.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { StartTurnRequest } from '../../../src-shared/domain';
import { savingDocument } from '../../../test-support/renderer/saving-document';

const settleMicrotasks = () => new Promise((r) => setTimeout(r, 0));

/** The cells the last save carried: as a change of main's version, or whole. */
const lastWritten = (s: ReturnType<typeof savingDocument>) => {
  const last = s.sent.at(-1)!;
  return last.results ? last.results.put : last.session.testSet?.results;
};

async function oneCellFinished() {
  const s = savingDocument({ connect: true });
  s.session.composer.text = 'Answer {{q}}';
  for (const q of ['one', 'two']) s.session.testSet.setCell(s.session.testSet.addCase()!.id, 'q', q);
  flushSync();
  await s.settle();
  void s.session.testRun.run({ kind: 'all' });
  await settleMicrotasks();
  const { panes } = (s.fake.callsOf('start') as StartTurnRequest[])[0]!;
  const { requestId, paneId } = panes[0]!;
  s.fake.emit({ type: 'delta', requestId, paneId, text: 'Answer one' });
  s.fake.emit({ type: 'done', requestId, paneId, interactionId: 'i-1', status: 'completed', steps: [], metrics: { totalMs: 5 }, interaction: { id: 'i-1', status: 'completed' } });
  await settleMicrotasks();
  // Finished, shown, and still waiting for the commit: the set holds no result yet.
  expect(s.session.testRun.cell(s.session.testSet.cases[0]!.id, paneId).result).toMatchObject({ text: 'Answer one' });
  expect(s.session.testSet.results).toEqual([]);
  // Any save the run's start asked for is made, so only the one under test can carry the cell.
  await s.settle();
  expect(lastWritten(s) ?? []).toEqual([]);
  return s;
}

describe('cells a run finished in its last second', () => {
  it('are written when the session is left (the window closing)', async () => {
    const s = await oneCellFinished();
    expect(await s.document.settle()).toBe(true);
    expect(lastWritten(s)).toEqual([expect.objectContaining({ text: 'Answer one', status: 'done' })]);
    void s.session.testRun.stop();
  });

  it('are written by a save made for an export or a copy', async () => {
    const s = await oneCellFinished();
    await s.document.save(true);
    expect(lastWritten(s)).toEqual([expect.objectContaining({ text: 'Answer one', status: 'done' })]);
    void s.session.testRun.stop();
  });
});
