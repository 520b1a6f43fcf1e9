// The session repository over real files in temp folders: round trips, index upkeep, damaged files,
// crashes between the steps of a save, 10,000 sessions, delete/restore/duplicate.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../ports';
import { faultyFs, type FaultyFs } from '../../../test-support/main/fault-fs';
import { SESSION_VERSION, type Session } from '../../../src-shared/session';
import { SessionRepository } from './repository';
import { TRASH_RETENTION_MS } from './trash';
import { AT, fullSession, simpleSession, tempDir } from '../../../test-support/main/sessions';

let temp: ReturnType<typeof tempDir>;
let clock: number;
const now = () => clock;

beforeEach(() => {
  temp = tempDir();
  clock = Date.UTC(2026, 10, 27, 12, 0, 0);
});
afterEach(() => temp.remove());

function repo(options: { fs?: FaultyFs; compactAfter?: number; ids?: string[] } = {}): SessionRepository {
  const ids = [...(options.ids ?? [])];
  return new SessionRepository({
    dir: temp.dir,
    logger: silentLogger,
    now: () => (clock += 1),
    ...(options.fs ? { fs: options.fs } : {}),
    ...(options.compactAfter ? { compactAfter: options.compactAfter } : {}),
    newId: () => ids.shift() ?? `gen-${Math.random().toString(36).slice(2, 10)}`,
  });
}

const docFile = (id: string) => join(temp.dir, 'sessions', `${id}.json`);
const indexFile = () => join(temp.dir, 'session-index.json');
const writeDoc = (session: Session) => {
  mkdirSync(join(temp.dir, 'sessions'), { recursive: true });
  writeFileSync(docFile(session.id), JSON.stringify(session));
};

