// The open session as the window uses it: its panes (workspace.svelte.ts), the prompt box (composer.svelte.ts),
// the turns it sends (turn-runner.svelte.ts), its experiments and its test set, wired together. What needs more than one of
// them happens here — removing a pane, a sweep, loading saved panes, Stop — the rest is handed to its owner.
import type { Unsubscribe } from '../../../src-shared/contract';
import type { PaneConfig } from '../../../src-shared/domain';
import type { AttachedFile, HistoryMode, SavedPane, SweepRecord } from '../../../src-shared/session';
import type { Api } from '../api';
import { AttachmentsState } from './attachments.svelte';
import { ComposerState, type SendTarget } from './composer.svelte';
import type { FieldName } from './config';
import { DEFAULT_CONCURRENCY, ExperimentsState } from './experiments.svelte';
import { animationFrames, type FrameScheduler } from '../stream/frame';
import type { PaneState } from './pane.svelte';
import { TestRunState } from './test-run.svelte';
import { TestSetState } from './test-set.svelte';
import { TurnEdits } from './turn-edits';
import { TurnRunner, type TemplateValues } from './turn-runner.svelte';
import { Workspace } from './workspace.svelte';
import { valuesWithoutAsking } from '../../../src-shared/eval/template';

export interface SessionOptions {
  scheduler?: FrameScheduler;
  /** Called when main says there is no usable key, so the key dialog can open. */
  onNeedKey?: () => void;
  /** A turn reached its end (done, failed, stopped): the moment to save at once. */
  onTurnEnded?: () => void;
  /** Requests at once for a test run (the Settings view's value); the last repeat run's, or 3, without it. */
  concurrency?: () => number;
}

export class SessionState {
  readonly workspace: Workspace;
  readonly composer: ComposerState;
  readonly runner: TurnRunner;
  /** Sweep, repeat runs and blind ratings over these panes. */
  readonly experiments: ExperimentsState;
  /** Images for the next turn (the composer's): for every pane, or for one pane. */
  readonly attachments: AttachmentsState;
  /** Test cases for the prompt template, their assertions and results. */
  readonly testSet: TestSetState;
  /** Running the test set: every case × pane, scored, into the set's results. */
  readonly testRun: TestRunState;
  /** Turns edited, resent, written by hand (examples) and the branches that keeps. */
  readonly edits: TurnEdits;

  constructor(api: Api, options: SessionOptions = {}) {
    const scheduler = options.scheduler ?? animationFrames;
    this.workspace = new Workspace(scheduler);
    this.attachments = new AttachmentsState((args) => api.addMedia(args));
    this.composer = new ComposerState(this.workspace, this.attachments);
    this.runner = new TurnRunner(api, this.workspace, this.composer, {
      scheduler,
      ...(options.onNeedKey ? { onNeedKey: options.onNeedKey } : {}),
      ...(options.onTurnEnded ? { onTurnEnded: options.onTurnEnded } : {}),
    });
    this.experiments = new ExperimentsState(this.workspace, this.runner);
    this.edits = new TurnEdits(this.workspace, this.runner, scheduler);
    this.testSet = new TestSetState(
      {
        prompt: () => this.composer.text,
        systemInstructions: () => this.workspace.panes.map((p) => p.settings.systemInstruction),
        responseSchema: (paneId) => {
          const config = this.workspace.panes.find((p) => p.id === paneId)?.settings.config;
          return config?.ok ? config.config.responseSchema : undefined;
        },
      },
      { saveTextFile: (name, text) => api.saveTextFile(name, text) },
    );
    this.testRun = new TestRunState(api, this.workspace, this.testSet, {
      scheduler,
      concurrency: options.concurrency ?? (() => this.experiments.repeat?.concurrency ?? DEFAULT_CONCURRENCY),
      ...(options.onNeedKey ? { onNeedKey: options.onNeedKey } : {}),
      ...(options.onTurnEnded ? { onSaved: options.onTurnEnded } : {}),
    });
  }

  // ── the panes (workspace) ───────────────────────────────────────────────────

  get panes(): PaneState[] {
    return this.workspace.panes;
  }
  get labels(): string[] {
    return this.workspace.labels;
  }
  get configDiff(): Workspace['configDiff'] {
    return this.workspace.configDiff;
  }
  /** Answers are streaming, or the test set is running. */
  get busy(): boolean {
    return this.workspace.busy || this.testRun.running !== undefined;
  }
  get canAdd(): boolean {
    return this.workspace.canAdd;
  }
  get historyMode(): HistoryMode {
    return this.workspace.historyMode;
  }
  set historyMode(mode: HistoryMode) {
    this.workspace.historyMode = mode;
  }
  get syncScroll(): boolean {
    return this.workspace.syncScroll;
  }
  set syncScroll(on: boolean) {
    this.workspace.syncScroll = on;
  }

  pane = (id: string): PaneState | undefined => this.workspace.pane(id);
  indexOf = (id: string): number => this.workspace.indexOf(id);
  labelOf = (id: string): string => this.workspace.labelOf(id);
  addPane = (): PaneState | undefined => this.workspace.addPane();
  duplicatePane = (id: string, options?: { withHistory?: boolean }): PaneState | undefined => this.workspace.duplicatePane(id, options);
  movePane = (id: string, delta: -1 | 1): void => this.workspace.movePane(id, delta);
  movePaneTo = (id: string, index: number): void => this.workspace.movePaneTo(id, index);
  renamePane = (id: string, label: string): void => this.workspace.renamePane(id, label);
  applyToAll = (field: FieldName, fromPaneId: string): void => this.workspace.applyToAll(field, fromPaneId);
  whyNotApplyToAll = (field: FieldName, fromPaneId: string): string | undefined => this.workspace.whyNotApplyToAll(field, fromPaneId);
  clear = (paneId: string): void => this.workspace.clear(paneId);
  toSavedPanes = (): SavedPane[] => this.workspace.toSaved();

