// Saved sessions: the list and its search, open/new/duplicate/delete-with-undo/rename, import/export,
// autosave of the open session (autosave.ts), and the composer drafts kept per session.
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { HistoryMode, Session, SessionSummary } from '../../../src-shared/session';
import type { Api } from '../api';
import { Autosaver, type AutosaveTimers, type SaveState } from './autosave';
import { toAppError } from './errors';
import { paneToSaved } from './saved';
import type { SessionState } from './session.svelte';

export interface Notice {
  kind: 'error' | 'warning' | 'info';
  message: string;
}

export interface UndoToast {
  message: string;
  undoToken: string;
}

/** Where drafts and the last open session survive a restart (localStorage in the app). */
export interface SmallStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const LAST_KEY = 'pg.lastSession';
const DRAFT_KEY = 'pg.draft.';
const TITLE_CHARS = 60;

/** "Explain SSE in two lines…": the first prompt, on one line. */
export function autoTitle(session: { panes: readonly { turns: readonly { input: { text: string } }[] }[] }): string {
  for (const pane of session.panes) {
    const text = pane.turns[0]?.input.text.replace(/\s+/g, ' ').trim();
    if (text) return text.length > TITLE_CHARS ? `${text.slice(0, TITLE_CHARS - 1).trimEnd()}…` : text;
  }
  return '';
}

function newSessionId(): string {
  return crypto.randomUUID();
}

export class SessionsState {
  list = $state.raw<SessionSummary[]>([]);
  query = $state('');
  /** The open session. */
  id = $state(newSessionId());
  /** As renamed; '' = derived from the first prompt when saved. */
  title = $state('');
  createdAt = $state(new Date().toISOString());
  saveState = $state<SaveState>('idle');
  saveError = $state('');
  notice = $state.raw<Notice | undefined>(undefined);
  toast = $state.raw<UndoToast | undefined>(undefined);
  /** The person's own choice; undefined until they make one, and then the sidebar follows the room there is. */
  sidebarChoice = $state<boolean | undefined>(undefined);
  loading = $state(false);

  readonly #api: Api;
  readonly #session: SessionState;
  readonly #store: SmallStore | undefined;
  readonly autosaver: Autosaver;
  /** true once the open session exists on disk. */
  #endSave: ReturnType<typeof setTimeout> | undefined;
  #known = false;
  /** The change key when the session was opened: a fresh session is saved only once it differs. */
  #openedKey = '';
  #lastKey = '';
  #searchSeq = 0;
  #toastTimer: ReturnType<typeof setTimeout> | undefined;
  #stopWatching: (() => void) | undefined;