describe('SessionRepository: round trip', () => {
  it('keeps every field of every level across a restart; main stamps updatedAt', async () => {
    const a = repo();
    const session = fullSession();
    const { updatedAt } = await a.save(structuredClone(session));
    expect(updatedAt).not.toBe(AT);
    await a.close();
    const b = repo();
    expect(await b.get(session.id)).toEqual({ ...session, updatedAt });
    expect(await b.list()).toEqual([
      { id: session.id, title: session.title, createdAt: AT, updatedAt, paneCount: 2, turnCount: 2 },
    ]);
  });

  it('never stamps an earlier updatedAt than the saved one (clock set back)', async () => {
    const a = repo();
    const first = await a.save(simpleSession('s1', 'x'));
    clock -= 3_600_000;
    const second = await a.save(simpleSession('s1', 'x'));
    expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
  });

  it('refuses ids that are not file names', async () => {
    await expect(repo().save(simpleSession('../escape', 'x'))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(existsSync(join(temp.dir, 'escape.json'))).toBe(false);
  });
});

describe('SessionRepository: listing and search', () => {
  it('lists newest first and finds words in titles and prompt text, any case and accent', async () => {
    const r = repo();
    await r.save(simpleSession('a', 'Café recipes', ['How long to boil an egg?']));
    await r.save(simpleSession('b', 'Dogs', ['I have 2 DOGS', 'How many paws are in my house?']));
    await r.save(simpleSession('c', 'Untitled', ['Write a haiku about the sea']));
    expect((await r.list()).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect((await r.list('cafe')).map((s) => s.id)).toEqual(['a']);
    expect((await r.list('PAWS house')).map((s) => s.id)).toEqual(['b']);
    expect((await r.list('haiku')).map((s) => s.id)).toEqual(['c']);
    expect((await r.list('dogs egg')).map((s) => s.id)).toEqual([]);
    expect((await r.list('   ')).length).toBe(3);
    expect((await r.list('dogs'))[0]).toMatchObject({ paneCount: 1, turnCount: 2 });
  });

  it('counts the files a session holds unsent, so one with no turns is not listed as empty; the count survives a restart', async () => {
    const r = repo();
    const image = (n: number) => ({ sha256: String(n).repeat(64), mimeType: 'image/png', name: `${n}.png`, size: 10 });
    await r.save({ ...simpleSession('f', ''), attached: [image(1), { ...image(2), paneId: 'p1' }] });
    await r.save(simpleSession('g', 'None', ['Hi']));
    expect((await r.list()).map((s) => [s.id, s.turnCount, s.unsentFiles])).toEqual([['g', 1, undefined], ['f', 0, 2]]);
    await r.close();
    expect((await repo().list()).find((s) => s.id === 'f')).toMatchObject({ turnCount: 0, unsentFiles: 2 });
  });

  it('saving one session touches its document and one log line, never the other documents', async () => {
    const fs = faultyFs();
    const r = repo({ fs });
    for (let i = 0; i < 20; i++) await r.save(simpleSession(`s${i}`, `Session ${i}`));
    await r.close();
    const again = repo({ fs });
    await again.list();
    fs.calls.length = 0;
    await again.save(simpleSession('s7', 'Renamed'));
    await again.save(simpleSession('s7', 'Renamed twice'));
    const touched = new Set(fs.calls.map(([, path]) => path.replace(/\/\.s7\.json\.[0-9a-f]+\.tmp$/, '/s7.json.tmp')));
    expect([...touched].sort()).toEqual(
      [docFile('s7'), `${docFile('s7')}.tmp`, join(temp.dir, 'sessions'), join(temp.dir, 'session-index.log')].sort(),
    );
    // The index is updated in memory at once.
    expect((await again.list('twice')).map((s) => s.id)).toEqual(['s7']);
  });
});

describe('SessionRepository: damaged files', () => {
  it('a damaged document is moved aside and reported when opened; the others still open', async () => {
    const r = repo();
    await r.save(simpleSession('good', 'Good'));
    await r.save(simpleSession('bad', 'Bad one'));
    await r.close();
    writeFileSync(docFile('bad'), '{"version":1,"id":"bad","tit');
    const b = repo();
    await expect(b.get('bad')).rejects.toMatchObject({ code: 'STORAGE', message: expect.stringContaining('moved aside') });
    expect((await b.get('good')).title).toBe('Good');
    expect((await b.list()).map((s) => s.id)).toEqual(['good']);
    const [problem] = b.problems();
    expect(problem).toMatchObject({ kind: 'session', sessionId: 'bad', file: docFile('bad') });
    expect(problem?.message).toContain('Bad one');
    expect(problem?.movedTo).toMatch(/bad\.json\.corrupt-2026-11-27T12-00-00-\d{3}Z$/);
    expect(readFileSync(problem!.movedTo!, 'utf8')).toContain('"tit');
    expect(existsSync(docFile('bad'))).toBe(false);
  });

  it('a damaged document that cannot be moved aside is reported as left in place, with the reason', async () => {
    const r = repo();
    await r.save(simpleSession('bad', 'Bad one'));
    await r.close();
    writeFileSync(docFile('bad'), '{"version":1,"id":"bad","tit');
    const fs = faultyFs();
    fs.failWhen('rename', (p) => p.startsWith(`${docFile('bad')}.corrupt-`), 'EROFS');
    const b = repo({ fs });
    const leftInPlace = "could not be moved aside (the app's data folder is read-only) and was left in place";
    await expect(b.get('bad')).rejects.toMatchObject({ code: 'STORAGE', message: `The file of “Bad one” was damaged; it ${leftInPlace}.` });
    const [problem] = b.problems();
    expect(problem?.movedTo).toBeUndefined();
    expect(problem?.message).toContain(leftInPlace);
    expect(problem?.message).not.toContain('was moved aside');
    expect(readFileSync(docFile('bad'), 'utf8')).toBe('{"version":1,"id":"bad","tit');
  });

  it('damaged documents found while rebuilding are moved aside too (wrong types, not JSON, binary)', async () => {
    writeDoc(simpleSession('ok', 'Fine'));
    writeFileSync(docFile('types'), JSON.stringify({ ...simpleSession('types', 'x'), panes: 'nope' }));
    writeFileSync(docFile('garbage'), 'not json at all');
    writeFileSync(docFile('binary'), Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    const r = repo();
    expect((await r.list()).map((s) => s.id)).toEqual(['ok']);
    expect(r.problems().map((p) => p.sessionId).sort()).toEqual(['binary', 'garbage', 'types']);
    expect(readdirSync(join(temp.dir, 'sessions')).filter((n) => n.includes('.corrupt-'))).toHaveLength(3);
  });

  it('a damaged index is moved aside, reported and rebuilt from the documents', async () => {
    const r = repo();
    await r.save(simpleSession('s1', 'One', ['first prompt']));
    await r.save(simpleSession('s2', 'Two'));
    await r.close();
    writeFileSync(indexFile(), '{"format":"gemini-playground-session-index","version":1,"entries":[{"id":');
    const b = repo();
    expect((await b.list()).map((s) => s.id).sort()).toEqual(['s1', 's2']);
    expect((await b.list('first')).map((s) => s.id)).toEqual(['s1']);
    expect(b.problems()).toEqual([expect.objectContaining({ kind: 'index', file: indexFile(), movedTo: expect.stringContaining('.corrupt-') })]);
    // Rebuilt and written again: the next start reads no document.
    expect(JSON.parse(readFileSync(indexFile(), 'utf8')).entries).toHaveLength(2);
  });

  it('an index of the wrong shape counts as damaged; a missing one is rebuilt silently', async () => {
    writeDoc(simpleSession('s1', 'One'));
    writeFileSync(indexFile(), JSON.stringify({ format: 'gemini-playground-session-index', version: 1, entries: [{ id: '../x' }] }));
    const r = repo();
    expect((await r.list()).map((s) => s.id)).toEqual(['s1']);
    expect(r.problems()).toHaveLength(1);
    const fresh = tempDir();
    try {
      mkdirSync(join(fresh.dir, 'sessions'));
      writeFileSync(join(fresh.dir, 'sessions', 's9.json'), JSON.stringify(simpleSession('s9', 'Nine')));
      const other = new SessionRepository({ dir: fresh.dir, logger: silentLogger });
      expect((await other.list()).map((s) => s.id)).toEqual(['s9']);
      expect(other.problems()).toEqual([]);
    } finally {
      fresh.remove();
    }
  });

  it('an index holding any createdAt the session schema accepts (an import keeps it) is not called damaged', async () => {
    const r = repo({ ids: ['imported'] });
    const session = simpleSession('x', 'Imported');
    session.createdAt = '2026-11-27T10:00:00.123456789012345678901Z';
    await r.add(session);
    await r.close();
    const b = repo();
    expect(await b.list()).toEqual([expect.objectContaining({ id: 'imported', createdAt: session.createdAt })]);
    expect(b.problems()).toEqual([]);
    expect(existsSync(indexFile())).toBe(true);
  });

  it('an index entry whose document vanished is dropped; a document without an entry is added', async () => {
    const r = repo();
    await r.save(simpleSession('s1', 'One'));
    await r.save(simpleSession('s2', 'Two'));
    await r.close();
    writeFileSync(docFile('s1'), ''); // still there, now empty
    const { rmSync } = await import('node:fs');
    rmSync(docFile('s2'));
    writeDoc(simpleSession('s3', 'Three, copied in by hand'));
    const b = repo();
    expect((await b.list()).map((s) => s.id).sort()).toEqual(['s1', 's3']);
    await expect(b.get('s1')).rejects.toMatchObject({ code: 'STORAGE' });
    expect((await b.list()).map((s) => s.id)).toEqual(['s3']);
  });

  it('a document written by a newer app is left in place and reported, not called damaged', async () => {
    writeDoc({ ...simpleSession('future', 'From the future'), version: 7 } as unknown as Session);
    const r = repo();
    expect(await r.list()).toEqual([]);
    expect(existsSync(docFile('future'))).toBe(true);
    expect(r.problems()).toEqual([expect.objectContaining({ kind: 'session', sessionId: 'future', message: expect.stringContaining('newer version') })]);
    expect(r.problems()[0]?.movedTo).toBeUndefined();
  });

  it('a newer document is never overwritten by this version', async () => {
    writeDoc({ ...simpleSession('future', 'From the future'), version: 7 } as unknown as Session);
    const before = readFileSync(docFile('future'), 'utf8');
    const r = repo();
    await r.list();
    await expect(r.save(simpleSession('future', 'Clobber'))).rejects.toMatchObject({ code: 'STORAGE', message: expect.stringContaining('newer version') });
    expect(readFileSync(docFile('future'), 'utf8')).toBe(before);
  });

  it('an earlier-version document is migrated when read', async () => {
    const v0 = { ...simpleSession('old', 'Old'), version: undefined, historyMode: undefined } as Record<string, unknown>;
    (v0.panes as { config: Record<string, unknown> }[])[0]!.config.temperature = '0.5';
    writeFileSync(join(temp.dir, 'x'), '');
    mkdirSync(join(temp.dir, 'sessions'), { recursive: true });
    writeFileSync(docFile('old'), JSON.stringify(v0));
    const got = await repo().get('old');
    expect(got).toMatchObject({ version: SESSION_VERSION, historyMode: 'server', panes: [{ config: { temperature: 0.5 } }] });
  });
});

describe('SessionRepository: a read-only data folder', () => {
  it('deleting a session fails with STORAGE and keeps it, instead of answering ok', async () => {
    const fs = faultyFs();
    const r = repo({ fs });
    await r.save(simpleSession('s1', 'Kept'));
    // The first delete makes trash/: on a read-only disk Node's recursive mkdir says ENOENT, which read as "already gone".
    fs.failWhen('mkdir', (p) => p === join(temp.dir, 'trash'), 'EROFS');
    await expect(r.delete('s1')).rejects.toMatchObject({ code: 'STORAGE', message: "Could not delete the session: the app's data folder is read-only." });
    expect((await r.list()).map((s) => s.id)).toEqual(['s1']);
    expect(existsSync(docFile('s1'))).toBe(true);
  });
});

describe('SessionRepository: a crash in the middle of a save', () => {
  it('rename fails (temp written, never renamed): the previous version stays readable', async () => {
    const fs = faultyFs();
    const r = repo({ fs });
    await r.save(simpleSession('s1', 'Version 1', ['one']));
    fs.failWhen('rename', (p) => p === docFile('s1'));
    await expect(r.save(simpleSession('s1', 'Version 2', ['two']))).rejects.toMatchObject({ code: 'STORAGE' });
    // "Restart" without close(): the snapshot was never written after the first save.
    const b = repo();
    expect((await b.get('s1')).title).toBe('Version 1');
    expect((await b.list()).map((s) => s.title)).toEqual(['Version 1']);
  });

  it('killed after writing the temp file: the stray temp is ignored and removed at the next start', async () => {
    const r = repo();
    await r.save(simpleSession('s1', 'Version 1'));
    writeFileSync(join(temp.dir, 'sessions', '.s1.json.deadbeef0001.tmp'), JSON.stringify(simpleSession('s1', 'Version 2')));
    const b = repo();
    expect((await b.get('s1')).title).toBe('Version 1');
    expect(readdirSync(join(temp.dir, 'sessions'))).toEqual(['s1.json']);
  });

  it('killed after the document was replaced but before the index: the index catches up from the log', async () => {
    const r = repo({ compactAfter: 1_000 });
    await r.save(simpleSession('s1', 'Old title', ['alpha']));
    await r.save(simpleSession('s2', 'Other'));
    await r.close(); // snapshot has "Old title"
    const c = repo({ compactAfter: 1_000 });
    await c.save(simpleSession('s1', 'New title', ['beta']));
    // no close(): the snapshot still says "Old title"
    expect(JSON.stringify(JSON.parse(readFileSync(indexFile(), 'utf8')))).toContain('Old title');
    const d = repo();
    expect((await d.list('beta')).map((s) => s.title)).toEqual(['New title']);
    expect(await d.list('alpha')).toEqual([]);
  });

  it('killed after the log line, before the document: the old document and its entry stay', async () => {
    const fs = faultyFs();
    const r = repo({ fs });
    await r.save(simpleSession('s1', 'Kept'));
    await r.close();
    const c = repo({ fs });
    fs.failWhen('open', (p, flags) => flags === 'wx' && p.includes('/sessions/'));
    await expect(c.save(simpleSession('s1', 'Lost'))).rejects.toMatchObject({ code: 'STORAGE' });
    const d = repo();
    expect((await d.list()).map((s) => s.title)).toEqual(['Kept']);
    expect((await d.get('s1')).title).toBe('Kept');
  });

  it('a torn last line in the log is ignored', async () => {
    const r = repo({ compactAfter: 1_000 });
    await r.save(simpleSession('s1', 'One'));
    appendFileSync(join(temp.dir, 'session-index.log'), 's2-half-writ');
    expect((await repo().list()).map((s) => s.id)).toEqual(['s1']);
  });

  it('a full disk fails the save with a clear message and keeps the saved version', async () => {
    const fs = faultyFs();
    const r = repo({ fs });
    await r.save(simpleSession('s1', 'Saved'));
    fs.failWhen('open', (p, flags) => flags === 'wx', 'ENOSPC');
    await expect(r.save(simpleSession('s1', 'Unsaved'))).rejects.toMatchObject({
      code: 'STORAGE',
      message: 'Could not save the session: the disk is full.',
    });
    expect((await r.get('s1')).title).toBe('Saved');
  });
});

describe('SessionRepository: 10,000 sessions', () => {
  it('lists and searches them correctly, from the documents and then from the snapshot alone', async () => {
    mkdirSync(join(temp.dir, 'sessions'), { recursive: true });
    const total = 10_000;
    for (let i = 0; i < total; i++) {
      const updatedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const prompt = i % 1000 === 0 ? `Needle haystack question ${i}` : `Ordinary prompt number ${i}`;
      writeFileSync(docFile(`s${i}`), JSON.stringify(simpleSession(`s${i}`, i % 250 === 0 ? `Zebra ${i}` : `Title ${i}`, [prompt], updatedAt)));
    }
    const r = repo();
    const all = await r.list();
    expect(all).toHaveLength(total);
    expect(all[0]?.id).toBe(`s${total - 1}`);
    expect(all.at(-1)?.id).toBe('s0');
    expect((await r.list('needle')).map((s) => s.id)).toEqual(Array.from({ length: 10 }, (_, k) => `s${(9 - k) * 1000}`));
    expect(await r.list('zebra')).toHaveLength(40);
    expect((await r.list('zebra needle')).map((s) => s.id).sort()).toEqual(['s0', 's1000', 's2000', 's3000', 's4000', 's5000', 's6000', 's7000', 's8000', 's9000']);
    await r.close();

    const fs = faultyFs();
    const b = repo({ fs });
    expect(await b.list()).toHaveLength(total);
    // The index alone: not one document opened.
    expect(fs.reads().filter((p) => p.includes('/sessions/'))).toEqual([]);
    expect(await b.list('needle 5000')).toEqual([expect.objectContaining({ id: 's5000' })]);
    await b.save(simpleSession('s42', 'Renamed forty-two', ['needle again'], AT));
    expect((await b.list('needle')).map((s) => s.id)).toContain('s42');
  }, 60_000);
});

describe('SessionRepository: delete, restore, duplicate', () => {
  it('delete moves the document to the trash; restore brings it back unchanged', async () => {
    const r = repo();
    const { updatedAt } = await r.save(fullSession('d1'));
    await r.save(simpleSession('other', 'Other'));
    const { undoToken } = await r.delete('d1');
    expect(undoToken).toMatch(/^\d{13}-d1$/);
    expect((await r.list()).map((s) => s.id)).toEqual(['other']);
    expect(existsSync(docFile('d1'))).toBe(false);
    expect(existsSync(join(temp.dir, 'trash', `${undoToken}.json`))).toBe(true);
    await expect(r.get('d1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A late autosave must not resurrect it.
    await expect(r.save(fullSession('d1'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await r.isTrashed('d1')).toBe(true);

    const summary = await r.restore(undoToken);
    expect(summary).toMatchObject({ id: 'd1', paneCount: 2 });
    expect(await r.get('d1')).toEqual({ ...fullSession('d1'), updatedAt });
    await expect(r.restore(undoToken)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await r.save(fullSession('d1')); // editable again
    expect(await repo().list()).toHaveLength(2);
  });

  it('restore survives a restart, and refuses unknown or malformed tokens', async () => {
    const r = repo();
    await r.save(simpleSession('d2', 'Two'));
    const { undoToken } = await r.delete('d2');
    await r.close();
    const b = repo();
    expect(await b.list()).toEqual([]);
    await expect(b.restore('1764237600000-nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.restore('../../etc/passwd')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await b.restore(undoToken);
    expect((await b.list()).map((s) => s.id)).toEqual(['d2']);
  });

  it('old trash is purged at start', async () => {
    const r = repo();
    await r.save(simpleSession('old', 'Old'));
    await r.save(simpleSession('new', 'New'));
    const { undoToken: oldToken } = await r.delete('old');
    clock += TRASH_RETENTION_MS - 10_000;
    const { undoToken: newToken } = await r.delete('new');
    clock += 20_000;
    await repo().list();
    expect(readdirSync(join(temp.dir, 'trash'))).toEqual([`${newToken}.json`]);
    expect(oldToken).not.toBe(newToken);
  });

  it('duplicate makes a copy under a new id titled "… (copy)" and leaves the original alone', async () => {
    const r = repo({ ids: ['copy-1'] });
    await r.save(fullSession('orig'));
    const copy = await r.duplicate('orig');
    expect(copy.id).toBe('copy-1');
    expect(copy.title).toBe('Paws — a full session (copy)');
    expect(copy.panes).toEqual(fullSession().panes);
    expect(await repo().get('copy-1')).toEqual(copy);
    expect((await r.get('orig')).title).toBe('Paws — a full session');
    await expect(r.duplicate('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('duplicate leaves out the files waiting in the prompt box: unsent work, as the typed draft, stays with the original', async () => {
    const r = repo({ ids: ['copy-2'] });
    const attached = [{ sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'unsent.png', size: 3, paneId: 'pane-a' }];
    await r.save({ ...fullSession('boxed'), attached });
    expect((await r.duplicate('boxed')).attached).toBeUndefined();
    expect((await r.get('boxed')).attached).toEqual(attached);
  });
});