  /** Removes a pane (never the last one); its running answer is stopped. */
  removePane(id: string): void {
    const pane = this.workspace.pane(id);
    if (!pane || !this.workspace.remove(pane)) return;
    void this.runner.stopTurns(pane.activeTurns);
    this.composer.forgetPane(id);
  }

  /**
   * Panes made by a sweep: they replace every pane (nothing may be streaming) or are added after the
   * current ones. Returns false, changing nothing, when they do not fit in MAX_PANES.
   */
  applySweep(configs: readonly PaneConfig[], mode: 'replace' | 'add', sweep?: Omit<SweepRecord, 'paneIds' | 'createdAt'>): boolean {
    const before = this.workspace.panes.map((p) => p.id);
    const made = this.workspace.addConfigs(configs, mode);
    if (!made) return false;
    if (mode === 'replace') this.composer.forgetPanes(before);
    if (sweep) this.experiments.recordSweep(sweep, made.map((p) => p.id));
    return true;
  }

  /** Replaces every pane with saved ones (a restored session, `id`); nothing may be streaming. */
  /** `attached`: the files the session saved in its prompt box, there unless files waited for it during this run. */
  loadPanes(saved: readonly SavedPane[], id?: string, attached?: readonly AttachedFile[]): void {
    if (this.workspace.load(saved)) this.composer.reset(this.sessionId, id, attached);
  }

  // ── the prompt box (composer) ───────────────────────────────────────────────

  get canSend(): boolean {
    return this.composer.canSend;
  }

  editLast = (): boolean => this.composer.editLast();
  cancelEdit = (): void => this.composer.cancelEdit();

  // ── turns (turn runner) ─────────────────────────────────────────────────────

  /** The saved session these panes belong to; sent with each turn for main's crash journal. */
  get sessionId(): string | undefined {
    return this.runner.sessionId;
  }
  set sessionId(id: string | undefined) {
    this.runner.sessionId = id;
  }

  connect(): Unsubscribe {
    const offTurns = this.runner.connect();
    const offCells = this.testRun.connect();
    return () => {
      offTurns();
      offCells();
    };
  }

  /**
   * Sends the composer's prompt. When it or a target pane's system instruction has `{{variables}}`, they are
   * filled with the selected test case's values, or the person is asked for them (`testSet.asking`) and
   * `sendWith` sends once they are given. A template with only `\{{` escapes is filled with nothing.
   */
  send(target?: SendTarget): Promise<void> {
    const composer = this.composer;
    const aim = composer.aimOf(target);
    // The rest of a prompt that reached only some panes goes with the values the others got, not new ones.
    const rest = composer.unsentFor(aim);
    if (rest?.values) return this.sendWith(rest.values, target);
    const panes = composer.targetsFor(aim);
    const systems = panes.map((p) => p.settings.systemInstruction);
    const variables = this.testSet.variablesFor(composer.text, systems);
    // While it cannot send anyway (busy, images pending), the runner says why without asking for values first.
    if (variables.length > 0 && composer.canSend) {
      const chosen = this.testSet.selected;
      if (chosen) return this.sendWith(this.testSet.valuesOf(chosen, variables), target);
      this.testSet.asking = { target, variables };
      return Promise.resolve();
    }
    return this.runner.send(target, valuesWithoutAsking([composer.text, ...systems]));
  }

  /** Sends the prompt with its variables filled with `values`. */
  async sendWith(values: TemplateValues, target?: SendTarget): Promise<void> {
    this.testSet.asking = undefined;
    const template = this.composer.text;
    await this.runner.send(target, values);
    if (this.composer.error === '') this.testSet.sentTemplate(template, { ...values });
  }

  /** Retry of a turn: in place when it is the last, a fork when it is earlier (turn-edits.ts); why not, if refused. */
  retry = async (paneId: string, turnId: string): Promise<string | undefined> => {
    const pane = this.workspace.pane(paneId);
    return pane ? this.edits.retry(pane, turnId) : undefined;
  };
  sendResults = (paneId: string, turnId: string): Promise<void> => this.runner.sendResults(paneId, turnId);
  regenerate = (paneId: string): Promise<void> => this.runner.regenerate(paneId);
  stopPane = (paneId: string): Promise<void> => this.runner.stopPane(paneId);

  /** Stops the repeat run (the banner's Stop run): answers streaming in panes or cells outside it go on. */
  async stopRepeat(): Promise<void> {
    this.experiments.stopRepeat();
    // Only a repeat run sends samples, and one runs at a time: the samples still active are its own.
    await this.runner.stopTurns(this.panes.flatMap((p) => p.turns.flatMap((t) => t.samples)).filter((s) => s.active));
  }

  /** Stops every streaming turn, the repeat run and the test run; each still ends with its own `cancelled` (or earlier terminal) event. */
  async stop(): Promise<void> {
    this.experiments.stopRepeat();
    await Promise.all([this.runner.stopAll(), this.testRun.stop()]);
  }
}
