// Where keyboard focus goes when a modal dialog ends: back to the control that had it when the dialog opened, as a
// native <dialog> closed in place does. A dialog Svelte removes from the document while it is open returns focus
// nowhere (the removal runs before the attachment's teardown), so focus fell to the page body and a keyboard user
// started again from the top of the window.

/**
 * Remembers what has focus now (call before showModal); the function returned gives focus back to it, if it is still
 * in the document and takes focus, and if focus is nowhere or still inside `dialog` — not when something else has
 * taken it since (another dialog, a field the closing action chose).
 */
export function rememberFocus(dialog: HTMLElement): () => void {
  const doc = dialog.ownerDocument;
  const opener = doc.activeElement;
  return () => {
    if (!(opener instanceof HTMLElement) || opener === doc.body || !opener.isConnected) return;
    const now = doc.activeElement;
    if (now && now !== doc.body && !dialog.contains(now)) return;
    // A control that is disabled, hidden or inert by now does not take focus: the call does nothing then.
    opener.focus();
  };
}
