// A session file that is there but cannot be read for a moment (an antivirus scan or a backup holding it: EBUSY,
// EACCES, EMFILE) says nothing about the session. It must keep its place in the index, and crash recovery must
// never take it for absent and write a session of one turn over the whole conversation.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../ports';
import { faultyFs } from '../../../test-support/main/fault-fs';
import { inflightRecord, simpleSession, tempDir } from '../../../test-support/main/sessions';
import { READ_WITHOUT_WAITING } from '../storage/files';
import { recoverInflight } from './inflight-recovery';
import { SessionRepository } from './repository';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

const inflightDir = () => join(temp.dir, 'inflight');
const docFile = (id: string) => join(temp.dir, 'sessions', `${id}.json`);
const turnIds = (id: string) => (JSON.parse(readFileSync(docFile(id), 'utf8')) as { panes: { turns: { id: string }[] }[] }).panes[0]!.turns.map((t) => t.id);

function writeJournal(): void {
  const record = inflightRecord({ requestId: 't9', turnId: 't9', input: { text: 'Last question' }, text: 'Partial' });
  mkdirSync(inflightDir(), { recursive: true });
  writeFileSync(join(inflightDir(), 't9.json'), JSON.stringify(record));
}

/** A repository whose reads of `id`'s document fail with `code` until disarmed. */
function busyRepository(id: string, code = 'EBUSY') {
  const fs = faultyFs();
  const disarm = fs.failWhen('open', (path, flags) => path === docFile(id) && flags === READ_WITHOUT_WAITING, code);
  return { fs, disarm, repo: new SessionRepository({ dir: temp.dir, logger: silentLogger, fs }) };
}

describe('a session file busy at start-up', () => {
  it('crash recovery adds the journal turn to the whole conversation once the file can be read', async () => {
    // Saved, then the app crashed: s1 is only in the index log, so the next start reads it.
    await new SessionRepository({ dir: temp.dir, logger: silentLogger }).save(simpleSession('s1', 'Long chat', ['q1', 'q2', 'q3']));
    writeJournal();
    const { fs, disarm, repo } = busyRepository('s1');
    await repo.open();
    disarm();
    await recoverInflight({ dir: inflightDir(), repo, logger: silentLogger, fs });
    expect(turnIds('s1')).toEqual(['t1', 't2', 't3', 't9']);
    expect(readdirSync(inflightDir())).toEqual([]);
  });

  it('while the file still cannot be read, recovery writes nothing and keeps the journal for the next start', async () => {
    await new SessionRepository({ dir: temp.dir, logger: silentLogger }).save(simpleSession('s1', 'Long chat', ['q1', 'q2', 'q3']));
    const before = readFileSync(docFile('s1'), 'utf8');
    writeJournal();
    const { fs, repo } = busyRepository('s1', 'EMFILE');
    expect(await recoverInflight({ dir: inflightDir(), repo, logger: silentLogger, fs })).toBe(0);
    expect(readFileSync(docFile('s1'), 'utf8')).toBe(before);
    expect(readdirSync(inflightDir())).toEqual(['t9.json']);
    expect(repo.problems().map((p) => [p.kind, p.sessionId])).toEqual([
      ['session', 's1'],
      ['journal', 's1'],
    ]);
  });

  it('keeps its index entry, opens once readable, and is read again at the next start', async () => {
    const first = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    await first.save(simpleSession('s1', 'One'));
    await first.close();
    // Renamed, then the app crashed: the snapshot still says "One", the log names s1.
    await new SessionRepository({ dir: temp.dir, logger: silentLogger }).save(simpleSession('s1', 'Renamed'));

    const { disarm, repo } = busyRepository('s1', 'EACCES');
    expect((await repo.list()).map((s) => s.id)).toEqual(['s1']);
    await repo.close();
    disarm();
    expect((await repo.get('s1')).title).toBe('Renamed');
    expect((await repo.list()).map((s) => s.title)).toEqual(['Renamed']);

    const { repo: still } = busyRepository('s1', 'EACCES');
    expect((await still.list()).map((s) => s.title)).toEqual(['One']);
    await still.close();
    const next = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    expect((await next.list()).map((s) => s.title)).toEqual(['Renamed']);
    expect(next.problems()).toEqual([]);
  });
});

describe('a session file busy while the index is rebuilt', () => {
  it('keeps the entry the snapshot had when the index log cannot be read either', async () => {
    const first = new SessionRepository({ dir: temp.dir, logger: silentLogger });
    await first.save(simpleSession('s1', 'One'));
    await first.save(simpleSession('s2', 'Two'));
    await first.close();
    const { fs, disarm, repo } = busyRepository('s1');
    const log = join(temp.dir, 'session-index.log');
    writeFileSync(log, 's2\n');
    fs.failWhen('open', (path, flags) => path === log && flags === READ_WITHOUT_WAITING, 'EACCES');
    expect((await repo.list()).map((s) => s.title).sort()).toEqual(['One', 'Two']);
    disarm();
    expect((await repo.get('s1')).title).toBe('One');
  });
});
