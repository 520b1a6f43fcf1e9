// Response bytes → the stream's known events, up to `[DONE]`, or shortly after `interaction.completed` when the
// server never sends `[DONE]` nor closes (docs/interactions-api.md §5.3).
import { setTimeout as delay } from 'node:timers/promises';
import type { StreamEvent } from '../../../src-shared/interactions';
import type { Logger } from '../ports';
import { parseStreamEvent } from './events';
import { readSseBatches, type SseMessage } from './sse';

/**
 * How long the stream is read on after `interaction.completed`. The completion carries the final interaction and
 * only `[DONE]` follows it (§5.3), and whatever else did would change nothing (a break there is already ignored);
 * this is the wait for that `[DONE]`, so a connection that stays open does not keep the turn streaming until the
 * idle timeout.
 */
export const COMPLETION_GRACE_MS = 1_000;

/**
 * Every known event in order; unknown types are logged and skipped. Ends at `[DONE]`, at the end of the body, or
 * when nothing more arrives within `graceMs` of `interaction.completed`; the caller then destroys the body.
 */
export async function* streamEvents(body: AsyncIterable<Uint8Array>, logger: Logger, graceMs = COMPLETION_GRACE_MS): AsyncGenerator<StreamEvent> {
  const batches = readSseBatches(body)[Symbol.asyncIterator]();
  let completed = false;
  for (;;) {
    const next = completed ? await withinGrace(batches.next(), graceMs) : await batches.next();
    if (next === undefined || next.done) return;
    for (const message of next.value) {
      const parsed = parseStreamEvent(message);
      if (parsed.kind === 'done') return;
      if (parsed.kind === 'unknown') {
        logger.debug('Skipped an unknown stream event type', { eventType: parsed.eventType });
        continue;
      }
      yield parsed.event;
      if (parsed.event.event_type === 'interaction.completed') completed = true;
    }
  }
}

/** The next batch, or undefined once `ms` pass without one; the read left pending fails when the body is destroyed. */
async function withinGrace(next: Promise<IteratorResult<SseMessage[]>>, ms: number): Promise<IteratorResult<SseMessage[]> | undefined> {
  next.catch(() => undefined);
  const timer = new AbortController();
  const late = delay(ms, undefined, { signal: timer.signal }).catch(() => undefined);
  try {
    return await Promise.race([next, late]);
  } finally {
    timer.abort();
  }
}
