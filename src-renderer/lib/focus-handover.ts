// Where keyboard focus goes when the control that had it goes away in place: Run all becoming Stop, a result's
// answer opening into its full text, a blind rating's plan giving way to the pairs, a deleted row's buttons. The
// browser drops focus to the page body then, and a keyboard or screen-reader user starts again from the top of the
// window. A region's handover gives the focus to what took the control's place instead.
import type { Attachment } from 'svelte/attachments';

const CONTROLS = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

export interface FocusHandover {
  /** On the region whose controls come and go: it remembers which of them had the focus last. */
  scope: Attachment<HTMLElement>;
  /**
   * On a control that appears in place of others (or a group: its first control that takes focus): it takes the
   * focus when it appears, if the region's focused control has just gone or been disabled.
   */
  heir: Attachment<HTMLElement>;
  /** Gives `target` (or its first control) the focus, only if the region's focused control went; says whether it did. */
  give: (target: Element | null | undefined) => boolean;
}

/** Nothing has the focus: it fell to the page when the control that had it went. */
export const focusLost = (doc: Document): boolean => doc.activeElement === null || doc.activeElement === doc.body;

function takeFocus(target: HTMLElement): boolean {
  const doc = target.ownerDocument;
  target.focus();
  if (doc.activeElement === target) return true;
  for (const control of target.querySelectorAll<HTMLElement>(CONTROLS)) {
    control.focus();
    if (doc.activeElement === control) return true;
  }
  return false;
}

export function focusHandover(): FocusHandover {
  let last: Element | undefined;

  /** The focus fell to the page because the control that had it in the region went (or cannot take it any more). */
  function lost(doc: Document): boolean {
    if (!focusLost(doc)) return false;
    return last !== undefined && (!last.isConnected || (last as HTMLButtonElement).disabled === true);
  }

  function give(target: Element | null | undefined): boolean {
    if (!(target instanceof HTMLElement) || !target.isConnected || !lost(target.ownerDocument)) return false;
    return takeFocus(target);
  }

  const scope: Attachment<HTMLElement> = (element) => {
    const remember = (event: FocusEvent) => (last = event.target instanceof Element ? event.target : undefined);
    // Moved on elsewhere: what goes from the region later was not the person's place any more.
    const leave = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node) {
        if (!element.contains(event.relatedTarget)) last = undefined;
        return;
      }
      // To nothing: a click on empty space, or the control going. Chromium sends this focusout while a removed control
      // is still in the page (and a disabled one is already disabled), so whether it went is known a moment later. The
      // window losing the focus leaves the control the active one: the person comes back to it.
      const from = event.target;
      if (!(from instanceof Element)) return;
      queueMicrotask(() => {
        const doc = from.ownerDocument;
        const gone = !from.isConnected || (from as HTMLButtonElement).disabled === true;
        if (last === from && !gone && doc.activeElement !== from) last = undefined;
      });
    };
    element.addEventListener('focusin', remember);
    element.addEventListener('focusout', leave);
    return () => {
      element.removeEventListener('focusin', remember);
      element.removeEventListener('focusout', leave);
    };
  };

  // After the update that put it there has also taken the old control out (Svelte may do either first).
  const heir: Attachment<HTMLElement> = (element) => queueMicrotask(() => give(element));

  return { scope, heir, give };
}
