// A round of function results that went out and did not finish, in the saved document (SavedTurn.round) and back.
// The turn itself is saved as the model left it when it asked; the round beside it keeps what was sent and what had
// come back, so a restart shows the round cut by closing the app (or failed, or stopped) and Retry sends it again
// without the person typing the results a second time. Main's crash journal of the round merges into the same field
// (src-main/core/sessions/inflight-round.ts).
import { untrack } from 'svelte';
import type { FunctionResultStep, Step } from '../../../src-shared/interactions';
import type { SavedRound } from '../../../src-shared/session';
import { toPlain } from '../api';
import type { TurnState } from './turn.svelte';

/** Put between the text of the round that asked and the round's own, as the turn shows them (turn.svelte.ts). */
const SEPARATOR = '\n\n';

/** What came after the answer that asked: `whole` is the turn's text, which starts with `asked`. */
function after(whole: string, asked: string): string {
  const rest = whole.slice(asked.length);
  return asked === '' || rest === '' ? rest : rest.slice(SEPARATOR.length);
}

/** The round a turn has out (or had, when it failed or was stopped); undefined when none is unfinished. */
export function roundToSaved(turn: TurnState): SavedRound | undefined {
  // An answer still streaming is read untracked like the rest of it (saved.ts): saves follow its start and end.
  return turn.active ? untrack(() => readRound(turn)) : readRound(turn);
}

function readRound(turn: TurnState): SavedRound | undefined {
  const asked = turn.asked;
  if (!asked || turn.status === 'done' || asked.results.length === 0) return undefined;
  const status = turn.active || turn.interrupted ? 'interrupted' : turn.status === 'stopped' ? 'stopped' : 'failed';
  const round: SavedRound = {
    results: toPlain([...asked.results]) as unknown as SavedRound['results'],
    status,
    text: after(turn.text, asked.text),
    thought: after(turn.thought, asked.thought),
    steps: toPlain(turn.steps.slice(turn.roundStart)) as SavedRound['steps'],
  };
  if (turn.requestId !== undefined) round.requestId = turn.requestId;
  if (status === 'failed' && turn.error) round.error = toPlain(turn.error);
  return round;
}

/**
 * Onto a turn restored as it stood when the model asked: the round again, as sending its results left it, with
 * what had come back. How it ended (and its error) is the caller's, as for any restored turn.
 */
export function restoreRound(turn: TurnState, round: SavedRound): void {
  const results = round.results as unknown as FunctionResultStep[];
  const asked = turn.continueWith(results);
  turn.text = round.text === '' ? asked.text : asked.text === '' ? round.text : asked.text + SEPARATOR + round.text;
  turn.thought = round.thought === '' ? asked.thought : asked.thought === '' ? round.thought : asked.thought + SEPARATOR + round.thought;
  turn.steps = [...turn.steps, ...(round.steps as Step[])];
  // Still the round's latest attempt: saved again under it, and what a Retry names as the attempt it replaces.
  if (round.requestId !== undefined) turn.requestId = round.requestId;
  // What was sent is what the calls' editors show: Retry sends it again as it went.
  for (const result of results) turn.drafts[result.call_id] ??= draftOf(result);
}

function draftOf(result: FunctionResultStep): { text: string; isError: boolean } {
  const value: unknown = result.result;
  return { text: typeof value === 'string' ? value : JSON.stringify(value), isError: result.is_error === true };
}
