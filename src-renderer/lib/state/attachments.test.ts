// @vitest-environment jsdom
// The images waiting for the next turn: order kept whatever order main answers in, remove, refusals as
// messages that leave the prompt and the other images alone, per-pane images, and what a send carries.
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src-shared/bridge';
import type { StartTurnRequest } from '../../../src-shared/domain';
import type { ImageRef } from '../../../src-shared/session';
import { createApi } from '../api';
import { FakeBridge, fakeSha } from '../../../test-support/renderer/fake-bridge';
import { AttachmentsState, formatBytes, type AttachableFile } from './attachments.svelte';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const file = (name: string, size = 10): AttachableFile => ({ name, size, arrayBuffer: () => Promise.resolve(new Uint8Array(size).buffer) });
const ref = (name: string, size: number): ImageRef => ({ sha256: fakeSha(name), mimeType: 'image/png', name, size });

/** addMedia answers in the order the test releases them. */
function deferredAdder() {
  const waiting = new Map<string, { resolve: (r: ImageRef) => void; reject: (e: unknown) => void; size: number }>();
  const add = ({ name, bytes }: { name: string; bytes: Uint8Array }) =>
    new Promise<ImageRef>((resolve, reject) => waiting.set(name, { resolve, reject, size: bytes.byteLength }));
  const answer = (name: string) => waiting.get(name)!.resolve(ref(name, waiting.get(name)!.size));
  const refuse = (name: string, message: string) => waiting.get(name)!.reject(new BridgeError({ code: 'BAD_REQUEST', message }));
  return { add, answer, refuse };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('AttachmentsState', () => {
  it('keeps the order the files were given in, even when main answers out of order', async () => {
    const adder = deferredAdder();
    const state = new AttachmentsState(adder.add);
    const done = state.add([file('a.png'), file('b.png'), file('c.png')]);
    expect(state.items.map((a) => a.name)).toEqual(['a.png', 'b.png', 'c.png']);
    expect(state.pending).toBe(true);
    await flush();
    adder.answer('c.png');
    adder.answer('a.png');
    await flush();
    expect(state.pending).toBe(true);
    expect(state.imagesFor('pane-1').map((i) => i.name)).toEqual(['a.png', 'c.png']);
    adder.answer('b.png');
    await done;
    expect(state.pending).toBe(false);
    expect(state.imagesFor('pane-1').map((i) => i.name)).toEqual(['a.png', 'b.png', 'c.png']);
  });

  it('removes one image and keeps the rest in order; an image removed while adding never comes back', async () => {
    const adder = deferredAdder();
    const state = new AttachmentsState(adder.add);
    const done = state.add([file('a.png'), file('b.png'), file('c.png')]);
    await flush();
    state.remove(state.items[1]!.id);
    adder.answer('a.png');
    adder.answer('b.png');
    adder.answer('c.png');
    await done;
    expect(state.items.map((a) => a.name)).toEqual(['a.png', 'c.png']);
    state.remove(state.items[0]!.id);
    expect(state.imagesFor('p').map((i) => i.name)).toEqual(['c.png']);
  });

  it('a refused file becomes a dismissible message naming it; the other images stay', async () => {
    const adder = deferredAdder();
    const state = new AttachmentsState(adder.add);
    const done = state.add([file('a.png'), file('notes.txt'), file('empty.png', 0)]);
    await flush();
    adder.answer('a.png');
    adder.refuse('notes.txt', 'notes.txt is not an image (PNG, JPEG, WebP, HEIC, HEIF, GIF, BMP or TIFF)');
    adder.refuse('empty.png', 'is empty');
    await done;
    expect(state.items.map((a) => a.name)).toEqual(['a.png']);
    expect(state.errors.map((e) => e.message)).toEqual([
      'notes.txt is not an image (PNG, JPEG, WebP, HEIC, HEIF, GIF, BMP or TIFF)',
      'empty.png: is empty',
    ]);
    state.dismissError(state.errors[0]!.id);
    expect(state.errors.map((e) => e.name)).toEqual(['empty.png']);
  });

  it('images for one pane go only to that pane, after the ones for every pane', async () => {
    const state = new AttachmentsState(async ({ name, bytes }) => ref(name, bytes.byteLength));
    await state.add([file('pane2.png')], 'pane-2');
    await state.add([file('all.png')]);
    expect(state.imagesFor('pane-1').map((i) => i.name)).toEqual(['all.png']);
    expect(state.imagesFor('pane-2').map((i) => i.name)).toEqual(['pane2.png', 'all.png']);
    expect(state.forPane('pane-2').map((a) => a.name)).toEqual(['pane2.png']);
    state.sent(['pane-1'], state.stored());
    expect(state.items.map((a) => a.name)).toEqual(['pane2.png']);
    state.dropPane('pane-2');
    expect(state.items).toEqual([]);
  });

  it('a file larger than main could take is refused by name and size before it is read; the others are added', async () => {
    const added: string[] = [];
    const state = new AttachmentsState(async ({ name, bytes }) => (added.push(name), ref(name, bytes.byteLength)));
    let read = false;
    const unread = (name: string, size: number): AttachableFile => ({ name, size, arrayBuffer: () => ((read = true), Promise.resolve(new ArrayBuffer(1))) });
    const GB = 1024 * 1_048_576;
    await state.add([unread('big.mov', 2.9 * GB), file('ok.png'), unread('scan.pdf', 51 * 1_048_576), unread('blob', 101 * 1_048_576)]);
    expect(read).toBe(false);
    expect(added).toEqual(['ok.png']);
    expect(state.items.map((a) => a.name)).toEqual(['ok.png']);
    expect(state.errors.map((e) => e.message)).toEqual([
      'big.mov is 2.9 GB; the limit for a video is 100 MB',
      'scan.pdf is 51 MB; the limit for a document is 50 MB',
      'blob is 101 MB; the limit is 100 MB',
    ]);
  });

  it('a dropped folder, which the browser cannot read, is refused in words that say so; the files beside it are added', async () => {
    const added: string[] = [];
    const state = new AttachmentsState(async ({ name, bytes }) => (added.push(name), ref(name, bytes.byteLength)));
    // What Chromium gives for a folder in a drop: a File whose reading fails with this DOMException.
    const folder: AttachableFile = {
      name: 'holiday photos',
      size: 4096,
      arrayBuffer: () => Promise.reject(new DOMException('A requested file or directory could not be found at the time an operation was processed.', 'NotFoundError')),
    };
    await state.add([file('a.png'), folder, file('b.png')]);
    expect(state.items.map((a) => a.name)).toEqual(['a.png', 'b.png']);
    expect(added).toEqual(['a.png', 'b.png']);
    expect(state.errors.map((e) => e.message)).toEqual([
      'holiday photos could not be read: it is a folder, or the file was moved or deleted after it was chosen. Attach the files themselves.',
    ]);
  });

  it('formats sizes', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5 * 1_048_576 + 200_000)).toBe('5.2 MB');
    expect(formatBytes(5 * 1_048_576)).toBe('5 MB');
    expect(formatBytes(31 * 1_048_576)).toBe('31 MB');
  });
});

