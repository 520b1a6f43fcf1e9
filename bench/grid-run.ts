// The results grid under a whole test run (issue 17, "Done when"): 1,000 imported cases × 4 panes, every cell one
// streamed request through the bridge harness (real core, fake API), as many at once as Settings allows, with the
// Results tab open while the cells stream in. Measured: the page's long tasks over the run, by wall time (a
// PerformanceObserver, what a person feels) and by thread time (a Chromium trace: a shared machine's wait for a core
// is not the page's work), each traced long task named by what it ran (a frame, a timer, an IPC delivery…), and
// the JavaScript heap a finished cell keeps (after a forced GC, before and after the run, over the cells).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Session } from '../src-shared/session';
import { launchBrowser, launchPlayground } from '../e2e/harness';
import { TASK_TRACE_CATEGORIES } from './browser-kit';
import { longTasksByKind, tasksMostlyIn, type CpuProfile, type LongTaskKind } from './trace-tasks';

const KEY = 'AIzaTestKey-bench-grid';

export interface GridRunOptions {
  cases: number;
  panes: number;
  /** Requests at once (Settings → "Requests at once"). */
  concurrency: number;
  /** Characters of each answer, per delta, ms between deltas (fake API markers). */
  answerChars: number;
  chunk: number;
  delayMs: number;
  browser?: Browser;
}

export interface GridRunResult {
  cases: number;
  panes: number;
  concurrency: number;
  answerChars: number;
  cellsDone: number;
  runMs: number;
  /** PerformanceObserver long tasks (wall time) over the run. */
  wall: { longestMs: number; over50: number };
  /** Traced tasks of the renderer's main thread over the run. */
  thread: { longestWallMs: number; longestThreadMs: number; over50Wall: number; over50Thread: number };
  /** Traced tasks over 50 ms (wall or thread), by what the task ran. */
  kinds: LongTaskKind[];
  /** Of the traced long tasks, those spent mostly in the harness's bridge call (the session's save leaving the page). */
  saves: { count: number; longestWallMs: number; longestThreadMs: number };
  /** The rest: the grid's and the run's own work (frames, cells, commits, scoring). */
  grid: { over50Wall: number; over50Thread: number; longestThreadMs: number };
  /** JavaScript heap after a forced GC: with the cases imported (before) and with every cell finished (after). */
  heapBeforeBytes: number;
  heapAfterBytes: number;
  /** What one finished cell adds to the heap. */
  heapPerCellBytes: number;
  /** The same cell as saved (JSON characters of its result in the session file). */
  savedPerCellChars: number;
}

/** The test set's results as the session file on disk holds them. */
function savedResults(dataDir: string): { chars: number; cells: number; done: number } {
  const folder = join(dataDir, 'sessions');
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(folder, name), 'utf8')) as Session;
    const results = doc.testSet?.results;
    if (results) return { chars: JSON.stringify(results).length, cells: results.length, done: results.filter((r) => r.status === 'done').length };
  }
  return { chars: 0, cells: 0, done: 0 };
}

const LONG_TASKS = `(() => {
  window.__gridLong = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__gridLong.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask' });
})()`;

async function openResults(page: Page): Promise<void> {
  const menu = page.getByTestId('experiments-menu');
  await menu.or(page.getByTestId('toolbar-overflow')).first().waitFor();
  if (await menu.isVisible()) {
    await menu.click();
    await page.getByTestId('tests-open').click();
  } else {
    await page.getByTestId('toolbar-overflow').click();
    await page.getByTestId('overflow-tests-open').click();
  }
  await page.getByTestId('tests-view').waitFor();
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // Twice: the first collection can leave garbage that finalizers free for the second.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  } finally {
    await cdp.detach();
  }
}

