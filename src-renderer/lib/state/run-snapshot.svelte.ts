// What a test run (test-run.svelte.ts) sends, taken as it starts: a person editing while it goes on changes the next
// run, never cells of this one.
import type { PaneConfig } from '../../../src-shared/domain';
import type { PlannedCell } from '../../../src-shared/eval/summary';
import type { RunSnapshot } from './cell-results';
import type { RunPanes, RunTestSet } from './test-run-types';

/** The template, the planned cases and their panes' settings, as they are now. */
export function snapshotOf(set: Pick<RunTestSet, 'template' | 'cases'>, panes: RunPanes, planned: readonly PlannedCell[]): RunSnapshot {
  const caseIds = new Set(planned.map((p) => p.caseId));
  const configs = new Map<string, PaneConfig>();
  for (const pane of panes.panes) {
    const config = pane.settings.config;
    if (config.ok) configs.set(pane.id, $state.snapshot(config.config) as PaneConfig);
  }
  return { template: set.template, cases: new Map(set.cases.filter((c) => caseIds.has(c.id)).map((c) => [c.id, c])), configs };
}
