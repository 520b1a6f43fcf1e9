// Sessions benchmark (issue 8 §4): saving one session with 100 vs 10,000 saved, and list + search of 10,000.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../src-main/core/ports';
import { SessionRepository } from '../src-main/core/sessions/repository';
import { fullSession, simpleSession, tempDir } from '../test-support/main/sessions';
import { median } from './stream-pipeline';

export interface SessionsResult {
  small: number;
  large: number;
  /** median ms to save one (full) session. */
  saveSmallMs: number;
  saveLargeMs: number;
  /** median ms to list everything, and to search, with `large` sessions. */
  listLargeMs: number;
  searchLargeMs: number;
  /** ms to open the repository with `large` sessions from its snapshot. */
  openLargeMs: number;
  /** sessions the search for 'zebras' found (every 97th session mentions zebras) */
  found: number;
}

async function repositoryWith(count: number): Promise<{ repo: SessionRepository; remove(): void }> {
  const temp = tempDir('pg-bench-sessions-');
  mkdirSync(join(temp.dir, 'sessions'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const updatedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const prompts = [`Question ${i} about ${i % 97 === 0 ? 'zebras' : 'cats'}`, `Follow-up ${i}`];
    writeFileSync(join(temp.dir, 'sessions', `s${i}.json`), JSON.stringify(simpleSession(`s${i}`, `Session ${i}`, prompts, updatedAt)));
  }
  // Build the snapshot once, as a running app would have it, then reopen from it.
  const first = new SessionRepository({ dir: temp.dir, logger: silentLogger });
  await first.open();
  await first.close();
  return { repo: new SessionRepository({ dir: temp.dir, logger: silentLogger }), remove: temp.remove };
}

async function timeSaves(repo: SessionRepository, runs: number): Promise<number> {
  const session = fullSession('bench-save');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    session.title = `Saved ${i}`;
    const t0 = performance.now();
    await repo.save(session);
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function benchSessions(options: { small: number; large: number; runs: number }): Promise<SessionsResult> {
  const small = await repositoryWith(options.small);
  const large = await repositoryWith(options.large);
  try {
    await small.repo.open();
    const t0 = performance.now();
    await large.repo.open();
    const openLargeMs = performance.now() - t0;
    // Interleave so machine noise hits both sizes alike.
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      smallTimes.push(await timeSaves(small.repo, 5));
      largeTimes.push(await timeSaves(large.repo, 5));
    }
    const lists: number[] = [];
    const searches: number[] = [];
    let found = 0;
    for (let i = 0; i < options.runs; i++) {
      let t = performance.now();
      const all = await large.repo.list();
      lists.push(performance.now() - t);
      if (all.length < options.large) throw new Error(`listed ${all.length} of ${options.large}`);
      t = performance.now();
      found = (await large.repo.list('zebras')).length;
      searches.push(performance.now() - t);
    }
    if (found === 0) throw new Error('search found nothing');
    return {
      small: options.small,
      large: options.large,
      saveSmallMs: median(smallTimes),
      saveLargeMs: median(largeTimes),
      listLargeMs: median(lists),
      searchLargeMs: median(searches),
      openLargeMs,
      found,
    };
  } finally {
    await small.repo.close();
    await large.repo.close();
    small.remove();
    large.remove();
  }
}
