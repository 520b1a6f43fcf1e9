// What keeps the open session as the person leaves it: each edit schedules its save, and the prompt typed goes to the
// draft store at once. The session list starts it once (the document object stays; the session it holds changes).
import { keepDraft, type SmallStore } from './drafts';
import type { SavedDocument } from './saved-document.svelte';
import type { SessionState } from './session.svelte';

/** Starts watching; returns the stop. */
export function watchOpenSession(document: SavedDocument, session: SessionState, store: SmallStore | undefined): () => void {
  const stopSaving = document.watch();
  const stopDrafts = $effect.root(() => {
    $effect(() => {
      keepDraft(store, document.id, session.composer.draft);
    });
  });
  return () => {
    stopSaving();
    stopDrafts();
  };
}
