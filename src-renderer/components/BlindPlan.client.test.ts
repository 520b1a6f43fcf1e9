// The blind round's plan reads as a sentence however many pairs there are.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import BlindPlan from './BlindPlan.svelte';

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
});

const props = (available: number) => ({ available, configurations: 2, confidence: 0.95, onConfidence: () => {}, onStart: () => {} });
const size = () => document.querySelector('[data-testid=blind-plan-size] strong')?.textContent;

it('one pair is a pair, in the plan and on its button', () => {
  view = mount(BlindPlan, { target: document.body, props: props(1) });
  flushSync();
  expect(size()).toBe('Rate 1 of 1 pair');
  expect(document.querySelector('[data-testid=blind-plan-start]')?.textContent).toBe('Rate 1 pair');
});

it('more are pairs', () => {
  view = mount(BlindPlan, { target: document.body, props: props(3) });
  flushSync();
  expect(size()).toBe('Rate 3 of 3 pairs');
});
