// Sessions benchmark (issue 8 §4): saving one session with 100 vs 10,000 saved, and list + search of 10,000; and
// (issue 17) main's time to save a session holding a 1,000 × 4 test set, whole or as a change of its results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../src-main/core/ports';
import { SessionRepository } from '../src-main/core/sessions/repository';
import type { CellResult } from '../src-shared/eval/test-set';
import type { Session } from '../src-shared/session';
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
  /** A test set's save during a run: its results, and median ms to save it whole and as a change of a few cells. */
  run: RunSaves;
}

export interface RunSaves {
  results: number;
  changed: number;
  wholeMs: number;
  changeMs: number;
  /** Median of each save's longest stall of the event loop (what holds every stream in main meanwhile). */
  wholeStallMs: number;
  changeStallMs: number;
  /** The saved document's results after the timed saves, as a check that the changes were applied. */
  savedResults: number;
}

/** A session with a run's test set: `cases` × `panes` finished cells of `chars` characters. */
export function runSession(cases: number, panes: number, chars: number): Session {
  const caseList = Array.from({ length: cases }, (_, i) => ({ id: `c${i}`, values: { q: `question ${i}` } }));
  const results: CellResult[] = caseList.flatMap((c) =>
    Array.from({ length: panes }, (_, p) => ({
      caseId: c.id, paneId: `p${p}`, status: 'done' as const, text: 'x'.repeat(chars), at: '2026-12-06T10:00:00.000Z',
      latencyMs: 900, inputTokens: 12, outputTokens: 150, checks: [{ assertionId: 'a1', pass: true }],
    })),
  );
  return {
    ...simpleSession('bench-run', 'Run'),
    testSet: { variables: ['q'], prompt: 'Answer {{q}}', cases: caseList, assertions: [{ id: 'a1', type: 'contains', value: 'x' }], results },
  };
}

/** `task`'s time, and the longest the event loop went without turning meanwhile (setImmediate gaps). */
async function stalls(task: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  await task();
  const ms = performance.now() - t0;
  running = false;
  tick();
  return { ms, stallMs: longest };
}

/** Main's share of a run's saves: the whole document each time, against the cells finished since the last save. */
async function timeRunSaves(runs: number, options: { cases: number; panes: number; changed: number }): Promise<RunSaves> {
  const temp = tempDir('pg-bench-run-saves-');
  const repo = new SessionRepository({ dir: temp.dir, logger: silentLogger });
  try {
    const session = runSession(options.cases, options.panes, 600);
    const all = session.testSet!.results;
    let { updatedAt } = await repo.save(session);
    const whole: { ms: number; stallMs: number }[] = [];
    const change: { ms: number; stallMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      whole.push(await stalls(async () => ({ updatedAt } = await repo.save({ ...session, title: `Whole ${i}` }))));
      const put = all.slice(0, options.changed).map((cell) => ({ ...cell, text: `again ${i}` }));
      const emptied = { ...session, testSet: { ...session.testSet!, results: [] } };
      change.push(await stalls(async () => ({ updatedAt } = await repo.save(emptied, { since: updatedAt, put, remove: [] }))));
    }
    const saved = await repo.get(session.id);
    return {
      results: all.length,
      changed: options.changed,
      wholeMs: median(whole.map((w) => w.ms)),
      changeMs: median(change.map((c) => c.ms)),
      wholeStallMs: median(whole.map((w) => w.stallMs)),
      changeStallMs: median(change.map((c) => c.stallMs)),
      savedResults: saved.testSet?.results.length ?? 0,
    };
  } finally {
    await repo.close();
    temp.remove();
  }
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

export async function benchSessions(options: { small: number; large: number; runs: number; runCases?: number }): Promise<SessionsResult> {
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
      run: await timeRunSaves(options.runs, { cases: options.runCases ?? 1_000, panes: 4, changed: 24 }),
    };
  } finally {
    await small.repo.close();
    await large.repo.close();
    small.remove();
    large.remove();
  }
}
