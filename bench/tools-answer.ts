// Renderer under a grounded long answer (issue 15, "Done when"): one pane with Google Search, URL context and code
// execution streams their call/result steps, then a long markdown answer whose url_citation annotations (UTF-8
// byte offsets, sent after the text) become numbered markers in the cited blocks and a list of sources. Measured
// with the probe and windows of §3 (long-answer.ts), until the pane stops changing, so the frames that draw the
// cited blocks again after the text count too. The same answer without tools in the same run is the reference
// for what tools and citations add; the naive full re-render is fed the grounded run's deltas as in §3. One more
// traced run of each case gives every task's thread time: on a shared machine a task's wall time includes waiting
// for a core, and the trace tells that apart from the page's own work.
import type { Browser, Page } from '@playwright/test';
import { launchBrowser } from '../e2e/harness';
import type { StreamFrameStats } from './browser-kit';
import { naivePage, runNaive, runOurs, type AnswerScenario, type OursRun } from './long-answer';
import { summarizeRuns, taskTimes, type RunsSummary, type TaskTimes } from './summary';

export interface ToolsAnswerOptions {
  chars: number;
  citations: number;
  chunk: number;
  delayMs: number;
  /** Interleaved runs of each case (grounded, plain); figures are their medians. */
  runs: number;
  naiveBudgetMs?: number;
  browser?: Browser;
}

export interface ToolsAnswerResult {
  chars: number;
  citations: number;
  /** Renderer deltas of the grounded pane in its last run, and their characters. */
  deltas: number;
  answerChars: number;
  grounded: RunsSummary;
  plain: RunsSummary;
  naive: StreamFrameStats;
  naiveFedShare: number;
  /** What the grounded pane showed at the end of each run. */
  shown: OursRun['shown'][];
  /** One more run of each case under a Chromium trace: its tasks by wall and by thread time. */
  traced: { grounded: TaskTimes; plain: TaskTimes };
}

/** Turns on the three server tools in the first pane, as a person would, and folds the settings away again. */
async function groundFirstPane(page: Page): Promise<void> {
  const pane = page.getByTestId('pane').first();
  const section = pane.getByTestId('tools-settings');
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  for (const tool of ['tool-google-search', 'tool-url-context', 'tool-code-execution']) await pane.getByTestId(tool).check();
  for (const toggle of await page.getByTestId('settings-toggle').all()) {
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  }
}

export async function benchToolsAnswer(opts: ToolsAnswerOptions): Promise<ToolsAnswerResult> {
  const browser = opts.browser ?? (await launchBrowser());
  const long = { chars: opts.chars, chunk: opts.chunk, delayMs: opts.delayMs, paneCounts: [1] };
  // The URL gives URL context something to read; without tools the pane ignores it and the cite marker.
  const prompt = `Read https://example.com/docs [[cite:${opts.citations}]]`;
  const grounded: AnswerScenario = { prompt, prepare: groundFirstPane, settle: true };
  const plain: AnswerScenario = { prompt, settle: true };
  try {
    const groundedRuns: OursRun[] = [];
    const plainRuns: OursRun[] = [];
    for (let i = 0; i < opts.runs; i++) {
      groundedRuns.push(await runOurs(browser, 1, long, grounded));
      plainRuns.push(await runOurs(browser, 1, long, plain));
    }
    const groundedTrace = await runOurs(browser, 1, long, { ...grounded, trace: true });
    const plainTrace = await runOurs(browser, 1, long, { ...plain, trace: true });
    const last = groundedRuns.at(-1)!;
    const naive = await naivePage();
    let n: Awaited<ReturnType<typeof runNaive>>;
    try {
      n = await runNaive(browser, naive.origin, 1, last.deltas, opts.naiveBudgetMs ?? 30_000);
    } finally {
      await naive.close();
    }
    return {
      chars: opts.chars,
      citations: opts.citations,
      deltas: last.deltas.length,
      answerChars: last.chars,
      grounded: summarizeRuns(groundedRuns.map((r) => r.stats)),
      plain: summarizeRuns(plainRuns.map((r) => r.stats)),
      naive: n.stats,
      naiveFedShare: n.fedShare,
      shown: groundedRuns.map((r) => r.shown),
      traced: { grounded: taskTimes(groundedTrace.tasks ?? []), plain: taskTimes(plainTrace.tasks ?? []) },
    };
  } finally {
    if (!opts.browser) await browser.close();
  }
}
