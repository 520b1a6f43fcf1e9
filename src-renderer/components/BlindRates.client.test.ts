// The win rates' header counts the ratings that make them: a verdict on an answer since regenerated or edited is
// kept but judges nothing there now, so it is named apart rather than counted.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import BlindRates from './BlindRates.svelte';

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
});

const header = () => document.querySelector('[data-testid=blind-rating-count]')?.textContent?.replace(/\s+/g, ' ').trim();

it('counts the ratings that count, and names the ones on replaced answers apart', () => {
  view = mount(BlindRates, { target: document.body, props: { rates: [], ratings: 5, counted: 3, open: false, hiding: false, onClear: () => {} } });
  flushSync();
  expect(header()).toBe('· 3 ratings (2 more on answers since replaced, not counted), ties count half, 95 % interval');
});

it('says nothing more when every rating counts', () => {
  view = mount(BlindRates, { target: document.body, props: { rates: [], ratings: 1, counted: 1, open: false, hiding: false, onClear: () => {} } });
  flushSync();
  expect(header()).toBe('· 1 rating, ties count half, 95 % interval');
});
