// Two switches in flight: the one the person asked for last wins, whichever fetch comes back first. An Undo pressed
// while a delete is still opening the next session brings back the session deleted, not the next one.
import { describe, expect, it } from 'vitest';
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { createApi, type Api } from '../api';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const AT = '2026-01-01T00:00:00.000Z';
const doc = (id: string): Session => ({ version: SESSION_VERSION, id, title: id, createdAt: AT, updatedAt: AT, historyMode: 'server', panes: [{ id: 'pane-1', config: { model: 'gemini-test' }, turns: [] }] });

describe('a delete undone while it is still opening the next session', () => {
  it('ends on the session brought back, though the next one’s fetch comes back last', async () => {
    const docs = new Map([doc('older'), doc('open')].map((s) => [s.id, s]));
    const trash = new Map<string, Session>();
    let releaseOlder: (() => void) | undefined;
    const api: Api = {
      ...createApi(new FakeBridge().bridge()),
      storageProblems: async () => [],
      listSessions: async () => [...docs.values()].reverse().map((s) => ({ id: s.id, title: s.title, createdAt: AT, updatedAt: AT, paneCount: 1, turnCount: 0 })),
      // The next session's fetch is slow (a large session on a slow disk) while the started library is past its start.
      getSession: async (id) => {
        if (id === 'older' && started) await new Promise<void>((resolve) => (releaseOlder = resolve));
        return structuredClone(docs.get(id)!);
      },
      saveSession: async (s) => (docs.set(s.id, structuredClone(s)), { updatedAt: s.updatedAt }),
      deleteSession: async (id) => (trash.set(id, docs.get(id)!), docs.delete(id), { undoToken: `t-${id}` }),
      restoreSession: async (token) => {
        const back = trash.get(token.slice(2))!;
        docs.set(back.id, back);
        return { id: back.id, title: back.title, createdAt: AT, updatedAt: AT, paneCount: 1, turnCount: 0 };
      },
      discardTurns: async () => undefined,
    };
    let started = false;
    const library = new SessionLibrary(api, new SessionState(api));
    await library.start();
    expect(library.document.id).toBe('open');
    started = true;

    const deleting = library.remove('open');
    await expect.poll(() => releaseOlder).toBeDefined(); // the delete is fetching the next session
    await library.undoDelete();
    expect(library.document.id).toBe('open');
    releaseOlder!();
    await deleting;
    expect(library.document.id).toBe('open');
    expect(library.list.map((s) => s.id).sort()).toEqual(['older', 'open']);
  });
});
