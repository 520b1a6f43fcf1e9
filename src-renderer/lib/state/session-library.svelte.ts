// The library of saved sessions: the list and its search, open/new/duplicate/branch/rename, delete with
// undo, import and export of session files, storage problems, and the composer drafts kept per session.
// The open one is written by its SavedDocument.
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { Session, SessionSummary } from '../../../src-shared/session';
import type { Api } from '../api';
import type { AutosaveTimers } from './autosave';
import { forgetOtherDrafts, readDraft, type SmallStore } from './drafts';
import { toAppError } from './errors';
import { watchOpenSession } from './open-session-watch.svelte';
import { paneToSaved } from './saved';
import { autoTitle, newSessionId, SavedDocument } from './saved-document.svelte';
import type { SessionState } from './session.svelte';

export interface Notice {
  kind: 'error' | 'warning' | 'info';
  message: string;
}

export interface UndoToast {
  message: string;
  undoToken: string;
}

const LAST_KEY = 'pg.lastSession';

export class SessionLibrary {
  list = $state.raw<SessionSummary[]>([]);
  query = $state('');
  notice = $state.raw<Notice | undefined>(undefined);
  toast = $state.raw<UndoToast | undefined>(undefined);
  /** The person's own choice; undefined until they make one, and then the sidebar follows the room there is. */
  sidebarChoice = $state<boolean | undefined>(undefined);
  loading = $state(false);
  /** The open session's document. */
  readonly document: SavedDocument;

  readonly #api: Api;
  readonly #session: SessionState;
  readonly #store: SmallStore | undefined;
  #searchSeq = 0;
  /** Switches started: one whose fetch comes back after a later switch began is dropped (an Undo, another click). */
  #switches = 0;
  #toastTimer: ReturnType<typeof setTimeout> | undefined;
  #stopWatching: (() => void) | undefined;

