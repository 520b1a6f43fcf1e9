// The sources under a grounded answer: numbered by the list in the order of their numbers, and a long list added
// 40 per frame rather than all in the frame the answer ends (bench/tools-answer.ts measured that frame).
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it, vi } from 'vitest';
import type { Source } from '../../src-shared/citations';
import SourcesList from './SourcesList.svelte';

/** As many as SourcesList adds per frame. */
const SOURCES_PER_FRAME = 40;

const sources = (count: number): Source[] =>
  Array.from({ length: count }, (_, i) => ({ n: i + 1, url: `https://example.com/source-${i + 1}`, title: `Source ${i + 1}` }));

let frames = new Map<number, FrameRequestCallback>();
let handles = 0;
vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => (frames.set(++handles, callback), handles));
vi.stubGlobal('cancelAnimationFrame', (handle: number) => void frames.delete(handle));

function nextFrame(): void {
  const due = [...frames.values()];
  frames = new Map();
  for (const callback of due) callback(0);
  flushSync();
}

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
  frames = new Map();
});

const items = () => [...document.querySelectorAll('[data-testid=source]')];

it('shows a short list at once, numbered by the list in source order', () => {
  view = mount(SourcesList, { target: document.body, props: { sources: sources(3), onOpenLink: () => {} } });
  flushSync();
  expect(items().map((li) => li.querySelector('a')?.textContent)).toEqual(['Source 1', 'Source 2', 'Source 3']);
  expect(items().every((li) => !li.hasAttribute('value'))).toBe(true);
  expect(frames.size).toBe(0);
});

it('adds a long list 40 per frame until all are shown', () => {
  const all = 2 * SOURCES_PER_FRAME + SOURCES_PER_FRAME / 2;
  view = mount(SourcesList, { target: document.body, props: { sources: sources(all), onOpenLink: () => {} } });
  flushSync();
  expect(items()).toHaveLength(SOURCES_PER_FRAME);
  nextFrame();
  expect(items()).toHaveLength(2 * SOURCES_PER_FRAME);
  nextFrame();
  expect(items()).toHaveLength(all);
  expect(items().at(-1)?.textContent).toContain(`Source ${all}`);
  expect(frames.size).toBe(0);
});
