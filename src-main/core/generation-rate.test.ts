// Main measures an answer's speed only over a stretch long enough to time (src-shared/output-rate.ts).
import { describe, expect, it } from 'vitest';
import type { TurnEvent, TurnMetrics } from '../../src-shared/domain';
import type { Interaction, StreamEvent } from '../../src-shared/interactions';
import { MIN_RATE_WINDOW_MS } from '../../src-shared/output-rate';
import { GenerationService } from './generation';
import { silentLogger } from './ports';
import { turnEventsTo } from '../../test-support/main/turn-events';

/**
 * One answer of 50 output tokens whose first token comes at 300 ms and whose end comes `generatingMs` later; a
 * function call alone instead streams no token.
 */
async function metricsFor(generatingMs: number, kind: 'text' | 'function call' = 'text'): Promise<TurnMetrics> {
  let now = 0;
  async function* answer(): AsyncGenerator<StreamEvent, Interaction> {
    if (kind === 'text') {
      yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
      now = 300;
      yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'All of it at once.' } };
    } else {
      now = 300;
      yield { event_type: 'step.start', index: 0, step: { type: 'function_call', name: 'weather', id: 'c1', arguments: { city: 'Paris' } } } as StreamEvent;
    }
    yield { event_type: 'step.stop', index: 0 };
    now = 300 + generatingMs;
    const interaction: Interaction = { id: 'v1_x', status: 'completed', usage: { total_output_tokens: 50 } };
    yield { event_type: 'interaction.completed', interaction };
    return interaction;
  }
  const events: TurnEvent[] = [];
  const generation = new GenerationService({
    client: { streamInteraction: () => answer(), describeRequest: (body) => ({ method: 'POST', url: 'u', headers: {}, body }) },
    emit: turnEventsTo((e) => events.push(e)),
    logger: silentLogger,
    clock: { now: () => now },
  });
  generation.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r1', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] });
  await generation.settled();
  const done = events.find((e) => e.type === 'done');
  if (done?.type !== 'done') throw new Error(`no done event in ${JSON.stringify(events.map((e) => e.type))}`);
  return done.metrics;
}

describe('speed in main', () => {
  it('is measured from the minimum stretch between first token and end on', async () => {
    expect(await metricsFor(MIN_RATE_WINDOW_MS)).toMatchObject({
      timeToFirstTokenMs: 300,
      totalMs: 300 + MIN_RATE_WINDOW_MS,
      tokensPerSecond: (50 * 1000) / MIN_RATE_WINDOW_MS,
    });
  });

  it('is not measured for an answer that came too quickly to time; the token count is still kept', async () => {
    const metrics = await metricsFor(MIN_RATE_WINDOW_MS - 1);
    expect(metrics).not.toHaveProperty('tokensPerSecond');
    expect(metrics.usage).toEqual({ total_output_tokens: 50 });
  });

  it('is not measured for an answer that streamed no token: the wait for a function call is no speed', async () => {
    const metrics = await metricsFor(5_000, 'function call');
    expect(metrics).not.toHaveProperty('timeToFirstTokenMs');
    expect(metrics).not.toHaveProperty('tokensPerSecond');
    expect(metrics.usage).toEqual({ total_output_tokens: 50 });
  });
});
