// SSE framing (§5.1) and the ordered event script of one streamed turn (§5.3 a/b), including how stream faults end it.
import type { StreamFault } from './markers';
import { type Generation, chunkText, completedInteraction, createdInteraction } from './generation';
import { streamAnnotations, streamFunctionCall, streamToolStep } from './tool-stream';

export const DONE_FRAME = 'event: done\ndata: [DONE]\n\n';
/** A `data:` line that is not JSON: the object is cut off mid-string. */
export const BAD_JSON_FRAME = 'event: step.delta\ndata: {"index":1,"delta":{"type":"text","text":"unterminat\n\n';
export const ERROR_EVENT = { code: 'gateway_timeout', message: 'Deadline expired before operation could complete.' };

export interface Frame {
  text: string;
  /** A step.delta: paced by the delta delay. */
  delta: boolean;
  eventId?: string;
  /** A text delta of the model_output step. */
  textDelta: boolean;
  /** The last step's step.stop (the answer's, or the last function call's): mid-stream faults strike before it. */
  outputStop?: boolean;
}

/** How the stream ends after its frames: `done` = `[DONE]` + clean end; `end` = clean end without `[DONE]`. */
export type Ending = 'done' | 'end' | 'cut' | 'bad-json' | 'stall';

export interface Script {
  frames: Frame[];
  ending: Ending;
}

/** One event: `event:` line, then the JSON (with `event_type` repeated inside) on a single `data:` line. */
export function frame(eventType: string, payload: Record<string, unknown>, eventId?: string): string {
  const data = { ...payload, event_type: eventType, ...(eventId === undefined ? {} : { event_id: eventId }) };
  return `event: ${eventType}\ndata: ${JSON.stringify(data)}\n\n`;
}

class ScriptBuilder {
  readonly frames: Frame[] = [];
  private seq = 0;
  constructor(private readonly idPrefix: string) {}

  event(eventType: string, payload: Record<string, unknown>, textDelta = false): Frame {
    this.seq += 1;
    const eventId = `${this.idPrefix}.${this.seq}`;
    const f: Frame = { text: frame(eventType, payload, eventId), delta: eventType === 'step.delta', eventId, textDelta };
    this.frames.push(f);
    return f;
  }

  raw(text: string): void {
    this.frames.push({ text, delta: false, textDelta: false });
  }
}

/** The frames of a complete turn, in the documented order. */
function fullScript(gen: Generation): Frame[] {
  const b = new ScriptBuilder(gen.id.slice(3, 15));
  b.event('interaction.created', { interaction: createdInteraction(gen) });
  b.event('interaction.status_update', { interaction_id: gen.id, status: 'in_progress' });
  if (gen.extras) {
    b.raw(': keep-alive\n\n');
    b.event('interaction.heartbeat', { interaction_id: gen.id });
  }
  let index = 0;
  if (gen.thought) {
    b.event('step.start', { index, step: { type: 'thought' } });
    for (const text of gen.thought.summaries) {
      b.event('step.delta', { index, delta: { type: 'thought_summary', content: { type: 'text', text } } });
    }
    b.event('step.delta', { index, delta: { type: 'thought_signature', signature: gen.thought.signature } });
    b.event('step.stop', { index });
    index += 1;
  }
  const emit = (eventType: string, payload: Record<string, unknown>) => b.event(eventType, payload);
  if (gen.preamble !== '') {
    // Not counted as the answer's text deltas: a fault cuts the answer after the tools, as failedAfterFault reads it.
    b.event('step.start', { index, step: { type: 'model_output' } });
    for (const text of chunkText(gen.preamble, gen.chunkChars)) b.event('step.delta', { index, delta: { type: 'text', text } });
    b.event('step.stop', { index });
    index += 1;
  }
  for (const step of gen.toolSteps) streamToolStep(emit, index++, step);
  if (gen.functionCalls.length > 0) {
    // What the model wrote before calling is a model_output step of its own, ahead of the calls.
    if (gen.text !== '') {
      b.event('step.start', { index, step: { type: 'model_output' } });
      for (const text of chunkText(gen.text, gen.chunkChars)) b.event('step.delta', { index, delta: { type: 'text', text } }, true);
      b.event('step.stop', { index });
      index += 1;
    }
    const stops = gen.functionCalls.map((call) => streamFunctionCall(emit, index++, call, gen.chunkChars));
    (stops.at(-1) as Frame).outputStop = true;
  } else {
    const chunks = chunkText(gen.text, gen.chunkChars);
    const first = gen.startText ? chunks.shift() : undefined;
    b.event('step.start', {
      index,
      step: first === undefined ? { type: 'model_output' } : { type: 'model_output', content: [{ type: 'text', text: first }] },
    });
    if (gen.extras) b.event('step.delta', { index, delta: { type: 'future_delta_type', value: 1 } });
    for (const text of chunks) b.event('step.delta', { index, delta: { type: 'text', text } }, true);
    streamAnnotations(emit, index, gen.annotations);
    b.event('step.stop', { index });
    // An image comes whole in one image delta of a model_output step of its own, after the text.
    for (const image of gen.images) {
      index += 1;
      b.event('step.start', { index, step: { type: 'model_output' } });
      b.event('step.delta', { index, delta: { type: 'image', data: image.data, mime_type: image.mimeType } });
      b.event('step.stop', { index });
    }
    (b.frames.at(-1) as Frame).outputStop = true;
  }
  b.event('interaction.completed', { interaction: completedInteraction(gen) });
  return b.frames;
}

/** Everything up to and including the n-th text delta, and never the last step's step.stop. */
function throughTextDelta(frames: Frame[], n: number): Frame[] {
  let seen = 0;
  const kept: Frame[] = [];
  for (const f of frames) {
    if (f.outputStop || (f.textDelta && seen >= n)) break;
    kept.push(f);
    if (f.textDelta) seen += 1;
  }
  return kept;
}

/**
 * `gen` is already the faulted turn (see failedAfterFault), so its text is exactly what may go out
 * before a mid-stream fault strikes.
 */
export function buildScript(gen: Generation, fault?: StreamFault): Script {
  const frames = fullScript(gen);
  const textDeltas = frames.filter((f) => f.textDelta).length;
  switch (fault) {
    case 'error-event': {
      const kept = throughTextDelta(frames, textDeltas);
      kept.push({ text: frame('error', { error: ERROR_EVENT }, `${gen.id.slice(3, 15)}.error`), delta: false, textDelta: false });
      return { frames: kept, ending: 'end' };
    }
    case 'cut':
      return { frames: throughTextDelta(frames, textDeltas), ending: 'cut' };
    case 'no-complete':
      return { frames: throughTextDelta(frames, textDeltas), ending: 'end' };
    case 'bad-json':
      return { frames: throughTextDelta(frames, textDeltas), ending: 'bad-json' };
    case 'stall':
      return { frames: throughTextDelta(frames, 1), ending: 'stall' };
    default:
      return { frames, ending: 'done' };
  }
}

/** For GET ?stream=true&last_event_id=…: the frames after that event, or all of them. */
export function resumeAfter(script: Script, lastEventId: string | undefined): Script {
  if (!lastEventId) return script;
  const at = script.frames.findIndex((f) => f.eventId === lastEventId);
  return at < 0 ? script : { frames: script.frames.slice(at + 1), ending: script.ending };
}
