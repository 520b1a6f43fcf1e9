// StepAssembler against the event orders of docs/interactions-api.md §5.3 and the edge cases of §1 (items 10, 11, 12).
import { describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '../../../src-shared/interactions';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import { StepAssembler, type StepChange } from './steps';

const created: StreamEvent = { event_type: 'interaction.created', interaction: { id: 'v1_a', status: 'in_progress' } };
const status: StreamEvent = { event_type: 'interaction.status_update', interaction_id: 'v1_a', status: 'in_progress' };
const completed: StreamEvent = { event_type: 'interaction.completed', interaction: { id: 'v1_a', status: 'completed' } };
const start = (index: number, step: Record<string, unknown>): StreamEvent => ({ event_type: 'step.start', index, step: step as never });
const delta = (index: number, d: Record<string, unknown>): StreamEvent => ({ event_type: 'step.delta', index, delta: d as never });
const stop = (index: number): StreamEvent => ({ event_type: 'step.stop', index });
const text = (index: number, t: string): StreamEvent => delta(index, { type: 'text', text: t });
const summary = (index: number, t: string): StreamEvent => delta(index, { type: 'thought_summary', content: { type: 'text', text: t } });

function run(events: StreamEvent[], logger?: Logger): { a: StepAssembler; changes: StepChange[] } {
  const a = new StepAssembler(logger);
  return { a, changes: events.map((e) => a.apply(e)) };
}

const joined = (changes: StepChange[], key: 'text' | 'thought'): string => changes.map((c) => c[key] ?? '').join('');

function logger() {
  const log = vi.fn<(message: string, data?: Record<string, unknown>) => void>;
  return { debug: log(), info: log(), warn: log(), error: log() } satisfies Logger;
}

describe('StepAssembler', () => {
  it('(a) plain text answer with a thought signature', () => {
    const { a, changes } = run([
      created,
      status,
      start(0, { type: 'thought' }),
      delta(0, { type: 'thought_signature', signature: 'EqQB' }),
      stop(0),
      start(1, { type: 'model_output' }),
      text(1, 'Hello'),
      text(1, ', world'),
      stop(1),
      completed,
    ]);
    expect(a.steps).toEqual([
      { type: 'thought', signature: 'EqQB' },
      { type: 'model_output', content: [{ type: 'text', text: 'Hello, world' }] },
    ]);
    expect(a.text).toBe('Hello, world');
    expect(joined(changes, 'text')).toBe('Hello, world');
    expect(changes[6]).toEqual({ text: 'Hello' });
    expect(changes[4]).toEqual({ stepDone: { index: 0, step: { type: 'thought', signature: 'EqQB' } } });
    expect(changes[8]!.stepDone?.index).toBe(1);
    expect(changes[0]).toEqual({});
    expect(changes[9]).toEqual({});
  });

  it('(b) thought summaries, then the signature as the last delta', () => {
    const { a, changes } = run([
      created,
      status,
      start(0, { type: 'thought' }),
      summary(0, '**Planning** I need to'),
      summary(0, ' count paws.'),
      delta(0, { type: 'thought_signature', signature: 'sig' }),
      stop(0),
      start(1, { type: 'model_output' }),
      text(1, '8 paws.'),
      stop(1),
      completed,
    ]);
    expect(joined(changes, 'thought')).toBe('**Planning** I need to count paws.');
    expect(joined(changes, 'text')).toBe('8 paws.');
    expect(a.steps[0]).toEqual({
      type: 'thought',
      signature: 'sig',
      summary: [
        { type: 'text', text: '**Planning** I need to' },
        { type: 'text', text: ' count paws.' },
      ],
    });
  });

  it('keeps separate thought summaries apart as paragraphs', () => {
    const { a, changes } = run([
      start(0, { type: 'thought' }),
      summary(0, '**Planning** first.'),
      summary(0, '**Checking** second.'),
      stop(0),
    ]);
    expect(joined(changes, 'thought')).toBe('**Planning** first.\n\n**Checking** second.');
    expect(a.thought).toBe('**Planning** first.\n\n**Checking** second.');
  });

  it.each(['arguments', 'partial_arguments'])('(c) function call with arguments_delta in `%s`', (field) => {
    const { a, changes } = run([
      created,
      start(0, { type: 'thought', signature: 'S' }),
      stop(0),
      start(1, { type: 'function_call', id: 'un6k8t18', name: 'get_weather', arguments: {} }),
      delta(1, { type: 'arguments_delta', [field]: '{"location":' }),
      delta(1, { type: 'arguments_delta', [field]: '"Paris, 🇫🇷"}' }),
      stop(1),
      { event_type: 'interaction.completed', interaction: { id: 'v1_a', status: 'requires_action' } },
    ]);
    const call = { type: 'function_call', id: 'un6k8t18', name: 'get_weather', arguments: { location: 'Paris, 🇫🇷' } };
    expect(changes[6]).toEqual({ stepDone: { index: 1, step: call } });
    expect(a.steps).toEqual([{ type: 'thought', signature: 'S' }, call]);
    expect(a.text).toBe('');
  });

  it('keeps arguments given in step.start when no delta follows', () => {
    const { a } = run([start(0, { type: 'function_call', id: 'x', name: 'f', arguments: { a: 1 } }), stop(0)]);
    expect(a.steps).toEqual([{ type: 'function_call', id: 'x', name: 'f', arguments: { a: 1 } }]);
  });

  it('fails with PROTOCOL when the assembled arguments are not JSON', () => {
    const a = new StepAssembler();
    a.apply(start(0, { type: 'function_call', id: 'x', name: 'f', arguments: {} }));
    a.apply(delta(0, { type: 'arguments_delta', arguments: '{"a":' }));
    expect(() => a.apply(stop(0))).toThrow(AppFailure);
  });

  it('interleaves thought and model_output steps with image and text deltas (§5.3 image stream)', () => {
    const { a, changes } = run([
      start(0, { type: 'model_output' }),
      text(0, 'First '),
      stop(0),
      start(1, { type: 'thought' }),
      summary(1, 'hmm'),
      stop(1),
      start(2, { type: 'model_output' }),
      delta(2, { type: 'image', mime_type: 'image/png', data: 'iVBOR' }),
      text(2, 'caption'),
      text(2, ' here'),
      stop(2),
      start(3, { type: 'thought', signature: 'z' }),
      stop(3),
      start(4, { type: 'model_output' }),
      text(4, ' last'),
      stop(4),
    ]);
    expect(a.text).toBe('First caption here last');
    expect(joined(changes, 'thought')).toBe('hmm');
    expect(a.steps.map((s) => s.type)).toEqual(['model_output', 'thought', 'model_output', 'thought', 'model_output']);
    expect(a.steps[2]).toEqual({
      type: 'model_output',
      content: [
        { type: 'image', mime_type: 'image/png', data: 'iVBOR' },
        { type: 'text', text: 'caption here' },
      ],
    });
  });

  it('takes text already present in step.start as the first text (§1 item 10)', () => {
    const { a, changes } = run([
      start(0, { type: 'thought', signature: 'sig0', summary: [{ type: 'text', text: 'Thinking.' }] }),
      stop(0),
      start(1, { type: 'model_output', content: [{ type: 'text', text: 'Once upon' }] }),
      text(1, ' a time'),
      stop(1),
    ]);
    expect(changes[0]).toEqual({ thought: 'Thinking.' });
    expect(changes[2]).toEqual({ text: 'Once upon' });
    expect(a.text).toBe('Once upon a time');
    expect(a.steps[1]).toEqual({ type: 'model_output', content: [{ type: 'text', text: 'Once upon a time' }] });
    expect(a.steps[0]).toMatchObject({ type: 'thought', signature: 'sig0' });
  });

  it('logs and skips unknown delta types', () => {
    const log = logger();
    const { a, changes } = run(
      [start(0, { type: 'model_output' }), text(0, 'a'), delta(0, { type: 'hologram', beam: 1 }), text(0, 'b'), stop(0)],
      log,
    );
    expect(changes[2]).toEqual({});
    expect(a.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'ab' }] }]);
    expect(log.debug).toHaveBeenCalledWith(expect.stringContaining('hologram'), { index: 0 });
  });

  it('attaches text annotations to the current text block', () => {
    const annotation = { type: 'url_citation', url: 'https://example.com', start_index: 0, end_index: 5 };
    const { a } = run([
      start(0, { type: 'model_output' }),
      text(0, 'Hello'),
      delta(0, { type: 'text_annotation_delta', annotations: [annotation] }),
      text(0, ' world'),
      stop(0),
    ]);
    expect(a.steps[0]).toEqual({ type: 'model_output', content: [{ type: 'text', text: 'Hello world', annotations: [annotation] }] });
  });

  it('merges server-tool deltas into their step and keeps the step verbatim', () => {
    const { a } = run([
      start(0, { type: 'google_search_call', id: 'g1' }),
      delta(0, { type: 'google_search_call', arguments: { queries: ['q'] }, signature: 's' }),
      stop(0),
    ]);
    expect(a.steps).toEqual([{ type: 'google_search_call', id: 'g1', arguments: { queries: ['q'] }, signature: 's' }]);
  });

  it('filters user_input steps and orders steps by index', () => {
    const { a, changes } = run([
      start(1, { type: 'model_output' }),
      start(0, { type: 'user_input', content: [{ type: 'text', text: 'prompt' }] }),
      stop(0),
      text(1, 'answer'),
      stop(1),
    ]);
    expect(changes[2]).toEqual({});
    expect(a.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'answer' }] }]);
    expect(a.text).toBe('answer');
  });

  it('starts a step implied by a delta that arrives without step.start', () => {
    const { a, changes } = run([text(0, 'hi'), stop(0)]);
    expect(changes[0]).toEqual({ text: 'hi' });
    expect(a.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('returns copies: later deltas and caller edits do not change a finished step', () => {
    const a = new StepAssembler();
    a.apply(start(0, { type: 'model_output' }));
    a.apply(text(0, 'one'));
    const done = a.apply(stop(0)).stepDone!;
    (done.step as { content: { text: string }[] }).content[0]!.text = 'edited';
    const steps = a.steps;
    (steps[0] as { content: { text: string }[] }).content[0]!.text = 'again';
    expect(a.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'one' }] }]);
  });
});

