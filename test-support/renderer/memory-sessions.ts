// Main's saved sessions in memory behind the renderer's Api, for tests of the session library: what is saved is
// listed (newest first), opened and deleted as main would, and outlives the library (as it outlives a window).
import type { Session } from '../../src-shared/session';
import { createApi, type Api } from '../../src-renderer/lib/api';
import { FakeBridge } from './fake-bridge';

export function memorySessionsApi(docs: readonly Session[] = []): { api: Api; saved: Map<string, Session> } {
  const saved = new Map(docs.map((s) => [s.id, s]));
  const api: Api = {
    ...createApi(new FakeBridge().bridge()),
    storageProblems: async () => [],
    listSessions: async () =>
      [...saved.values()]
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .map((s) => ({ id: s.id, title: s.title, createdAt: s.createdAt, updatedAt: s.updatedAt, paneCount: s.panes.length, turnCount: 0 })),
    getSession: async (id) => structuredClone(saved.get(id)!),
    saveSession: async (doc) => (saved.set(doc.id, structuredClone(doc)), { updatedAt: doc.updatedAt }),
    discardTurns: async () => undefined,
    deleteSession: async (id) => (saved.delete(id), { undoToken: `undo-${id}` }),
  };
  return { api, saved };
}
