// Files attached in the prompt box and not sent outlive the app as the typed prompt does: they are saved with their
// session (its `attached`), so their blobs stay referenced and a restart shows the same box. Before, they were kept
// for the run only, and a new session left holding only files came back as an empty "Untitled session".
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { fakeSha } from '../../../test-support/renderer/fake-bridge';
import { blankSession, machine } from '../../../test-support/renderer/memory-machine';
import type { AttachableFile } from './attachments.svelte';
import { SessionLibrary } from './session-library.svelte';
import { SessionState } from './session.svelte';

const file = (name: string, size = 10): AttachableFile => ({ name, size, arrayBuffer: () => Promise.resolve(new Uint8Array(size).buffer) });
const older = blankSession('older', 'Older');

const names = (s: SessionState) => s.attachments.items.map((a) => `${a.name}→${a.target}`);

describe('files attached and not sent, after a restart', () => {
  it('a new session left holding only files opens with them, each pane its own', async () => {
    const { window, saved } = machine([older]);
    const first = await window();
    await first.library.create();
    const fresh = first.library.document.id;
    await first.session.attachments.add([file('chart.png')]);
    await first.session.attachments.add([file('only-pane-1.pdf')], 'pane-1');
    await first.library.open('older');
    expect(await first.library.beforeClose()).toEqual({ saved: true });
    first.library.stop();
    // Named in the document, so main's start-up collection keeps their bytes.
    expect(saved.get(fresh)?.attached?.map((a) => a.sha256)).toEqual([fakeSha('chart.png'), fakeSha('only-pane-1.pdf')]);

    const second = await window();
    await second.library.open(fresh);
    expect(second.library.notice).toBeUndefined();
    expect(names(second.session)).toEqual(['chart.png→all', 'only-pane-1.pdf→pane-1']);
    expect(second.session.attachments.pending).toBe(false);
    second.library.stop();
  });

  it('a new session with files and a little text, when the app closes: written, and reopened with both', async () => {
    const { window } = machine([older]);
    const first = await window();
    await first.library.create();
    await first.session.attachments.add([file('scan.png')]);
    first.session.composer.text = 'Read th';
    flushSync();
    expect(await first.library.beforeClose()).toEqual({ saved: true });
    first.library.stop();

    const second = await window();
    expect(second.session.composer.text).toBe('Read th');
    expect(names(second.session)).toEqual(['scan.png→all']);
    second.library.stop();
  });

  it('a new session holding only files, when the app closes: written, and listed with them', async () => {
    const { window } = machine([older]);
    const first = await window();
    await first.library.create();
    const fresh = first.library.document.id;
    await first.session.attachments.add([file('only.png')]);
    expect(await first.library.beforeClose()).toEqual({ saved: true });
    first.library.stop();

    const second = await window();
    expect(second.library.document.id).toBe(fresh);
    expect(names(second.session)).toEqual(['only.png→all']);
    second.library.stop();
  });

  it('a saved session with unsent files has them after a restart; sent, they are gone from it', async () => {
    const { window, saved } = machine([older]);
    const first = await window();
    await first.session.attachments.add([file('later.png')]);
    flushSync();
    expect(await first.library.beforeClose()).toEqual({ saved: true });
    first.library.stop();

    const second = await window();
    expect(second.library.document.id).toBe('older');
    expect(names(second.session)).toEqual(['later.png→all']);
    second.session.attachments.sent(['pane-1'], second.session.attachments.stored());
    flushSync();
    expect(await second.library.beforeClose()).toEqual({ saved: true });
    expect(saved.get('older')?.attached).toBeUndefined();
    second.library.stop();
  });

  it('a file dropped in a new session does not list it: it is written when the person leaves it holding the file', async () => {
    const { window } = machine([older]);
    const first = await window();
    await first.library.create();
    await first.session.attachments.add([file('maybe.png')]);
    flushSync();
    await first.library.document.flush();
    expect(first.library.list.map((s) => s.id)).toEqual(['older']);
    first.library.stop();
  });

  it('attached while start-up reopened the last session: they follow the files it saved', async () => {
    const kept = { sha256: fakeSha('kept.png'), mimeType: 'image/png', name: 'kept.png', size: 10 };
    const { api, store } = machine([{ ...older, attached: [kept] }]);
    const session = new SessionState(api);
    const library = new SessionLibrary(api, session, { store });
    await session.attachments.add([file('early.png')]);
    await library.start();
    expect(names(session)).toEqual(['kept.png→all', 'early.png→all']);
    library.stop();
  });
});

