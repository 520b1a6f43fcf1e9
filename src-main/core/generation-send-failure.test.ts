// A turn whose last event the window cannot take (too large, or a value Electron cannot copy): a short error with none
// of the answer goes in its place so the pane ends its turn, its place is freed, no rejection is left that nothing
// awaits, and the crash journal ends as the pane does while keeping all of the answer main received.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SentRequest, TurnEvent } from '../../src-shared/domain';
import type { Interaction, StreamEvent } from '../../src-shared/interactions';
import { AppFailure } from './failure';
import { GenerationService, type StreamingClient } from './generation';
import { UNDELIVERED_ERROR } from './last-event';
import type { Logger } from './ports';
import { InflightJournal } from './sessions/inflight-journal';
import type { InflightRecord } from './sessions/inflight-recovery';
import { tempDir } from '../../test-support/main/sessions';
import { turnEventsTo } from '../../test-support/main/turn-events';

/** Streams some text, then completes or fails as `ending` says. */
function clientEnding(ending: 'done' | 'error'): StreamingClient {
  return {
    async *streamInteraction(): AsyncGenerator<StreamEvent, Interaction> {
      yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
      yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'Partial answer' } };
      yield { event_type: 'step.stop', index: 0 };
      if (ending === 'error') throw new AppFailure('SERVER', 'The server failed.', { retryable: true });
      const done: Interaction = { id: 'v1_x', status: 'completed' };
      yield { event_type: 'interaction.completed', interaction: done };
      return done;
    },
    describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
  };
}

const isLast = (event: TurnEvent) => event.type === 'done' || event.type === 'error' || event.type === 'cancelled';
const pane = { requestId: 'r1', paneId: 'p', config: { model: 'gemini-3-flash-preview' } };
const shortError = { type: 'error', requestId: 'r1', paneId: 'p', error: UNDELIVERED_ERROR, partial: true, steps: [] };

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

/** Runs one turn whose window refuses the last events `refuses` names; answers what it took, what was logged, and the journal. */
async function turnWhoseWindow(ending: 'done' | 'error', refuses: (event: TurnEvent) => boolean) {
  const errors: { message: string; fields: unknown }[] = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (message, fields) => void errors.push({ message, fields }) };
  const taken: TurnEvent[] = [];
  const journal = new InflightJournal({ dir: join(temp.dir, 'inflight'), logger });
  const generation = new GenerationService({
    client: clientEnding(ending),
    emit: turnEventsTo((event) => {
      if (isLast(event) && refuses(event)) throw new Error('An object could not be cloned.');
      taken.push(event);
    }),
    logger,
    observer: journal,
  });
  generation.start({ sessionId: 's1', input: { text: 'Hi' }, panes: [pane] });
  await generation.settled();
  await journal.flush();
  const record = JSON.parse(readFileSync(join(temp.dir, 'inflight', 'r1.json'), 'utf8')) as InflightRecord;
  return { generation, taken, errors, record };
}

/** The window cannot copy the answer's steps: every last event that carries some is refused. */
const withSteps = (event: TurnEvent) => 'steps' in event && event.steps.length > 0;

describe('GenerationService: a last event the window cannot take', () => {
  it.each(['done', 'error'] as const)('a %s event the window refuses is replaced by a short error, and the journal keeps the answer', async (ending) => {
    const { generation, taken, record } = await turnWhoseWindow(ending, withSteps);
    // The pane ends its turn with exactly one last event, one that carries none of the answer.
    expect(taken.filter(isLast)).toEqual([expect.objectContaining(shortError)]);
    expect(generation.activeCount).toBe(0);
    // The journal ends as the pane does (so the window's save of the failed turn removes it) and holds all of the answer.
    expect(record.final).toMatchObject({ status: 'failed', error: UNDELIVERED_ERROR });
    expect(record.text).toBe('Partial answer');
    expect(record.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'Partial answer' }] }]);
  });

  it('when even the short error cannot be sent: both are logged, its place is freed, no unhandled rejection, and the journal keeps the answer', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { generation, taken, errors, record } = await turnWhoseWindow('done', () => true);
      // Unhandled rejections are reported after the microtasks of the turn in which they happened.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(taken.filter(isLast)).toEqual([]);
      const fields = { requestId: 'r1', error: 'Error: An object could not be cloned.' };
      expect(errors).toEqual([
        { message: 'turn: its last event could not be sent; a short error is sent in its place', fields },
        { message: 'turn: not even the short error in place of its last event could be sent', fields },
      ]);
      expect(generation.activeCount).toBe(0);
      // The window may be gone: the next start recovers the whole answer, saying why it did not arrive.
      expect(record.final).toMatchObject({ status: 'failed', error: UNDELIVERED_ERROR });
      expect(record.text).toBe('Partial answer');
      // Its place is free: the same request id may start again.
      expect(() => generation.start({ input: { text: 'Hi' }, panes: [pane] })).not.toThrow();
      await generation.settled();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
