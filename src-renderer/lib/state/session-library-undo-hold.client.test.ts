// The undo toast after a delete stays while the person is on it: it went ten seconds after the delete even with the
// focus on its Undo (which a keyboard delete now hands it) or the pointer over it, so someone reading it, or on their
// way to Undo, lost the only way back. The ten seconds count from when they leave it.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { createApi, type Api } from '../api';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const AT = '2026-01-01T00:00:00.000Z';
const doc = (id: string): Session => ({
  version: SESSION_VERSION,
  id,
  title: id,
  createdAt: AT,
  updatedAt: AT,
  historyMode: 'server',
  panes: [{ id: 'pane-1', config: { model: 'gemini-test' }, turns: [] }],
});

async function libraryWithTwo(): Promise<SessionLibrary> {
  const docs = new Map([doc('Older'), doc('Newer')].map((s) => [s.id, s]));
  const api: Api = {
    ...createApi(new FakeBridge().bridge()),
    storageProblems: async () => [],
    listSessions: async () => [...docs.values()].map((s) => ({ id: s.id, title: s.title, createdAt: AT, updatedAt: AT, paneCount: 1, turnCount: 0 })),
    getSession: async (id) => structuredClone(docs.get(id)!),
    saveSession: async (d) => (docs.set(d.id, structuredClone(d)), { updatedAt: d.updatedAt }),
    deleteSession: async (id) => (docs.delete(id), { undoToken: `1767225600000-${id}` }),
  };
  const library = new SessionLibrary(api, new SessionState(api));
  await library.start();
  return library;
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

it('stays while held, and goes ten seconds after it is let go', async () => {
  const library = await libraryWithTwo();
  await library.remove('Older');
  expect(library.toast?.message).toBe('Deleted “Older”');

  library.holdToast(true);
  vi.advanceTimersByTime(60_000);
  expect(library.toast?.message).toBe('Deleted “Older”');

  library.holdToast(false);
  vi.advanceTimersByTime(9_999);
  expect(library.toast).toBeDefined();
  vi.advanceTimersByTime(1);
  expect(library.toast).toBeUndefined();
  library.stop();
});

it('goes ten seconds after the delete when nobody is on it', async () => {
  const library = await libraryWithTwo();
  await library.remove('Older');
  vi.advanceTimersByTime(10_000);
  expect(library.toast).toBeUndefined();
  library.stop();
});
