// The session: N panes, the shared prompt box, sending/stopping/retrying turns and routing turn events.
import type { Unsubscribe } from '../../../src-shared/contract';
import type { PaneConfig, PaneTurnRequest, TurnEvent } from '../../../src-shared/domain';
import type { Api } from '../api';
import { describeError, toAppError } from './errors';
import { animationFrames, type FrameScheduler } from './frame';
import { PaneState } from './pane.svelte';
import { TurnState } from './turn.svelte';

export class ComposerState {
  text = $state('');
  /** Why the last send did not start; the prompt stays in the box. */
  error = $state('');
  sending = $state(false);
}

export interface SessionOptions {
  scheduler?: FrameScheduler;
  /** Called when main says there is no usable key, so the key dialog can open. */
  onNeedKey?: () => void;
}

/** Events that arrive before startTurn has told us their request id are kept this long. */
const MAX_EARLY_REQUESTS = 64;
const MAX_EARLY_EVENTS = 5_000;

export class SessionState {
  panes = $state<PaneState[]>([]);
  readonly composer = new ComposerState();

  readonly busy = $derived(this.panes.some((p) => p.busy));
  readonly canSend = $derived(this.composer.text.trim() !== '' && !this.composer.sending && !this.busy);

  #api: Api;
  #scheduler: FrameScheduler;
  #onNeedKey: () => void;
  #routes = new Map<string, { paneId: string; turn: TurnState }>();
  #early = new Map<string, TurnEvent[]>();
  #turnSeq = 0;

  constructor(api: Api, options: SessionOptions = {}) {
    this.#api = api;
    this.#scheduler = options.scheduler ?? animationFrames;
    this.#onNeedKey = options.onNeedKey ?? (() => {});
    this.panes = [new PaneState('pane-1')];
  }

  /** Subscribes to main's turn events; call the result to unsubscribe. */
  connect(): Unsubscribe {
    return this.#api.onTurn((event) => this.route(event));
  }

  pane(id: string): PaneState | undefined {
    return this.panes.find((p) => p.id === id);
  }

  route(event: TurnEvent): void {
    const route = this.#routes.get(event.requestId);
    if (!route) {
      this.#keepEarly(event);
      return;
    }
    if (route.paneId !== event.paneId) return;
    if (route.turn.apply(event)) this.#routes.delete(event.requestId);
  }

  /** Sends the prompt to every pane. The prompt is cleared only once main has accepted the turn. */
  async send(): Promise<void> {
    const text = this.composer.text;
    if (text.trim() === '' || this.composer.sending || this.busy) return;
    const requests: PaneTurnRequest[] = [];
    for (const pane of this.panes) {
      const result = pane.settings.config;
      if (!result.ok) {
        pane.settingsOpen = true;
        this.composer.error = 'Fix the highlighted settings before sending.';
        return;
      }
      requests.push(this.#paneRequest(pane, result.config, pane.turns.length));
    }

    this.composer.error = '';
    this.composer.sending = true;
    try {
      const started = await this.#api.startTurn({ input: { text }, panes: requests });
      for (const { paneId, requestId } of started.requests) {
        const pane = this.pane(paneId);
        const config = requests.find((r) => r.paneId === paneId)?.config;
        if (!pane || !config) continue;
        const turn = new TurnState(`turn-${++this.#turnSeq}`, { text }, config.model, this.#scheduler);
        turn.begin(requestId, config.model);
        pane.turns.push(turn);
        this.#register(paneId, requestId, turn);
      }
      if (this.composer.text === text) this.composer.text = '';
    } catch (e) {
      const error = toAppError(e);
      const message = describeError(error);
      this.composer.error = error.code === 'BAD_REQUEST' ? `Could not send: ${error.message}` : `${message.title}. ${message.detail}`;
      if (error.code === 'NO_KEY' || error.code === 'BAD_KEY') this.#onNeedKey();
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
    const result = pane.settings.config;
    if (!result.ok) {
      pane.settingsOpen = true;
      turn.failToStart({ code: 'BAD_REQUEST', message: 'Fix the highlighted settings first.', retryable: false });
      return;
    }
    turn.begin(undefined, result.config.model);
    try {
      const started = await this.#api.startTurn({ input: turn.input, panes: [this.#paneRequest(pane, result.config, index)] });
      const requestId = started.requests.find((r) => r.paneId === pane.id)?.requestId;
      if (!requestId) throw new Error('Main did not start this pane.');
      turn.begin(requestId, result.config.model);
      this.#register(pane.id, requestId, turn);
    } catch (e) {
      const error = toAppError(e);
      turn.failToStart(error);
      if (error.code === 'NO_KEY' || error.code === 'BAD_KEY') this.#onNeedKey();
    }
  }

  /** Stops every streaming turn; each still ends with its own `cancelled` (or earlier terminal) event. */
  async stop(): Promise<void> {
    const turns = this.panes.flatMap((p) => p.turns.filter((t) => t.active && t.requestId !== undefined));
    if (turns.length === 0) return;
    for (const turn of turns) turn.stopping = true;
    try {
      await this.#api.cancelTurn(turns.map((t) => t.requestId!));
    } catch (e) {
      for (const turn of turns) turn.stopping = false;
      this.composer.error = `Could not stop: ${toAppError(e).message}`;
    }
  }

  clear(paneId: string): void {
    const pane = this.pane(paneId);
    if (pane && !pane.busy) pane.clear();
  }

  #paneRequest(pane: PaneState, config: PaneConfig, turnIndex: number): PaneTurnRequest {
    const request: PaneTurnRequest = { paneId: pane.id, config };
    const history = pane.historyFor(turnIndex);
    if (history.mode !== 'none') request.history = history;
    return request;
  }

  #register(paneId: string, requestId: string, turn: TurnState): void {
    this.#routes.set(requestId, { paneId, turn });
    const early = this.#early.get(requestId);
    this.#early.delete(requestId);
    for (const event of early ?? []) this.route(event);
  }

  #keepEarly(event: TurnEvent): void {
    let list = this.#early.get(event.requestId);
    if (!list) {
      if (this.#early.size >= MAX_EARLY_REQUESTS) {
        const oldest = this.#early.keys().next().value;
        if (oldest !== undefined) this.#early.delete(oldest);
      }
      list = [];
      this.#early.set(event.requestId, list);
    }
    if (list.length < MAX_EARLY_EVENTS) list.push(event);
  }
}
