// A rubric whose judge gave no verdict reads as not judged, with why, never as a failed check.
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
  const props = { view: { live: undefined, result }, assertions, values: { name: 'Ada' }, expanded: false, busy: false, where: 'case 1 in pane 1', onToggle: () => {}, onManual: () => {}, onRerun: () => {} };
  view = mount(ResultCell, { target: document.body, props });
  flushSync();
  expect(document.querySelectorAll('[data-testid=cell-check]')).toHaveLength(0);
  const unjudged = document.querySelector('[data-testid=cell-unjudged]')!;
  expect(unjudged.textContent).toBe('?');
  expect(unjudged.getAttribute('aria-label')).toBe('No verdict: rubric: Polite to Ada? — The judge failed: Quota or rate limit reached.');
  expect(document.querySelector('[data-testid=result-cell]')!.getAttribute('data-verdict')).toBe('unknown');
});
