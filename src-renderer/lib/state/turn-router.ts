// Main's turn and upload events, to the turn (or repeat sample) each request builds. Events can arrive
// before startTurn has answered with their request id; those are kept, within bounds, until it has.
import type { TerminalTurnEvent, TurnEvent, UploadEvent } from '../../../src-shared/domain';
import type { TurnState } from './turn.svelte';

/** Where a request's events go: the turn (or sample) they build, and who else wants to know. */
export interface Route {
  paneId: string;
  turn: TurnState;
  onEvent?: (event: TurnEvent) => void;
  onEnd?: () => void;
}

/** Events that arrive before startTurn has told us their request id are kept this long. */
const MAX_EARLY_REQUESTS = 64;
const MAX_EARLY_EVENTS = 5_000;

export class TurnRouter {
  #routes = new Map<string, Route>();
  #early = new Map<string, TurnEvent[]>();
  /** The latest upload progress of requests not routed yet (it can arrive before startTurn answers). */
  #earlyUploads = new Map<string, UploadEvent>();
  readonly #ended: (route: Route, event: TerminalTurnEvent) => void;

  /** `ended` hears of each request's terminal event, after its turn has applied it. */
  constructor(ended: (route: Route, event: TerminalTurnEvent) => void) {
    this.#ended = ended;
  }

  route(event: TurnEvent): void {
    const route = this.#routes.get(event.requestId);
    if (!route) {
      this.#keepEarly(event);
      return;
    }
    if (route.paneId !== event.paneId) return;
    route.onEvent?.(event);
    if (route.turn.apply(event)) {
      this.#routes.delete(event.requestId);
      route.onEnd?.();
      this.#ended(route, event as TerminalTurnEvent);
    }
  }

  routeUpload(event: UploadEvent): void {
    const route = this.#routes.get(event.requestId);
    if (route) {
      if (route.paneId === event.paneId) route.turn.applyUpload(event);
      return;
    }
    if (this.#earlyUploads.size >= MAX_EARLY_REQUESTS && !this.#earlyUploads.has(event.requestId)) {
      const oldest = this.#earlyUploads.keys().next().value;
      if (oldest !== undefined) this.#earlyUploads.delete(oldest);
    }
    this.#earlyUploads.set(event.requestId, event);
  }

  /** From now on `requestId`'s events go to `turn`; those that came early are applied at once. */
  register(paneId: string, requestId: string, turn: TurnState, hooks: Pick<Route, 'onEnd' | 'onEvent'> = {}): void {
    this.#routes.set(requestId, { paneId, turn, ...hooks });
    const upload = this.#earlyUploads.get(requestId);
    this.#earlyUploads.delete(requestId);
    if (upload && upload.paneId === paneId) turn.applyUpload(upload);
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
