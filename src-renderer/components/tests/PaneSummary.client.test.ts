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
  awaitingJudge: 0,
  awaitingValues: 0,
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

it('answers whose judge gave no verdict are said to wait for it, not to lack assertions', () => {
  const waiting: Summary = { ...summary(0, 0), answered: 3, unjudged: 3, awaitingJudge: 3 };
  delete waiting.passRate;
  view = mount(PaneSummary, { target: document.body, props: { summary: waiting } });
  flushSync();
  const none = () => document.querySelector('[data-testid=pass-rate-none]')?.textContent?.replace(/\s+/g, ' ');
  expect(none()).toBe('No verdicts yet: 3 answers wait for the judge; Run missing asks it again');
  unmount(view);
  view = mount(PaneSummary, { target: document.body, props: { summary: { ...waiting, awaitingJudge: 0, awaitingValues: 1 } } });
  flushSync();
  expect(none()).toBe('No verdicts yet: 1 answer has a rubric using a variable their case has no value for; type it in Cases');
  unmount(view);
  view = mount(PaneSummary, { target: document.body, props: { summary: { ...waiting, awaitingJudge: 0 } } });
  flushSync();
  expect(none()).toBe('No verdicts: add assertions, or mark cells by hand');
});
