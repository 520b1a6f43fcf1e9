// The mark a pane's head shows while keyboard focus is somewhere in the pane. It was the rule
// `.pane:has(:focus-visible) .pane-head`, which Chromium matched again over the whole pane after every change inside
// it: a third of the style work of six panes streaming (bench/RESULTS.md §3). Focus and key events keep an attribute
// instead, which costs nothing while text streams.
import type { Attachment } from 'svelte/attachments';

const visible = (target: EventTarget | null): boolean => target instanceof Element && target.matches(':focus-visible');

/** `data-keyboard-focus` on the element while the focus inside it is keyboard focus (`:focus-visible`). */
export const markKeyboardFocus: Attachment<HTMLElement> = (element) => {
  const set = (on: boolean) => element.toggleAttribute('data-keyboard-focus', on);
  const focusIn = (event: FocusEvent) => set(visible(event.target));
  const focusOut = (event: FocusEvent) => {
    if (!(event.relatedTarget instanceof Node && element.contains(event.relatedTarget))) set(false);
  };
  // Chromium makes a focus that a click put there visible once a key is pressed.
  const keyUp = () => set(visible(element.ownerDocument.activeElement));
  element.addEventListener('focusin', focusIn);
  element.addEventListener('focusout', focusOut);
  element.addEventListener('keyup', keyUp);
  return () => {
    element.removeEventListener('focusin', focusIn);
    element.removeEventListener('focusout', focusOut);
    element.removeEventListener('keyup', keyUp);
  };
};
