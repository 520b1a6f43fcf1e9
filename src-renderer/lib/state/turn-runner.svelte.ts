// Sending turns to main and following them: send, retry, regenerate, repeat-run samples, stop. All start through one
// path (#start): each request is named after its turn and routed before main is asked, so main's events reach the
// turn (or sample) they build. Later rounds (function results, a resend with the whole conversation): turn-rounds.ts.
import type { Unsubscribe } from '../../../src-shared/contract';
import type { AppError, PaneConfig, PaneTurnRequest, TurnEvent, TurnInput } from '../../../src-shared/domain';
import { fill, withSystemFilled } from '../../../src-shared/eval/template';
import { forkAt } from '../conversation-branches';
import type { Api } from '../api';
import type { ComposerState, SendTarget } from './composer.svelte';
import { describeError, toAppError } from './errors';
import type { FrameScheduler } from '../stream/frame';
import { resultsFromDrafts } from './function-calls';
import { whyNotSend } from './send-blockers';
import { newId } from './ids';
import type { PaneState } from './pane.svelte';
import { TurnRouter } from '../stream/turn-router';
import { type Hooks, type Launch, TurnRounds } from './turn-rounds';
import { statusOf, TurnState } from './turn.svelte';
import type { Workspace } from './workspace.svelte';

export interface TurnRunnerOptions {
  scheduler: FrameScheduler;
  /** Called when main says there is no usable key, so the key dialog can open. */
  onNeedKey?: () => void;
  /** A turn reached its end (done, failed, stopped): the moment to save at once. */
  onTurnEnded?: () => void;
}

/** A template's values: variable name → text. */
export type TemplateValues = Readonly<Record<string, string>>;

export class TurnRunner {
  /** The saved session these panes belong to; sent with each turn for main's crash journal. */
  sessionId = $state<string | undefined>(undefined);

  readonly #api: Api;
  readonly #workspace: Workspace;
  readonly #composer: ComposerState;
  readonly #scheduler: FrameScheduler;
  readonly #onNeedKey: () => void;
  readonly #onTurnEnded: () => void;
  readonly #router = new TurnRouter((route) => this.#ended(route.paneId, route.turn, route));
  /** New turns of a send that main has not answered yet: not in their pane, so an end waits until they are. */
  readonly #unplaced = new Set<TurnState>();
  readonly #rounds: TurnRounds;

