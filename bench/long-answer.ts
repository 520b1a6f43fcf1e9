// Renderer under a long answer (issue 8 §3): per-frame main-thread time at the start and at the end of a long
// markdown answer streamed into 1 and N panes of the real app (bridge harness), against a naive reference page
// that re-renders the FULL markdown (marked + DOMPurify) on every delta, fed the same deltas at the same pace.
// Both are measured with the same in-page probe (browser-kit.ts FRAME_PROBE).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { TurnEvent } from '../src-shared/domain';
import { launchBrowser, launchPlayground } from '../e2e/harness';
import { taskTimes, type TaskTimes } from './summary';
import { longTasksByKind, type LongTaskKind } from './trace-tasks';
import {
  FRAME_PROBE,
  TASK_TRACE_CATEGORIES,
  bundleIife,
  cacheDir,
  mainThreadTasks,
  readStreamStats,
  serveDir,
  writeFiles,
  type StreamFrameStats,
  type TracedTask,
} from './browser-kit';

const KEY = 'AIzaTestKey-bench-long';

export interface LongAnswerOptions {
  chars: number;
  /** characters per server delta, and ms between them */
  chunk: number;
  delayMs: number;
  paneCounts: number[];
  /** stop feeding the naive page after this long (it falls ever further behind); default 30 s */
  naiveBudgetMs?: number;
  browser?: Browser;
}

export interface LongAnswerRow {
  panes: number;
  /** renderer deltas the app received for one pane (main coalesces server deltas per 16 ms) */
  deltas: number;
  answerChars: number;
  ours: StreamFrameStats;
  naive: StreamFrameStats;
  /** share of the answer the naive page was fed before its time budget ran out (1 = all of it) */
  naiveFedShare: number;
  /** One more run of ours under a Chromium trace: its tasks by wall and by thread time (a shared machine's wait for a core is not the page's work). */
  traced: TaskTimes;
  /** The traced run's tasks over 50 ms, by what they ran. */
  tracedKinds: LongTaskKind[];
  /** Ours again with each pane's whole answer in one server delta (a flood no frame can draw at once). */
  oneDelta: StreamFrameStats;
}

const NAIVE_ENTRY = `import { marked } from 'marked';
import DOMPurify from 'dompurify';
let els = [];
const texts = [];
export function setup(n) {
  const board = document.getElementById('board');
  board.style.gridTemplateColumns = 'repeat(' + n + ', 1fr)';
  for (let i = 0; i < n; i++) {
    const el = document.createElement('div');
    el.className = 'pane';
    board.appendChild(el);
    els.push(el);
    texts.push('');
  }
}
/** The naive way: every delta re-renders the full text of its pane. */
export function feed(text) {
  for (let i = 0; i < els.length; i++) {
    texts[i] += text;
    els[i].innerHTML = DOMPurify.sanitize(marked.parse(texts[i], { gfm: true }));
  }
}
`;

