// The open session's document with its saves in a test's hands: writes are recorded, the autosave debounce runs
// when the test settles, and a write can be made to fail once. A save that sends its results as a change is
// applied to the document saved before, as main does (a change of another version is refused with CONFLICT), so
// `saved` always holds whole documents; `sent` holds what crossed. `discarded`: the turns named to main as removed.
import { flushSync } from 'svelte';
import { BridgeError } from '../../src-shared/bridge';
import { applyResultsDelta, type ResultsDelta } from '../../src-shared/eval/results-delta';
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
  const sent: { session: Session; results?: ResultsDelta }[] = [];
  const discarded: { sessionId: string; turnIds: string[] }[] = [];
  let failNext = false;
  let stamp = Date.parse('2026-01-01T00:00:00.000Z');
  const fake = new FakeBridge();
  const api: Api = {
    ...createApi(fake.bridge()),
    discardTurns: async (sessionId, turnIds) => void discarded.push(structuredClone({ sessionId, turnIds })),
    saveSession: async (doc, results) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      sent.push(structuredClone(results ? { session: doc, results } : { session: doc }));
      let whole = doc;
      if (results) {
        const before = saved.findLast((s) => s.id === doc.id);
        if (before?.updatedAt !== results.since || !doc.testSet) throw new BridgeError({ code: 'CONFLICT', message: 'another version' });
        whole = { ...doc, testSet: { ...doc.testSet, results: applyResultsDelta(before.testSet?.results ?? [], results) } };
      }
      const updatedAt = new Date((stamp += 1000)).toISOString();
      saved.push(structuredClone({ ...whole, updatedAt }));
      return { updatedAt };
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
  return { fake, api, session, document, frames, settle, stop, sent, discarded, failNextWrite: () => void (failNext = true) };
}
