// Reopening the last session at start-up: the prompt box takes text from the first frame, before the saved
// session has arrived, so what was typed meanwhile must not give way to that session's saved draft.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { createApi, type Api } from '../api';
import type { SmallStore } from './drafts';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const SAVED: Session = {
  version: SESSION_VERSION,
  id: 'last-one',
  title: 'Colours',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  historyMode: 'server',
  panes: [{ id: 'pane-1', config: { model: 'gemini-test' }, turns: [] }],
};

function setup() {
  let arrive: (doc: Session) => void = () => {};
  let asked = false;
  const api: Api = {
    ...createApi(new FakeBridge().bridge()),
    storageProblems: async () => [],
    listSessions: async () => [{ id: SAVED.id, title: SAVED.title, createdAt: SAVED.createdAt, updatedAt: SAVED.updatedAt, paneCount: 1, turnCount: 0 }],
    getSession: () => {
      asked = true;
      return new Promise<Session>((resolve) => (arrive = resolve));
    },
    saveSession: async () => ({ updatedAt: SAVED.updatedAt }),
  };
  const items = new Map([['pg.lastSession', SAVED.id], [`pg.draft.${SAVED.id}`, 'the draft saved with Colours']]);
  const store: SmallStore = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
  const session = new SessionState(api);
  const library = new SessionLibrary(api, session, { store });
  const started = library.start();
  /** Lets start() reach getSession (however many steps come before it), which then waits for `arrive`. */
  const loading = async () => {
    for (let i = 0; i < 1_000 && !asked; i++) await Promise.resolve();
    if (!asked) throw new Error('start() never asked for the last session');
  };
  return { session, library, started, loading, arrive: (doc: Session) => arrive(doc) };
}

describe('reopening the last session at start-up', () => {
  it('keeps what was typed while it loaded, in place of its saved draft', async () => {
    const s = setup();
    await s.loading();
    s.session.composer.text = 'typed before it arrived';
    flushSync();
    s.arrive(structuredClone(SAVED));
    await s.started;
    expect(s.library.document.id).toBe(SAVED.id);
    expect(s.session.composer.text).toBe('typed before it arrived');
    s.library.stop();
  });

  it('shows its saved draft when nothing was typed', async () => {
    const s = setup();
    await s.loading();
    s.arrive(structuredClone(SAVED));
    await s.started;
    expect(s.library.document.id).toBe(SAVED.id);
    expect(s.session.composer.text).toBe('the draft saved with Colours');
    s.library.stop();
  });
});

describe('an error at start-up', () => {
  it('reopening the last session fails: the storage problems told at start stay in the notice with it', async () => {
    const problem = { kind: 'session' as const, file: '/data/sessions/x.json', message: 'A session file that could not be read (x.json) was set aside.', at: SAVED.createdAt };
    const api: Api = {
      ...createApi(new FakeBridge().bridge()),
      storageProblems: async () => [problem],
      listSessions: async () => [{ id: SAVED.id, title: SAVED.title, createdAt: SAVED.createdAt, updatedAt: SAVED.updatedAt, paneCount: 1, turnCount: 0 }],
      getSession: async () => {
        throw Object.assign(new Error('x'), { code: 'STORAGE', message: 'Could not read the session: permission denied.' });
      },
      saveSession: async () => ({ updatedAt: SAVED.updatedAt }),
    };
    const library = new SessionLibrary(api, new SessionState(api), { store: { getItem: () => null, setItem: () => {}, removeItem: () => {} } });
    await library.start();
    expect(library.notice?.kind).toBe('error');
    expect(library.notice?.message).toMatch(/^Could not open the session: /);
    expect(library.notice?.message).toContain(problem.message);
    library.stop();
  });
});

