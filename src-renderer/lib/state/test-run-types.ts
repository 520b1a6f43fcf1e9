// The shapes a test run (test-run.svelte.ts) is built from and answers with: what it needs of the test set and the
// panes, its options, which cells a run covers, and a cell as the grid shows it.
import type { ServiceTier } from '../../../src-shared/eval/constants';
import type { Assertion, CellResult, TestCase } from '../../../src-shared/eval/test-set';
import type { FrameScheduler } from '../stream/frame';
import type { AutosaveTimers } from './autosave';
import type { PaneState } from './pane.svelte';

/** What a run needs of the test set: its cases and checks, the template, and the results it fills. */
export interface RunTestSet {
  readonly cases: readonly TestCase[];
  readonly assertions: readonly Assertion[];
  /** The prompt template the cases fill (the composer's text, or the set's saved one). */
  readonly template: string;
  prompt: string;
  results: CellResult[];
  serviceTier: ServiceTier | undefined;
  /** Scores `results` now for checks edited since they were scored (it waits for the typing to pause otherwise). */
  readonly scoring: { now(): void };
}

export interface RunPanes {
  readonly panes: readonly PaneState[];
  names(panes: readonly PaneState[]): string;
}

export interface TestRunOptions {
  scheduler: FrameScheduler;
  /** Requests at once at the start (the Settings view's "Requests at once"). */
  concurrency: () => number;
  /** Finished cells were written into the test set: the moment to save at once. */
  onSaved?: () => void;
  /** main says there is no usable key. */
  onNeedKey?: () => void;
  /**
   * Finished cells reach the test set (and so the saved session) at most this often while a run goes on, and less
   * often for a large set (a commit walks every result: merging, the grid's summaries, the save's comparison).
   */
  commitMs?: number;
  now?: () => number;
  timers?: AutosaveTimers;
}

/** Which cells a run sends. */
export type RunScope =
  | { kind: 'all' }
  | { kind: 'missing' }
  | { kind: 'case'; caseId: string }
  | { kind: 'pane'; paneId: string }
  | { kind: 'cell'; caseId: string; paneId: string };

/** A cell being worked on: waiting for its turn, streaming its answer, or waiting for the judge. */
export interface LiveCell {
  phase: 'queued' | 'running' | 'judging';
  text: string;
}

export interface CellView {
  live: LiveCell | undefined;
  /** The cell's saved result (while it runs again, the previous one). */
  result: CellResult | undefined;
}
