// A sweep's or a repeat run's answers as the results grid's rows and cells (issue 17, item 5): the panes (a sweep's
// combinations) are the columns, each sample of the last turn's repeat run a row — or the last answer itself, one
// row, for a pane without a repeat run — so the test set's per-pane summary (summary.ts: latency, tokens, cost; a pass
// rate only where verdicts exist) and the samples' spread describe each column alike.
import type { TurnMetrics } from '../domain';
import { billedTokens } from './prices';
import { sampleSpread, type Spread } from '../sample-spread';
import { summarizePanes, type PaneSummary } from './summary';
import type { CellResult } from './test-set';

export interface GridAnswer {
  status: string;
  text: string;
  metrics?: TurnMetrics | undefined;
  /** The model this answer's request was sent with, which prices it; the pane's `model` when not given. */
  model?: string;
}

export interface GridPane {
  id: string;
  model: string;
  /** The pane's last turn, with its repeat run's samples (none without one). */
  last: (GridAnswer & { samples: readonly GridAnswer[] }) | undefined;
}

/** A turn or a sample as the session holds it: the config it was sent with, and its text as it streams. */
interface SentAnswer {
  status: string;
  text: string;
  metrics?: TurnMetrics | undefined;
  config: { model: string };
}

/**
 * The session's panes as the grid's columns, each answer with the model its own request used: a repeat run sends the
 * pane's settings at the time, which may name another model than the turn it repeats was sent with. An answer still
 * streaming is left out of the grid, so its text is not read: the grid, with its pairwise comparison of samples, is
 * then not worked out again at every streamed frame.
 */
export function gridPanes(panes: readonly { id: string; lastTurn: (SentAnswer & { samples: readonly SentAnswer[] }) | undefined }[]): GridPane[] {
  const answer = (t: SentAnswer): GridAnswer =>
    hasEnded(t.status) ? { status: t.status, text: t.text, metrics: t.metrics, model: t.config.model } : { status: t.status, text: '' };
  return panes.map(({ id, lastTurn: last }) => ({ id, model: last?.config.model ?? '', last: last && { ...answer(last), samples: last.samples.map(answer) } }));
}

export interface ExperimentGrid {
  /** Row ids in order: "sample 1" … or "answer". */
  rows: string[];
  results: CellResult[];
  summaries: PaneSummary[];
  /** Per pane, when its column is a repeat run's samples. */
  spreads: Map<string, Spread>;
}

const EPOCH = new Date(0).toISOString();

/** An answer that ended (a streaming or waiting one is not in the figures yet). */
export function hasEnded(status: string): boolean {
  return status === 'done' || status === 'failed' || status === 'stopped';
}

function cellOf(rowId: string, paneId: string, answer: GridAnswer): CellResult {
  return {
    caseId: rowId,
    paneId,
    status: answer.status === 'done' ? 'done' : answer.status === 'stopped' ? 'stopped' : 'failed',
    text: answer.text,
    at: EPOCH,
    ...(answer.metrics?.totalMs !== undefined ? { latencyMs: answer.metrics.totalMs } : {}),
    ...billedTokens(answer.metrics?.usage),
    ...(answer.model !== undefined ? { model: answer.model } : {}),
  };
}

export function experimentGrid(panes: readonly GridPane[]): ExperimentGrid {
  const sampled = panes.some((p) => (p.last?.samples.length ?? 0) > 0);
  const depth = sampled ? Math.max(...panes.map((p) => p.last?.samples.length ?? 0)) : 1;
  const rows = sampled ? Array.from({ length: depth }, (_, i) => `sample ${i + 1}`) : ['answer'];
  const results: CellResult[] = [];
  const spreads = new Map<string, Spread>();
  for (const pane of panes) {
    const last = pane.last;
    if (!last) continue;
    // A pane without a repeat run beside panes with one: its single answer is its first row.
    const answers = last.samples.length > 0 ? last.samples : [last];
    answers.forEach((answer, i) => {
      // Still streaming: not in the figures yet.
      if (!hasEnded(answer.status)) return;
      results.push(cellOf(rows[i]!, pane.id, answer));
    });
    if (sampled && last.samples.length > 0) spreads.set(pane.id, sampleSpread(last.samples));
  }
  const summaries = summarizePanes(
    { cases: rows.map((id) => ({ id, values: {} })), assertions: [], results },
    panes.map((p) => ({ id: p.id, model: p.model })),
  );
  return { rows, results, summaries, spreads };
}
