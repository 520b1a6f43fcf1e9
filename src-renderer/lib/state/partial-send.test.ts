// @vitest-environment jsdom
// A send whose panes start in groups (each set of images its own request) can reach some panes and fail for the
// rest. The panes reached keep their turn and must not get it again: the prompt stays, and the next send of it goes
// to the rest alone, as a fresh turn or as the rest of an edit. More files than main takes for a turn, the likeliest
// such refusal, are caught before anything is sent.
import { describe, expect, it } from 'vitest';
import type { StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import { MAX_IMAGES_PER_TURN } from '../../../src-shared/limits';
import { createApi } from '../api';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import type { AttachableFile } from './attachments.svelte';
import { SessionState } from './session.svelte';

const png = (name: string): AttachableFile => ({ name, size: 8, arrayBuffer: () => Promise.resolve(new Uint8Array(8).buffer) });

function setup() {
  const fake = new FakeBridge();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: new ManualFrames() });
  session.connect();
  const first = session.panes[0]!;
  const second = session.addPane()!;
  /** Requests for `paneId` are refused until `heal()`. */
  let refused: string | undefined;
  fake.handlers.start = (request) =>
    request.panes.some((p) => p.paneId === refused) ? { error: { code: 'BAD_REQUEST', message: 'image too large' } } : undefined;
  const starts = () => (fake.callsOf('start') as StartTurnRequest[]).map((r) => r.panes.map((p) => p.paneId));
  const finish = (paneId: string) => {
    const turn = session.pane(paneId)!.lastTurn!;
    fake.emit({ type: 'done', requestId: turn.requestId!, paneId, interactionId: `i-${turn.id}`, status: 'completed', steps: [], metrics: { totalMs: 1 }, interaction: {}, usage: undefined } as unknown as TurnEvent);
  };
  return { fake, session, first, second, starts, finish, refuse: (id: string) => (refused = id), heal: () => (refused = undefined) };
}

