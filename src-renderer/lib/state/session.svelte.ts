// The session: 1–6 panes, the shared composer, sending/stopping/retrying turns and routing turn events.
import { diffConfigs } from '../../../src-shared/config-diff';
import type { Unsubscribe } from '../../../src-shared/contract';
import type { AppError, ImageRef, PaneConfig, PaneTurnRequest, TurnEvent, TurnInput, UploadEvent } from '../../../src-shared/domain';
import { derivePaneLabels } from '../../../src-shared/pane-label';
import { MAX_PANES } from '../../../src-shared/limits';
import type { HistoryMode, SavedPane, SweepRecord } from '../../../src-shared/session';
import type { Api } from '../api';
import { AttachmentsState } from './attachments.svelte';
import { fieldsFromConfig, type FieldName } from './config';
import { describeError, toAppError } from './errors';
import { ExperimentsState } from './experiments.svelte';
import { animationFrames, type FrameScheduler } from './frame';
import { PaneState } from './pane.svelte';
import { paneToSaved, restorePane, restoreTurn, turnToSaved } from './saved';
import { TurnRouter } from './turn-router';
import { statusOf, TurnState } from './turn.svelte';

/** Where the composer sends: every pane, or one pane by id. */
export type SendTarget = 'all' | string;

export class ComposerState {
  text = $state('');
  /** Why the last send did not start; the prompt stays in the box. */
  error = $state('');
  sending = $state(false);
  target = $state<SendTarget>('all');
  /** Set by "Edit last prompt": the next send replaces these turns (pane id → turn id) instead of adding one. */
  editing = $state.raw<ReadonlyMap<string, string> | undefined>(undefined);
  /** Images for the next turn: for every pane, or for one pane. */
  readonly attachments: AttachmentsState;

  constructor(attachments: AttachmentsState) {
    this.attachments = attachments;
  }
}

export interface SessionOptions {
  scheduler?: FrameScheduler;
  /** Called when main says there is no usable key, so the key dialog can open. */
  onNeedKey?: () => void;
  /** A turn reached its end (done, failed, stopped): the moment to save at once. */
  onTurnEnded?: () => void;
}

let idCounter = 0;

