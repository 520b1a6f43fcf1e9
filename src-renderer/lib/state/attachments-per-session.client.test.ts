// Files attached and not sent stay with their session for the run: a look at another session, or a new one, and
// back, finds them where they were, as the typed prompt is (drafts.ts). Before, opening any session dropped them.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { memorySessionsApi } from '../../../test-support/renderer/memory-sessions';
import type { AttachableFile } from './attachments.svelte';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const AT = '2026-01-01T00:00:00.000Z';
const file = (name: string, size = 10): AttachableFile => ({ name, size, arrayBuffer: () => Promise.resolve(new Uint8Array(size).buffer) });
const doc = (id: string, updatedAt = AT): Session => ({
  version: SESSION_VERSION,
  id,
  title: id,
  createdAt: AT,
  updatedAt,
  historyMode: 'server',
  panes: [{ id: 'pane-1', config: { model: 'gemini-test' }, turns: [] }],
});

async function setup(typedBeforeStart?: (session: SessionState) => Promise<void>) {
  const { api } = memorySessionsApi([doc('a', '2026-01-02T00:00:00.000Z'), doc('b')]);
  const session = new SessionState(api);
  const library = new SessionLibrary(api, session);
  await typedBeforeStart?.(session);
  await library.start();
  return { session, library };
}

const names = (s: SessionState) => s.attachments.items.map((a) => `${a.name}→${a.target}`);

describe('files attached and not sent', () => {
  it('wait for their session while another is open, and come back with it, each pane its own', async () => {
    const { session, library } = await setup();
    expect(library.document.id).toBe('a');
    await session.attachments.add([file('chart.png')]);
    await session.attachments.add([file('only-pane-1.pdf')], 'pane-1');

    await library.open('b');
    expect(names(session)).toEqual([]);
    await session.attachments.add([file('for-b.png')]);
    await library.create();
    expect(names(session)).toEqual([]);

    await library.open('a');
    expect(names(session)).toEqual(['chart.png→all', 'only-pane-1.pdf→pane-1']);
    await library.open('b');
    expect(names(session)).toEqual(['for-b.png→all']);
    library.stop();
  });

  it('attached in a new session nothing was typed in: the session is written on leaving, so it can be opened again', async () => {
    const { session, library } = await setup();
    await library.create();
    const fresh = library.document.id;
    await session.attachments.add([file('first.png')]);

    await library.open('a');
    expect(library.list.map((s) => s.id)).toContain(fresh);
    await library.open(fresh);
    expect(library.notice).toBeUndefined();
    expect(names(session)).toEqual(['first.png→all']);
    library.stop();
  });

  it('a file still being added when the person leaves is there, stored, when they come back', async () => {
    const { session, library } = await setup();
    let arrive!: () => void;
    const slow: AttachableFile = { name: 'slow.png', size: 8, arrayBuffer: () => new Promise((r) => (arrive = () => r(new Uint8Array(8).buffer))) };
    const adding = session.attachments.add([slow]);
    // Leaving waits for the file: stored after the session's last save, it would be gone at the next start.
    const leaving = library.open('b');
    arrive();
    await Promise.all([adding, leaving]);
    expect(names(session)).toEqual([]);
    await library.open('a');
    expect(names(session)).toEqual(['slow.png→all']);
    expect(session.attachments.pending).toBe(false);
    library.stop();
  });

  it('a file refused after the person left says so when they come back, not in the session open meanwhile', async () => {
    const { session, library } = await setup();
    let fail!: () => void;
    const slow: AttachableFile = { name: 'folder', size: 8, arrayBuffer: () => new Promise((_, reject) => (fail = () => reject(new Error('gone')))) };
    const adding = session.attachments.add([slow]);
    const leaving = library.open('b');
    fail();
    await Promise.all([adding, leaving]);
    expect(session.attachments.errors).toEqual([]);
    await library.open('a');
    expect(names(session)).toEqual([]);
    expect(session.attachments.errors.map((e) => e.name)).toEqual(['folder']);
    library.stop();
  });

  it('attached while start-up reopened the last session: they are that session’s, as the prompt typed then is', async () => {
    const { session, library } = await setup(async (s) => {
      s.composer.text = 'Describe this';
      await s.attachments.add([file('early.png')]);
    });
    flushSync();
    expect(library.document.id).toBe('a');
    expect(session.composer.text).toBe('Describe this');
    expect(names(session)).toEqual(['early.png→all']);
    library.stop();
  });
});
