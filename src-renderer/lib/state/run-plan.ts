// Which cells a test run sends (test-run.svelte.ts), and why it cannot start: the scope's cases × panes, Run
// missing's among them those without a finished answer or without a verdict on each rubric.
import { assertionsFor, isMissing } from '../../../src-shared/eval/assertions';
import { cellKey, type PlannedCell } from '../../../src-shared/eval/summary';
import type { CellResult } from '../../../src-shared/eval/test-set';
import type { PaneState } from './pane.svelte';
import type { RunPanes, RunScope, RunTestSet } from './test-run-types';

type ResultOf = (caseId: string, paneId: string) => CellResult | undefined;

export function panesOf(panes: RunPanes, scope: RunScope): readonly PaneState[] {
  return scope.kind === 'pane' || scope.kind === 'cell' ? panes.panes.filter((p) => p.id === scope.paneId) : panes.panes;
}

/** The cells `scope` covers, in case order and pane order within a case. */
export function planCells(set: Pick<RunTestSet, 'cases' | 'assertions'>, panes: RunPanes, scope: RunScope, resultOf: ResultOf): PlannedCell[] {
  const cases = scope.kind === 'case' || scope.kind === 'cell' ? set.cases.filter((c) => c.id === scope.caseId) : set.cases;
  const planned: PlannedCell[] = [];
  for (const testCase of cases) {
    for (const pane of panesOf(panes, scope)) {
      if (scope.kind === 'missing' && !isMissing(resultOf(testCase.id, pane.id), assertionsFor(set.assertions, testCase), testCase.values)) continue;
      planned.push({ caseId: testCase.id, paneId: pane.id });
    }
  }
  return planned;
}

/**
 * Run missing's cells with a finished answer, by cellKey: what they lack is verdicts, so their judges are asked again
 * and the answer is kept (sent again, it would cost the answer's tokens and could change what was judged before).
 */
export function judgedOnly(scope: RunScope, planned: readonly PlannedCell[], resultOf: ResultOf): Set<string> {
  if (scope.kind !== 'missing') return new Set();
  return new Set(planned.filter((c) => resultOf(c.caseId, c.paneId)?.status === 'done').map((c) => cellKey(c.caseId, c.paneId)));
}

/** Why the run cannot start, or undefined; panes with settings to fix show their errors. */
export function whyNotRun(set: Pick<RunTestSet, 'cases' | 'template'>, panes: RunPanes, scope: RunScope): string | undefined {
  if (set.template.trim() === '') return 'Write the prompt template in the prompt box first: the cases fill its {{variables}}.';
  if (set.cases.length === 0) return 'Add a test case first.';
  const invalid = panesOf(panes, scope).filter((p) => !p.settings.valid);
  if (invalid.length === 0) return undefined;
  for (const pane of invalid) pane.revealErrors();
  return `${panes.names(invalid)} ${invalid.length === 1 ? 'has' : 'have'} settings to fix first.`;
}
