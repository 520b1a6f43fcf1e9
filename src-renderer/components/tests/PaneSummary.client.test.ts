// A pane's pass rate never reads 100 % while an answer failed, nor 0 % while one passed.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import type { PaneSummary as Summary } from '../../../src-shared/eval/summary';
import { wilsonInterval } from '../../../src-shared/stats';
import PaneSummary from './PaneSummary.svelte';

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
});

const summary = (passed: number, failed: number): Summary => ({
  paneId: 'p1',
  answered: passed + failed,
  errors: 0,
  passed,
  failed,
  unjudged: 0,
  passRate: wilsonInterval(passed, passed + failed),
  inputTokens: 0,
  outputTokens: 0,
  judgeTokens: 0,
});

const rate = () => document.querySelector('[data-testid=pass-rate]')?.textContent;

it('199 passed of 200 reads 99.5%, and 1 of 201 reads 0.5%', () => {
  view = mount(PaneSummary, { target: document.body, props: { summary: summary(199, 1) } });
  flushSync();
  expect(rate()).toBe('99.5%');
  unmount(view);
  view = mount(PaneSummary, { target: document.body, props: { summary: summary(1, 200) } });
  flushSync();
  expect(rate()).toBe('0.5%');
});
