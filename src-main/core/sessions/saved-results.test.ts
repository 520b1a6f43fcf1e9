// Saving a test set's results as a change of the saved version (contract `saveSession` with `results`), through the
// repository over real files: applied to the version it names, also after a restart, refused when another
// version came between, and the document on disk is always the whole one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellResult } from '../../../src-shared/eval/test-set';
import type { Session } from '../../../src-shared/session';
import { simpleSession, tempDir } from '../../../test-support/main/sessions';
import { silentLogger } from '../ports';
import { SessionRepository } from './repository';

let temp: ReturnType<typeof tempDir>;
let clock = Date.UTC(2026, 11, 6, 12, 0, 0);
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

const repo = () => new SessionRepository({ dir: temp.dir, logger: silentLogger, now: () => (clock += 1000) });
const cell = (caseId: string, text: string): CellResult => ({ caseId, paneId: 'p1', status: 'done', text, at: '2026-12-06T10:00:00.000Z' });
const onDisk = (id: string) => JSON.parse(readFileSync(join(temp.dir, 'sessions', `${id}.json`), 'utf8')) as Session;

function withResults(results: CellResult[]): Session {
  const cases = ['c1', 'c2', 'c3'].map((id) => ({ id, values: { q: id } }));
  return { ...simpleSession('s1', 'Answer {{q}}'), testSet: { variables: ['q'], prompt: 'Answer {{q}}', cases, assertions: [], results } };
}
const emptied = (doc: Session): Session => ({ ...doc, testSet: { ...doc.testSet!, results: [] } });

describe('saving results as a change', () => {
  it('applies the change to the version it names and writes the whole document', async () => {
    const r = repo();
    const [a, b, c] = [cell('c1', 'one'), cell('c2', 'two'), cell('c3', 'three')];
    const first = await r.save(withResults([a, b]));
    const b2 = { ...b, manual: 'pass' as const };
    const second = await r.save(emptied(withResults([])), { since: first.updatedAt, put: [b2, c], remove: [{ caseId: 'c1', paneId: 'p1' }] });
    expect(onDisk('s1').testSet!.results).toEqual([b2, c]);
    expect(onDisk('s1').updatedAt).toBe(second.updatedAt);
    // The cells are spliced into the text as each cell's own JSON: the file is exactly the JSON of what it holds.
    const text = readFileSync(join(temp.dir, 'sessions', 's1.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ ...withResults([b2, c]), updatedAt: second.updatedAt });
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
  });

  it('after a restart, reads the version named from disk once', async () => {
    const first = await repo().save(withResults([cell('c1', 'one')]));
    const r = repo();
    await r.save(emptied(withResults([])), { since: first.updatedAt, put: [cell('c2', 'two')], remove: [] });
    expect(onDisk('s1').testSet!.results.map((x) => x.text)).toEqual(['one', 'two']);
  });

  it('refuses with CONFLICT, writing nothing, when another version was saved since, or none ever was', async () => {
    const r = repo();
    const first = await r.save(withResults([cell('c1', 'one')]));
    await r.save({ ...withResults([cell('c1', 'one')]), title: 'Renamed' });
    const before = readFileSync(join(temp.dir, 'sessions', 's1.json'), 'utf8');
    await expect(r.save(emptied(withResults([])), { since: first.updatedAt, put: [cell('c2', 'two')], remove: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(join(temp.dir, 'sessions', 's1.json'), 'utf8')).toBe(before);
    const fresh = { ...withResults([]), id: 's2' };
    await expect(r.save(fresh, { since: first.updatedAt, put: [], remove: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a change without the test set it belongs to', async () => {
    const r = repo();
    const first = await r.save(withResults([]));
    await expect(r.save(simpleSession('s1', 'x'), { since: first.updatedAt, put: [], remove: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a change still applies to a session deleted and restored', async () => {
    const r = repo();
    const first = await r.save(withResults([cell('c1', 'one')]));
    const { undoToken } = await r.delete('s1');
    await r.restore(undoToken);
    await r.save(emptied(withResults([])), { since: first.updatedAt, put: [cell('c2', 'two')], remove: [] });
    expect(onDisk('s1').testSet!.results.map((x) => x.text)).toEqual(['one', 'two']);
  });

  // Main writes a changed set without reading its cells back: what makes that safe is checked here.
  it('checks the cells a change brings: an invalid one is refused and nothing is written', async () => {
    const r = repo();
    const first = await r.save(withResults([cell('c1', 'one')]));
    const before = readFileSync(join(temp.dir, 'sessions', 's1.json'), 'utf8');
    const bad = { ...cell('c2', 'two'), latencyMs: -5 };
    await expect(r.save(emptied(withResults([])), { since: first.updatedAt, put: [bad], remove: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(readFileSync(join(temp.dir, 'sessions', 's1.json'), 'utf8')).toBe(before);
  });

  it('still reads the rest of the document back before writing it, and counts the cells', async () => {
    const r = repo();
    const first = await r.save(withResults([]));
    const untitled = { ...emptied(withResults([])), title: 'x'.repeat(10_000) };
    await expect(r.save(untitled, { since: first.updatedAt, put: [cell('c1', 'one')], remove: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('could not be opened again'),
    });
    const tooMany = Array.from({ length: 6001 }, (_, i) => cell(`c${i}`, 'x'));
    await expect(r.save(emptied(withResults([])), { since: first.updatedAt, put: tooMany, remove: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('6001 results'),
    });
    expect(onDisk('s1').testSet!.results).toEqual([]);
  });
});
