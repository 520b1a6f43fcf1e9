// The open session as a saved document (src-shared/session.ts): its id, title and creation time, the document
// built from the session's panes, experiments and test set, loading one in their place, and writing it — 500 ms after
// the last edit, at once when a turn ends, one write at a time (autosave.ts). An edit is any change of state the
// document is built from: the watch reads the document through the same toSession() a write sends, so nothing
// that is saved can change unnoticed, and Svelte re-runs it only when such state changed (the dirty flag, set where
// the state is written). It never compares or serializes the document: with a test set of 1,000 cases × 4 panes,
// writing the document as JSON at every change was the longest task of a run. When a save is due, the document is
// compared with the one last written or opened (same-json.ts: by reference where they share parts, so it costs the
// document's structure, not its text): a session never written is written once it differs from what was opened,
// and a write that would change nothing is skipped. Once main holds a version of the session, the test set's
// results go as a change of that version (src-shared/eval/results-delta.ts): during a run of 1,000 cases × 4 panes
// each save sends the cells finished since the last one, not the ~4,000 cells held. A turn the person removes is
// named to main at once (discardTurns), which drops its crash journal: no save may hold its answer yet.
import { untrack } from 'svelte';
import { isBridgeError } from '../../../src-shared/bridge';
import { resultsDelta, type ResultsDelta } from '../../../src-shared/eval/results-delta';
import { MAX_DISCARDED_TURNS, SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { withoutAttached } from '../../../src-shared/session-attached';
import type { Api } from '../api';
import { realTimers } from '../../../src-shared/timers';
import { Autosaver, type AutosaveTimers, type SaveState } from './autosave';
import { toAppError } from './errors';
import { sameJson } from './same-json';
import type { SessionState } from './session.svelte';

const TITLE_CHARS = 60;

/** "Explain SSE in two lines…": the first prompt, on one line. */
export function autoTitle(session: { panes: readonly { turns: readonly { input: { text: string } }[] }[] }): string {
  for (const pane of session.panes) {
    const text = pane.turns[0]?.input.text.replace(/\s+/g, ' ').trim();
    if (text) return text.length > TITLE_CHARS ? `${text.slice(0, TITLE_CHARS - 1).trimEnd()}…` : text;
  }
  return '';
}

export function newSessionId(): string {
  return crypto.randomUUID();
}

/** What a save compares: the document without the moment it is saved at. */
const contentOf = (doc: Session): Session => ({ ...doc, updatedAt: '' });

/** Every turn of the document, its branches' included: a turn moved into a branch by an edit is still there. */
function turnIdsOf(doc: Session): Set<string> {
  const ids = new Set<string>();
  for (const pane of doc.panes) {
    for (const turn of pane.turns) ids.add(turn.id);
    for (const fork of pane.forks ?? []) for (const branch of fork.others) for (const turn of branch) ids.add(turn.id);
  }
  return ids;
}

export interface SavedDocumentOptions {
  timers?: AutosaveTimers;
  delayMs?: number;
  /** How long leaving or closing waits for a file still being stored (LANDING_WAIT_MS). */
  landingWaitMs?: number;
  /** After each write of the open session, before the write counts as done. */
  onSaved?: (id: string) => Promise<void> | void;
}

/**
 * A file still being stored is waited for this long when the person leaves its session or closes the app, then the
 * switch goes on: a file whose read never ends (a stalled network drive) must not keep the person in the session.
 * One that lands later is kept with its session for the run (AttachmentsState's parked files), not across a restart.
 */
export const LANDING_WAIT_MS = 5_000;

export class SavedDocument {
  id = $state(newSessionId());
  /** As renamed; '' = derived from the first prompt when saved. */
  title = $state('');
  createdAt = $state(new Date().toISOString());
  saveState = $state<SaveState>('idle');
  saveError = $state('');

  readonly #api: Api;
  readonly #session: SessionState;
  readonly #autosaver: Autosaver;
  readonly #onSaved: (id: string) => Promise<void> | void;
  readonly #timers: AutosaveTimers;
  readonly #landingWaitMs: number;
  /** true once the open session exists on disk. */
  #known = false;
  /** Deleted (or never written and thrown away): its draft goes with it. */
  #gone = false;
  /** The document (without its save time) as last written or opened; undefined = the next save writes whatever it is. */
  #written: Session | undefined;
  /** The updatedAt of the version main holds of `#written`; undefined = main holds none this window knows of. */
  #since: string | undefined;
  /** Bumped by open(): the watch's run that sees it is the opened session arriving, not an edit of it. */
  #opens = $state(0);
  #opensSeen = -1;
  #endSave: ReturnType<typeof setTimeout> | undefined;
  /** The turns of the session `id` when the watch last looked: one gone from it since was removed by the person. */
  #held = { id: '', turns: new Set<string>() };

  constructor(api: Api, session: SessionState, options: SavedDocumentOptions = {}) {
    this.#api = api;
    this.#session = session;
    this.#onSaved = options.onSaved ?? (() => {});
    this.#timers = options.timers ?? realTimers;
    this.#landingWaitMs = options.landingWaitMs ?? LANDING_WAIT_MS;
    this.#autosaver = new Autosaver({
      save: () => this.#write(),
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}),
      onState: (state, error) => {
        this.saveState = state;
        this.saveError = state === 'error' ? toAppError(error).message : '';
      },
    });
    session.sessionId = this.id;
    this.markOpened();
  }

  /** true once the open session exists on disk. */
  get known(): boolean {
    return this.#known;
  }

  get displayTitle(): string {
    return this.title || autoTitle(this.#session) || 'New session';
  }

  /** The document as it would be saved now. */
  toSession(): Session {
    const panes = this.#session.toSavedPanes();
    const experiments = this.#session.experiments.toSaved();
    const testSet = this.#session.testSet.toSaved();
    const attached = this.#session.composer.attachments.toSaved();
    return {
      version: SESSION_VERSION,
      id: this.id,
      title: this.title || autoTitle({ panes }),
      createdAt: this.createdAt,
      updatedAt: new Date().toISOString(),
      historyMode: this.#session.historyMode,
      panes,
      ...(experiments ? { experiments } : {}),
      ...(testSet ? { testSet } : {}),
      ...(attached.length > 0 ? { attached } : {}),
    };
  }

  /** Puts `doc` in the place of the open session; `known` when it is already on disk. Nothing may be streaming. */
  open(doc: Session, known: boolean): void {
    // What it lacks of the session open before (another one, or this one as saved earlier) nobody removed.
    this.#held = { id: doc.id, turns: turnIdsOf(doc) };
    // A file for a pane the document does not hold could never be sent, nor removed with its pane.
    const panes = new Set(doc.panes.map((p) => p.id));
    this.#session.loadPanes(doc.panes, doc.id, doc.attached?.filter((a) => a.paneId === undefined || panes.has(a.paneId)));
    this.#session.historyMode = doc.historyMode;
    this.#session.experiments.load(doc.experiments);
    this.#session.testRun.reset();
    this.#session.testSet.load(doc.testSet);
    this.id = doc.id;
    this.title = doc.title;
    this.createdAt = doc.createdAt;
    this.#known = known;
    this.#gone = false;
    this.#session.sessionId = doc.id;
    this.markOpened();
    this.#since = known ? doc.updatedAt : undefined;
    this.#opens++;
  }

  /** Every change of the document schedules a save; call the result to stop. */
  watch(): () => void {
    this.#opensSeen = -1;
    return $effect.root(() => {
      $effect(() => {
        const opens = this.#opens;
        const doc = this.toSession();
        untrack(() => {
          this.#discardRemoved(doc);
          if (opens === this.#opensSeen) return this.#autosaver.schedule();
          // Its first run, and the run after open(), see the session as opened; an edit made before the run is
          // in it too, and only a comparison (once per open) tells.
          this.#opensSeen = opens;
          if (!this.#unchanged(contentOf(doc))) this.#autosaver.schedule();
        });
      });
    });
  }

  /** A turn ended or failed: save at once. */
  turnEnded(): void {
    // A task of its own: building and sending the document must not lengthen the one that paints the
    // answer's end (four panes often end in one batch). Several ends in a row make one save.
    if (this.#endSave) return;
    this.#endSave = setTimeout(() => {
      this.#endSave = undefined;
      void this.#autosaver.now();
    }, 0);
  }

  /** Saves now; `evenUnchanged` writes a fresh session nobody edited yet too (to export or copy it). */
  async save(evenUnchanged = false): Promise<void> {
    if (evenUnchanged && !this.#known) this.#written = undefined;
    // What is about to read the file (an export, a copy) gets the cells a running test finished in its last second.
    this.#session.testRun.flush();
    await this.#autosaver.now();
  }

  /** Writes what is waiting (before another session replaces this one). */
  flush(): Promise<void> {
    return this.#autosaver.flush();
  }

  /**
   * Writes what is waiting and answers whether it reached the disk. The autosave only reports a failed save and
   * tries again on the next edit; here, as the person is about to leave the session, it is tried once more.
   * (An answer still streaming in is no failure: it is saved when it ends.)
   */
  async settle(options: { keepDraft?: boolean } = {}): Promise<boolean> {
    const attachments = this.#session.composer.attachments;
    if (!attachments.adding) return this.#settle(options);
    // A file still being stored is in no save until it lands, and once the session is left none would hold it: written
    // again once it has. What is there is written first, as the app closes anyway if the page takes too long.
    await this.#settle(options);
    let timer: unknown;
    const waited = new Promise<void>((resolve) => (timer = this.#timers.set(resolve, this.#landingWaitMs)));
    await Promise.race([attachments.landed(), waited]);
    this.#timers.clear(timer);
    return this.#settle(options);
  }

  async #settle(options: { keepDraft?: boolean }): Promise<boolean> {
    // A session never written is listed nowhere: a prompt typed in its box, kept as its draft under its id, or files
    // attached there, could not be reached again once another session took its place or the app closed. So it is
    // written, and listed, first, its files with it (toSession).
    const unsent = this.#session.composer.draft.trim() !== '' || this.#session.composer.attachments.count > 0;
    const keep = options.keepDraft !== false && !this.#known && !this.#gone && unsent;
    if (keep) this.#written = undefined;
    // The cells a running test finished in its last second wait for their commit, and no journal holds them:
    // written now, as the watch would schedule their save only after this.
    if (this.#session.testRun.flush() || keep) await this.#autosaver.now();
    else await this.flush();
    if (this.saveState === 'error') await this.#autosaver.now();
    return this.saveState !== 'error';
  }

  /** Forgets a waiting save: the session is being deleted. */
  cancelPending(): void {
    this.#autosaver.cancel();
  }

  /**
   * The session was deleted: it is no longer on disk, and edits it could not save go with it. Main refuses saves of a
   * deleted session, so a failed save left to settle() would keep the person in it, unable to switch away.
   */
  deleted(): void {
    this.#known = false;
    this.#gone = true;
    this.#autosaver.cancel();
    this.saveState = 'idle';
    this.saveError = '';
  }

  /** The session as it is now counts as unedited: it is saved once it differs from this. */
  markOpened(): void {
    // A snapshot, not a dependency of whatever effect or handler opened the session.
    this.#written = untrack(() => contentOf(this.toSession()));
  }

  /**
   * Tells main which turns of the open session are gone since the watch last looked (a removed pane, a cleared
   * conversation, panes a sweep replaced), so its crash journals of them go: the next start would otherwise add back
   * any whose answer no save holds yet (its save failed, or had not run). A refusal is not sent again: main only
   * refuses a malformed call, which sending it again would not mend.
   */
  #discardRemoved(doc: Session): void {
    const turns = turnIdsOf(doc);
    const removed = doc.id === this.#held.id ? [...this.#held.turns].filter((id) => !turns.has(id)) : [];
    this.#held = { id: doc.id, turns };
    for (let i = 0; i < removed.length; i += MAX_DISCARDED_TURNS) {
      void this.#api.discardTurns(doc.id, removed.slice(i, i + MAX_DISCARDED_TURNS)).catch(() => {});
    }
  }

  async #write(): Promise<void> {
    // Answers waiting to be scored against an edited check are scored first: reopened, they are trusted as scored.
    this.#session.testSet.scoring.now();
    const doc = this.toSession();
    const content = contentOf(doc);
    if (this.#unchanged(content)) return;
    const id = doc.id;
    const { updatedAt } = await this.#send(doc);
    if (id !== this.id) return;
    // Only once it is on disk: a write that failed leaves the next save to write it.
    this.#written = content;
    this.#since = updatedAt;
    this.#known = true;
    await this.#onSaved(id);
  }

  /** Whether `content` is what was last written or opened, as far as a write of it goes. */
  #unchanged(content: Session): boolean {
    const written = this.#written;
    if (!written) return false;
    // A session never written is not written for the files in its prompt box, as not for the prompt typed there: it is
    // when the person leaves it holding them (settle), so a new session does not join the list for a file dropped in.
    return this.#known ? sameJson(content, written) : sameJson(withoutAttached(content), withoutAttached(written));
  }

  /** The document, its results as a change of the version main holds where it can say so. */
  async #send(doc: Session): Promise<{ updatedAt: string }> {
    const delta = this.#resultsChange(doc);
    if (!delta || !doc.testSet) return this.#api.saveSession(doc);
    try {
      return await this.#api.saveSession({ ...doc, testSet: { ...doc.testSet, results: [] } }, delta);
    } catch (error) {
      // Another save (a rename from the library) came between: main holds another version; send it whole.
      if (isBridgeError(error) && error.code === 'CONFLICT') return this.#api.saveSession(doc);
      throw error;
    }
  }

  #resultsChange(doc: Session): ResultsDelta | undefined {
    const written = this.#written?.testSet?.results;
    if (this.#since === undefined || !written || !doc.testSet) return undefined;
    return resultsDelta(written, doc.testSet.results, this.#since);
  }
}
