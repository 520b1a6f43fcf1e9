// Where the focus goes when a control about saved sessions goes away with it: the Delete item in a deleted
// session's menu, the undo toast once used, closed or timed out. The browser drops it to the page body, and a
// keyboard user started again from the top of the window.
import type { Attachment } from 'svelte/attachments';
import { focusLost } from './focus-handover';

/** The open session's button in the session list, if it is shown (the sidebar may be hidden). */
export function focusOpenSession(doc: Document): void {
  doc.querySelector<HTMLElement>('[data-testid="session-item"][data-active="true"] [data-testid="session-open"]')?.focus();
}

/**
 * On Undo, which appears as a session is deleted from its row's menu: it takes the focus from that row (the menu gave
 * it back to its ⋯ button, which goes with the row a moment later) or the focus that has already fallen.
 */
export const takeFocusFromRow: Attachment<HTMLElement> = (element) =>
  // After the update that put it there has also taken the old control out (Svelte may do either first).
  queueMicrotask(() => {
    const doc = element.ownerDocument;
    if (focusLost(doc) || doc.activeElement?.closest('[data-testid="session-item"]')) element.focus();
  });

/** On a region that goes away with the focus in it (the toast): the open session's button takes the focus. */
export const handFocusToSession: Attachment<HTMLElement> = (element) => {
  const doc = element.ownerDocument;
  return () => queueMicrotask(() => focusLost(doc) && focusOpenSession(doc));
};

/**
 * After Undo has brought its session back and opened it: the focus the toast's going gave the list (or that fell)
 * moves to that session's button. A control the person went on to meanwhile keeps it.
 */
export function followOpenSession(doc: Document): void {
  if (focusLost(doc) || doc.activeElement?.matches('[data-testid="session-open"]')) focusOpenSession(doc);
}
