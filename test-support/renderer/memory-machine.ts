// A machine for tests of what outlives a window: main's saved sessions in memory and the page's localStorage, shared
// by every window (a SessionLibrary and its SessionState) opened on it, as they are shared by the app's restarts.
import { SESSION_VERSION } from '../../src-shared/limits';
import type { Session } from '../../src-shared/session';
import type { SmallStore } from '../../src-renderer/lib/state/drafts';
import { SessionLibrary } from '../../src-renderer/lib/state/session-library.svelte';
import { SessionState } from '../../src-renderer/lib/state/session.svelte';
import { memorySessionsApi } from './memory-sessions';

const AT = '2026-01-01T00:00:00.000Z';

/** A saved session with one pane and no turns yet. */
export function blankSession(id: string, title = id): Session {
  return { version: SESSION_VERSION, id, title, createdAt: AT, updatedAt: AT, historyMode: 'server', panes: [{ id: 'pane-1', config: { model: 'gemini-test' }, turns: [] }] };
}

export function machine(docs: Session[] = []) {
  const { api, saved } = memorySessionsApi(docs);
  const items = new Map<string, string>();
  const store: SmallStore = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    keys: () => [...items.keys()],
  };
  /** `typed`: what the person typed before start-up reopened the last session (the box takes text at once). */
  const window = async (typed = '') => {
    const session = new SessionState(api);
    const library = new SessionLibrary(api, session, { store });
    session.composer.text = typed;
    await library.start();
    return { session, library };
  };
  return { window, items, store, saved, api };
}
