// Main's turn and upload events, to the turn (or repeat sample) each request builds. The renderer names
// each request after its turn and routes it before asking main to start it, so every event of a request
// this window started finds its route; one without a route (its turn was stopped before main took it) is
// for no turn any more and is dropped.
import type { TerminalTurnEvent, TurnEvent, UploadEvent } from '../../../src-shared/domain';
import type { TurnState } from '../state/turn.svelte';

/** Where a request's events go: the turn (or sample) they build, and who else wants to know. */
export interface Route {
  paneId: string;
  turn: TurnState;
  onEvent?: (event: TurnEvent) => void;
  onEnd?: () => void;
  /** The name a file of the pane's conversation was attached under: a stateless turn uploads the history's too. */
  nameOf?: (sha256: string) => string | undefined;
}

export class TurnRouter {
  #routes = new Map<string, Route>();
  readonly #ended: (route: Route, event: TerminalTurnEvent) => boolean | void;

  /**
   * `ended` hears of each request's terminal event, after its turn has applied it. It answers true when the turn
   * goes on under another request (function results answered automatically), which takes the hooks over: `onEnd`
   * then waits for that request's end.
   */
  constructor(ended: (route: Route, event: TerminalTurnEvent) => boolean | void) {
    this.#ended = ended;
  }

  route(event: TurnEvent): void {
    const route = this.#routes.get(event.requestId);
    if (!route || route.paneId !== event.paneId) return;
    route.onEvent?.(event);
    // Only an event that ends the request gets a callback: deltas, the stream's bulk, allocate nothing here.
    const ends = event.type === 'done' || event.type === 'error' || event.type === 'cancelled' || !route.turn.active;
    route.turn.apply(event, ends ? () => this.#end(route, event as TerminalTurnEvent) : undefined);
  }

  /** Once the turn has applied its end (which may wait for its text to be drawn). */
  #end(route: Route, event: TerminalTurnEvent): void {
    // The route goes first: `ended` may send the turn again under the same request name.
    if (this.#routes.get(event.requestId) === route) this.#routes.delete(event.requestId);
    if (this.#ended(route, event) === true) return;
    route.onEnd?.();
  }

  routeUpload(event: UploadEvent): void {
    const route = this.#routes.get(event.requestId);
    if (route && route.paneId === event.paneId) route.turn.applyUpload(event, route.nameOf);
  }

  /** From now on `requestId`'s events go to `turn`: done before main is asked to start it. */
  register(paneId: string, requestId: string, turn: TurnState, hooks: Pick<Route, 'onEnd' | 'onEvent' | 'nameOf'> = {}): void {
    this.#routes.set(requestId, { paneId, turn, ...hooks });
  }

  /** Main refused the request, or its turn was stopped before main took it: its events go nowhere. */
  unregister(requestId: string, turn: TurnState): void {
    if (this.#routes.get(requestId)?.turn === turn) this.#routes.delete(requestId);
  }

  /** The turn was stopped before main took its request, whatever that request is named (a turn, or a round of it). */
  forget(turn: TurnState): void {
    for (const [id, route] of this.#routes) if (route.turn === turn) this.#routes.delete(id);
  }
}