describe('StepAssembler: tool steps and their deltas (issue 15, @google/genai 3.3 StepDeltaData)', () => {
  // step.start with the call's id and empty fields, then a delta named like the step with its fields (as the fake streams them).
  it.each([
    ['google_search_call', { id: 'g1', arguments: {} }, { arguments: { queries: ['dog paws'] }, signature: 'sg' }],
    ['google_search_result', { call_id: 'g1', result: [] }, { result: [{ search_suggestions: '<div>chips</div>' }], is_error: false }],
    ['url_context_call', { id: 'u1', arguments: {} }, { arguments: { urls: ['https://example.com/a'] } }],
    ['url_context_result', { call_id: 'u1', result: [] }, { result: [{ url: 'https://example.com/a', status: 'paywall' }] }],
    ['code_execution_call', { id: 'c1', arguments: {} }, { arguments: { code: 'print(2 * 4)', language: 'python' } }],
    ['code_execution_result', { call_id: 'c1', result: '' }, { result: '8\n', is_error: false, signature: 'sc' }],
    ['mcp_server_tool_call', { id: 'm1', name: '', server_name: '', arguments: {} }, { name: 'find', server_name: 'docs', arguments: { q: 'paws' } }],
    ['mcp_server_tool_result', { call_id: 'm1', result: '' }, { name: 'find', server_name: 'docs', result: [{ type: 'text', text: 'found' }] }],
    ['function_result', { call_id: 'f1', result: '' }, { name: 'get_weather', result: { temp: 21 }, is_error: false }],
  ])('%s: the delta named like the step fills it in, and the finished step is handed out', (type, first, fields) => {
    const { a, changes } = run([start(0, { type, ...first }), delta(0, { type, ...fields }), stop(0)]);
    const step = { type, ...first, ...fields };
    expect(a.steps).toEqual([step]);
    expect(changes[2]).toEqual({ stepDone: { index: 0, step } });
    expect(changes[1]).toEqual({});
  });

  it('a field given again in a later delta replaces the earlier value: each delta carries the field whole, not a fragment', () => {
    // CodeExecutionResultDelta has `result: string` required beside is_error/signature; the pieces the API streams
    // have their own deltas (text, arguments_delta). Appending would double a result the API repeats whole.
    const { a } = run([
      start(0, { type: 'code_execution_result', call_id: 'c1', result: '' }),
      delta(0, { type: 'code_execution_result', result: 'line 1\n' }),
      delta(0, { type: 'code_execution_result', result: 'line 1\nline 2\n', is_error: true }),
      stop(0),
    ]);
    expect(a.steps).toEqual([{ type: 'code_execution_result', call_id: 'c1', result: 'line 1\nline 2\n', is_error: true }]);
  });

  it('a delta named like a step, arriving without step.start, starts that step', () => {
    const { a, changes } = run([delta(3, { type: 'code_execution_result', result: 'ok' }), stop(3)]);
    expect(a.steps).toEqual([{ type: 'code_execution_result', result: 'ok' }]);
    expect(changes[1]).toEqual({ stepDone: { index: 3, step: { type: 'code_execution_result', result: 'ok' } } });
  });

  it('citations spread over several text_annotation_deltas all stay with their text block, in order', () => {
    const cite = (n: number) => ({ type: 'url_citation', url: `https://example.com/${n}`, title: `Source ${n}`, start_index: n, end_index: n + 1 });
    const { a, changes } = run([
      start(0, { type: 'model_output' }),
      text(0, 'Dogs have four paws.'),
      delta(0, { type: 'text_annotation_delta', annotations: [cite(0), cite(1)] }),
      delta(0, { type: 'text_annotation_delta', annotations: [cite(2)] }),
      delta(0, { type: 'text_annotation_delta' }),
      stop(0),
    ]);
    const step = { type: 'model_output', content: [{ type: 'text', text: 'Dogs have four paws.', annotations: [cite(0), cite(1), cite(2)] }] };
    expect(a.steps).toEqual([step]);
    expect(changes.at(-1)).toEqual({ stepDone: { index: 0, step } });
  });

  it('parallel function calls: each call\'s arguments_delta fragments are joined into its own step', () => {
    const { a } = run([
      start(0, { type: 'function_call', id: 'a', name: 'get_weather', arguments: {} }),
      start(1, { type: 'function_call', id: 'b', name: 'get_time', arguments: {} }),
      delta(0, { type: 'arguments_delta', arguments: '{"city":' }),
      delta(1, { type: 'arguments_delta', arguments: '{"zone":"CET"}' }),
      delta(0, { type: 'arguments_delta', arguments: '"Paris"}' }),
      stop(0),
      stop(1),
    ]);
    expect(a.steps).toEqual([
      { type: 'function_call', id: 'a', name: 'get_weather', arguments: { city: 'Paris' } },
      { type: 'function_call', id: 'b', name: 'get_time', arguments: { zone: 'CET' } },
    ]);
  });
});
