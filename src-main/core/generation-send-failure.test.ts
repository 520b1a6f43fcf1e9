// A turn whose last event cannot reach the window (gone, or the event cannot be copied to it): logged, its place
// freed, and no rejection left that nothing awaits.
import { describe, expect, it } from 'vitest';
import type { SentRequest } from '../../src-shared/domain';
import type { Interaction, StreamEvent } from '../../src-shared/interactions';
import { GenerationService, type StreamingClient } from './generation';
import type { Logger } from './ports';
import { turnEventsTo } from '../../test-support/main/turn-events';

const client: StreamingClient = {
  async *streamInteraction(): AsyncGenerator<StreamEvent, Interaction> {
    const done: Interaction = { id: 'v1_x', status: 'completed' };
    yield { event_type: 'interaction.completed', interaction: done };
    return done;
  },
  describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
};

describe('GenerationService: a last event the window cannot take', () => {
  it('is logged, frees its place, and leaves no unhandled rejection', async () => {
    const errors: { message: string; fields: unknown }[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (message, fields) => void errors.push({ message, fields }) };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const generation = new GenerationService({
        client,
        emit: turnEventsTo((event) => {
          if (event.type === 'done' || event.type === 'error') throw new Error('An object could not be cloned.');
        }),
        logger,
      });
      generation.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r1', paneId: 'p', config: { model: 'gemini-3-flash-preview' } }] });
      await generation.settled();
      // Unhandled rejections are reported after the microtasks of the turn in which they happened.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      // The done event failing is taken for the turn failing; the error event that says so fails too.
      const fields = { requestId: 'r1', error: 'Error: An object could not be cloned.' };
      expect(errors).toEqual([
        { message: 'turn failed unexpectedly', fields },
        { message: 'turn: its last event could not be sent', fields },
      ]);
      // Its place is free: the same request id may start again.
      expect(() => generation.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r1', paneId: 'p', config: { model: 'gemini-3-flash-preview' } }] })).not.toThrow();
      await generation.settled();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