const NAIVE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>naive markdown</title>
<style>body{margin:0;font:14px/1.5 system-ui,sans-serif}#board{display:grid;gap:8px;height:100vh}
.pane{overflow:auto;padding:8px;border:1px solid #ccc}pre{overflow:auto;background:#f4f4f4}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px}</style>
</head><body><div id="board"></div><script src="naive.js"></script></body></html>`;

/** Builds the naive reference page (IIFE bundle of marked + DOMPurify) and serves it; returns origin + stop. */
export async function naivePage(): Promise<{ origin: string; close(): Promise<void> }> {
  const dir = cacheDir('naive');
  writeFiles(dir, { 'entry.js': NAIVE_ENTRY, 'index.html': NAIVE_HTML });
  const code = await bundleIife(join(dir, 'entry.js'), '__naive');
  writeFiles(dir, { 'naive.js': code });
  const server = await serveDir(dir);
  return { origin: server.origin, close: async () => (await server.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function addPanes(page: Page, total: number): Promise<void> {
  const panes = page.getByTestId('pane');
  while ((await panes.count()) < total) {
    const before = await panes.count();
    await page.getByTestId('add-pane').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=pane]').length > n, before);
  }
}

/** What a run streams besides the plain long answer: extra prompt markers and pane settings made before it is sent. */
export interface AnswerScenario {
  /** Words and markers put before the long-answer markers. */
  prompt: string;
  /** Changes the panes before the prompt is sent (e.g. turns tools on). */
  prepare?: (page: Page) => Promise<void>;
  /**
   * Measures until the page stops changing, not just until the last delta: citations are drawn again after the
   * text ends, a few blocks per frame, and those frames belong to the answer's cost.
   */
  settle?: boolean;
  /**
   * Records a Chromium trace from the prompt to the end (which slows the page: its frame figures are not comparable
   * with untraced runs) for the thread time of each task.
   */
  trace?: boolean;
}

export interface OursRun {
  stats: StreamFrameStats;
  /** One pane's deltas with the time main emitted them (to feed the naive page at the same pace). */
  deltas: { at: number; text: string }[];
  chars: number;
  /** What the first pane shows at the end: tool-step groups, `[n]` markers in the answer, listed sources. */
  shown: { toolSteps: number; markers: number; sources: number };
  /** With `trace`: the page's main-thread tasks from the prompt to the end. */
  tasks?: TracedTask[];
  /** With `trace`: its tasks over 50 ms by what they ran. */
  kinds?: LongTaskKind[];
}

/** Records when any pane's content last changed, so a run can wait for work that follows the stream. */
const MUTATION_PROBE = `(() => {
  window.__lastMutation = performance.now();
  const observer = new MutationObserver(() => { window.__lastMutation = performance.now(); });
  for (const pane of document.querySelectorAll('[data-testid=pane]')) {
    observer.observe(pane, { subtree: true, childList: true, characterData: true });
  }
})();`;

const SHOWN = `(() => {
  const pane = document.querySelector('[data-testid=pane]');
  const markers = [...pane.querySelectorAll('[data-testid=answer] a')].filter((a) => /^\\[\\d+\\]$/.test(a.textContent)).length;
  return {
    toolSteps: pane.querySelectorAll('[data-testid=tool-step]').length,
    markers,
    sources: pane.querySelectorAll('[data-testid=source]').length,
  };
})()`;

/** Polls until the pane has not changed for `quietMs`; returns the page time of its last change. */
async function settled(page: Page, quietMs: number, maxMs: number): Promise<number> {
  const until = Date.now() + maxMs;
  for (;;) {
    const [now, last] = (await page.evaluate('[performance.now(), window.__lastMutation]')) as [number, number];
    if (now - last >= quietMs) return last;
    if (Date.now() > until) throw new Error(`the pane still changed ${maxMs} ms after its answer ended`);
    await page.waitForTimeout(100);
  }
}

/** Streams one long answer into `panes` panes of the app; returns frame stats and one pane's deltas with emit times. */
export async function runOurs(browser: Browser, panes: number, opts: LongAnswerOptions, scenario: AnswerScenario = { prompt: 'Long' }): Promise<OursRun> {
  const app = await launchPlayground({ browser, env: { GEMINI_API_KEY: KEY } });
  const deltas: { at: number; text: string }[] = [];
  let paneId: string | undefined;
  const events = app.events;
  events.push = function (...items: TurnEvent[]) {
    const now = performance.now();
    for (const e of items) {
      if (e.type !== 'delta' || !e.text) continue;
      paneId ??= e.paneId;
      if (e.paneId === paneId) deltas.push({ at: now, text: e.text });
    }
    return Array.prototype.push.apply(this, items);
  };
  try {
    const { page } = app;
    await page.getByTestId('prompt').waitFor();
    await addPanes(page, panes);
    await scenario.prepare?.(page);
    await page.evaluate(FRAME_PROBE);
    await page.evaluate('window.__pgDispatch = window.__perfWrap(window.__pgDispatch)');
    if (scenario.settle) await page.evaluate(MUTATION_PROBE);
    await page.waitForTimeout(300);
    const from = (await page.evaluate('performance.now()')) as number;
    if (scenario.trace) await browser.startTracing(page, { categories: TASK_TRACE_CATEGORIES });
    await page.getByTestId('prompt').fill(`${scenario.prompt} [[markdown]] [[len:${opts.chars}]] [[chunk:${opts.chunk}]] [[delay:${opts.delayMs}]]`);
    await page.getByTestId('prompt').press('Control+Enter');
    await app.waitForTerminalEvents(panes, 120_000);
    const until = scenario.settle ? await settled(page, 500, 30_000) : undefined;
    await page.waitForTimeout(300); // let the last frames land
    const raw = scenario.trace ? await browser.stopTracing() : undefined;
    const trace = raw ? (JSON.parse(raw.toString('utf8')) as Parameters<typeof longTasksByKind>[0]) : undefined;
    const tasks = trace ? mainThreadTasks(trace) : undefined;
    const kinds = trace ? longTasksByKind(trace).kinds : undefined;
    const stats = await readStreamStats(page, from, until);
    const shown = (await page.evaluate(SHOWN)) as OursRun['shown'];
    return {
      stats,
      deltas,
      chars: deltas.reduce((n, d) => n + d.text.length, 0),
      shown,
      ...(tasks ? { tasks } : {}),
      ...(kinds ? { kinds } : {}),
    };
  } finally {
    await app.close();
  }
}

/** Feeds the recorded deltas to the naive page at their recorded pace, one page.evaluate each (like the harness). */
export async function runNaive(
  browser: Browser,
  origin: string,
  panes: number,
  deltas: { at: number; text: string }[],
  budgetMs: number,
): Promise<{ stats: StreamFrameStats; fedShare: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: FRAME_PROBE });
    await page.goto(`${origin}/index.html`);
    await page.evaluate((n) => (window as unknown as { __naive: { setup(n: number): void } }).__naive.setup(n), panes);
    await page.evaluate('window.__naive.feed = window.__perfWrap(window.__naive.feed)');
    await page.waitForTimeout(300);
    const from = (await page.evaluate('performance.now()')) as number;
    const t0 = performance.now();
    const base = deltas[0]?.at ?? 0;
    let fed = 0;
    for (const d of deltas) {
      if (performance.now() - t0 > budgetMs) break;
      fed += d.text.length;
      const wait = d.at - base - (performance.now() - t0);
      if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
      await page.evaluate((t) => (window as unknown as { __naive: { feed(t: string): void } }).__naive.feed(t), d.text);
    }
    await page.waitForTimeout(300);
    const total = deltas.reduce((n, d) => n + d.text.length, 0);
    return { stats: await readStreamStats(page, from), fedShare: total ? fed / total : 1 };
  } finally {
    await context.close();
  }
}

export async function benchLongAnswer(opts: LongAnswerOptions): Promise<LongAnswerRow[]> {
  const browser = opts.browser ?? (await launchBrowser());
  const naive = await naivePage();
  try {
    const rows: LongAnswerRow[] = [];
    for (const panes of opts.paneCounts) {
      // Until the panes stop changing: a screen that trails the stream (lib/stream/frame.ts, charsPerFlush) draws the
      // rest after the last delta, and those frames count.
      const ours = await runOurs(browser, panes, opts, { prompt: 'Long', settle: true });
      const traced = await runOurs(browser, panes, opts, { prompt: 'Long', trace: true, settle: true });
      const oneDelta = await runOurs(browser, panes, { ...opts, chunk: opts.chars }, { prompt: 'Long', settle: true });
      const n = await runNaive(browser, naive.origin, panes, ours.deltas, opts.naiveBudgetMs ?? 30_000);
      rows.push({
        panes,
        deltas: ours.deltas.length,
        answerChars: ours.chars,
        ours: ours.stats,
        naive: n.stats,
        naiveFedShare: n.fedShare,
        traced: taskTimes(traced.tasks ?? []),
        tracedKinds: traced.kinds ?? [],
        oneDelta: oneDelta.stats,
      });
    }
    return rows;
  } finally {
    await naive.close();
    if (!opts.browser) await browser.close();
  }
}
