// Tool steps: each collapsed under its one-line summary, its body built only once the person opens it (a search
// that lists hundreds of sources costs nothing while closed), and kept when closed again.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import type { ToolGroup } from '../../src-shared/tool-steps';
import ToolSteps from './ToolSteps.svelte';

const search: ToolGroup = {
  kind: 'search',
  queries: ['why is the sky blue'],
  sources: Array.from({ length: 300 }, (_, i) => ({ n: i + 1, url: `https://example.com/${i + 1}`, title: `Source ${i + 1}` })),
  pending: false,
  failed: false,
};
const code: ToolGroup = { kind: 'code', language: 'python', code: 'print(4)', output: '4\n', pending: false, failed: false };

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
});

function toggle(step: HTMLDetailsElement, open: boolean): void {
  step.open = open;
  step.dispatchEvent(new Event('toggle'));
  flushSync();
}

it('builds a step body when it is first opened, and keeps it', () => {
  view = mount(ToolSteps, { target: document.body, props: { groups: [search, code], onOpenLink: () => {} } });
  flushSync();
  const steps = [...document.querySelectorAll<HTMLDetailsElement>('[data-testid=tool-step]')];
  expect(steps.map((s) => s.querySelector('[data-testid=tool-step-summary]')?.textContent)).toEqual([
    'Searched: why is the sky blue — 300 sources',
    'Ran Python',
  ]);
  expect(document.querySelectorAll('[data-testid=search-sources] li')).toHaveLength(0);
  expect(document.querySelector('[data-testid=code-source]')).toBeNull();

  toggle(steps[0]!, true);
  expect(document.querySelectorAll('[data-testid=search-sources] li')).toHaveLength(300);
  expect(document.querySelector('[data-testid=code-source]')).toBeNull();

  toggle(steps[0]!, false);
  expect(document.querySelectorAll('[data-testid=search-sources] li')).toHaveLength(300);
  toggle(steps[1]!, true);
  expect(document.querySelector('[data-testid=code-source]')?.textContent).toBe('print(4)');
});
