// Several runs of one streaming case folded into one row: typical figures as medians, and long tasks as the worst
// of any run (a long task in one run blocks input as much as in all of them, so it is never averaged away).
import type { StreamFrameStats, TracedTask, WindowStats } from './browser-kit';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RunsSummary {
  runs: number;
  /** Each figure the median over the runs. */
  start: WindowStats;
  end: WindowStats;
  /** Median of each run's end/start. */
  ratio: number;
  streamMs: number;
  afterDeliveryMs: number;
  /** The longest task of any run. */
  longTaskMaxMs: number;
  /** Long tasks over 50 ms, all runs together. */
  longTasksOver50: number;
  /** Those tasks: the run (from 1), ms into its stream, duration. */
  over50: { run: number; atMs: number; ms: number }[];
}

function medianWindow(windows: readonly WindowStats[]): WindowStats {
  const of = (key: keyof WindowStats) => median(windows.map((w) => w[key]));
  return { frames: of('frames'), busyPerFrameMs: of('busyPerFrameMs'), gapP50Ms: of('gapP50Ms'), gapP90Ms: of('gapP90Ms') };
}

export function summarizeRuns(runs: readonly StreamFrameStats[]): RunsSummary {
  if (runs.length === 0) throw new Error('summarizeRuns needs at least one run');
  return {
    runs: runs.length,
    start: medianWindow(runs.map((r) => r.start)),
    end: medianWindow(runs.map((r) => r.end)),
    ratio: median(runs.map((r) => r.ratio)),
    streamMs: median(runs.map((r) => r.streamMs)),
    afterDeliveryMs: median(runs.map((r) => r.afterDeliveryMs)),
    longTaskMaxMs: Math.max(...runs.map((r) => r.longTaskMaxMs)),
    longTasksOver50: runs.reduce((n, r) => n + r.longTasksOver50, 0),
    over50: runs.flatMap((r, i) => r.longTasks.filter((t) => t.ms > 50).map((t) => ({ run: i + 1, ...t }))),
  };
}

export interface TaskTimes {
  longestWallMs: number;
  longestThreadMs: number;
  /** Tasks over 50 ms of wall time, and of those the ones over 50 ms of thread time too. */
  over50Wall: number;
  over50Thread: number;
}

/** A traced run's long tasks, by wall time (what the target counts) and by the thread's own time. */
export function taskTimes(tasks: readonly TracedTask[]): TaskTimes {
  return {
    longestWallMs: Math.max(0, ...tasks.map((t) => t.wallMs)),
    longestThreadMs: Math.max(0, ...tasks.map((t) => t.threadMs)),
    over50Wall: tasks.filter((t) => t.wallMs > 50).length,
    over50Thread: tasks.filter((t) => t.threadMs > 50).length,
  };
}
