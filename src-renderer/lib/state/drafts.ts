// The prompt typed and not sent, kept per session in the small store (localStorage in the app) so that it outlives
// switching sessions and restarts.

/** Where drafts and the last open session survive a restart (localStorage in the app). */
export interface SmallStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** Every key held; without it, drafts of deleted sessions are not forgotten. */
  keys?(): string[];
}

const DRAFT_KEY = 'pg.draft.';

export function readDraft(store: SmallStore | undefined, id: string): string {
  return store?.getItem(DRAFT_KEY + id) ?? '';
}

export function keepDraft(store: SmallStore | undefined, id: string, text: string): void {
  try {
    if (text) store?.setItem(DRAFT_KEY + id, text);
    else store?.removeItem(DRAFT_KEY + id);
  } catch {
    // A full or unavailable store: the draft stays in the box for this run.
  }
}

/**
 * Forgets the drafts of sessions that no longer exist. Called at start, with every session main lists: a deleted
 * session can be restored only from its Undo toast, which does not outlive the window, so its draft would otherwise
 * stay in the store for good, one per deleted session.
 */
export function forgetOtherDrafts(store: SmallStore | undefined, existing: ReadonlySet<string>): void {
  const keys = store?.keys?.() ?? [];
  for (const key of keys) {
    if (key.startsWith(DRAFT_KEY) && !existing.has(key.slice(DRAFT_KEY.length))) store?.removeItem(key);
  }
}
