// SSE message → typed StreamEvent, with cheap shape checks on the hot path (docs/interactions-api.md §5.1–§5.2).
import type { StreamEvent, StreamEventType } from '../../../src-shared/interactions';
import { AppFailure } from '../failure';
import type { SseMessage } from './sse';

export type ParsedMessage =
  | { kind: 'event'; event: StreamEvent }
  /** `data: [DONE]`, the end-of-stream sentinel (§1 item 3). */
  | { kind: 'done' }
  /** A well-formed event of a type this client does not know: log and skip (§1 item 12). */
  | { kind: 'unknown'; eventType: string };

const DONE = { kind: 'done' } as const;

type Obj = Record<string, unknown>;
type Check = (e: Obj) => string | undefined;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const hasType = (v: unknown): boolean => isObj(v) && typeof v.type === 'string';

/** Each check names the first missing or mistyped required field, or returns undefined. */
const CHECKS: Record<StreamEventType, Check> = {
  'interaction.created': (e) => interactionProblem(e.interaction),
  'interaction.completed': (e) => interactionProblem(e.interaction),
  'interaction.status_update': (e) => (typeof e.status === 'string' ? undefined : 'status'),
  'step.start': (e) => (!isIndex(e.index) ? 'index' : hasType(e.step) ? undefined : 'step.type'),
  'step.delta': (e) => (!isIndex(e.index) ? 'index' : hasType(e.delta) ? undefined : 'delta.type'),
  'step.stop': (e) => (isIndex(e.index) ? undefined : 'index'),
  error: () => undefined,
};

function interactionProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'interaction';
  return typeof v.id === 'string' ? undefined : 'interaction.id';
}

/**
 * Dispatches on the JSON `event_type` and ignores the `event:` line, as the SDK does (§1 item 3):
 * the line is a duplicate and a proxy may drop it.
 */
export function parseStreamEvent(message: SseMessage): ParsedMessage {
  const data = message.data;
  if (data === '[DONE]') return DONE;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (cause) {
    throw new AppFailure('PROTOCOL', `The server sent a streamed event that is not valid JSON: ${preview(data)}`, { cause });
  }
  if (!isObj(json) || typeof json.event_type !== 'string') {
    throw new AppFailure('PROTOCOL', `The server sent a streamed event without an event_type: ${preview(data)}`);
  }
  const type = json.event_type;
  const check = Object.hasOwn(CHECKS, type) ? CHECKS[type as StreamEventType] : undefined;
  if (!check) return { kind: 'unknown', eventType: type };
  const problem = check(json);
  if (problem !== undefined) {
    throw new AppFailure('PROTOCOL', `The server sent a "${type}" event without a valid "${problem}".`);
  }
  if (type === 'error' && !isObj(json.error)) {
    // A malformed error event is still an error: keep it a STREAM_ERROR rather than a protocol failure.
    json.error = {};
  }
  return { kind: 'event', event: json as unknown as StreamEvent };
}

function preview(data: string): string {
  const oneLine = data.replace(/\s+/g, ' ');
  return oneLine.length > 120 ? `${oneLine.slice(0, 120)}…` : oneLine;
}
