// parseStreamEvent: dispatch on event_type, [DONE], malformed JSON, unknown types, required fields.
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../failure';
import { parseStreamEvent } from './events';

const parse = (data: string, event?: string) => parseStreamEvent(event === undefined ? { data } : { event, data });

function protocol(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    expect((e as AppFailure).code).toBe('PROTOCOL');
    return e as AppFailure;
  }
  throw new Error('expected a PROTOCOL failure');
}

describe('parseStreamEvent', () => {
  it('recognises the [DONE] sentinel', () => {
    expect(parse('[DONE]', 'done')).toEqual({ kind: 'done' });
  });

  it('dispatches on the JSON event_type, not the event: line', () => {
    const r = parse('{"event_type":"step.stop","index":3}', 'step.delta');
    expect(r).toEqual({ kind: 'event', event: { event_type: 'step.stop', index: 3 } });
  });

  it('accepts every known event type with its required fields', () => {
    const ok = [
      '{"event_type":"interaction.created","interaction":{"id":"v1_a","status":"in_progress"}}',
      '{"event_type":"interaction.status_update","interaction_id":"v1_a","status":"in_progress"}',
      '{"event_type":"step.start","index":0,"step":{"type":"thought"}}',
      '{"event_type":"step.delta","index":0,"delta":{"type":"text","text":"x"}}',
      '{"event_type":"step.stop","index":0}',
      '{"event_type":"interaction.completed","interaction":{"id":"v1_a","status":"completed"},"event_id":"e9"}',
      '{"event_type":"error","error":{"code":"gateway_timeout","message":"Deadline expired"}}',
    ];
    for (const data of ok) expect(parse(data).kind, data).toBe('event');
  });

  it('returns unknown event types for the caller to log and skip', () => {
    expect(parse('{"event_type":"interaction.in_progress","x":1}')).toEqual({ kind: 'unknown', eventType: 'interaction.in_progress' });
    expect(parse('{"event_type":"toString"}')).toEqual({ kind: 'unknown', eventType: 'toString' });
  });

  it('fails with PROTOCOL on malformed JSON, quoting a short preview', () => {
    const f = protocol(() => parse('{"event_type":"step.delta", oops'));
    expect(f.message).toContain('not valid JSON');
    expect(f.message).toContain('oops');
    protocol(() => parse('x'.repeat(5000)));
    expect(protocol(() => parse('x'.repeat(5000))).message.length).toBeLessThan(300);
  });

  it('fails with PROTOCOL when event_type is missing or required fields are wrong', () => {
    protocol(() => parse('[1,2]'));
    protocol(() => parse('{"index":0}'));
    expect(protocol(() => parse('{"event_type":"step.delta","index":"0","delta":{"type":"text"}}')).message).toContain('index');
    expect(protocol(() => parse('{"event_type":"step.delta","index":0,"delta":{}}')).message).toContain('delta.type');
    protocol(() => parse('{"event_type":"step.start","index":-1,"step":{"type":"thought"}}'));
    protocol(() => parse('{"event_type":"step.start","index":0}'));
    protocol(() => parse('{"event_type":"interaction.completed","interaction":{"status":"completed"}}'));
    protocol(() => parse('{"event_type":"interaction.status_update"}'));
  });

  it('keeps an error event without an error object as an error event', () => {
    expect(parse('{"event_type":"error"}')).toEqual({ kind: 'event', event: { event_type: 'error', error: {} } });
  });
});
