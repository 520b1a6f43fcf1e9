// The open session's document with its saves in a test's hands: writes are recorded, the autosave debounce runs
// when the test settles, and a write can be made to fail once.
import { flushSync } from 'svelte';
import type { Session } from '../../src-shared/session';
import { createApi, type Api } from '../../src-renderer/lib/api';
import type { AutosaveTimers } from '../../src-renderer/lib/state/autosave';
import { SavedDocument } from '../../src-renderer/lib/state/saved-document.svelte';
import { SessionState } from '../../src-renderer/lib/state/session.svelte';
import { FakeBridge } from './fake-bridge';
import { ManualFrames } from './manual-frames';

/** `connect`: the session also listens to the bridge's events, as the app's does. */
export function savingDocument(options: { connect?: boolean } = {}) {
  const saved: Session[] = [];
  let failNext = false;
  const fake = new FakeBridge();
  const api: Api = {
    ...createApi(fake.bridge()),
    saveSession: async (doc) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      saved.push(structuredClone(doc));
      return { updatedAt: doc.updatedAt };
    },
  };
  const frames = new ManualFrames();
  const session = new SessionState(api, { scheduler: frames });
  if (options.connect) session.connect();
  const waiting = new Set<() => void>();
  const timers: AutosaveTimers = {
    set: (run) => (waiting.add(run), run),
    clear: (handle) => void waiting.delete(handle as () => void),
  };
  const document = new SavedDocument(api, session, { timers });
  const stop = document.watch();
  flushSync();
  let seen = 0;
  /** Lets effects run, then the debounce run out, then the write finish; returns the documents written since last time. */
  const settle = async (): Promise<Session[]> => {
    flushSync();
    for (const run of [...waiting]) {
      waiting.delete(run);
      run();
    }
    await new Promise((r) => setTimeout(r, 0));
    const written = saved.slice(seen);
    seen = saved.length;
    return written;
  };
  return { fake, session, document, frames, settle, stop, failNextWrite: () => void (failNext = true) };
}
