// A rubric whose judge gave no verdict reads as not judged, with why, never as a failed check; a cell sent to another
// model than the pane's of now says which.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import type { Assertion, CellResult } from '../../../src-shared/eval/test-set';
import ResultCell from './ResultCell.svelte';

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
});

/** The cell of `result` in place of the one shown. */
function show(result: CellResult, assertions: Assertion[], values: Record<string, string> = {}, paneModel = 'gemini-3-flash-preview'): void {
  if (view) unmount(view);
  const props = { view: { live: undefined, result }, assertions, values, paneModel, expanded: false, busy: false, where: 'case 1 in pane 1', entered: false, onToggle: () => {}, onManual: () => {}, onRerun: () => {} };
  view = mount(ResultCell, { target: document.body, props });
  flushSync();
}

it('shows a judge without a verdict as "?" with its reason, and the cell without a pass or fail', () => {
  const assertions: Assertion[] = [{ id: 'r', type: 'rubric', value: 'Polite to {{name}}?' }];
  const result: CellResult = {
    caseId: 'c1',
    paneId: 'p1',
    status: 'done',
    text: 'Fine.',
    checks: [{ assertionId: 'r', pass: false, noVerdict: true, reason: 'The judge failed: Quota or rate limit reached.' }],
    at: '2026-01-01T00:00:00.000Z',
  };
  show(result, assertions, { name: 'Ada' });
  expect(document.querySelectorAll('[data-testid=cell-check]')).toHaveLength(0);
  const unjudged = document.querySelector('[data-testid=cell-unjudged]')!;
  expect(unjudged.textContent).toBe('?');
  expect(unjudged.getAttribute('aria-label')).toBe('No verdict: rubric: Polite to Ada? — The judge failed: Quota or rate limit reached.');
  expect(document.querySelector('[data-testid=result-cell]')!.getAttribute('data-verdict')).toBe('unknown');
});

it('does not promise a judge for a rubric never judged on a cell marked by hand: Run missing leaves that cell alone', () => {
  const assertions: Assertion[] = [{ id: 'r', type: 'rubric', value: 'Polite?' }];
  const result: CellResult = { caseId: 'c1', paneId: 'p1', status: 'done', text: 'Fine.', at: '2026-01-01T00:00:00.000Z' };
  show(result, assertions);
  expect(document.querySelector('[data-testid=cell-unjudged]')!.getAttribute('aria-label')).toBe('Not judged yet: rubric: Polite? (Run missing asks its judge)');
  show({ ...result, manual: 'pass' }, assertions);
  expect(document.querySelector('[data-testid=cell-unjudged]')!.getAttribute('aria-label')).toBe('Not judged yet: rubric: Polite?');
});

it("names the model a cell was sent to only when the pane's model is another now", () => {
  const result: CellResult = { caseId: 'c1', paneId: 'p1', status: 'done', text: 'Fine.', model: 'gemini-2.5-flash', at: '2026-01-01T00:00:00.000Z' };
  show(result, [], {}, 'gemini-3-flash-preview');
  const sent = document.querySelector('[data-testid=cell-model]')!;
  expect(sent.textContent).toBe('sent to gemini-2.5-flash');
  expect(sent.getAttribute('title')).toBe('Sent to gemini-2.5-flash, priced at it; the pane uses gemini-3-flash-preview now');
  show(result, [], {}, 'gemini-2.5-flash');
  expect(document.querySelector('[data-testid=cell-model]')).toBeNull();
  // Saved before cells kept their model: priced at the pane's, nothing to say.
  const { model: _, ...unknown } = result;
  show(unknown, [], {}, 'gemini-3-flash-preview');
  expect(document.querySelector('[data-testid=cell-model]')).toBeNull();
});
