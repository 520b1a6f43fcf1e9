// A prompt typed in a session never saved yet (a new one, or the first of a first run) and not sent: the session is
// listed nowhere until it is written, and its draft is kept under its id, so leaving it — for another session, or by
// closing the app — left the typed prompt where nothing could reach it again.
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../src-shared/session';
import { blankSession, machine } from '../../../test-support/renderer/memory-machine';
import { memorySessionsApi } from '../../../test-support/renderer/memory-sessions';
import type { Api } from '../api';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const AT = '2026-01-01T00:00:00.000Z';
const PROMPT = 'A long prompt I was still writing';

const older = blankSession('older', 'Older');

/** A window on `older` where the person made a new session and typed PROMPT in it, without sending. */
async function typedInNewSession() {
  const { session, library } = await machine([older]).window();
  await library.create();
  session.composer.text = PROMPT;
  flushSync();
  return { session, library, fresh: library.document.id };
}

describe('a prompt typed in a session never saved', () => {
  it('is there again when the person comes back to that session from another one', async () => {
    const { session, library, fresh } = await typedInNewSession();

    await library.open('older');
    expect(session.composer.text).toBe('');
    expect(library.list.map((s) => s.id)).toContain(fresh);
    await library.open(fresh);
    expect(session.composer.text).toBe(PROMPT);
    library.stop();
  });

  it('goes with the session when the person deletes that session: nothing is written to keep it', async () => {
    const { session, library, fresh } = await typedInNewSession();

    await library.remove(fresh);
    expect(library.notice).toBeUndefined();
    expect(library.list.map((s) => s.id)).toEqual(['older']);
    expect(library.document.known).toBe(false);
    library.stop();
  });

  it('typed while start-up reopens the last session, belongs to that session: the window opened on is not written', async () => {
    const { window } = machine([older]);
    const { session, library } = await window(PROMPT);
    expect(library.document.id).toBe('older');
    expect(session.composer.text).toBe(PROMPT);
    expect(library.list.map((s) => s.id)).toEqual(['older']);
    library.stop();
  });

  it('is there again after the app is closed and started again', async () => {
    const { window } = machine();
    const first = await window();
    first.session.composer.text = PROMPT;
    flushSync();
    expect(await first.library.beforeClose()).toEqual({ saved: true });
    first.library.stop();

    const second = await window();
    expect(second.session.composer.text).toBe(PROMPT);
    second.library.stop();
  });
});

describe('drafts of deleted sessions', () => {
  it('are forgotten at the next start, when no Undo can bring their session back; the others stay', async () => {
    const newer: Session = { ...older, id: 'newer', title: 'Newer', updatedAt: '2026-01-02T00:00:00.000Z' };
    const { window, items } = machine([older, newer]);
    const first = await window();
    await first.library.open('older');
    first.session.composer.text = 'kept for older';
    flushSync();
    await first.library.open('newer');
    first.session.composer.text = 'typed in newer, then deleted';
    flushSync();
    await first.library.remove('newer');
    // Until the window closes, Undo can restore the session, and its draft with it.
    expect([...items.keys()].filter((k) => k.startsWith('pg.draft.'))).toEqual(['pg.draft.older', 'pg.draft.newer']);
    first.library.stop();

    const second = await window();
    expect([...items.keys()].filter((k) => k.startsWith('pg.draft.'))).toEqual(['pg.draft.older']);
    expect(second.session.composer.text).toBe('kept for older');
    second.library.stop();
  });
});

describe('drafts at start-up', () => {
  it('of sessions a search typed while the last session reopened leaves out are kept: only deleted sessions lose theirs', async () => {
    let reopened: (() => void) | undefined;
    const { api: memory } = memorySessionsApi([older, { ...older, id: 'other', title: 'Other' }]);
    const api: Api = {
      ...memory,
      listSessions: async (query) => (await memory.listSessions()).filter((s) => !query || s.title.includes(query)),
      getSession: async (id) => (await new Promise<void>((r) => (reopened = r)), memory.getSession(id)),
    };
    const { items, store } = machine();
    items.set('pg.draft.other', 'typed in a session the search leaves out');
    const library = new SessionLibrary(api, new SessionState(api), { store });
    const starting = library.start();
    await vi.waitFor(() => expect(reopened).toBeDefined());
    // The sidebar's search, typed while the last session was still being read.
    await library.search('Older');
    reopened!();
    await starting;
    expect(library.list.map((s) => s.id)).toEqual(['older']);
    expect(items.get('pg.draft.other')).toBe('typed in a session the search leaves out');
    library.stop();
  });

  it('of a session set aside as damaged at this start are kept: mended by hand, it comes back with its draft', async () => {
    const { api: memory } = memorySessionsApi([older]);
    const problem = { kind: 'session' as const, file: 'sessions/damaged.json', movedTo: 'damaged/damaged.json', sessionId: 'damaged', message: 'A session file was damaged and set aside.', at: AT };
    const api: Api = { ...memory, storageProblems: async () => [problem] };
    const { items, store } = machine();
    items.set('pg.draft.damaged', 'typed before the file was damaged');
    items.set('pg.draft.deleted', 'typed in a session deleted since');
    const library = new SessionLibrary(api, new SessionState(api), { store });
    await library.start();
    expect(library.notice?.message).toContain('set aside');
    expect(items.get('pg.draft.damaged')).toBe('typed before the file was damaged');
    expect(items.has('pg.draft.deleted')).toBe(false);
    library.stop();
  });
});