describe('a send that reaches only some panes', () => {
  it('keeps the prompt for the rest, and the next send goes to them alone', async () => {
    const { session, first, second, starts, refuse, heal } = setup();
    await session.attachments.add([png('shared.png')]);
    await session.attachments.add([png('own.png')], second.id);
    session.composer.text = 'Describe it';
    refuse(second.id);
    await session.send();

    expect(first.turns).toHaveLength(1);
    expect(second.turns).toHaveLength(0);
    expect(session.composer.unsentNote).toMatch(/^Sent to Pane 1 \(.*\) only; the next send goes to Pane 2 \(.*\)\. $/);
    expect(session.composer.error).toBe('Could not send: image too large');
    expect(session.composer.text).toBe('Describe it');
    expect(session.composer.targets.map((p) => p.id)).toEqual([second.id]);
    expect(session.composer.toUnsentOnly).toBe(true);
    // The image for every pane stays for the rest, with the refused pane's own.
    expect(session.attachments.imagesFor(second.id).map((i) => i.name)).toEqual(['shared.png', 'own.png']);

    heal();
    await session.send();
    expect(starts()).toEqual([[first.id], [second.id], [second.id]]);
    expect(first.turns).toHaveLength(1);
    expect(second.turns).toHaveLength(1);
    expect(session.composer.text).toBe('');
    expect(session.composer.unsent).toBeUndefined();
    expect(session.attachments.items).toEqual([]);
  });

  it('a new prompt, or another aim, goes where the person sends it', async () => {
    const { session, first, second, refuse } = setup();
    await session.attachments.add([png('own.png')], second.id);
    session.composer.text = 'One';
    refuse(second.id);
    await session.send();
    expect(session.composer.targets.map((p) => p.id)).toEqual([second.id]);

    session.composer.target = first.id;
    expect(session.composer.targets.map((p) => p.id)).toEqual([first.id]);
    expect(session.composer.unsentNote).toBe('');
    session.composer.target = 'all';
    expect(session.composer.unsentNote).not.toBe('');
    session.composer.text = 'Two';
    expect(session.composer.targets.map((p) => p.id)).toEqual([first.id, second.id]);
    expect(session.composer.toUnsentOnly).toBe(false);
    // What went wrong stays said; that the next send goes to the rest does not.
    expect(session.composer.unsentNote).toBe('');
    expect(session.composer.error).toBe('Could not send: image too large');
  });

  it('with every pane not reached removed, the send is done: prompt, shared images and message go', async () => {
    const { session, first, second, refuse } = setup();
    await session.attachments.add([png('shared.png')]);
    await session.attachments.add([png('own.png')], second.id);
    session.composer.text = 'One';
    refuse(second.id);
    await session.send();
    expect(session.composer.toUnsentOnly).toBe(true);
    session.removePane(second.id);
    expect(session.composer.toUnsentOnly).toBe(false);
    expect(session.composer.text).toBe('');
    expect(session.composer.error).toBe('');
    expect(session.attachments.items).toEqual([]);
    expect(session.composer.targets.map((p) => p.id)).toEqual([first.id]);
  });

  it('text typed while it was sending is a new prompt, for every pane', async () => {
    const { fake, session, first, second } = setup();
    await session.attachments.add([png('own.png')], second.id);
    session.composer.text = 'Sent';
    fake.handlers.start = (request) => {
      if (!request.panes.some((p) => p.paneId === second.id)) return undefined;
      session.composer.text = 'Typed meanwhile';
      return { error: { code: 'BAD_REQUEST', message: 'image too large' } };
    };
    await session.send();
    expect(first.turns).toHaveLength(1);
    expect(session.composer.text).toBe('Typed meanwhile');
    expect(session.composer.toUnsentOnly).toBe(false);
    expect(session.composer.targets.map((p) => p.id)).toEqual([first.id, second.id]);
  });

  it('the rest of a template goes with the values the others got, without asking again', async () => {
    const { fake, session, first, second, refuse, heal } = setup();
    await session.attachments.add([png('own.png')], second.id);
    session.composer.text = 'Describe {{thing}}';
    refuse(second.id);
    await session.sendWith({ thing: 'a cat' });
    expect(first.turns.map((t) => t.input.text)).toEqual(['Describe a cat']);
    heal();
    await session.send();
    expect(session.testSet.asking).toBeUndefined();
    const texts = (fake.callsOf('start') as StartTurnRequest[]).map((r) => [r.panes.map((p) => p.paneId), r.input.text]);
    expect(texts.at(-1)).toEqual([[second.id], 'Describe a cat']);
    expect(second.turns.map((t) => t.input.text)).toEqual(['Describe a cat']);
  });

  it('a send to every pane by shortcut while one pane is chosen leaves the rest aimed at', async () => {
    const { session, first, second, starts, refuse, heal } = setup();
    await session.attachments.add([png('own.png')], second.id);
    session.composer.text = 'All of you';
    session.composer.target = first.id;
    refuse(second.id);
    await session.send('all');
    expect(session.composer.target).toBe('all');
    expect(session.composer.targets.map((p) => p.id)).toEqual([second.id]);
    heal();
    await session.send();
    expect(starts()).toEqual([[first.id], [second.id], [second.id]]);
  });

  it('an edit forks once in each pane: the panes reached are no longer being edited', async () => {
    const { session, first, second, starts, finish, refuse, heal } = setup();
    session.composer.text = 'Old';
    await session.send();
    finish(first.id);
    finish(second.id);
    expect(session.editLast()).toBe(true);
    session.composer.text = 'New';
    await session.attachments.add([png('own.png')], second.id);
    refuse(second.id);
    await session.send();

    expect(first.turns.map((t) => t.input.text)).toEqual(['New']);
    expect(second.turns.map((t) => t.input.text)).toEqual(['Old']);
    expect([...session.composer.editing!.keys()]).toEqual([second.id]);
    expect(session.composer.targets.map((p) => p.id)).toEqual([second.id]);

    heal();
    await session.send();
    expect(starts()).toEqual([[first.id, second.id], [first.id], [second.id], [second.id]]);
    expect(first.turns.map((t) => t.input.text)).toEqual(['New']);
    expect(second.turns.map((t) => t.input.text)).toEqual(['New']);
    expect(session.composer.editing).toBeUndefined();
  });
});

describe('more files than a turn takes', () => {
  it('is refused before anything is sent, naming the pane; the prompt and the files stay', async () => {
    const { fake, session, second } = setup();
    const shared = Array.from({ length: MAX_IMAGES_PER_TURN }, (_, i) => png(`p${i}.png`));
    await session.attachments.add(shared);
    await session.attachments.add([png('one-more.png')], second.id);
    session.composer.text = 'All of these';
    await session.send();
    expect(fake.callsOf('start')).toEqual([]);
    expect(session.composer.error).toBe(`Pane 2 (${session.labels[1]}): ${MAX_IMAGES_PER_TURN + 1} files attached; a turn takes at most ${MAX_IMAGES_PER_TURN}. Remove some to send.`);
    expect(session.composer.text).toBe('All of these');
    expect(session.attachments.items).toHaveLength(MAX_IMAGES_PER_TURN + 1);

    session.attachments.remove(session.attachments.forPane(second.id)[0]!.id);
    await session.send();
    expect((fake.callsOf('start') as StartTurnRequest[]).map((r) => r.input.images?.length)).toEqual([MAX_IMAGES_PER_TURN]);
  });

  it('names every pane over the limit, with the largest count', async () => {
    const { session, first, second } = setup();
    await session.attachments.add(Array.from({ length: MAX_IMAGES_PER_TURN + 1 }, (_, i) => png(`p${i}.png`)));
    session.composer.text = 'Too many';
    await session.send();
    expect(session.composer.error).toMatch(new RegExp(`^Panes 1 and 2: ${MAX_IMAGES_PER_TURN + 1} files attached`));
    await session.attachments.add([png('extra.png')], second.id);
    await session.send();
    expect(session.composer.error).toMatch(new RegExp(`^Panes 1 and 2: up to ${MAX_IMAGES_PER_TURN + 2} files attached`));
    expect(first.turns).toHaveLength(0);
  });
});