  constructor(api: Api, session: SessionState, options: { timers?: AutosaveTimers; store?: SmallStore; delayMs?: number; landingWaitMs?: number } = {}) {
    this.#api = api;
    this.#session = session;
    this.#store = options.store;
    this.document = new SavedDocument(api, session, {
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.landingWaitMs !== undefined ? { landingWaitMs: options.landingWaitMs } : {}),
      ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}),
      onSaved: async (id) => {
        this.#store?.setItem(LAST_KEY, id);
        await this.refresh();
      },
    });
  }

  /** Loads the list, reopens the last session, shows storage problems once, and starts autosaving. */
  async start(): Promise<void> {
    this.#stopWatching = watchOpenSession(this.document, this.#session, this.#store);
    this.loading = true;
    let warning: string | undefined;
    try {
      const problems = await this.#api.storageProblems().catch(() => []);
      warning = problems.length > 0 ? problems.map((p) => p.message).join('\n') : undefined;
      if (warning) this.notice = { kind: 'warning', message: warning };
      // Which sessions exist, as listed now: by the time the last one reopened, a search may have narrowed the list.
      const unfiltered = this.query.trim() === '';
      const existing = new Set((await this.refresh()).map((s) => s.id));
      const last = this.#store?.getItem(LAST_KEY);
      const id = this.list.find((s) => s.id === last)?.id ?? this.list[0]?.id;
      // The prompt box takes text from the first frame: what was typed while this loaded is kept.
      if (id) await this.open(id, { keepTyped: true });
      else this.document.markOpened();
      // A session set aside as damaged at this start is not listed, and may come back mended by hand with its draft.
      for (const problem of problems) if (problem.sessionId) existing.add(problem.sessionId);
      if (unfiltered) forgetOtherDrafts(this.#store, existing.add(this.document.id));
    } catch (e) {
      this.notice = { kind: 'error', message: `Could not load saved sessions: ${toAppError(e).message}` };
    } finally {
      this.loading = false;
    }
    // The storage problems are told once, at start: an error reopening the last session does not hide them.
    const shown = this.notice;
    if (warning && shown?.kind === 'error' && !shown.message.includes(warning)) this.notice = { kind: 'error', message: `${shown.message}\n${warning}` };
  }

  stop(): void {
    this.#stopWatching?.();
  }

  /** Lists the sessions the search matches; answers what it listed, shown or not (a later search may win). */
  async refresh(): Promise<SessionSummary[]> {
    const seq = ++this.#searchSeq;
    const list = await this.#api.listSessions(this.query.trim() || undefined);
    if (seq === this.#searchSeq) this.list = list;
    return list;
  }

  async search(query: string): Promise<void> {
    this.query = query;
    await this.refresh().catch((e: unknown) => this.#fail('Search failed', e));
  }

  get canSwitch(): boolean {
    return !this.#session.busy;
  }

  /** `keepTyped`: text in the prompt box stays there in place of the session's saved draft. */
  async open(id: string, options: { keepTyped?: boolean } = {}): Promise<void> {
    // What was typed while the last session reopened at start-up is its draft, not the one of the session before.
    const switchNo = ++this.#switches;
    if (!(await this.#beforeSwitch(!options.keepTyped))) return;
    try {
      const doc = await this.#api.getSession(id);
      if (switchNo !== this.#switches) return;
      const from = this.document.id;
      this.#open(doc, true, options.keepTyped ? this.#session.composer.draft : '');
      if (options.keepTyped) this.#session.composer.attachments.bringAlong(from);
    } catch (e) {
      this.#fail('Could not open the session', e);
    }
  }

  async create(): Promise<void> {
    if (!(await this.#beforeSwitch())) return;
    // The new session is listed (as not saved yet) only while nothing is searched: a search would hide what was made.
    if (this.query.trim() !== '') await this.search('');
    const model = this.#session.workspace.defaultModel || this.#session.panes[0]?.settings.model;
    const now = new Date().toISOString();
    const panes = [{ id: 'pane-1', config: { model: model || 'gemini-3-flash-preview' }, turns: [] }];
    this.#open({ version: SESSION_VERSION, id: newSessionId(), title: '', createdAt: now, updatedAt: now, historyMode: 'server', panes }, false);
  }

  async duplicate(id: string): Promise<void> {
    try {
      if (id === this.document.id) {
        await this.#writtenFirst();
      }
      const copy = await this.#api.duplicateSession(id);
      await this.refresh();
      if (await this.#beforeSwitch()) this.#open(copy, true);
    } catch (e) {
      this.#fail('Could not duplicate the session', e);
    }
  }

  async remove(id: string): Promise<void> {
    const doc = this.document;
    const title = this.list.find((s) => s.id === id)?.title || (id === doc.id ? doc.displayTitle : 'Session');
    try {
      if (id === doc.id) {
        if (!this.canSwitch) return this.#busyNotice();
        doc.cancelPending();
        await doc.flush();
        if (!doc.known) {
          doc.deleted();
          await this.create();
          return;
        }
      }
      const { undoToken } = await this.#api.deleteSession(id);
      this.#showToast({ message: `Deleted “${title}”`, undoToken });
      await this.refresh();
      if (id === doc.id) {
        doc.deleted();
        const next = this.list[0]?.id;
        if (next) await this.open(next);
        else await this.create();
      }
    } catch (e) {
      this.#fail('Could not delete the session', e);
    }
  }

  async undoDelete(): Promise<void> {
    const toast = this.toast;
    if (!toast) return;
    this.dismissToast();
    try {
      const summary = await this.#api.restoreSession(toast.undoToken);
      await this.refresh();
      await this.open(summary.id);
    } catch (e) {
      this.#fail('Could not restore the session', e);
    }
  }

  dismissToast(): void {
    this.toast = undefined;
    this.holdToast(false);
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.replace(/\s+/g, ' ').trim().slice(0, 500);
    if (id === this.document.id) {
      this.document.title = clean;
      await this.document.save();
      return;
    }
    try {
      const doc = await this.#api.getSession(id);
      await this.#api.saveSession({ ...doc, title: clean || autoTitle(doc) });
      await this.refresh();
    } catch (e) {
      this.#fail('Could not rename the session', e);
    }
  }

  /** A new session from one pane: its settings and its turns, nothing else. */
  async branch(paneId: string): Promise<void> {
    const pane = this.#session.pane(paneId);
    if (!pane || !(await this.#beforeSwitch())) return;
    const saved = paneToSaved(pane);
    const now = new Date().toISOString();
    const doc: Session = {
      version: SESSION_VERSION,
      id: newSessionId(),
      title: `${this.document.displayTitle} (branch)`.slice(0, 500),
      createdAt: now,
      updatedAt: now,
      historyMode: this.#session.historyMode,
      panes: [saved],
    };
    try {
      await this.#api.saveSession(doc);
      await this.refresh();
      this.#open(doc, true);
    } catch (e) {
      this.#fail('Could not branch', e);
    }
  }

  async importFile(): Promise<void> {
    try {
      const result = await this.#api.importSessionFile();
      if (result.error) {
        // Main's message names the file, the reason, and that nothing changed.
        this.notice = { kind: 'error', message: /^could not import/i.test(result.error) ? result.error : `Could not import: ${result.error}` };
        return;
      }
      if (!result.session) return;
      // A search is cleared rather than left hiding the session just imported.
      await this.search('');
      if (await this.#beforeSwitch()) this.#open(result.session, true);
    } catch (e) {
      this.#fail('Could not import', e);
    }
  }

  async exportFile(): Promise<void> {
    try {
      await this.#writtenFirst();
      await this.#api.exportSessionFile(this.document.id);
    } catch (e) {
      this.#fail('Could not export the session', e);
    }
  }

  async exportTranscript(paneIndex?: number): Promise<void> {
    try {
      await this.#writtenFirst();
      await this.#api.exportTranscript(this.document.id, paneIndex);
    } catch (e) {
      this.#fail('Could not export the transcript', e);
    }
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** Opens `doc` in place of the open session, with `typed` or else its own draft in the prompt box. */
  #open(doc: Session, known: boolean, typed = ''): void {
    // A send can start while `doc` was being fetched or written (the prompt box works during start-up too). Panes that
    // stream are not replaced, so nothing else may be: under `doc`'s id they were saved over its conversation.
    if (!this.canSwitch) return this.#busyNotice();
    this.#switches++;
    this.document.open(doc, known);
    this.#session.composer.text = typed || readDraft(this.#store, doc.id);
    this.#session.composer.error = '';
    if (known) this.#store?.setItem(LAST_KEY, doc.id);
  }

  /** Writes what is waiting for the open session before another one replaces it. */
  async #beforeSwitch(keepDraft = true): Promise<boolean> {
    if (!this.canSwitch) {
      this.#busyNotice();
      return false;
    }
    if (!(await this.document.settle({ keepDraft }))) {
      this.notice = { kind: 'error', message: `Not switched: ${this.#unsaved()}` };
      return false;
    }
    return this.canSwitch;
  }

  /** The window is about to close: what is waiting is written; `problem` is why it could not be. */
  async beforeClose(): Promise<{ saved: boolean; problem?: string }> {
    if (await this.document.settle()) return { saved: true };
    return { saved: false, problem: this.document.saveError || 'the save failed' };
  }

  /** Saves the open session before something reads it from disk (an export, a copy); throws when it cannot. */
  async #writtenFirst(): Promise<void> {
    // A fresh session nobody edited is written too: what follows reads it from disk.
    await this.document.save(true);
    if (this.document.saveState === 'error') throw new Error(this.#unsaved());
  }

  #unsaved(): string {
    const why = this.document.saveError ? ` (${this.document.saveError.replace(/\.$/, '')})` : '';
    return `the latest changes to “${this.document.displayTitle}” could not be saved${why}. They are still here; try again, or copy what you need first.`;
  }

  #busyNotice(): void {
    this.notice = { kind: 'info', message: 'An answer is still streaming. Stop it or wait, then switch sessions.' };
  }

  #fail(what: string, error: unknown): void {
    this.notice = { kind: 'error', message: `${what}: ${toAppError(error).message}` };
  }

  #showToast(toast: UndoToast): void {
    this.toast = toast;
    this.holdToast(false);
  }

  /** The toast stays while the person is on it (focus, pointer): the ten seconds to undo count once they leave. */
  holdToast(held: boolean): void {
    if (this.#toastTimer !== undefined) clearTimeout(this.#toastTimer);
    this.#toastTimer = held || !this.toast ? undefined : setTimeout(() => this.dismissToast(), 10_000);
  }
}
