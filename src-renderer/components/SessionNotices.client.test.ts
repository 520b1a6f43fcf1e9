// The undo toast tells the library when the person is on it (focus or pointer) and when they have left, so that it
// stays while they read it or reach for Undo (session-library-undo-hold.client.test.ts has the timing).
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import SessionNotices from './SessionNotices.svelte';

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
});

function showToast(): boolean[] {
  const holds: boolean[] = [];
  const outside = document.createElement('button');
  outside.id = 'outside';
  document.body.append(outside);
  const target = document.body.appendChild(document.createElement('div'));
  view = mount(SessionNotices, {
    target,
    props: {
      notice: undefined,
      toast: { message: 'Deleted “Notes”', undoToken: 't' },
      onDismissNotice: () => {},
      onUndo: async () => {},
      onDismissToast: () => {},
      onHoldToast: (held: boolean) => void holds.push(held),
    },
  });
  flushSync();
  return holds;
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

it('is held while the focus is in it, moving between its buttons included, and let go when the focus leaves', () => {
  const holds = showToast();
  byTestId('undo-delete').focus();
  byTestId('undo-toast-close').focus();
  expect(holds.at(-1)).toBe(true);
  expect(holds).not.toContain(false);
  document.getElementById('outside')!.focus();
  expect(holds.at(-1)).toBe(false);
});

it('is held while the pointer is over it, and while the focus stays in it after the pointer leaves', () => {
  const holds = showToast();
  const toast = byTestId('undo-toast');
  toast.dispatchEvent(new PointerEvent('pointerenter'));
  expect(holds.at(-1)).toBe(true);
  toast.dispatchEvent(new PointerEvent('pointerleave'));
  expect(holds.at(-1)).toBe(false);
  byTestId('undo-delete').focus();
  toast.dispatchEvent(new PointerEvent('pointerenter'));
  toast.dispatchEvent(new PointerEvent('pointerleave'));
  expect(holds.at(-1)).toBe(true);
});