describe('sending with images', () => {
  function setup() {
    const fake = new FakeBridge();
    const session = new SessionState(createApi(fake.bridge()), { scheduler: new ManualFrames() });
    session.connect();
    return { fake, session };
  }
  const bytesFile = (name: string, size = 8) => file(name, size);

  it('a refused file leaves the typed prompt and the other images; the turn carries the images in order', async () => {
    const { fake, session } = setup();
    session.composer.text = 'What is in these?';
    await session.attachments.add([bytesFile('a.png'), bytesFile('empty.png', 0), bytesFile('b.jpg')]);
    expect(session.composer.text).toBe('What is in these?');
    expect(session.attachments.errors.map((e) => e.message)).toEqual(['empty.png is empty']);
    expect(session.canSend).toBe(true);
    await session.send();
    const [request] = fake.callsOf('start') as StartTurnRequest[];
    expect(request!.input.images!.map((i) => i.name)).toEqual(['a.png', 'b.jpg']);
    const turn = session.panes[0]!.turns[0]!;
    expect(turn.input.images!.map((i) => i.name)).toEqual(['a.png', 'b.jpg']);
    expect(session.attachments.items).toEqual([]);
    expect(session.composer.text).toBe('');
  });

  it('an image alone can be sent; sending waits while an image is being added', async () => {
    const { fake, session } = setup();
    let release!: () => void;
    fake.handlers.addMedia = ({ name, bytes }) =>
      new Promise((resolve) => (release = () => resolve({ sha256: fakeSha(name), mimeType: 'image/png', name, size: bytes.byteLength })));
    const adding = session.attachments.add([bytesFile('a.png')]);
    await flush();
    expect(session.canSend).toBe(false);
    release();
    await adding;
    expect(session.canSend).toBe(true);
    await session.send();
    expect((fake.callsOf('start') as StartTurnRequest[])[0]!.input).toEqual({ text: '', images: [ref('a.png', 8)] });
  });

  it('a pane with its own image gets its own request; upload progress reaches that turn until it starts', async () => {
    const { fake, session } = setup();
    const second = session.addPane()!;
    await session.attachments.add([bytesFile('mine.png')], second.id);
    session.composer.text = 'Compare';
    await session.send();
    const requests = fake.callsOf('start') as StartTurnRequest[];
    expect(requests.map((r) => [r.panes.map((p) => p.paneId), r.input.images?.map((i) => i.name)])).toEqual([
      [['pane-1'], undefined],
      [[second.id], ['mine.png']],
    ]);
    const turn = second.turns[0]!;
    fake.emitUpload({ type: 'uploading', requestId: turn.requestId!, paneId: second.id, sha256: fakeSha('mine.png'), sent: 40, total: 100 });
    expect(turn.upload).toEqual({ sha256: fakeSha('mine.png'), name: 'mine.png', sent: 40, total: 100 });
    fake.emit({ type: 'started', requestId: turn.requestId!, paneId: second.id, request: { method: 'POST', url: 'u', headers: {}, body: {} } });
    expect(turn.upload).toBeUndefined();
  });

  it('upload progress of a file the stateless history sends again is named as it was attached, not "file"', async () => {
    const { fake, session } = setup();
    session.historyMode = 'stateless';
    await session.attachments.add([bytesFile('chart.png')]);
    session.composer.text = 'What is this?';
    await session.send();
    const pane = session.panes[0]!;
    const first = pane.turns[0]!;
    fake.emit({ type: 'done', requestId: first.requestId!, paneId: pane.id, interactionId: 'i1', status: 'completed', steps: [], metrics: { totalMs: 1 }, interaction: { id: 'i1', status: 'completed' } });
    session.composer.text = 'And its colours?';
    await session.send();
    const second = pane.turns[1]!;
    expect(second.input.images).toBeUndefined();
    fake.emitUpload({ type: 'uploading', requestId: second.requestId!, paneId: pane.id, sha256: fakeSha('chart.png'), sent: 10, total: 100 });
    expect(second.upload).toEqual({ sha256: fakeSha('chart.png'), name: 'chart.png', sent: 10, total: 100 });
  });

  it('a file dropped while the send is on its way to main stays for the next prompt', async () => {
    const { fake, session } = setup();
    let release!: () => void;
    fake.handlers.start = () => new Promise((r) => (release = () => r(undefined)));
    session.composer.text = 'first';
    await session.attachments.add([bytesFile('sent.png')]);
    const sending = session.send();
    await flush();
    await session.attachments.add([bytesFile('next.png')]);
    release();
    await sending;
    expect((fake.callsOf('start') as StartTurnRequest[])[0]!.input.images!.map((i) => i.name)).toEqual(['sent.png']);
    expect(session.attachments.items.map((a) => a.name)).toEqual(['next.png']);
    expect(session.attachments.errors).toEqual([]);
  });

  it('after a partial send, only the files it carried for the panes reached are done', async () => {
    const state = new AttachmentsState(async ({ name, bytes }) => ref(name, bytes.byteLength));
    await state.add([bytesFile('mine.png')], 'pane-1');
    await state.add([bytesFile('all.png')]);
    const carried = state.stored();
    await state.add([bytesFile('later.png')], 'pane-1');
    state.sentTo(['pane-1'], carried);
    expect(state.items.map((a) => a.name)).toEqual(['all.png', 'later.png']);
  });

  it('Edit last prompt puts the images back with the text', async () => {
    const { session, fake } = setup();
    session.composer.text = 'Look';
    await session.attachments.add([bytesFile('a.png')]);
    await session.send();
    const turn = session.panes[0]!.turns[0]!;
    fake.emit({ type: 'done', requestId: turn.requestId!, paneId: 'pane-1', interactionId: 'i1', status: 'completed', steps: [], metrics: { totalMs: 1 }, interaction: {} as never, usage: undefined } as never);
    expect(session.editLast()).toBe(true);
    expect(session.composer.text).toBe('Look');
    expect(session.attachments.imagesFor('pane-1').map((i) => i.name)).toEqual(['a.png']);
  });
});

describe('images in the saved session and the stateless history', () => {
  it('a turn keeps its images through save and restore, and later turns name them by sha256', async () => {
    const { restoreTurn, turnToSaved } = await import('./saved');
    const { TurnState } = await import('./turn.svelte');
    const { buildHistory } = await import('./history');
    const frames = new ManualFrames();
    const images = [ref('a.png', 3), ref('b.png', 4)];
    const turn = new TurnState('t1', { text: 'Look', images }, { model: 'm' }, frames);
    turn.status = 'done';
    const saved = turnToSaved(turn);
    expect(saved.input).toEqual({ text: 'Look', images });
    const restored = restoreTurn(saved, frames);
    expect(restored.input.images).toEqual(images);
    const history = buildHistory([restored], 1, 'stateless');
    expect(history).toEqual({
      mode: 'stateless',
      steps: [
        {
          type: 'user_input',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', mime_type: 'image/png', sha256: images[0]!.sha256 },
            { type: 'image', mime_type: 'image/png', sha256: images[1]!.sha256 },
          ],
        },
      ],
    });
  });
});
