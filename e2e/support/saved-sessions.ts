// The sessions as the app wrote them to disk (sessions/<id>.json under the data folder), for a spec to check what
// was saved rather than what is shown.
import { readdirSync, readFileSync } from 'node:fs';
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
