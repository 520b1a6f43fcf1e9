// The open session as a saved document (src-shared/session.ts): its id, title and creation time, the document
// built from the session's panes, experiments and test set, loading one in their place, and writing it — 500 ms after
// the last edit, at once when a turn ends, one write at a time (autosave.ts). An edit is anything that changes
// the document as it would be saved, so nothing that is saved can change unnoticed.
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import type { Api } from '../api';
import { Autosaver, type AutosaveTimers, type SaveState } from './autosave';
import { toAppError } from './errors';
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

/** What change detection compares: the document without the moment it is saved at. */
function contentOf(doc: Session): string {
  return JSON.stringify({ ...doc, updatedAt: undefined });
}

export interface SavedDocumentOptions {
  timers?: AutosaveTimers;
  delayMs?: number;
  /** After each write of the open session, before the write counts as done. */
  onSaved?: (id: string) => Promise<void> | void;
}

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
  /** true once the open session exists on disk. */
  #known = false;
  /** The content when the session was opened: a fresh session is saved only once it differs. */
  #opened = '';
  /** The content the last change was seen with. */
  #last = '';
  #endSave: ReturnType<typeof setTimeout> | undefined;

  constructor(api: Api, session: SessionState, options: SavedDocumentOptions = {}) {
    this.#api = api;
    this.#session = session;
    this.#onSaved = options.onSaved ?? (() => {});
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
    };
  }

  /** Puts `doc` in the place of the open session; `known` when it is already on disk. Nothing may be streaming. */
  open(doc: Session, known: boolean): void {
    this.#session.loadPanes(doc.panes);
    this.#session.historyMode = doc.historyMode;
    this.#session.experiments.load(doc.experiments);
    this.#session.testRun.reset();
    this.#session.testSet.load(doc.testSet);
    this.id = doc.id;
    this.title = doc.title;
    this.createdAt = doc.createdAt;
    this.#known = known;
    this.#session.sessionId = doc.id;
    this.markOpened();
  }

  /** Every change of the document schedules a save; call the result to stop. */
  watch(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const content = contentOf(this.toSession());
        if (content === this.#last) return;
        this.#last = content;
        this.#autosaver.schedule();
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
    if (evenUnchanged && !this.#known) this.#opened = '';
    await this.#autosaver.now();
  }

  /** Writes what is waiting (before another session replaces this one). */
  flush(): Promise<void> {
    return this.#autosaver.flush();
  }

  /** Forgets a waiting save: the session is being deleted. */
  cancelPending(): void {
    this.#autosaver.cancel();
  }

  /** The session was deleted: it is no longer on disk. */
  deleted(): void {
    this.#known = false;
  }

  /** The session as it is now counts as unedited: a fresh one is saved once it differs from this. */
  markOpened(): void {
    this.#opened = contentOf(this.toSession());
    this.#last = this.#opened;
  }

  async #write(): Promise<void> {
    const doc = this.toSession();
    if (!this.#known && contentOf(doc) === this.#opened) return;
    const id = doc.id;
    await this.#api.saveSession(doc);
    if (id !== this.id) return;
    this.#known = true;
    await this.#onSaved(id);
  }
}