describe('files still being stored when the person leaves the session or closes the app', () => {
  /** main's addMedia held until `land()`: a large file takes a while to be stored. */
  function slowStore(api: ReturnType<typeof machine>['api']) {
    const fast = api.addMedia;
    let land = () => {};
    const landed = new Promise<void>((resolve) => (land = resolve));
    api.addMedia = async (args) => {
      await landed;
      return fast(args);
    };
    return { land: () => land(), fast: () => (api.addMedia = fast) };
  }

  it('a saved session keeps a file that lands after the person left it for another', async () => {
    const { window, api, saved } = machine([older, blankSession('other', 'Other')]);
    const first = await window();
    await first.library.open('older');
    const store = slowStore(api);
    const adding = first.session.attachments.add([file('big.mp4')]);
    const leaving = first.library.open('other');
    store.land();
    await Promise.all([adding, leaving]);
    expect(await first.library.beforeClose()).toEqual({ saved: true });
    first.library.stop();
    expect(saved.get('older')?.attached?.map((a) => a.name)).toEqual(['big.mp4']);
  });

  it('closing while a file is being stored writes the edits made before at once, not only once the file lands', async () => {
    const { api, saved, store: items } = machine([older]);
    // No autosave of its own before the close: only the close writes.
    const session = new SessionState(api);
    const library = new SessionLibrary(api, session, { store: items, delayMs: 3_600_000 });
    await library.start();
    const store = slowStore(api);
    const adding = session.attachments.add([file('huge.mov')]);
    library.document.title = 'Renamed just before closing';
    flushSync();
    // Main closes the window anyway when the page does not answer in time: what can be written goes first.
    const closing = library.beforeClose();
    await vi.waitFor(() => expect(saved.get('older')?.title).toBe('Renamed just before closing'));
    expect(saved.get('older')?.attached).toBeUndefined();
    store.land();
    await adding;
    expect(await closing).toEqual({ saved: true });
    expect(saved.get('older')?.attached?.map((a) => a.name)).toEqual(['huge.mov']);
    library.stop();
  });

  it('a file whose storing never ends does not keep the person in its session: the switch goes on after the wait', async () => {
    const { api, saved, store: items } = machine([older, blankSession('other', 'Other')]);
    const session = new SessionState(api);
    const library = new SessionLibrary(api, session, { store: items, landingWaitMs: 20 });
    await library.start();
    slowStore(api);
    void session.attachments.add([file('on-a-stalled-drive.mov')]);
    session.composer.text = 'Typed before leaving';
    flushSync();
    await library.open('other');
    expect(library.document.id).toBe('other');
    expect(saved.get('older')).toBeDefined();
    library.stop();
  });

  it('a new session closed holding only a file still being stored is written with it, not as an empty session', async () => {
    const { window, api, saved } = machine([older]);
    const first = await window();
    await first.library.create();
    const fresh = first.library.document.id;
    const store = slowStore(api);
    const adding = first.session.attachments.add([file('scan.png')]);
    const closing = first.library.beforeClose();
    store.land();
    await adding;
    expect(await closing).toEqual({ saved: true });
    first.library.stop();
    expect(saved.get(fresh)?.attached?.map((a) => a.name)).toEqual(['scan.png']);
  });
});
