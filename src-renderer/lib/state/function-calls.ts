// The renderer's side of the function calling round trip: the results the person types (prefilled from the
// mocks), the history a continuation is sent with, and what a turn keeps of the round that asked and takes of the next.
import type { PaneConfig, PaneHistory, TurnMetrics } from '../../../src-shared/domain';
import { mockFor, resultStep, resultValue } from '../../../src-shared/function-results';
import type { FunctionCallStep, FunctionResultStep, InteractionStatus, Step } from '../../../src-shared/interactions';
import { historyUserStep } from '../../../src-shared/request';
import type { HistoryMode } from '../../../src-shared/session';
import { buildHistory, chainable, modelSteps, type HistoryTurn } from './history';

/** The result typed for one call, as text (see resultValue), and whether it reports a failure. */
export interface ResultDraft {
  text: string;
  isError: boolean;
}

/** What a call's editor starts with: the function's mock from the turn's settings, or `{}`. */
export function defaultDraft(config: PaneConfig, call: FunctionCallStep): ResultDraft {
  return { text: mockFor(config, call.name) ?? '{}', isError: false };
}

export type DraftResults = { ok: true; results: FunctionResultStep[] } | { ok: false; errors: Record<string, string> };

/** Every open call's result from its draft (or its default): all of them, or what is wrong, by call id. */
/**
 * What each call is called where the person answers it: its function's name, and which call of it when the model
 * called one function more than once at once (the weather of two cities), so their fields and errors differ.
 */
export function callLabels(calls: readonly FunctionCallStep[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return new Map(
    calls.map((call) => {
      const count = counts.get(call.name)!;
      const n = (seen.get(call.name) ?? 0) + 1;
      seen.set(call.name, n);
      return [call.id, count === 1 ? call.name : `${call.name} (call ${n} of ${count})`];
    }),
  );
}

export function resultsFromDrafts(config: PaneConfig, calls: readonly FunctionCallStep[], drafts: Readonly<Record<string, ResultDraft>>): DraftResults {
  const results: FunctionResultStep[] = [];
  const errors: Record<string, string> = {};
  for (const call of calls) {
    const draft = drafts[call.id] ?? defaultDraft(config, call);
    const value = resultValue(draft.text);
    if (value.ok) results.push(resultStep(call, value.result, draft.isError));
    else errors[call.id] = value.message;
  }
  return Object.keys(errors).length > 0 || calls.length === 0 ? { ok: false, errors } : { ok: true, results };
}

/**
 * How the answers to `turn`'s open calls reach the model. Server mode chains from the interaction that asked
 * (previous_interaction_id); when that one was not stored, or in stateless mode, the whole conversation goes:
 * the earlier answered turns (history.ts), this turn's prompt and every step of its answer so far — thought
 * signatures, function calls and results of earlier rounds included; the new results follow in the request.
 */
export function continuationHistory(turns: readonly HistoryTurn[], index: number, turn: HistoryTurn, mode: HistoryMode): PaneHistory {
  if (mode === 'server' && turn.interactionId && turn.stored !== false && chainable(turns, index)) return { mode: 'server', previousInteractionId: turn.interactionId };
  const earlier = buildHistory(turns, index, 'stateless');
  const steps: Step[] = earlier.mode === 'stateless' ? [...earlier.steps] : [];
  steps.push(historyUserStep(turn.input));
  steps.push(...modelSteps(turn));
  return { mode: 'stateless', steps };
}

/**
 * The turn as it stood when the model asked for function results (status requires_action), kept while the answers
 * are on their way: the round's answer is added to it, and another attempt at the round starts from it again.
 */
export interface AskedRound {
  text: string;
  thought: string;
  steps: readonly Step[];
  metrics: TurnMetrics | undefined;
  interactionId: string | undefined;
  finishStatus: InteractionStatus | undefined;
  truncatedAt: number | undefined;
  stored: boolean | undefined;
  /** The answers sent for it, for sending them again (the server forgot the interaction). */
  results: readonly FunctionResultStep[];
}

/** Shared with main's crash recovery, which completes a round the window never saved. */
export { roundSteps } from '../../../src-shared/function-results';
export { addMetrics } from '../../../src-shared/turn-metrics';
