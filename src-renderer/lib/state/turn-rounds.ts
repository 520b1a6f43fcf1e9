// A turn's later rounds, after its first answer: results for the model's function calls (typed, or mocks answered
// automatically), and a turn sent again with the whole conversation when the server forgot the interaction it chained
// from. Each goes out through the runner's one start path (turn-runner.svelte.ts), routed to the same turn.
import type { AppError, PaneTurnRequest, TurnInput } from '../../../src-shared/domain';
import { autoAnswer } from '../../../src-shared/function-results';
import type { FunctionResultStep } from '../../../src-shared/interactions';
import { continueRefusal } from '../../../src-shared/settings/form-limits';
import type { Route } from '../stream/turn-router';
import { toAppError } from './errors';
import { continuationHistory } from './function-calls';
import { newId } from './ids';
import type { PaneState } from './pane.svelte';
import { statusOf, type TurnState } from './turn.svelte';
import type { Workspace } from './workspace.svelte';

/** Who else hears of a request's events (a repeat-run sample's end, its 429s). */
export type Hooks = Pick<Route, 'onEnd' | 'onEvent'>;

/** One request to start: the turn (or sample) it answers — named after it, or after a round of it — and who else hears of its events. */
export interface Launch {
  pane: PaneState;
  turn: TurnState;
  request: PaneTurnRequest;
  hooks?: Hooks;
}

/** What the rounds need of the runner. */
export interface RoundsHost {
  readonly workspace: Workspace;
  start(input: TurnInput, launches: readonly Launch[], journal: boolean): Promise<boolean>;
  retry(paneId: string, turnId: string): Promise<void>;
  turnEnded(): void;
  needKey(error: AppError): void;
}

export class TurnRounds {
  readonly #host: RoundsHost;

  constructor(host: RoundsHost) {
    this.#host = host;
  }

  /** "Answer with mocks automatically": the next round goes out at once, or the turn says why it waits for the person. */
  answerWithMocks(paneId: string, turn: TurnState, hooks: Hooks): boolean {
    const pane = this.#host.workspace.pane(paneId);
    if (!pane || statusOf(turn) !== 'done' || turn.finishStatus !== 'requires_action') return false;
    const auto = autoAnswer(turn.config, turn.steps);
    if (!auto) return false;
    if (auto.kind === 'stop') {
      turn.note = auto.note;
      return false;
    }
    // Said here, not in continue: a round that does not go out leaves the turn to the person (false).
    const refusal = continueRefusal(turn.config);
    if (refusal !== undefined) {
      turn.note = refusal;
      return false;
    }
    void this.continue(pane, turn, auto.results, hooks);
    return true;
  }

  /**
   * The next round of a turn (or sample): `results` answer its open calls, sent with the configuration the turn
   * was sent with (tools are not inherited) under a request of its own, routed to the same turn. A turn's round (not
   * a sample's) is journaled by main under the turn's id, and saved beside the turn as it stood when the model asked
   * (saved-round.ts), so closing the app mid-round costs neither the results sent nor what came back. A turn sent
   * before a list's limit was lowered is not continued (main would refuse it): its note says why, and the results
   * typed stay in its drafts.
   */
  async continue(pane: PaneState, turn: TurnState, results: readonly FunctionResultStep[], hooks: Hooks = {}): Promise<void> {
    const refusal = continueRefusal(turn.config);
    if (refusal !== undefined) {
      turn.note = refusal;
      return;
    }
    const at = pane.turns.indexOf(turn);
    const index = at >= 0 ? at : pane.turns.findIndex((t) => t.samples.includes(turn));
    // Sending a round again (Retry): the attempt it replaces, which a save may still hold when the app closes first.
    const replaces = turn.asked ? turn.requestId : undefined;
    const asked = turn.continueWith(results);
    // As history.ts sends an earlier turn: an answer edited by hand goes as edited, and the server's copy is not chained from.
    const { input, original, example } = turn;
    const asking = { input, status: 'done', steps: asked.steps, text: asked.text, original, example, interactionId: asked.interactionId, stored: asked.stored };
    const history = continuationHistory(pane.turns, index, asking, this.#host.workspace.historyMode);
    const journal = at >= 0;
    const request: PaneTurnRequest = { requestId: newId('round'), paneId: pane.id, config: turn.config, history, functionResults: [...results] };
    if (journal) request.turnId = turn.id;
    if (journal && replaces !== undefined) request.replaces = replaces;
    const ended = () => {
      this.#host.turnEnded();
      hooks.onEnd?.();
    };
    try {
      if (await this.#host.start({ text: turn.input.text }, [{ pane, turn, request, hooks }], journal)) ended();
    } catch (e) {
      const error = toAppError(e);
      turn.failToStart(error);
      this.#host.needKey(error);
      ended();
    }
  }

  /**
   * The server forgot the interaction a turn chained from (stored interactions expire): the earlier
   * turns are marked as not stored, so the turn is sent again once with the whole conversation, which
   * the app still has. Returns false when the turn did not chain from one.
   */
  fallBackToFullHistory(paneId: string, turn: TurnState, hooks: Hooks): boolean {
    const previous = (turn.request?.body as { previous_interaction_id?: unknown } | undefined)?.previous_interaction_id;
    const pane = this.#host.workspace.pane(paneId);
    if (typeof previous !== 'string' || !pane) return false;
    const asked = turn.asked;
    if (asked && asked.interactionId === previous) {
      // Results for an interaction the server no longer keeps (a pending turn reopened days later): the same
      // results go once more with the whole conversation, which the turn still has.
      if (asked.stored === false) return false;
      asked.stored = false;
      void this.continue(pane, turn, asked.results, hooks).then(() => {
        if (turn.status !== 'failed') turn.note = 'The server no longer keeps this interaction, so the results were sent with the whole conversation.';
      });
      return true;
    }
    if (!pane.turns.includes(turn)) return false;
    const chainedFrom = pane.turns.find((t) => t.interactionId === previous);
    if (!chainedFrom) return false;
    for (const earlier of pane.turns) if (earlier !== turn) earlier.stored = false;
    void this.#host.retry(paneId, turn.id).then(() => {
      if (turn.status !== 'failed') turn.note = 'The server no longer keeps the earlier turns, so this one was sent with the whole conversation.';
    });
    return true;
  }
}