export async function benchGridRun(opts: GridRunOptions): Promise<GridRunResult> {
  const browser = opts.browser ?? (await launchBrowser());
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-grid-'));
  const app = await launchPlayground({ browser, env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  try {
    await app.page.evaluate((n) => (window as unknown as { playground: { updateSettings(p: object): Promise<unknown> } }).playground.updateSettings({ concurrency: n }), opts.concurrency);
    await app.page.reload();
    const { page } = app;
    await page.getByTestId('prompt').waitFor();
    for (let n = 1; n < opts.panes; n++) {
      await page.getByTestId('add-pane').click();
      await page.getByTestId('pane').nth(n).waitFor();
    }
    await page.getByTestId('prompt').fill(`Answer {{q}} [[len:${opts.answerChars}]] [[chunk:${opts.chunk}]] [[delay:${opts.delayMs}]]`);
    await openResults(page);
    const file = join(dir, 'cases.csv');
    writeFileSync(file, `q,expected\n${Array.from({ length: opts.cases }, (_, i) => `question ${i + 1},answer ${i + 1}`).join('\n')}\n`);
    await page.getByTestId('cases-import-input').setInputFiles(file);
    await page.getByTestId('cases-notice').filter({ hasText: `Imported ${opts.cases.toLocaleString('en')} cases` }).or(page.getByTestId('cases-notice').filter({ hasText: `Imported ${opts.cases} cases` })).waitFor();
    await page.getByTestId('assertion-add-type').selectOption('contains');
    await page.getByTestId('assertion-add').click();
    await page.getByTestId('assertion').last().getByTestId('assertion-value').fill('Answer');
    await page.getByTestId('tests-tab-results').click();
    await page.getByTestId('results-grid').waitFor();
    await page.evaluate(LONG_TASKS);
    await page.waitForTimeout(1000);
    const heapBeforeBytes = await heapUsed(page);

    const cells = opts.cases * opts.panes;
    // Sampled as well as traced: the samples say which long tasks were mostly a bridge call (the save).
    const profiler = await page.context().newCDPSession(page);
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 1000 });
    await profiler.send('Profiler.start');
    await browser.startTracing(page, { categories: TASK_TRACE_CATEGORIES });
    const t0 = Date.now();
    await page.getByTestId('run-all').click();
    await page.getByTestId('run-all').waitFor({ state: 'visible', timeout: 30 * 60_000 });
    const runMs = Date.now() - t0;
    // The last commit and save of results follow the run's end.
    await page.getByTestId('save-status').and(page.locator('[data-state=saved]')).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const profile = (await profiler.send('Profiler.stop')).profile as CpuProfile;
    await profiler.detach();
    const traceBytes = await browser.stopTracing();
    const trace = JSON.parse(traceBytes.toString('utf8')) as Parameters<typeof longTasksByKind>[0];
    const wallTasks = (await page.evaluate('window.__gridLong')) as [number, number][];
    const heapAfterBytes = await heapUsed(page);
    const savedChars = savedResults(app.dataDir);
    const cellsDone = savedChars.done;
    const { tasks, kinds, long } = longTasksByKind(trace);
    const saves = new Set(tasksMostlyIn(long, profile, 'callBinding'));
    const grid = long.filter((t) => !saves.has(t));
    return {
      cases: opts.cases,
      panes: opts.panes,
      concurrency: opts.concurrency,
      answerChars: opts.answerChars,
      cellsDone,
      runMs,
      wall: { longestMs: Math.max(0, ...wallTasks.map((t) => t[1])), over50: wallTasks.filter((t) => t[1] > 50).length },
      thread: {
        longestWallMs: Math.max(0, ...tasks.map((t) => t.wallMs)),
        longestThreadMs: Math.max(0, ...tasks.map((t) => t.threadMs)),
        over50Wall: tasks.filter((t) => t.wallMs > 50).length,
        over50Thread: tasks.filter((t) => t.threadMs > 50).length,
      },
      kinds,
      saves: { count: saves.size, longestWallMs: Math.max(0, ...[...saves].map((t) => t.wallMs)), longestThreadMs: Math.max(0, ...[...saves].map((t) => t.threadMs)) },
      grid: { over50Wall: grid.filter((t) => t.wallMs > 50).length, over50Thread: grid.filter((t) => t.threadMs > 50).length, longestThreadMs: Math.max(0, ...grid.map((t) => t.threadMs)) },
      heapBeforeBytes,
      heapAfterBytes,
      heapPerCellBytes: (heapAfterBytes - heapBeforeBytes) / Math.max(1, cellsDone),
      savedPerCellChars: savedChars.cells ? savedChars.chars / savedChars.cells : 0,
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    if (!opts.browser) await browser.close();
  }
}
