// The renderer's part of function calling: results from the editors, the history a continuation and the next turn
// are sent with, a round's own steps, and a turn's figures over its rounds.
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from '../../../src-shared/domain';
import type { FunctionCallStep, FunctionResultStep, Step } from '../../../src-shared/interactions';
import { addMetrics, continuationHistory, defaultDraft, resultsFromDrafts, roundSteps } from './function-calls';
import { buildHistory, type HistoryTurn } from './history';

const config: PaneConfig = { model: 'm', functions: [{ name: 'get_weather', mock: '{"temp": 21}' }, { name: 'get_time' }] };
const weather: FunctionCallStep = { type: 'function_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } };
const time: FunctionCallStep = { type: 'function_call', id: 'c2', name: 'get_time', arguments: {} };
const thought: Step = { type: 'thought', signature: 'sig-1' };
const answer = (text: string): Step => ({ type: 'model_output', content: [{ type: 'text', text }] });
const user = (text: string): Step => ({ type: 'user_input', content: [{ type: 'text', text }] });

describe('results from the editors', () => {
  it('starts each call from its mock, or {} without one', () => {
    expect(defaultDraft(config, weather)).toEqual({ text: '{"temp": 21}', isError: false });
    expect(defaultDraft(config, time)).toEqual({ text: '{}', isError: false });
  });

  it('sends typed text as typed, a typed object as an object, untouched calls their default, and the error flag', () => {
    const drafts = { c2: { text: 'noon', isError: true } };
    expect(resultsFromDrafts(config, [weather, time], drafts)).toEqual({
      ok: true,
      results: [
        { type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 21 } },
        { type: 'function_result', call_id: 'c2', name: 'get_time', result: 'noon', is_error: true },
      ],
    });
  });

  it('names every result that cannot be sent, by call id, and sends none', () => {
    const checked = resultsFromDrafts(config, [weather, time], { c1: { text: '{"temp":', isError: false }, c2: { text: ' ', isError: false } });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && Object.keys(checked.errors)).toEqual(['c1', 'c2']);
  });
});

describe('history with function calls', () => {
  const earlier: HistoryTurn = { input: { text: 'Hi' }, status: 'done', steps: [answer('Hello')], interactionId: 'i0' };
  const asking: HistoryTurn = { input: { text: 'Weather?' }, status: 'done', steps: [thought, weather], interactionId: 'i1' };

  it('server mode chains the results from the interaction that asked', () => {
    expect(continuationHistory([earlier, asking], 1, asking, 'server')).toEqual({ mode: 'server', previousInteractionId: 'i1' });
  });

  it('stateless (or not stored) sends earlier turns, this prompt and every step so far, signatures included', () => {
    const full = { mode: 'stateless', steps: [user('Hi'), answer('Hello'), user('Weather?'), thought, weather] };
    expect(continuationHistory([earlier, asking], 1, asking, 'stateless')).toEqual(full);
    expect(continuationHistory([earlier, asking], 1, { ...asking, stored: false }, 'server')).toEqual(full);
  });

  it('the next turn after a round trip gets calls, results and the answer (stateless) or the last round (server)', () => {
    const result: Step = { type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 21 } };
    const finished: HistoryTurn = { input: { text: 'Weather?' }, status: 'done', steps: [thought, weather, result, answer('21 °C')], interactionId: 'i2' };
    expect(buildHistory([finished], 1, 'stateless')).toEqual({ mode: 'stateless', steps: [user('Weather?'), thought, weather, result, answer('21 °C')] });
    expect(buildHistory([finished], 1, 'server')).toEqual({ mode: 'server', previousInteractionId: 'i2' });
  });
});

describe('figures over rounds', () => {
  it('sums time and tokens, times the first token from the first request, keeps the last speed', () => {
    const first = { totalMs: 100, usage: { total_input_tokens: 10, total_output_tokens: 5, output_tokens_by_modality: [{ modality: 'TEXT', tokens: 5 }] } };
    const second = {
      totalMs: 50,
      timeToFirstTokenMs: 20,
      tokensPerSecond: 30,
      usage: { total_input_tokens: 30, total_output_tokens: 7, output_tokens_by_modality: [{ modality: 'TEXT', tokens: 7 }, { modality: 'IMAGE', tokens: 1 }] },
    };
    expect(addMetrics(first, second)).toEqual({
      totalMs: 150,
      timeToFirstTokenMs: 120,
      tokensPerSecond: 30,
      usage: { total_input_tokens: 40, total_output_tokens: 12, output_tokens_by_modality: [{ modality: 'TEXT', tokens: 12 }, { modality: 'IMAGE', tokens: 1 }] },
    });
    expect(addMetrics({ ...first, timeToFirstTokenMs: 40 }, second).timeToFirstTokenMs).toBe(40);
    expect(addMetrics(undefined, second)).toBe(second);
  });
});

describe("a round's own steps", () => {
  it('drops what the server echoes of the round\'s input (the prompt, the results just sent) and keeps the rest', () => {
    const sent: FunctionResultStep = { type: 'function_result', call_id: 'c1', name: 'get_weather', result: { temp: 21 } };
    const earlier: FunctionResultStep = { type: 'function_result', call_id: 'c0', name: 'get_time', result: 'noon' };
    const steps: Step[] = [user('Weather?'), sent, earlier, thought, time, answer('21 degrees')];
    expect(roundSteps(steps, [sent])).toEqual([earlier, thought, time, answer('21 degrees')]);
  });
});
