// The sessions as the app wrote them to disk (sessions/<id>.json under the data folder), for a spec to check what
// was saved rather than what is shown; and a data folder seeded with one, which the app opens at start.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '../../src-shared/session';

export function savedSessions(dataDir: string): Session[] {
  const dir = join(dataDir, 'sessions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Session);
}

/** The test set of the one saved session that has one, as on disk. */
export function savedTestSet(dataDir: string): Session['testSet'] {
  return savedSessions(dataDir).find((d) => d.testSet)?.testSet;
}

/** A new data folder holding `session` as the app saves it. */
export function dataDirWith(session: Session, prefix: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), `playground-${prefix}-`));
  mkdirSync(join(dataDir, 'sessions'));
  writeFileSync(join(dataDir, 'sessions', `${session.id}.json`), JSON.stringify(session));
  return dataDir;
}