  constructor(api: Api, workspace: Workspace, composer: ComposerState, options: TurnRunnerOptions) {
    this.#api = api;
    this.#workspace = workspace;
    this.#composer = composer;
    this.#scheduler = options.scheduler;
    this.#onNeedKey = options.onNeedKey ?? (() => {});
    this.#onTurnEnded = options.onTurnEnded ?? (() => {});
    this.#rounds = new TurnRounds({
      workspace,
      start: (input, launches, journal) => this.#start(input, launches, journal),
      retry: (paneId, turnId) => this.retry(paneId, turnId),
      turnEnded: () => this.#onTurnEnded(),
      needKey: (error) => this.#needKey(error),
    });
  }

  /** Subscribes to main's turn events; call the result to unsubscribe. */
  connect(): Unsubscribe {
    const offTurn = this.#api.onTurn((event) => this.#router.route(event));
    const offUpload = this.#api.onUpload((event) => this.#router.routeUpload(event));
    return () => {
      offTurn();
      offUpload();
    };
  }

  /**
   * Sends the prompt to the composer's target (every pane by default). The prompt is cleared only once
   * main has accepted the turn; an invalid pane blocks the send and keeps everything as typed. With `values`,
   * the prompt and each pane's system instruction are templates, filled with them.
   */
  async send(target: SendTarget = this.#composer.target, values?: TemplateValues): Promise<void> {
    const composer = this.#composer;
    const attachments = composer.attachments;
    const typed = composer.text;
    const text = values ? fill(typed, values).text : typed;
    const editing = composer.editing;
    const aim = composer.aimOf(target);
    const blank = text.trim() === '';
    // A blank prompt goes only to the panes that have images to send.
    const panes = composer.targetsFor(aim).filter((p) => !blank || attachments.imagesFor(p.id).length > 0);
    if (composer.sending || panes.length === 0) return;
    for (const pane of panes) for (const turn of pane.activeTurns) turn.endNow(); // done in main, still drawing
    const problem = whyNotSend(panes, composer, this.#workspace);
    if (problem) {
      composer.error = problem;
      return;
    }
    // Editing the last prompt: the conversation forks before those turns (kept as a branch); history stops there.
    const at = (pane: PaneState) => (pane.lastTurn && editing?.get(pane.id) === pane.lastTurn.id ? pane.turns.length - 1 : pane.turns.length);
    const replaced = new Set(panes.filter((pane) => at(pane) < pane.turns.length).map((p) => p.id));
    // Panes with the same images share one start (and so one upload of each large image). An image dropped on one
    // pane makes its input differ, and so does the same picture at another resolution or under another name.
    const groups = new Map<string, { input: TurnInput; launches: Launch[] }>();
    for (const pane of panes) {
      const images = attachments.imagesFor(pane.id);
      const key = JSON.stringify(images.map((i) => [i.sha256, i.name, i.resolution ?? '']));
      let group = groups.get(key);
      if (!group) {
        group = { input: images.length > 0 ? { text, images } : { text }, launches: [] };
        groups.set(key, group);
      }
      const config = this.#config(pane, values);
      const turn = new TurnState(newId('turn'), group.input, config, this.#scheduler);
      if (values) turn.fillValues = { ...values };
      group.launches.push({ pane, turn, request: this.#paneRequest(pane, config, at(pane), turn.id) });
    }

    composer.error = '';
    composer.sending = true;
    const reached: string[] = [];
    try {
      for (const { input, launches } of groups.values()) {
        for (const { turn } of launches) this.#unplaced.add(turn);
        try {
          await this.#start(input, launches, true);
        } finally {
          for (const { turn } of launches) this.#unplaced.delete(turn);
        }
        for (const { pane, turn } of launches) {
          if (replaced.has(pane.id)) pane.follow(forkAt(pane, pane.turns.length - 1, [turn]));
          else pane.turns.push(turn);
          reached.push(pane.id);
          // It ended before main's answer came back (a refused key, say): what its end does happens now.
          if (!turn.active) this.#ended(pane.id, turn);
        }
      }
      composer.sentEverywhere(typed, reached);
      // The answers need the height: settings fold (unless the person chose not to), after the new turns' frame:
      // six forms taken down in it made a task of 50–60 ms (bench/RESULTS.md §3).
      const fold = () => panes.forEach((pane) => (pane.settingsOpen = false));
      if (this.#workspace.collapseSettingsOnSend) this.#scheduler.afterFrame(fold);
    } catch (e) {
      const error = toAppError(e);
      const message = describeError(error);
      // The panes reached keep their turn; the prompt stays for the rest, and the next send goes to them alone.
      if (reached.length > 0) composer.reachedOnly({ aim, text: typed, values }, panes, reached);
      composer.error = error.code === 'BAD_REQUEST' ? `Could not send: ${error.message}` : `${message.title}. ${message.detail}`;
      this.#needKey(error);
    } finally {
      composer.sending = false;
    }
  }

  /** Sends a finished turn's input again in place, with the pane's current settings. */
  async retry(paneId: string, turnId: string): Promise<void> {
    const pane = this.#workspace.pane(paneId);
    const index = pane ? pane.turns.findIndex((t) => t.id === turnId) : -1;
    const turn = pane?.turns[index];
    if (!pane || !turn || pane.busy || turn.example) return; // an example's answer is the person's, never sent for
    // The answer it replaces was requested under the turn's id, and a save may still hold it when the app closes first.
    return this.#sendAgain(pane, index, turn, turn.id);
  }

  /**
   * Sends a turn placed in its pane but never sent (a prompt edited and resent where the conversation forks), as
   * Retry sends one: the turn is new, so it counts as answering already; nothing else in the pane may be.
   */
  async sendPlaced(paneId: string, turnId: string): Promise<void> {
    const pane = this.#workspace.pane(paneId);
    const index = pane ? pane.turns.findIndex((t) => t.id === turnId) : -1;
    const turn = pane?.turns[index];
    if (!pane || !turn || turn.requestId !== undefined || pane.activeTurns.some((t) => t !== turn)) return;
    return this.#sendAgain(pane, index, turn);
  }

  async #sendAgain(pane: PaneState, index: number, turn: TurnState, replaces?: string): Promise<void> {
    if (!pane.settings.valid) {
      pane.revealErrors();
      turn.failToStart({ code: 'BAD_REQUEST', message: 'Fix the highlighted settings first.', retryable: false });
      return;
    }
    const config = this.#config(pane, turn.fillValues);
    turn.begin(undefined, config);
    try {
      const request = this.#paneRequest(pane, config, index, turn.id);
      if (replaces !== undefined) request.replaces = replaces;
      const stopped = await this.#start(turn.input, [{ pane, turn, request }], true);
      if (stopped) this.#onTurnEnded();
    } catch (e) {
      const error = toAppError(e);
      turn.failToStart(error);
      this.#needKey(error);
      this.#onTurnEnded();
    }
  }

  /** Sends a pane's last prompt again for a new answer, replacing the last one. */
  regenerate(paneId: string): Promise<void> {
    const last = this.#workspace.pane(paneId)?.lastTurn;
    return last ? this.retry(paneId, last.id) : Promise.resolve();
  }

  /**
   * Fresh samples for a repeat run of the pane's last finished turn, replacing its earlier ones, sent
   * with the pane's current settings; or why there can be none.
   */
  prepareSamples(paneId: string, runs: number): { turn: TurnState; samples: TurnState[] } | string {
    const pane = this.#workspace.pane(paneId);
    const turn = pane?.lastTurn;
    if (!pane || !turn) return 'Send a prompt first: a repeat run sends a pane’s last prompt again.';
    if (pane.busy) return `${this.#workspace.names([pane])} is still answering.`;
    if (!pane.settings.valid) {
      pane.revealErrors();
      return `${this.#workspace.names([pane])} has settings to fix first.`;
    }
    const config = this.#config(pane, turn.fillValues);
    turn.samples = Array.from({ length: runs }, () => new TurnState(newId('sample'), turn.input, config, this.#scheduler));
    return { turn, samples: turn.samples };
  }

  /**
   * Sends one sample of a repeat run (the turn's input and history, the sample's config) and resolves
   * when it has ended. No session id goes along: main's crash journal is for turns; a sample is saved
   * when it ends. `onEvent` sees each of its events (a 429 being retried, for instance).
   */
  async runSample(paneId: string, turnId: string, sample: TurnState, onEvent?: (event: TurnEvent) => void): Promise<void> {
    const pane = this.#workspace.pane(paneId);
    const index = pane ? pane.turns.findIndex((t) => t.id === turnId) : -1;
    if (!pane || index < 0) {
      sample.failToStart({ code: 'BAD_REQUEST', message: 'The turn is gone.', retryable: false });
      return;
    }
    const config = sample.config;
    sample.begin(undefined, config);
    await new Promise<void>((resolve) => void this.#startSample(pane, index, sample, config, resolve, onEvent));
  }

  /**
   * Sends the results for the open function calls of a pane's last turn (typed, or its mocks) and continues the
   * turn with them. Nothing happens while any result cannot be sent (the panel says why) or the pane is busy.
   */
  async sendResults(paneId: string, turnId: string): Promise<void> {
    const pane = this.#workspace.pane(paneId);
    const turn = pane?.lastTurn;
    if (!pane || !turn || turn.id !== turnId || pane.busy) return;
    const answer = resultsFromDrafts(turn.config, turn.pendingCalls, turn.drafts);
    if (answer.ok) await this.#rounds.continue(pane, turn, answer.results);
  }

  /** Stops every streaming turn and sample; each still ends with its own `cancelled` (or earlier terminal) event. */
  stopAll(): Promise<void> {
    return this.stopTurns(this.#workspace.panes.flatMap((p) => p.activeTurns));
  }

  /** Stops one pane (its queued samples too); the others keep streaming. */
  stopPane(paneId: string): Promise<void> {
    return this.stopTurns(this.#workspace.pane(paneId)?.activeTurns ?? []);
  }

  /**
   * Turns main has not taken yet (queued samples, starts on their way) end at once and hear no more of
   * main; #start cancels those main then takes. Requests main is running are cancelled there.
   */
  async stopTurns(turns: readonly TurnState[]): Promise<void> {
    for (const turn of turns) {
      // An answer main has finished, still being drawn: all of it shows now, as it is done.
      turn.endNow();
      if (!turn.abandon()) continue;
      this.#router.forget(turn);
    }
    const running = turns.filter((t) => t.active && t.requestId !== undefined);
    if (running.length === 0) return;
    for (const turn of running) turn.stopping = true;
    try {
      await this.#api.cancelTurn(running.map((t) => t.requestId!));
    } catch (e) {
      for (const turn of running) turn.stopping = false;
      this.#composer.error = `Could not stop: ${toAppError(e).message}`;
    }
  }

  async #startSample(pane: PaneState, index: number, sample: TurnState, config: PaneConfig, onEnd: () => void, onEvent?: (event: TurnEvent) => void): Promise<void> {
    try {
      const request = this.#paneRequest(pane, config, index, sample.id);
      if (await this.#start(sample.input, [{ pane, turn: sample, request, hooks: { onEnd, ...(onEvent ? { onEvent } : {}) } }], false)) onEnd();
    } catch (e) {
      const error = toAppError(e);
      sample.failToStart(error);
      this.#needKey(error);
      onEnd();
    }
  }

  /**
   * The one way turns and samples reach main (Send, Retry, a repeat-run sample): each request is named after
   * its turn and routed before main is asked, so none of its events can come first. `journal`: whether main
   * may journal them under this session (turns, not samples). Answers whether a turn was stopped while main
   * was starting it — then main, which has it now, is told to cancel it. When main refuses, nothing started:
   * the routes go and the error is thrown.
   */
  async #start(input: TurnInput, launches: readonly Launch[], journal: boolean): Promise<boolean> {
    for (const { pane, turn, request, hooks } of launches) this.#router.register(pane.id, request.requestId, turn, { ...hooks, nameOf: pane.fileName });
    try {
      await this.#api.start({ input, panes: launches.map((l) => l.request), ...(journal ? this.#journal() : {}) });
    } catch (e) {
      for (const { turn, request } of launches) this.#router.unregister(request.requestId, turn);
      throw e;
    }
    const stopped: string[] = [];
    for (const { turn, request } of launches) {
      if (statusOf(turn) === 'stopped' && turn.requestId === undefined) stopped.push(request.requestId);
      else turn.requestId = request.requestId;
    }
    if (stopped.length > 0) void this.#api.cancelTurn(stopped).catch(() => {});
    return stopped.length > 0;
  }

  /**
   * After a turn's terminal event (or, for a send's new turn, once it is in its pane). Answers true when the turn
   * goes on under another request, which takes `hooks` over (a sample's run ends when its last round does).
   */
  #ended(paneId: string, turn: TurnState, hooks: Hooks = {}): boolean {
    if (this.#unplaced.has(turn)) return false;
    // Only a chained interaction main found gone: a wrong model (NOT_FOUND) would fail again and cost server history.
    if (statusOf(turn) === 'failed' && turn.error?.code === 'INTERACTION_GONE' && this.#rounds.fallBackToFullHistory(paneId, turn, hooks)) return true;
    // Panes that finish together are saved once, by the last answer drawn (the others end within a few frames).
    if (!this.#workspace.panes.some((p) => p.activeTurns.some((t) => t.ending))) this.#onTurnEnded();
    return this.#rounds.answerWithMocks(paneId, turn, hooks);
  }

  #journal(): { sessionId?: string } {
    return this.sessionId ? { sessionId: this.sessionId } : {};
  }

  #config(pane: PaneState, values?: TemplateValues): PaneConfig {
    const result = pane.settings.config;
    if (!result.ok) throw new Error('validated above');
    return values ? withSystemFilled(result.config, values) : result.config;
  }

  #needKey(error: AppError): void {
    if (error.code === 'NO_KEY' || error.code === 'BAD_KEY') this.#onNeedKey();
  }

  #paneRequest(pane: PaneState, config: PaneConfig, turnIndex: number, turnId: string): PaneTurnRequest {
    const request: PaneTurnRequest = { requestId: turnId, paneId: pane.id, config };
    const history = pane.historyFor(turnIndex, this.#workspace.historyMode);
    if (history.mode !== 'none') request.history = history;
    return request;
  }
}
