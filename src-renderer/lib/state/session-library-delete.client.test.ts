// Deleting the open session whose latest changes could not be saved: the person chose to throw the session away, so
// its unsaved edits go with it and the library moves on, instead of refusing to leave it ("Not switched") for the
// sake of edits to a session that is already in the trash.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src-shared/bridge';
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import type { Timers } from '../../../src-shared/timers';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { createApi, type Api } from '../api';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const AT = '2026-01-01T00:00:00.000Z';
const session = (id: string, title: string): Session => ({
  version: SESSION_VERSION,
  id,
  title,
  createdAt: AT,
  updatedAt: AT,
  historyMode: 'server',
  panes: [{ id: 'pane-1', config: { model: 'gemini-test' }, turns: [] }],
});

/** Main's sessions in memory, as the repository answers: a deleted session refuses saves; `full` refuses them all. */
function sessionsInMemory() {
  const docs = new Map([session('older', 'Older'), session('open', 'Open')].map((s) => [s.id, s]));
  const state = { full: false, deleted: [] as string[] };
  const api: Api = {
    ...createApi(new FakeBridge().bridge()),
    storageProblems: async () => [],
    listSessions: async () => [...docs.values()].reverse().map((s) => ({ id: s.id, title: s.title, createdAt: s.createdAt, updatedAt: s.updatedAt, paneCount: 1, turnCount: 0 })),
    getSession: async (id) => structuredClone(docs.get(id)!),
    saveSession: async (doc) => {
      if (state.deleted.includes(doc.id)) throw new BridgeError({ code: 'NOT_FOUND', message: 'This session was deleted; undo the deletion to keep editing it.' });
      if (state.full) throw new BridgeError({ code: 'STORAGE', message: 'The disk is full.' });
      docs.set(doc.id, structuredClone(doc));
      return { updatedAt: doc.updatedAt };
    },
    deleteSession: async (id) => {
      docs.delete(id);
      state.deleted.push(id);
      return { undoToken: `1767225600000-${id}` };
    },
    discardTurns: async () => undefined,
  };
  return { api, state };
}

describe('deleting the open session after its save failed', () => {
  it('deletes it and opens the next one, without writing (or waiting for) the edits that failed', async () => {
    const main = sessionsInMemory();
    const waiting = new Set<() => void>();
    const timers: Timers = { set: (run) => (waiting.add(run), run), clear: (handle) => void waiting.delete(handle as () => void) };
    const state = new SessionState(main.api);
    const library = new SessionLibrary(main.api, state, { timers });
    await library.start();
    expect(library.document.id).toBe('open');

    main.state.full = true;
    state.panes[0]!.settings.temperature = '0.4';
    flushSync();
    for (const run of [...waiting]) (waiting.delete(run), run());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(library.document.saveState).toBe('error');

    await library.remove('open');
    expect(main.state.deleted).toEqual(['open']);
    expect(library.notice).toBeUndefined();
    expect(library.toast?.message).toBe('Deleted “Open”');
    expect(library.document.id).toBe('older');
    expect(library.document.saveState).not.toBe('error');
    library.stop();
  });
});
