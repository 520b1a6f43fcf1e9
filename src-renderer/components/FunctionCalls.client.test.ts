// "Send results" says why it cannot send before it is pressed: a turn sent with more stop sequences than the API now
// takes cannot be continued at all (its next round would be refused), so the button is off with that reason.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import type { Step } from '../../src-shared/interactions';
import { ManualFrames } from '../../test-support/renderer/manual-frames';
import { TurnState } from '../lib/state/turn.svelte';
import FunctionCalls from './FunctionCalls.svelte';

const WEATHER = { name: 'get_weather', description: 'Weather', parameters: { type: 'object' }, mock: '{"temp": 21}' };

const CALL: Step = { type: 'function_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } };

function asking(stopSequences: string[], steps: Step[] = [CALL]): TurnState {
  const config = { model: 'gemini-3-flash-preview', functions: [WEATHER], ...(stopSequences.length ? { stopSequences } : {}) };
  const turn = new TurnState('t1', { text: 'Weather in Paris?' }, config, new ManualFrames());
  const ids = { requestId: 'r1', paneId: 'p1' };
  turn.begin('r1', config);
  turn.apply({ type: 'started', ...ids, request: { method: 'POST', url: 'u', headers: {}, body: {} } });
  turn.apply({ type: 'done', ...ids, interactionId: 'i1', status: 'requires_action', steps, metrics: { totalMs: 9 }, interaction: { id: 'i1', status: 'requires_action' } });
  return turn;
}

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (view) unmount(view);
  view = undefined;
  document.body.innerHTML = '';
});

const button = () => document.querySelector<HTMLButtonElement>('[data-testid=send-results]')!;
const reason = () => document.querySelector('[data-testid=send-results-reason]')?.textContent;

it('a turn that can go on sends its results', () => {
  view = mount(FunctionCalls, { target: document.body, props: { turn: asking([]), canSend: true, onSend: () => {} } });
  flushSync();
  expect(button().disabled).toBe(false);
  expect(reason()).toBeUndefined();
});

it('a turn sent with 7 stop sequences (the limit is 5 now) cannot, and the button says why before it is pressed', () => {
  const seven = Array.from({ length: 7 }, (_, i) => `STOP${i}`);
  view = mount(FunctionCalls, { target: document.body, props: { turn: asking(seven), canSend: true, onSend: () => {} } });
  flushSync();
  expect(button().disabled).toBe(true);
  expect(reason()).toBe(
    'This turn was sent with 7 stop sequences before the limit of 5, so the API would refuse its next round. Start a new turn (or edit the last prompt) with at most 5 stop sequences.',
  );
  expect(button().getAttribute('aria-describedby')).toBe(document.querySelector('[data-testid=send-results-reason]')!.id);
});

it('one function called twice at once: each field, switch and error names which call it is', () => {
  const config = { model: 'gemini-3-flash-preview', functions: [{ ...WEATHER, mock: undefined }] };
  const turn = new TurnState('t2', { text: 'Weather in Paris and Rome?' }, config, new ManualFrames());
  const ids = { requestId: 'r2', paneId: 'p1' };
  turn.begin('r2', config);
  turn.apply({ type: 'started', ...ids, request: { method: 'POST', url: 'u', headers: {}, body: {} } });
  const steps: Step[] = [
    { type: 'function_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } },
    { type: 'function_call', id: 'c2', name: 'get_weather', arguments: { city: 'Rome' } },
  ];
  turn.apply({ type: 'done', ...ids, interactionId: 'i2', status: 'requires_action', steps, metrics: { totalMs: 9 }, interaction: { id: 'i2', status: 'requires_action' } });
  turn.drafts.c1 = { text: '{"temp": ', isError: false };
  turn.drafts.c2 = { text: '', isError: false };
  view = mount(FunctionCalls, { target: document.body, props: { turn, canSend: true, onSend: () => {} } });
  flushSync();
  const names = [...document.querySelectorAll('label.field-label')].map((l) => l.textContent);
  expect(names).toEqual(['Result of get_weather (call 1 of 2)', 'Result of get_weather (call 2 of 2)']);
  const switches = [...document.querySelectorAll('[data-testid=function-result-is-error]')].map((s) => s.closest('label')!.textContent!.trim());
  expect(switches).toEqual(['The call to get_weather (call 1 of 2) failed (sent as an error)', 'The call to get_weather (call 2 of 2) failed (sent as an error)']);
  expect(reason()).toBe('Fix the result of “get_weather (call 1 of 2)”, “get_weather (call 2 of 2)” to send.');
});

it('two calls that share an id (a hand-edited session file) are both shown: the pane is not left blank', () => {
  view = mount(FunctionCalls, { target: document.body, props: { turn: asking([], [CALL, { ...CALL, arguments: { city: 'Rome' } }]), canSend: true, onSend: () => {} } });
  flushSync();
  expect(document.querySelectorAll('[data-testid=function-call]')).toHaveLength(2);
});
