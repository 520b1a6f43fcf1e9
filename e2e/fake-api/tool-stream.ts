// How tool steps, function calls and citations stream: step.start, deltas of the step's own type, step.stop.
// Call arguments come in step.start for some types and in a delta for others, so a client must handle both.
import { chunkText } from './generation';
import type { Frame } from './sse';
import type { FunctionCall, ToolStep, UrlCitation } from './tool-types';

export type Emit = (eventType: string, payload: Record<string, unknown>) => Frame;

/** Call types whose step.start carries empty arguments, the real ones following in a delta. */
const ARGUMENTS_IN_DELTA = new Set(['url_context_call', 'code_execution_call']);
/** At most this many annotations per text_annotation_delta. */
export const ANNOTATIONS_PER_DELTA = 50;

/** A result step.start holds its call_id (and names) and an empty result; the result arrives as a delta. */
function resultStart(step: ToolStep): ToolStep {
  const { result, is_error: _isError, ...rest } = step;
  return { ...rest, result: typeof result === 'string' ? '' : [] };
}

function resultDelta(step: ToolStep): Record<string, unknown> {
  const { call_id: _callId, ...rest } = step;
  return rest;
}

/** Streams one server-tool step at `index`; returns its step.stop. */
export function streamToolStep(emit: Emit, index: number, step: ToolStep): Frame {
  if (step.type.endsWith('_result')) {
    emit('step.start', { index, step: resultStart(step) });
    emit('step.delta', { index, delta: resultDelta(step) });
  } else if (ARGUMENTS_IN_DELTA.has(step.type)) {
    emit('step.start', { index, step: { ...step, arguments: {} } });
    emit('step.delta', { index, delta: { type: step.type, arguments: step.arguments } });
  } else {
    emit('step.start', { index, step });
  }
  return emit('step.stop', { index });
}

/** step.start with empty arguments, the arguments' JSON in `arguments_delta` fragments, step.stop (§5.3 c). */
export function streamFunctionCall(emit: Emit, index: number, call: FunctionCall, chunkChars: number): Frame {
  emit('step.start', { index, step: { ...call, arguments: {} } });
  for (const fragment of chunkText(JSON.stringify(call.arguments), chunkChars)) {
    emit('step.delta', { index, delta: { type: 'arguments_delta', arguments: fragment } });
  }
  return emit('step.stop', { index });
}

/** Citations follow the text they annotate, in batches. */
export function streamAnnotations(emit: Emit, index: number, annotations: UrlCitation[]): void {
  for (let at = 0; at < annotations.length; at += ANNOTATIONS_PER_DELTA) {
    emit('step.delta', { index, delta: { type: 'text_annotation_delta', annotations: annotations.slice(at, at + ANNOTATIONS_PER_DELTA) } });
  }
}
