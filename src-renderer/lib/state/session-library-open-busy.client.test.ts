// A session that arrives while the open one has started streaming (a prompt sent while the last session reopened at
// start-up, or while a session picked in the list loaded): the panes cannot be replaced then, so nothing else of the
// open session may be either — before, the id and title were, and the streaming pane was saved over the arrived
// session's conversation.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../../src-shared/domain';
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { FakeBridge, noMetrics } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi, type Api } from '../api';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const AT = '2026-01-01T00:00:00.000Z';
const SAVED: Session = {
  version: SESSION_VERSION,
  id: 'long-conversation',
  title: 'Long conversation',
  createdAt: AT,
  updatedAt: AT,
  historyMode: 'server',
  panes: [
    {
      id: 'pane-1',
      config: { model: 'gemini-test' },
      turns: [{ id: 'turn-old', input: { text: 'Earlier question' }, config: { model: 'gemini-test' }, status: 'done', text: 'Earlier answer', thought: '', steps: [], startedAt: AT }],
    },
  ],
};

async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('a session that arrives while the open one streams', () => {
  it('is not put in its place, and the streaming answer is never saved over its conversation', async () => {
    const fake = new FakeBridge();
    let arrive: (doc: Session) => void = () => {};
    let asked = false;
    const saved: Session[] = [];
    const api: Api = {
      ...createApi(fake.bridge()),
      storageProblems: async () => [],
      listSessions: async () => [{ id: SAVED.id, title: SAVED.title, createdAt: AT, updatedAt: AT, paneCount: 1, turnCount: 1 }],
      getSession: () => {
        asked = true;
        return new Promise<Session>((resolve) => (arrive = resolve));
      },
      saveSession: async (doc) => (saved.push(structuredClone(doc)), { updatedAt: doc.updatedAt }),
      discardTurns: async () => undefined,
    };
    const frames = new ManualFrames();
    let library: SessionLibrary | undefined;
    const session = new SessionState(api, { scheduler: frames, onTurnEnded: () => library?.document.turnEnded() });
    session.connect();
    library = new SessionLibrary(api, session);
    const started = library.start();
    for (let i = 0; i < 1_000 && !asked; i++) await Promise.resolve();
    const freshId = library.document.id;

    session.panes[0]!.settings.model = 'gemini-test';
    session.composer.text = 'Sent before it arrived';
    flushSync();
    await session.send();
    expect(session.busy).toBe(true);
    const turn = session.panes[0]!.turns[0]!;

    arrive(structuredClone(SAVED));
    await started;
    flushSync();
    expect(library.document.id).toBe(freshId);
    expect(library.notice?.message).toMatch(/still streaming/);

    const end: TurnEvent = { type: 'done', requestId: turn.requestId!, paneId: 'pane-1', interactionId: 'int-1', status: 'completed', steps: [], metrics: noMetrics, interaction: { id: 'int-1', status: 'completed' } };
    fake.emit(end);
    frames.flush();
    flushSync();
    await settled();

    expect(saved.filter((doc) => doc.id === SAVED.id)).toEqual([]);
    expect(saved.at(-1)?.id).toBe(freshId);
    expect(saved.at(-1)?.panes[0]!.turns.map((t) => t.input.text)).toEqual(['Sent before it arrived']);
    library.stop();
  });
});
