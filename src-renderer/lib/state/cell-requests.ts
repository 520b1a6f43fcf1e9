// The requests of a test run (answers and judges), through the one `start` method under ids the renderer chooses,
// each followed by id to its end. Not turns: nothing here reaches a pane, and the turn router drops these events
// (no turn is routed under their ids), as this drops every other request's.
import { outputText } from '../../../src-shared/citations';
import type { Unsubscribe } from '../../../src-shared/contract';
import type { PaneTurnRequest, TerminalTurnEvent, TurnEvent } from '../../../src-shared/domain';
import type { Api } from '../api';

/** How a request ended, and its text: as it streamed, or as the finished interaction holds it. */
export interface Ended {
  event: TerminalTurnEvent;
  text: string;
}

export interface SendHooks {
  onDelta?: (text: string) => void;
  /** Main is retrying after a 429: the run slows down. */
  onRateLimit: (delayMs: number) => void;
  /** The run was stopped while main was taking this one: it is cancelled as soon as main has it. */
  stopping: () => boolean;
}

interface Waiting {
  paneId: string;
  text: string;
  hooks: SendHooks;
  resolve: (end: Ended) => void;
}

export class CellRequests {
  readonly #api: Pick<Api, 'start' | 'cancelTurn' | 'onTurn'>;
  readonly #waiting = new Map<string, Waiting>();

  constructor(api: Pick<Api, 'start' | 'cancelTurn' | 'onTurn'>) {
    this.#api = api;
  }

  /** Reads main's turn events; call the result to stop. */
  connect(): Unsubscribe {
    return this.#api.onTurn((event) => this.#route(event));
  }

  /** The requests started and not ended yet. */
  get ids(): string[] {
    return [...this.#waiting.keys()];
  }

  /**
   * Starts one request and resolves with its end. Routed before main is asked, so none of its events can come first;
   * a request main refuses throws.
   */
  async send(input: string, request: PaneTurnRequest, hooks: SendHooks): Promise<Ended> {
    const id = request.requestId;
    const ended = new Promise<Ended>((resolve) => this.#waiting.set(id, { paneId: request.paneId, text: '', hooks, resolve }));
    try {
      await this.#api.start({ input: { text: input }, panes: [request] });
    } catch (e) {
      this.#waiting.delete(id);
      throw e;
    }
    if (hooks.stopping() && this.#waiting.has(id)) void this.#api.cancelTurn([id]).catch(() => {});
    return ended;
  }

  /** Stops every request started and not ended; each still ends with its own terminal event. */
  async cancelAll(): Promise<void> {
    const ids = this.ids;
    if (ids.length > 0) await this.#api.cancelTurn(ids);
  }

  /** Every request waited for ends here as cancelled (another session opened); main is told to stop them. */
  abandonAll(): void {
    const ids = this.ids;
    for (const [requestId, waiting] of this.#waiting) {
      waiting.resolve({ event: { type: 'cancelled', requestId, paneId: waiting.paneId, partial: false, steps: [], metrics: { totalMs: 0 } }, text: '' });
    }
    this.#waiting.clear();
    if (ids.length > 0) void this.#api.cancelTurn(ids).catch(() => {});
  }

  #route(event: TurnEvent): void {
    const waiting = this.#waiting.get(event.requestId);
    if (!waiting || waiting.paneId !== event.paneId) return;
    switch (event.type) {
      case 'delta':
        if (event.text) {
          waiting.text += event.text;
          waiting.hooks.onDelta?.(event.text);
        }
        return;
      case 'retrying':
        if (event.code === 'RATE_LIMITED') waiting.hooks.onRateLimit(event.delayMs);
        return;
      case 'started':
      case 'step':
        return;
      default:
        this.#waiting.delete(event.requestId);
        waiting.resolve({ event, text: waiting.text !== '' || event.type !== 'done' ? waiting.text : outputText(event.steps) });
    }
  }
}
