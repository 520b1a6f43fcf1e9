// How a pane's earlier turns reach the model for its next turn, per history mode (docs/interactions-api.md §6).
import type { PaneHistory, TurnInput } from '../../../src-shared/domain';
import type { Step } from '../../../src-shared/interactions';
import { historyUserStep } from '../../../src-shared/request';
import type { HistoryMode } from '../../../src-shared/session';

/** What history needs of a turn; TurnState and SavedTurn both fit. */
export interface HistoryTurn {
  input: TurnInput;
  status: string;
  steps: readonly Step[];
  interactionId?: string | undefined;
  /** false when the turn was sent with store:false: nothing on the server to chain from. */
  stored?: boolean | undefined;
}

/**
 * Only answered turns count: a failed, stopped or interrupted answer is not part of the conversation.
 * - server: chain from the last answered turn's interaction (previous_interaction_id, §6.1). When that
 *   turn was sent stateless (not stored), the history is sent in full instead, as the SDK does.
 * - stateless: every answered turn as its user_input step plus every step the model returned, thought
 *   signatures included; user_input steps the server echoed are skipped so no prompt is doubled (§6.2).
 */
export function buildHistory(turns: readonly HistoryTurn[], index: number, mode: HistoryMode): PaneHistory {
  const before = turns.slice(0, Math.max(0, Math.min(index, turns.length))).filter((t) => t.status === 'done');
  // Stateless from the first turn: store:false keeps every turn off the server, not only the later ones.
  if (before.length === 0) return mode === 'stateless' ? { mode: 'stateless', steps: [] } : { mode: 'none' };
  const last = before.at(-1)!;
  if (mode === 'server' && last.interactionId && last.stored !== false) {
    return { mode: 'server', previousInteractionId: last.interactionId };
  }
  const steps: Step[] = [];
  for (const turn of before) {
    steps.push(historyUserStep(turn.input));
    for (const step of turn.steps) if (step.type !== 'user_input') steps.push(step);
  }
  return { mode: 'stateless', steps };
}
