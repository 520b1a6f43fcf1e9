// "Edit last prompt" over a box that holds something: what was typed and attached is kept aside, given back on
// Cancel and after the edit is sent, and stays the session's stored draft meanwhile (the edited prompt never is).
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../../src-shared/domain';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi, type Api } from '../api';
import type { AttachableFile } from './attachments.svelte';
import type { SmallStore } from './drafts';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const file = (name: string, size = 10): AttachableFile => ({ name, size, arrayBuffer: () => Promise.resolve(new Uint8Array(size).buffer) });

async function setup() {
  const fake = new FakeBridge();
  const api: Api = { ...createApi(fake.bridge()), storageProblems: async () => [], listSessions: async () => [] };
  const items = new Map<string, string>();
  const store: SmallStore = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
  const session = new SessionState(api, { scheduler: new ManualFrames() });
  session.connect();
  const library = new SessionLibrary(api, session, { store });
  await library.start();
  session.composer.text = 'Look';
  await session.attachments.add([file('first.png')]);
  await session.send();
  const turn = session.panes[0]!.turns[0]!;
  fake.emit({ type: 'done', requestId: turn.requestId!, paneId: session.panes[0]!.id, interactionId: 'i1', status: 'completed', steps: [], metrics: { totalMs: 1 }, interaction: {} as never } as unknown as TurnEvent);
  const draft = () => {
    flushSync();
    return items.get(`pg.draft.${library.document.id}`);
  };
  return { fake, session, draft };
}

const names = (s: SessionState) => s.attachments.items.map((a) => a.name);

describe('Edit last prompt over a prompt being written', () => {
  it('Cancel gives back the text and files as they were; the stored draft is never the edited prompt', async () => {
    const { session, draft } = await setup();
    session.composer.text = 'a long new prompt being written';
    await session.attachments.add([file('report.pdf')]);
    expect(draft()).toBe('a long new prompt being written');
    expect(session.editLast()).toBe(true);
    expect(session.composer.text).toBe('Look');
    expect(names(session)).toEqual(['first.png']);
    session.composer.text = 'Look again';
    expect(draft()).toBe('a long new prompt being written');
    session.cancelEdit();
    expect(session.composer.text).toBe('a long new prompt being written');
    expect(names(session)).toEqual(['report.pdf']);
    expect(draft()).toBe('a long new prompt being written');
  });

  it('sending the edit gives back what was typed and attached before it, a file still being added included', async () => {
    const { session } = await setup();
    session.composer.text = 'next question';
    let store!: () => void;
    const slow: AttachableFile = { name: 'slow.png', size: 8, arrayBuffer: () => new Promise((r) => (store = () => r(new Uint8Array(8).buffer))) };
    const adding = session.attachments.add([slow]);
    expect(session.editLast()).toBe(true);
    store();
    await adding;
    session.composer.text = 'Look closer';
    await session.send();
    expect(session.panes[0]!.turns.map((t) => t.input.text)).toEqual(['Look closer']);
    expect(session.composer.editing).toBeUndefined();
    expect(session.composer.text).toBe('next question');
    expect(names(session)).toEqual(['slow.png']);
    expect(session.attachments.pending).toBe(false);
  });
});
