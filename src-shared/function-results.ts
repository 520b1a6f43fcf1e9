// Answers to the function calls an interaction stopped on (status requires_action): which calls are still
// open, how a typed result or a saved mock becomes a function_result step, and when answering with the mocks
// on its own must stop. Pure: the renderer's panel and automatic loop use it, and so can exports.
import type { PaneConfig } from './domain';
import { parseJsonText } from './json-check';
import type { FunctionCallStep, FunctionResultStep, Step } from './interactions';
import { MAX_TEXT } from './limits';

/** Rounds of function calls one turn answers with the mocks before it stops and asks the person. */
export const MAX_AUTO_ROUNDS = 10;

export const RESULT_RULE = 'A JSON object is sent as an object; anything else (text, a number, a list) is sent as text.';

export type ResultValue = { ok: true; result: string | Record<string, unknown> } | { ok: false; message: string };

/**
 * A result as typed (or a mock): an object when it is a JSON object, the text as typed otherwise. A list is
 * sent as text because the API reads a list result as content parts. Text that starts like JSON ({ or [) must
 * be valid JSON: a broken object is far more likely a typo than an answer meant as text.
 */
export function resultValue(text: string): ResultValue {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Empty: type a JSON object or some text.' };
  if (text.length > MAX_TEXT) return { ok: false, message: `Longer than ${MAX_TEXT.toLocaleString('en-US')} characters.` };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseJsonText(trimmed);
    if (!parsed.ok) return { ok: false, message: `Not valid JSON — ${parsed.message}` };
    const value = parsed.value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, result: value as Record<string, unknown> };
  }
  return { ok: true, result: text };
}

const isCall = (step: Step): step is FunctionCallStep => step.type === 'function_call' && typeof (step as FunctionCallStep).id === 'string';

/** The function calls in `steps` that no function_result answers yet (the latest answer's, as every call is answered before the next). */
export function unansweredCalls(steps: readonly Step[]): FunctionCallStep[] {
  const answered = new Set(steps.filter((s) => s.type === 'function_result').map((s) => (s as FunctionResultStep).call_id));
  return steps.filter(isCall).filter((call) => !answered.has(call.id));
}

/** How many times the model's calls were answered in `steps`: each run of function_result steps is one round. */
export function answeredRounds(steps: readonly Step[]): number {
  let rounds = 0;
  let inRun = false;
  for (const step of steps) {
    const result = step.type === 'function_result';
    if (result && !inRun) rounds += 1;
    inRun = result;
  }
  return rounds;
}

/** The mock saved for function `name` in the pane's settings (JSON text), unless there is none or it is blank. */
export function mockFor(config: PaneConfig, name: string): string | undefined {
  const mock = config.functions?.find((f) => f.name === name)?.mock;
  return mock !== undefined && mock.trim() !== '' ? mock : undefined;
}

export function resultStep(call: FunctionCallStep, result: string | Record<string, unknown>, isError = false): FunctionResultStep {
  const step: FunctionResultStep = { type: 'function_result', call_id: call.id, name: call.name, result };
  if (isError) step.is_error = true;
  return step;
}

export type AutoAnswer = { kind: 'send'; results: FunctionResultStep[] } | { kind: 'stop'; note: string };

/**
 * What "answer with the mocks automatically" does with a turn whose steps end in open calls: send the mocks, or
 * stop and ask. It stops after MAX_AUTO_ROUNDS answered rounds (a model calling functions for ever would
 * otherwise run up cost unattended), and when a called function has no mock: an invented `{}` would let a sweep
 * or repeat run finish on answers nobody wrote, so the person is asked instead. Undefined when nothing is to be
 * done automatically (the switch is off, or no call is open).
 */
export function autoAnswer(config: PaneConfig, steps: readonly Step[]): AutoAnswer | undefined {
  if (!config.autoMock) return undefined;
  const calls = unansweredCalls(steps);
  if (calls.length === 0) return undefined;
  if (answeredRounds(steps) >= MAX_AUTO_ROUNDS) {
    return { kind: 'stop', note: `Stopped after ${MAX_AUTO_ROUNDS} rounds of function calls: answer them below to go on.` };
  }
  const missing = [...new Set(calls.filter((c) => mockFor(config, c.name) === undefined).map((c) => c.name))];
  if (missing.length > 0) {
    const names = missing.map((n) => `“${n}”`).join(', ');
    // A turn goes on with the functions it was sent with: a mock added in the settings now is for the turns after it.
    return { kind: 'stop', note: `Not answered automatically: no mock for ${names}. Type the result below; a mock added in the pane’s settings answers from the next turn on.` };
  }
  const results: FunctionResultStep[] = [];
  for (const call of calls) {
    const value = resultValue(mockFor(config, call.name)!);
    if (!value.ok) return { kind: 'stop', note: `Not answered automatically: the mock for “${call.name}” cannot be sent (${value.message})` };
    results.push(resultStep(call, value.result));
  }
  return { kind: 'send', results };
}

/** A round's answer without what the server may echo of its input: the prompt, the results just sent. */
export function roundSteps(steps: readonly Step[], sent: readonly FunctionResultStep[]): Step[] {
  const ids = new Set(sent.map((r) => r.call_id));
  return steps.filter((s) => s.type !== 'user_input' && !(s.type === 'function_result' && ids.has((s as FunctionResultStep).call_id)));
}