/** Unique within the page, and across restored sessions (their ids were made by another run). */
function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${(++idCounter).toString(36)}`;
}

export class SessionState {
  panes = $state<PaneState[]>([]);
  readonly composer = new ComposerState(new AttachmentsState((args) => this.#api.addImage(args)));
  /** Images for the next turn (the composer's): for every pane, or for one pane. */
  readonly attachments = this.composer.attachments;
  /** Scroll every pane's conversation together, turn by turn. */
  syncScroll = $state(false);
  /** How following turns carry the conversation: previous_interaction_id, or every step with store:false. */
  historyMode = $state<HistoryMode>('server');
  /** The saved session these panes belong to; sent with each turn for main's crash journal. */
  sessionId = $state<string | undefined>(undefined);
  /** Sweep, repeat runs and blind ratings over these panes. */
  readonly experiments: ExperimentsState;

  readonly busy = $derived(this.panes.some((p) => p.busy));
  readonly canAdd = $derived(this.panes.length < MAX_PANES);
  /** Configs as typed so far (invalid fields left out): the basis for labels and the differences strip. */
  readonly drafts = $derived(this.panes.map((p) => p.settings.draft));
  readonly autoLabels = $derived(derivePaneLabels(this.drafts));
  readonly labels = $derived(this.panes.map((p, i) => p.label ?? this.autoLabels[i] ?? p.id));
  readonly configDiff = $derived(diffConfigs(this.drafts));
  readonly targets = $derived(this.#targets(this.composer.editing ? 'editing' : this.composer.target));
  readonly canSend = $derived(
    (this.composer.text.trim() !== '' || this.targets.some((p) => this.attachments.imagesFor(p.id).length > 0)) &&
      !this.attachments.pending &&
      !this.composer.sending &&
      this.targets.length > 0 &&
      !this.targets.some((p) => p.busy),
  );

  #api: Api;
  #scheduler: FrameScheduler;
  #onNeedKey: () => void;
  #onTurnEnded: () => void;
  readonly #router = new TurnRouter((route, event) => {
    if (event.type === 'error' && event.error.code === 'NOT_FOUND' && this.#fallBackToFullHistory(route.paneId, route.turn)) return;
    this.#onTurnEnded();
  });

  constructor(api: Api, options: SessionOptions = {}) {
    this.#api = api;
    this.#scheduler = options.scheduler ?? animationFrames;
    this.#onNeedKey = options.onNeedKey ?? (() => {});
    this.#onTurnEnded = options.onTurnEnded ?? (() => {});
    this.panes = [new PaneState('pane-1')];
    this.experiments = new ExperimentsState(this);
  }

  /** Subscribes to main's turn events; call the result to unsubscribe. */
  connect(): Unsubscribe {
    const offTurn = this.#api.onTurn((event) => this.route(event));
    const offUpload = this.#api.onUpload((event) => this.routeUpload(event));
    return () => {
      offTurn();
      offUpload();
    };
  }

  routeUpload(event: UploadEvent): void {
    this.#router.routeUpload(event);
  }

  pane(id: string): PaneState | undefined {
    return this.panes.find((p) => p.id === id);
  }

  indexOf(id: string): number {
    return this.panes.findIndex((p) => p.id === id);
  }

  labelOf(id: string): string {
    return this.labels[this.indexOf(id)] ?? id;
  }

  route(event: TurnEvent): void {
    this.#router.route(event);
  }

  // ── panes ────────────────────────────────────────────────────────────────

  /** A new pane at the end: same model as the last pane, every other setting unset. */
  addPane(): PaneState | undefined {
    if (!this.canAdd) return undefined;
    const pane = new PaneState(newId('pane'), { model: this.panes.at(-1)?.settings.model ?? '' });
    this.panes.push(pane);
    return pane;
  }

  /** A copy right after the original: its settings, and its conversation when `withHistory`. */
  duplicatePane(id: string, options: { withHistory?: boolean } = {}): PaneState | undefined {
    const index = this.indexOf(id);
    const source = this.panes[index];
    if (!source || !this.canAdd) return undefined;
    const pane = new PaneState(newId('pane'), source.settings.snapshot());
    pane.settingsOpen = source.settingsOpen;
    pane.moreOpen = source.moreOpen;
    if (source.label !== undefined) pane.label = `${source.label} (copy)`;
    if (options.withHistory) {
      pane.turns = source.turns.filter((t) => !t.active).map((t) => restoreTurn(turnToSaved(t), this.#scheduler, newId('turn')));
    }
    this.panes.splice(index + 1, 0, pane);
    return pane;
  }

  /** Removes a pane (never the last one); its running answer is stopped first. */
  removePane(id: string): void {
    const pane = this.pane(id);
    if (!pane || this.panes.length <= 1) return;
    if (pane.busy) void this.stopPane(id);
    this.panes = this.panes.filter((p) => p !== pane);
    this.attachments.dropPane(id);
    if (this.composer.target === id) this.composer.target = 'all';
  }

  movePane(id: string, delta: -1 | 1): void {
    const from = this.indexOf(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.panes.length) return;
    const next = [...this.panes];
    [next[from], next[to]] = [next[to]!, next[from]!];
    this.panes = next;
  }

  /** Moves a pane to `index` (a drag onto another pane), the others keeping their order. */
  movePaneTo(id: string, index: number): void {
    const from = this.indexOf(id);
    if (from < 0 || index < 0 || index >= this.panes.length || from === index) return;
    const next = [...this.panes];
    const [pane] = next.splice(from, 1);
    next.splice(index, 0, pane!);
    this.panes = next;
  }

  /** An empty name goes back to the derived label. */
  renamePane(id: string, label: string): void {
    const pane = this.pane(id);
    if (!pane) return;
    const trimmed = label.trim().slice(0, 200);
    pane.label = trimmed === '' ? undefined : trimmed;
  }

  /** Copies one setting, exactly as typed, from a pane to every other pane. */
  applyToAll(field: FieldName, fromPaneId: string): void {
    const source = this.pane(fromPaneId);
    if (!source) return;
    const value = source.settings.snapshot()[field];
    for (const pane of this.panes) if (pane !== source) pane.settings.set(field, value);
  }

  /**
   * Panes made by a sweep: they replace every pane (nothing may be streaming) or are added after the
   * current ones. Returns false, changing nothing, when they do not fit in MAX_PANES.
   */
  applySweep(configs: readonly PaneConfig[], mode: 'replace' | 'add', sweep?: Omit<SweepRecord, 'paneIds' | 'createdAt'>): boolean {
    if (configs.length === 0) return false;
    const room = mode === 'replace' ? MAX_PANES : MAX_PANES - this.panes.length;
    if (configs.length > room || (mode === 'replace' && this.busy)) return false;
    const made = configs.map((config) => new PaneState(newId('pane'), fieldsFromConfig(config)));
    if (mode === 'replace') {
      for (const pane of this.panes) this.attachments.dropPane(pane.id);
      this.panes = made;
      this.composer.target = 'all';
      this.composer.editing = undefined;
    } else {
      this.panes = [...this.panes, ...made];
    }
    if (sweep) this.experiments.sweep = { ...sweep, paneIds: made.map((p) => p.id), createdAt: new Date().toISOString() };
    return true;
  }

  // ── turns ────────────────────────────────────────────────────────────────

  /**
   * Sends the prompt to the composer's target (every pane by default). The prompt is cleared only once
   * main has accepted the turn; an invalid pane blocks the send and keeps everything as typed.
   */
  async send(target: SendTarget = this.composer.target): Promise<void> {
    const text = this.composer.text;
    const editing = this.composer.editing;
    const blank = text.trim() === '';
    // A blank prompt goes only to the panes that have images to send.
    const panes = this.#targets(editing ? 'editing' : target).filter((p) => !blank || this.attachments.imagesFor(p.id).length > 0);
    if (this.composer.sending || panes.length === 0) return;
    if (this.attachments.pending) {
      this.composer.error = 'Images are still being added; send again in a moment.';
      return;
    }
    const busy = panes.filter((p) => p.busy);
    if (busy.length > 0) {
      this.composer.error = `${this.#names(busy)} ${busy.length === 1 ? 'is' : 'are'} still answering. Stop or wait, then send.`;
      return;
    }
    const invalid = panes.filter((p) => !p.settings.valid);
    if (invalid.length > 0) {
      for (const pane of invalid) pane.revealErrors();
      const first = invalid[0]!;
      const firstError = Object.values(first.settings.errors)[0];
      this.composer.error =
        invalid.length === 1
          ? `${this.#names(invalid)}: ${firstError} — fix it in the pane’s settings to send.`
          : `Fix the highlighted settings in ${this.#names(invalid)} to send.`;
      return;
    }
    // Turn ids are made here and sent along, so main's crash journal names the turn the session saves.
    // Editing the last prompt: its turns are replaced, so the history stops before them.
    const at = (pane: PaneState) => (editing?.get(pane.id) === pane.lastTurn?.id ? pane.turns.length - 1 : pane.turns.length);
    const requests = panes.map((pane) => this.#paneRequest(pane, this.#config(pane), at(pane), newId('turn')));
    const replaced = new Set(panes.filter((pane) => at(pane) < pane.turns.length).map((p) => p.id));
    // Panes with the same images share one startTurn (and so one upload of each large image); an image
    // dropped on one pane makes that pane's input differ from the others'.
    const groups = new Map<string, { input: TurnInput; requests: PaneTurnRequest[] }>();
    for (const request of requests) {
      const images = this.attachments.imagesFor(request.paneId);
      const key = images.map((i) => i.sha256).join(',');
      let group = groups.get(key);
      if (!group) {
        group = { input: images.length > 0 ? { text, images } : { text }, requests: [] };
        groups.set(key, group);
      }
      group.requests.push(request);
    }

    this.composer.error = '';
    this.composer.sending = true;
    const reached: string[] = [];
    try {
      for (const group of groups.values()) {
        const started = await this.#api.startTurn({
          input: group.input,
          panes: group.requests,
          ...(this.sessionId ? { sessionId: this.sessionId } : {}),
        });
        for (const { paneId, requestId } of started.requests) {
          const pane = this.pane(paneId);
          const request = group.requests.find((r) => r.paneId === paneId);
          if (!pane || !request) continue;
          const config = request.config;
          const turn = new TurnState(request.turnId ?? newId('turn'), group.input, config, this.#scheduler);
          turn.begin(requestId, config);
          if (replaced.has(paneId)) pane.turns = [...pane.turns.slice(0, -1), turn];
          else pane.turns.push(turn);
          reached.push(paneId);
          this.#router.register(paneId, requestId, turn);
        }
      }
      this.composer.editing = undefined;
      if (this.composer.text === text) this.composer.text = '';
      this.attachments.sent(reached);
      // Side by side, the answers need the height: settings fold away (the strip still shows what differs).
      if (this.panes.length > 1) for (const pane of panes) pane.settingsOpen = false;
    } catch (e) {
      const error = toAppError(e);
      const message = describeError(error);
      const prefix = reached.length > 0 ? `Sent to ${this.#names(panes.filter((p) => reached.includes(p.id)))} only. ` : '';
      this.composer.error =
        prefix + (error.code === 'BAD_REQUEST' ? `Could not send: ${error.message}` : `${message.title}. ${message.detail}`);
      this.#needKey(error);
    } finally {
      this.composer.sending = false;
    }
  }

  /** Sends a finished turn's input again in place, with the pane's current settings. */
  async retry(paneId: string, turnId: string): Promise<void> {
    const pane = this.pane(paneId);
    const index = pane ? pane.turns.findIndex((t) => t.id === turnId) : -1;
    const turn = pane?.turns[index];
    if (!pane || !turn || pane.busy) return;
    if (!pane.settings.valid) {
      pane.revealErrors();
      turn.failToStart({ code: 'BAD_REQUEST', message: 'Fix the highlighted settings first.', retryable: false });
      return;
    }
    const config = this.#config(pane);
    turn.begin(undefined, config);
    try {
      const started = await this.#api.startTurn({
        input: turn.input,
        panes: [this.#paneRequest(pane, config, index, turn.id)],
        ...(this.sessionId ? { sessionId: this.sessionId } : {}),
      });
      const requestId = started.requests.find((r) => r.paneId === pane.id)?.requestId;
      if (!requestId) throw new Error('Main did not start this pane.');
      // Stopped while main was starting it.
      if (statusOf(turn) === 'stopped') {
        void this.#api.cancelTurn([requestId]).catch(() => {});
        this.#onTurnEnded();
        return;
      }
      turn.begin(requestId, config);
      this.#router.register(pane.id, requestId, turn);
    } catch (e) {
      const error = toAppError(e);
      turn.failToStart(error);
      this.#needKey(error);
      this.#onTurnEnded();
    }
  }

  /**
   * Fresh samples for a repeat run of the pane's last finished turn, replacing its earlier ones, sent
   * with the pane's current settings; or why there can be none.
   */
  prepareSamples(paneId: string, runs: number): { turn: TurnState; samples: TurnState[] } | string {
    const pane = this.pane(paneId);
    const turn = pane?.lastTurn;
    if (!pane || !turn) return 'Send a prompt first: a repeat run sends a pane’s last prompt again.';
    if (pane.busy) return `${this.#names([pane])} is still answering.`;
    if (!pane.settings.valid) {
      pane.revealErrors();
      return `${this.#names([pane])} has settings to fix first.`;
    }
    const config = this.#config(pane);
    turn.samples = Array.from({ length: runs }, () => new TurnState(newId('sample'), turn.input, config, this.#scheduler));
    return { turn, samples: turn.samples };
  }

  /**
   * Sends one sample of a repeat run (the turn's input and history, the sample's config) and resolves
   * when it has ended. No session id goes along: main's crash journal is for turns; a sample is saved
   * when it ends. `onEvent` sees each of its events (a 429 being retried, for instance).
   */
  async runSample(paneId: string, turnId: string, sample: TurnState, onEvent?: (event: TurnEvent) => void): Promise<void> {
    const pane = this.pane(paneId);
    const index = pane ? pane.turns.findIndex((t) => t.id === turnId) : -1;
    if (!pane || index < 0) {
      sample.failToStart({ code: 'BAD_REQUEST', message: 'The turn is gone.', retryable: false });
      return;
    }
    const config = sample.config;
    sample.begin(undefined, config);
    await new Promise<void>((resolve) => void this.#startSample(pane, index, sample, config, resolve, onEvent));
  }

  async #startSample(pane: PaneState, index: number, sample: TurnState, config: PaneConfig, onEnd: () => void, onEvent?: (event: TurnEvent) => void): Promise<void> {
    try {
      const started = await this.#api.startTurn({ input: sample.input, panes: [this.#paneRequest(pane, config, index, sample.id)] });
      const requestId = started.requests.find((r) => r.paneId === pane.id)?.requestId;
      if (!requestId) throw new Error('Main did not start this sample.');
      // Stopped while main was starting it: it must not stream (nor cost) after all.
      if (statusOf(sample) === 'stopped') {
        void this.#api.cancelTurn([requestId]).catch(() => {});
        onEnd();
        return;
      }
      sample.begin(requestId, config);
      this.#router.register(pane.id, requestId, sample, { onEnd, ...(onEvent ? { onEvent } : {}) });
    } catch (e) {
      const error = toAppError(e);
      sample.failToStart(error);
      this.#needKey(error);
      onEnd();
    }
  }

  /**
   * The server forgot the interaction a turn chained from (stored interactions expire): the earlier
   * turns are marked as not stored, so the turn is sent again once with the whole conversation, which
   * the app still has. Returns false when the turn did not chain from one (e.g. an unknown model).
   */
  #fallBackToFullHistory(paneId: string, turn: TurnState): boolean {
    const previous = (turn.request?.body as { previous_interaction_id?: unknown } | undefined)?.previous_interaction_id;
    const pane = this.pane(paneId);
    if (typeof previous !== 'string' || !pane || !pane.turns.includes(turn)) return false;
    const chainedFrom = pane.turns.find((t) => t.interactionId === previous);
    if (!chainedFrom) return false;
    for (const earlier of pane.turns) if (earlier !== turn) earlier.stored = false;
    void this.retry(paneId, turn.id).then(() => {
      if (turn.status !== 'failed') turn.note = 'The server no longer keeps the earlier turns, so this one was sent with the whole conversation.';
    });
    return true;
  }

  /** Sends a pane's last prompt again for a new answer, replacing the last one. */
  regenerate(paneId: string): Promise<void> {
    const last = this.pane(paneId)?.lastTurn;
    return last ? this.retry(paneId, last.id) : Promise.resolve();
  }

  /** The latest prompt, for "Edit last prompt": the text and the turns of it in each pane that has it. */
  lastPrompt(): { text: string; images: ImageRef[]; turns: Map<string, string> } | undefined {
    let latest: TurnState | undefined;
    for (const pane of this.panes) {
      const last = pane.lastTurn;
      if (last && (!latest || last.startedAt > latest.startedAt)) latest = last;
    }
    if (!latest) return undefined;
    const turns = new Map<string, string>();
    const shas = (turn: TurnState) => (turn.input.images ?? []).map((i) => i.sha256).join(',');
    for (const pane of this.panes) {
      const last = pane.lastTurn;
      if (last && last.input.text === latest.input.text && shas(last) === shas(latest)) turns.set(pane.id, last.id);
    }
    return { text: latest.input.text, images: [...(latest.input.images ?? [])], turns };
  }

  /** Puts the latest prompt back in the box; the next send replaces it in every pane that had it. */
  editLast(): boolean {
    const last = this.lastPrompt();
    if (!last || this.busy) return false;
    this.composer.text = last.text;
    this.attachments.restore(last.images);
    this.composer.editing = last.turns;
    this.composer.error = '';
    return true;
  }

  cancelEdit(): void {
    this.composer.editing = undefined;
  }

  /** Stops every streaming turn and the repeat run; each still ends with its own `cancelled` (or earlier terminal) event. */
  stop(): Promise<void> {
    this.experiments.stopRepeat();
    const active = this.panes.flatMap((p) => p.activeTurns);
    for (const turn of active) turn.abandon();
    return this.#cancel(active);
  }

  /** Stops one pane (its queued samples too); the others keep streaming. */
  stopPane(paneId: string): Promise<void> {
    const active = this.pane(paneId)?.activeTurns ?? [];
    for (const turn of active) turn.abandon();
    return this.#cancel(active);
  }

  clear(paneId: string): void {
    const pane = this.pane(paneId);
    if (pane && !pane.busy) pane.clear();
  }

  // ── the saved-session shape ───────────────────────────────────────────────

  toSavedPanes(): SavedPane[] {
    return this.panes.map(paneToSaved);
  }

  /** Replaces every pane with saved ones (a restored session); nothing may be streaming. */
  loadPanes(saved: readonly SavedPane[]): void {
    if (this.busy || saved.length === 0) return;
    this.panes = saved.slice(0, MAX_PANES).map((p) => restorePane(p, this.#scheduler));
    this.composer.target = 'all';
    this.composer.editing = undefined;
    this.attachments.clear();
  }

  /**
   * Reads everything a save would keep except the text of streaming answers (saved when they end), so
   * an effect over it re-runs on each edit but not on each delta.
   */
  changeKey(): string {
    const parts: unknown[] = [this.historyMode, this.experiments.changeKey()];
    for (const pane of this.panes) {
      parts.push(pane.id, pane.label, pane.settings.snapshot());
      for (const turn of pane.turns) {
        parts.push(turn.id, turn.status);
        for (const sample of turn.samples) parts.push(sample.id, sample.status);
      }
    }
    return JSON.stringify(parts);
  }

  // ── internals ────────────────────────────────────────────────────────────

  #targets(target: SendTarget | 'editing'): PaneState[] {
    if (target === 'all') return this.panes;
    if (target === 'editing') return this.panes.filter((p) => this.composer.editing?.has(p.id));
    const pane = this.panes.find((p) => p.id === target);
    return pane ? [pane] : [];
  }

  /** "Pane 2 (T=0.2)", "panes 1 and 3". */
  #names(panes: readonly PaneState[]): string {
    if (panes.length === 1) return `Pane ${this.indexOf(panes[0]!.id) + 1} (${this.labelOf(panes[0]!.id)})`;
    const numbers = panes.map((p) => this.indexOf(p.id) + 1);
    return `Panes ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
  }

  #config(pane: PaneState): PaneConfig {
    const result = pane.settings.config;
    if (!result.ok) throw new Error('validated above');
    return result.config;
  }

  async #cancel(turns: readonly TurnState[]): Promise<void> {
    const running = turns.filter((t) => t.active && t.requestId !== undefined);
    if (running.length === 0) return;
    for (const turn of running) turn.stopping = true;
    try {
      await this.#api.cancelTurn(running.map((t) => t.requestId!));
    } catch (e) {
      for (const turn of running) turn.stopping = false;
      this.composer.error = `Could not stop: ${toAppError(e).message}`;
    }
  }

  #needKey(error: AppError): void {
    if (error.code === 'NO_KEY' || error.code === 'BAD_KEY') this.#onNeedKey();
  }

  #paneRequest(pane: PaneState, config: PaneConfig, turnIndex: number, turnId: string): PaneTurnRequest {
    const request: PaneTurnRequest = { paneId: pane.id, config, turnId };
    const history = pane.historyFor(turnIndex, this.historyMode);
    if (history.mode !== 'none') request.history = history;
    return request;
  }
}
