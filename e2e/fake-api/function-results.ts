// Which function calls a request answers, and whether it answers them right: every pending function_call gets
// exactly one function_result, and no result answers a call that is not pending.
import type { Step } from '../../src-shared/interactions';
import type { FunctionCall, ReadResult } from './tool-types';

/** One user turn of function calling, which may take several requests (one per round of calls). */
export interface CallTurn {
  /** The user text that opened the turn: later rounds carry no user_input, so their markers come from here. */
  prompt: string;
  /** Rounds of function calls the model has made in this turn. */
  rounds: number;
  /** The results the model has read in this turn, in order. */
  results: ReadResult[];
}

/** What the request continues from (server mode): the previous interaction. */
export interface Continued {
  status: string;
  functionCalls: FunctionCall[];
  callTurn: CallTurn;
}

interface Open {
  name: string;
  /** Where the call came from, for the error message. */
  from: string;
}

class TurnError extends Error {}

/** Rounds in a run of steps: each block of function_call steps (thoughts aside) is one answer of the model. */
function roundsIn(steps: Step[]): number {
  let rounds = 0;
  let inBlock = false;
  for (const step of steps) {
    if (step.type === 'thought') continue;
    if (step.type === 'function_call' && !inBlock) rounds += 1;
    inBlock = step.type === 'function_call';
  }
  return rounds;
}

function unanswered(open: Map<string, Open>, before: string): TurnError {
  const [id, call] = [...open.entries()][0] ?? ['', { name: '', from: '' }];
  return new TurnError(`function_call "${call.name}" (id "${id}", ${call.from}) has no function_result ${before}.`);
}

/**
 * Checks the function results of `steps` (the input as steps) against the calls pending before them (the
 * previous interaction's, when it requires action) and the calls in the input itself, and returns the turn the
 * request continues, or the message of a 400.
 */
export function readCallTurn(input: unknown, steps: Step[], lastUserText: string, previous?: Continued): CallTurn | string {
  const where = (i: number) => (Array.isArray(input) ? `input[${i}]` : 'input');
  const pendingBefore = previous?.status === 'requires_action';
  const open = new Map<string, Open>();
  if (pendingBefore) for (const call of previous.functionCalls) open.set(call.id, { name: call.name, from: 'in previous_interaction_id' });
  const answeredAt = new Map<string, string>();
  const lastUser = steps.map((s) => s.type).lastIndexOf('user_input');
  const results: ReadResult[] = lastUser < 0 && pendingBefore ? [...previous.callTurn.results] : [];
  try {
    steps.forEach((step, i) => {
      const s = step as Record<string, unknown>;
      if (step.type === 'user_input' && open.size > 0) throw unanswered(open, `before the user_input at ${where(i)}`);
      if (step.type === 'function_call') open.set(String(s.id), { name: String(s.name), from: `at ${where(i)}` });
      if (step.type !== 'function_result') return;
      const id = String(s.call_id);
      const earlier = answeredAt.get(id);
      if (earlier !== undefined) throw new TurnError(`${where(i)}.call_id "${id}" was already answered at ${earlier}.`);
      const call = open.get(id);
      if (!call) {
        const pending = open.size > 0 ? `pending ids: ${[...open.keys()].join(', ')}` : 'no function_call is pending';
        throw new TurnError(`${where(i)}.call_id "${id}" matches no pending function_call (${pending}).`);
      }
      open.delete(id);
      answeredAt.set(id, where(i));
      if (i > lastUser) results.push({ name: call.name, result: s.result });
    });
    if (open.size > 0) throw unanswered(open, 'in input');
  } catch (error) {
    if (error instanceof TurnError) return error.message;
    throw error;
  }
  if (lastUser >= 0) return { prompt: lastUserText, rounds: roundsIn(steps.slice(lastUser + 1)), results };
  if (pendingBefore) return { prompt: previous.callTurn.prompt, rounds: previous.callTurn.rounds, results };
  return { prompt: lastUserText, rounds: roundsIn(steps), results };
}
