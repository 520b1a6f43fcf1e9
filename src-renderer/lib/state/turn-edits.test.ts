// @vitest-environment jsdom
// Editing turns through the session: a resent prompt forks (the later turns kept as a branch) and goes out
// stateless in server mode; examples and edited answers go with the next request; everything survives a save.
import { describe, expect, it } from 'vitest';
import type { StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import type { Step } from '../../../src-shared/interactions';
import { MAX_BRANCHES, sessionSchema, SESSION_VERSION } from '../../../src-shared/session';
import { FakeBridge, noMetrics } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi } from '../api';
import { SessionState } from './session.svelte';

const output = (text: string): Step => ({ type: 'model_output', content: [{ type: 'text', text }] }) as Step;
const user = (text: string): Step => ({ type: 'user_input', content: [{ type: 'text', text }] }) as Step;

function setup() {
  const fake = new FakeBridge();
  const frames = new ManualFrames();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: frames });
  session.connect();
  return { fake, frames, session, pane: session.panes[0]! };
}
type Setup = ReturnType<typeof setup>;

function answer(s: Setup, text: string, id: string): void {
  const turn = s.pane.turns.find((t) => t.active)!;
  const done: TurnEvent = {
    type: 'done', requestId: turn.requestId!, paneId: s.pane.id, interactionId: id, status: 'completed', steps: [output(text)], metrics: noMetrics,
    interaction: { id, status: 'completed' },
  };
  s.fake.emit(done);
}

async function say(s: Setup, prompt: string, reply: string, id: string): Promise<void> {
  s.session.composer.text = prompt;
  await s.session.send();
  answer(s, reply, id);
}

const lastStart = (s: Setup) => (s.fake.callsOf('start') as StartTurnRequest[]).at(-1)!;

describe('turn edits', () => {
  it('a resent earlier prompt forks: the later turns become a branch, the request is stateless, switching goes back', async () => {
    const s = setup();
    await say(s, 'I have 2 dogs.', 'Nice.', 'v1_A');
    await say(s, 'How many paws?', 'Eight.', 'v1_B');
    expect(lastStart(s).panes[0]!.history).toEqual({ mode: 'server', previousInteractionId: 'v1_A' });

    const editor = s.session.edits.for(s.pane);
    await editor.editPrompt(s.pane.turns[0]!.id, 'I have 3 dogs.', true);
    const request = lastStart(s);
    expect(request.input).toEqual({ text: 'I have 3 dogs.' });
    expect(request.panes[0]!.history).toEqual({ mode: 'stateless', steps: [] });
    answer(s, 'Even nicer.', 'v1_C');
    expect(s.pane.turns.map((t) => t.input.text)).toEqual(['I have 3 dogs.']);
    expect(s.pane.branchAt(0)).toEqual({ position: 1, count: 2 });

    expect(editor.switchBranch(0, -1)).toBeUndefined();
    expect(s.pane.turns.map((t) => t.text)).toEqual(['Nice.', 'Eight.']);
    editor.switchBranch(0, 1);

    // The next turn continues from the edit with the whole history, not from the server's copy.
    await say(s, 'And paws?', 'Twelve.', 'v1_D');
    expect(lastStart(s).panes[0]!.history).toEqual({ mode: 'stateless', steps: [user('I have 3 dogs.'), output('Even nicer.')] });
  });

  it('an example and an edited answer go with the next request; a busy pane refuses edits', async () => {
    const s = setup();
    await say(s, 'Hi', 'Hello!', 'v1_A');
    const editor = s.session.edits.for(s.pane);
    expect(editor.insertExample(0, 'Q: 2+2', '')).toBe('An example needs both a prompt and an answer.');
    expect(editor.insertExample(0, 'Q: 2+2', 'A: 4')).toBeUndefined();
    expect(editor.editAnswer(s.pane.turns[1]!.id, 'Hey there.')).toBeUndefined();
    expect(s.pane.turns[1]!.original).toEqual({ answer: 'Hello!' });

    s.session.composer.text = 'Bye';
    await s.session.send();
    expect(lastStart(s).panes[0]!.history).toEqual({ mode: 'stateless', steps: [user('Q: 2+2'), output('A: 4'), user('Hi'), output('Hey there.')] });
    // Still answering: the edit is refused with a reason, nothing changes.
    expect(editor.editAnswer(s.pane.turns[1]!.id, 'Changed')).toMatch(/still answering/);
    expect(s.pane.turns[1]!.text).toBe('Hey there.');
  });

  it('a prompt resent more often than a session keeps branches is refused with a reason, so the session still saves', async () => {
    const s = setup();
    await say(s, 'v0', 'a0', 'v1_0');
    const editor = s.session.edits.for(s.pane);
    for (let i = 1; i <= MAX_BRANCHES; i++) {
      expect(await editor.editPrompt(s.pane.turns[0]!.id, `v${i}`, true)).toBeUndefined();
      answer(s, `a${i}`, `v1_${i}`);
    }
    expect(s.pane.branchAt(0)).toEqual({ position: MAX_BRANCHES, count: MAX_BRANCHES + 1 });
    const starts = s.fake.callsOf('start').length;
    expect(await editor.editPrompt(s.pane.turns[0]!.id, 'one more', true)).toMatch(/versions/);
    expect(s.fake.callsOf('start')).toHaveLength(starts);
    expect(s.pane.branchAt(0)).toEqual({ position: MAX_BRANCHES, count: MAX_BRANCHES + 1 });
    const session = { version: SESSION_VERSION, id: 's1', title: 't', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), historyMode: 'server' as const, panes: s.session.toSavedPanes() };
    expect(sessionSchema.safeParse(structuredClone(session)).success).toBe(true);
  });

  it('branches, examples and originals are saved and restored', async () => {
    const s = setup();
    await say(s, 'One', 'Uno', 'v1_A');
    await say(s, 'Two', 'Dos', 'v1_B');
    const editor = s.session.edits.for(s.pane);
    await editor.editPrompt(s.pane.turns[1]!.id, 'Two!', true);
    answer(s, 'Dos!', 'v1_C');
    editor.insertExample(0, 'Zero', 'Cero');
    await editor.editPrompt(s.pane.turns[1]!.id, 'One!', false);

    const saved = s.session.toSavedPanes();
    const session = { version: SESSION_VERSION, id: 's1', title: 't', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), historyMode: 'server' as const, panes: saved };
    expect(sessionSchema.parse(structuredClone(session))).toEqual(session);
    expect(saved[0]!.forks).toEqual([{ parentTurnId: s.pane.turns[1]!.id, position: 1, others: [[expect.objectContaining({ text: 'Dos' })]] }]);

    const restored = setup();
    restored.session.loadPanes(saved);
    const pane = restored.session.panes[0]!;
    expect(pane.turns.map((t) => [t.input.text, t.text, t.example, t.original])).toEqual([
      ['Zero', 'Cero', true, undefined],
      ['One!', 'Uno', false, { prompt: 'One' }],
      ['Two!', 'Dos!', false, { prompt: 'Two' }],
    ]);
    expect(pane.branchAt(2)).toEqual({ position: 1, count: 2 });
    restored.session.edits.for(pane).switchBranch(2, -1);
    expect(pane.turns.map((t) => t.input.text)).toEqual(['Zero', 'One!', 'Two']);
  });
});
