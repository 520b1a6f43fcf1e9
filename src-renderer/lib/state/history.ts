// How a pane's earlier turns reach the model for its next turn, per history mode (docs/interactions-api.md §6).
import type { PaneHistory, TurnInput } from '../../../src-shared/domain';
import type { Step } from '../../../src-shared/interactions';
import { answerByHand, historyUserStep, stepsBeforeAnswer } from '../../../src-shared/request';
import type { HistoryMode } from '../../../src-shared/session';

/** What history needs of a turn; TurnState and SavedTurn both fit. */
export interface HistoryTurn {
  input: TurnInput;
  status: string;
  steps: readonly Step[];
  interactionId?: string | undefined;
  /** false when the turn was sent with store:false: nothing on the server to chain from. */
  stored?: boolean | undefined;
  /** The answer as shown: what goes back to the model when it was written or edited by hand. */
  text?: string;
  /** A hand-written few-shot pair: nothing of it was ever on the server. */
  example?: boolean | undefined;
  /** Set when the person edited the prompt or answer by hand (the originals, kept). */
  original?: { prompt?: string | undefined; answer?: string | undefined } | undefined;
}

/** Written or changed by hand: the server's copy of the conversation (previous_interaction_id) no longer matches it. */
export const handMade = (turn: HistoryTurn): boolean => turn.example === true || turn.original !== undefined;

/**
 * Whether the turn at `index` (or a new one there) can chain from the server: not when it or any turn before it
 * was written or edited by hand, since the server holds the conversation as it was first sent.
 */
export const chainable = (turns: readonly HistoryTurn[], index: number): boolean => !turns.slice(0, index + 1).some(handMade);

/**
 * The model's steps as they go back to it: verbatim (thought signatures included), except that an answer written
 * or edited by hand replaces the model's text, after whatever tool or function steps led to it.
 */
export function modelSteps(turn: HistoryTurn): Step[] {
  if (!answerByHand(turn)) return turn.steps.filter((step) => step.type !== 'user_input');
  return [...stepsBeforeAnswer(turn.steps), { type: 'model_output', content: [{ type: 'text', text: turn.text ?? '' }] } as Step];
}

/**
 * Only answered turns count: a failed, stopped or interrupted answer is not part of the conversation.
 * - server: chain from the last answered turn's interaction (previous_interaction_id, §6.1). When that
 *   turn was sent stateless (not stored), or a turn so far was edited or written by hand, the history is sent in
 *   full instead, as the SDK does.
 * - stateless: every answered turn as its user_input step plus every step the model returned, thought
 *   signatures included; user_input steps the server echoed are skipped so no prompt is doubled (§6.2).
 */
export function buildHistory(turns: readonly HistoryTurn[], index: number, mode: HistoryMode): PaneHistory {
  const before = turns.slice(0, Math.max(0, Math.min(index, turns.length))).filter((t) => t.status === 'done');
  // Stateless from the first turn: store:false keeps every turn off the server, not only the later ones.
  // A turn resent from an edit goes stateless too: the conversation goes on without server history from the edit.
  if (before.length === 0) return mode === 'stateless' || !chainable(turns, index) ? { mode: 'stateless', steps: [] } : { mode: 'none' };
  const last = before.at(-1)!;
  if (mode === 'server' && last.interactionId && last.stored !== false && chainable(turns, index)) {
    return { mode: 'server', previousInteractionId: last.interactionId };
  }
  const steps: Step[] = [];
  for (const turn of before) {
    steps.push(historyUserStep(turn.input));
    steps.push(...modelSteps(turn));
  }
  return { mode: 'stateless', steps };
}
