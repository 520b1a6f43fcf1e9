// Composition of the renderer's state: key, models, the session and its comparison, wired to one Api.
import type { Api } from '../api';
import { ScrollSync } from '../scroll-sync';
import { themeOfPage, type Theme } from '../theme';
import { SettingsState } from './app-settings.svelte';
import { CodeExportState } from './code-export.svelte';
import { SuiteExportState } from './suite-export.svelte';
import { CompareState } from './compare.svelte';
import { toAppError } from './errors';
import type { FrameScheduler } from '../stream/frame';
import { KeyState } from './key.svelte';
import { ModelsState } from './models.svelte';
import { SessionState } from './session.svelte';
import type { SmallStore } from './drafts';
import { SessionLibrary } from './session-library.svelte';

/** A refused link is quoted in the notice, up to this many characters. */
const MAX_SHOWN_URL = 160;

export class AppState {
  readonly api: Api;
  readonly key: KeyState;
  readonly models: ModelsState;
  readonly session: SessionState;
  /** The saved sessions, and the open one's document. */
  readonly sessions: SessionLibrary;
  readonly compare: CompareState;
  readonly codeExport: CodeExportState;
  /** Export suite: the test set as scripts or a promptfoo configuration. */
  readonly suiteExport: SuiteExportState;
  readonly scrollSync: ScrollSync;
  /** The app's settings (main's) and the Settings view. */
  readonly settings: SettingsState;
  helpOpen = $state(false);
  /** Experiments dialogs: a sweep (panes from a cross product of settings), repeat runs, blind rating. */
  sweepOpen = $state(false);
  repeatOpen = $state(false);
  blindOpen = $state(false);
  /** The panes' last answers and repeat-run samples as one grid (tests/SummaryGridDialog.svelte). */
  summaryGridOpen = $state(false);

  constructor(api: Api, options: { scheduler?: FrameScheduler; store?: SmallStore; theme?: Theme } = {}) {
    this.api = api;
    this.models = new ModelsState(api);
    this.key = new KeyState(api, () => this.#keyChanged());
    this.session = new SessionState(api, {
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      onNeedKey: () => this.key.open(),
      onTurnEnded: () => this.sessions.document.turnEnded(),
      concurrency: () => this.settings.concurrency,
    });
    this.sessions = new SessionLibrary(api, this.session, options.store ? { store: options.store } : {});
    this.compare = new CompareState(this.session);
    this.codeExport = new CodeExportState(api, () => this.session);
    this.suiteExport = new SuiteExportState(api, () => this.session);
    this.scrollSync = new ScrollSync(() => this.session.syncScroll);
    let connection: string | undefined;
    this.settings = new SettingsState(api, options.theme ?? themeOfPage(), (settings) => {
      this.session.workspace.defaultModel = settings.defaultModel ?? '';
      this.session.workspace.collapseSettingsOnSend = settings.collapseSettingsOnSend !== false;
      // The model list and the key's check are what the old address answered (the models note sends the person here
      // to fix them): asked again at once, not at the next start. The first load finds them being asked already.
      const now = `${settings.baseUrl} ${settings.headersTimeoutSeconds} ${settings.idleTimeoutSeconds}`;
      if (connection !== undefined && now !== connection) this.#askModels();
      connection = now;
    });
  }

  /** A modal is up: window shortcuts (Esc = stop all, Ctrl+Enter = send…) stand down. */
  get modalOpen(): boolean {
    return this.key.dialogOpen || this.settings.dialogOpen || this.compare.open || this.helpOpen || this.codeExport.open || this.suiteExport.open || this.session.testSet.assertionsCaseId !== undefined || this.sweepOpen || this.repeatOpen || this.blindOpen || this.summaryGridOpen;
  }

  /** Subscribes to events and loads what the first screen needs; returns the cleanup. */
  start(): () => void {
    const unsubscribe = this.session.connect();
    // A key the API rejects later turns the badge red: main records it from the turn, the status is read again.
    const offTurn = this.api.onTurn((event) => {
      if ((event.type === 'error' && event.error.code === 'BAD_KEY') ||
        (event.type === 'done' && this.key.status?.check?.state !== 'valid')) void this.key.refresh();
    });
    // Something in main failed and nothing caught it: said where the session's problems are said, to dismiss.
    const offFault = this.api.onFault((message) => (this.sessions.notice = { kind: 'error', message }));
    // Main waits for this answer before the window closes; without it, an edit of the last half second is lost.
    const offClosing = this.api.onClosing(() => {
      void this.sessions
        .beforeClose()
        .then(({ saved, problem }) => this.api.closeReady(saved, problem))
        .catch(() => {
          // Main closes anyway once its wait is over.
        });
    });
    void this.key.load();
    // The model list is also the first check of a key saved before: the badge learns its answer.
    this.#askModels();
    // A new session's first pane takes the default model, so the settings come first (one quick call).
    void this.settings.load().then(() => this.sessions.start());
    return () => {
      unsubscribe();
      offTurn();
      offFault();
      offClosing();
      this.sessions.stop();
    };
  }

  #keyChanged(): void {
    // A "no key" / "key rejected" message under the prompt is stale once the key changed.
    this.session.composer.error = '';
    this.#askModels();
  }

  /** The models list is also a check of the key: the badge learns its answer. */
  #askModels(): void {
    void this.models.load().then(() => this.key.refresh());
  }

  /** Opens a link outside the app, through main; when main refuses it (or the system cannot), says why. */
  openLink(url: string): void {
    void this.#openLink(url);
  }

  async #openLink(url: string): Promise<void> {
    let problem: string;
    try {
      if (await this.api.openExternal(url)) return;
      problem = 'nothing is set up here to open links.';
    } catch (error) {
      problem = toAppError(error).message;
    }
    const shown = url.length > MAX_SHOWN_URL ? `${url.slice(0, MAX_SHOWN_URL)}…` : url;
    this.sessions.notice = { kind: 'warning', message: `This link was not opened: ${problem}\n${shown}` };
  }
}