  constructor(api: Api, session: SessionState, options: { timers?: AutosaveTimers; store?: SmallStore; delayMs?: number } = {}) {
    this.#api = api;
    this.#session = session;
    this.#store = options.store;
    this.autosaver = new Autosaver({
      save: () => this.#write(),
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}),
      onState: (state, error) => {
        this.saveState = state;
        this.saveError = state === 'error' ? toAppError(error).message : '';
      },
    });
    session.sessionId = this.id;
    this.#markOpened();
  }

  get displayTitle(): string {
    return this.title || autoTitle(this.#session) || 'New session';
  }

  /** Loads the list, reopens the last session, shows storage problems once, and starts autosaving. */
  async start(): Promise<void> {
    this.#watch();
    this.loading = true;
    try {
      const problems = await this.#api.storageProblems().catch(() => []);
      if (problems.length > 0) {
        this.notice = { kind: 'warning', message: problems.map((p) => p.message).join('\n') };
      }
      await this.refresh();
      const last = this.#store?.getItem(LAST_KEY);
      const id = this.list.find((s) => s.id === last)?.id ?? this.list[0]?.id;
      if (id) await this.open(id);
      else this.#markOpened();
    } catch (e) {
      this.notice = { kind: 'error', message: `Could not load saved sessions: ${toAppError(e).message}` };
    } finally {
      this.loading = false;
    }
  }

  stop(): void {
    this.#stopWatching?.();
  }

  /** A turn ended or failed: save at once. */
  turnEnded(): void {
    // A task of its own: building and sending the document must not lengthen the one that paints the
    // answer's end (four panes often end in one batch). Several ends in a row make one save.
    if (this.#endSave) return;
    this.#endSave = setTimeout(() => {
      this.#endSave = undefined;
      void this.autosaver.now();
    }, 0);
  }

  async refresh(): Promise<void> {
    const seq = ++this.#searchSeq;
    const list = await this.#api.listSessions(this.query.trim() || undefined);
    if (seq === this.#searchSeq) this.list = list;
  }

  async search(query: string): Promise<void> {
    this.query = query;
    await this.refresh().catch((e: unknown) => this.#fail('Search failed', e));
  }

  get canSwitch(): boolean {
    return !this.#session.busy;
  }

  async open(id: string): Promise<void> {
    if (!(await this.#beforeSwitch())) return;
    try {
      const doc = await this.#api.getSession(id);
      this.#load(doc, true);
    } catch (e) {
      this.#fail('Could not open the session', e);
    }
  }

  async create(): Promise<void> {
    if (!(await this.#beforeSwitch())) return;
    const fresh = this.#session.panes[0];
    const model = fresh?.settings.model;
    this.#session.loadPanes([{ id: 'pane-1', config: { model: model || 'gemini-3-flash-preview' }, turns: [] }]);
    this.#session.historyMode = 'server';
    this.#session.experiments.load(undefined);
    this.#setOpen(newSessionId(), '', new Date().toISOString(), false);
    this.#markOpened();
  }

  async duplicate(id: string): Promise<void> {
    try {
      if (id === this.id) await this.#saveNow(true);
      const copy = await this.#api.duplicateSession(id);
      await this.refresh();
      if (await this.#beforeSwitch()) this.#load(copy, true);
    } catch (e) {
      this.#fail('Could not duplicate the session', e);
    }
  }

  async remove(id: string): Promise<void> {
    const title = this.list.find((s) => s.id === id)?.title || (id === this.id ? this.displayTitle : 'Session');
    try {
      if (id === this.id) {
        if (!this.canSwitch) return this.#busyNotice();
        this.autosaver.cancel();
        await this.autosaver.flush();
        if (!this.#known) {
          await this.create();
          return;
        }
      }
      const { undoToken } = await this.#api.deleteSession(id);
      this.#showToast({ message: `Deleted “${title}”`, undoToken });
      await this.refresh();
      if (id === this.id) {
        this.#known = false;
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
    this.#hideToast();
    try {
      const summary = await this.#api.restoreSession(toast.undoToken);
      await this.refresh();
      await this.open(summary.id);
    } catch (e) {
      this.#fail('Could not restore the session', e);
    }
  }

  dismissToast(): void {
    this.#hideToast();
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.replace(/\s+/g, ' ').trim().slice(0, 500);
    if (id === this.id) {
      this.title = clean;
      await this.autosaver.now();
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

  setHistoryMode(mode: HistoryMode): void {
    this.#session.historyMode = mode;
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
      title: `${this.displayTitle} (branch)`.slice(0, 500),
      createdAt: now,
      updatedAt: now,
      historyMode: this.#session.historyMode,
      panes: [saved],
    };
    try {
      await this.#api.saveSession(doc);
      await this.refresh();
      this.#load(doc, true);
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
      await this.refresh();
      if (await this.#beforeSwitch()) this.#load(result.session, true);
    } catch (e) {
      this.#fail('Could not import', e);
    }
  }

  async exportFile(): Promise<void> {
    try {
      await this.#saveNow(true);
      await this.#api.exportSessionFile(this.id);
    } catch (e) {
      this.#fail('Could not export the session', e);
    }
  }

  async exportTranscript(paneIndex?: number): Promise<void> {
    try {
      await this.#saveNow(true);
      await this.#api.exportTranscript(this.id, paneIndex);
    } catch (e) {
      this.#fail('Could not export the transcript', e);
    }
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** The document as it would be saved now. */
  toSession(): Session {
    const panes = this.#session.toSavedPanes();
    const experiments = this.#session.experiments.toSaved();
    return {
      version: SESSION_VERSION,
      id: this.id,
      title: this.title || autoTitle({ panes }),
      createdAt: this.createdAt,
      updatedAt: new Date().toISOString(),
      historyMode: this.#session.historyMode,
      panes,
      ...(experiments ? { experiments } : {}),
    };
  }

  // ── internals ────────────────────────────────────────────────────────────

  #changeKey(): string {
    return `${this.title}\u0000${this.#session.changeKey()}`;
  }

  /** Every edit schedules a save; composer text goes to the draft store at once. */
  #watch(): void {
    this.#stopWatching = $effect.root(() => {
      $effect(() => {
        const key = this.#changeKey();
        if (key === this.#lastKey) return;
        this.#lastKey = key;
        this.autosaver.schedule();
      });
      $effect(() => {
        const text = this.#session.composer.text;
        const id = this.id;
        try {
          if (text) this.#store?.setItem(DRAFT_KEY + id, text);
          else this.#store?.removeItem(DRAFT_KEY + id);
        } catch {
          // A full or unavailable store: the draft stays in the box for this run.
        }
      });
    });
  }

  #markOpened(): void {
    this.#openedKey = this.#changeKey();
    this.#lastKey = this.#openedKey;
  }

  async #saveNow(force = false): Promise<void> {
    if (force && !this.#known) this.#openedKey = '';
    await this.autosaver.now();
  }

  async #write(): Promise<void> {
    if (!this.#known && this.#changeKey() === this.#openedKey) return;
    const doc = this.toSession();
    const id = doc.id;
    await this.#api.saveSession(doc);
    if (id !== this.id) return;
    this.#known = true;
    this.#store?.setItem(LAST_KEY, id);
    await this.refresh();
  }

  #load(doc: Session, known: boolean): void {
    this.#session.loadPanes(doc.panes);
    this.#session.historyMode = doc.historyMode;
    this.#session.experiments.load(doc.experiments);
    this.#setOpen(doc.id, doc.title, doc.createdAt, known);
    this.#markOpened();
  }

  #setOpen(id: string, title: string, createdAt: string, known: boolean): void {
    this.id = id;
    this.title = title;
    this.createdAt = createdAt;
    this.#known = known;
    this.#session.sessionId = id;
    this.#session.composer.text = this.#store?.getItem(DRAFT_KEY + id) ?? '';
    this.#session.composer.error = '';
    if (known) this.#store?.setItem(LAST_KEY, id);
  }

  /** Writes what is waiting for the open session before another one replaces it. */
  async #beforeSwitch(): Promise<boolean> {
    if (!this.canSwitch) {
      this.#busyNotice();
      return false;
    }
    await this.autosaver.flush();
    return this.canSwitch;
  }

  #busyNotice(): void {
    this.notice = { kind: 'info', message: 'An answer is still streaming. Stop it or wait, then switch sessions.' };
  }

  #fail(what: string, error: unknown): void {
    this.notice = { kind: 'error', message: `${what}: ${toAppError(error).message}` };
  }

  #showToast(toast: UndoToast): void {
    this.#hideToast();
    this.toast = toast;
    this.#toastTimer = setTimeout(() => this.#hideToast(), 10_000);
  }

  #hideToast(): void {
    if (this.#toastTimer !== undefined) clearTimeout(this.#toastTimer);
    this.#toastTimer = undefined;
    this.toast = undefined;
  }
}
