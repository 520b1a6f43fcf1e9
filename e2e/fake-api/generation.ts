// One generated turn (thought, text, usage, status) and its Interaction JSON shapes (§4, §5.2).
import { createHash, randomBytes } from 'node:crypto';
import type { Interaction, InteractionStatus, Step, Usage } from '../../src-shared/interactions';
import { answerSeed, buildAnswer, capTokens, thoughtSummaries, tokensFor } from './answers';
import { citationsFor, citationsWithin } from './citations';
import { IMAGE_TOKENS, imageFormatOf, makeImage, type OutputImage } from './image-out';
import type { CreateBody } from './create-body';
import type { CallTurn } from './function-results';
import type { InputAnalysis } from './input';
import { CALL_PREAMBLE, type Markers } from './markers';
import { scriptedText } from './scripted';
import type { FunctionCall, ToolStep, UrlCitation } from './tool-types';
import { planToolUse, structuredText } from './tool-use';

const THOUGHT_TOKENS: Record<string, number> = { low: 64, medium: 256, high: 1024, xhigh: 2048, unset: 512 };
/** How many text deltas a stream fault lets through before it strikes. */
export const FAULT_AFTER_DELTAS = 3;

export interface Generation {
  id: string;
  model: string;
  /** The tier the request asked for (`service_tier`), echoed on the interaction; `standard` when it asked for none. */
  serviceTier: string;
  created: string;
  updated: string;
  status: InteractionStatus;
  thought?: { signature: string; summaries: string[] };
  text: string;
  /** What the model wrote before the server tools' steps (`[[say-first]]` with a search or an MCP tool), a model_output step ahead of them. */
  preamble: string;
  /** Images an image model made (response_format `image`), each a model_output step after the text. */
  images: OutputImage[];
  /** url_citation annotations of the text (a grounded answer). */
  annotations: UrlCitation[];
  /** Server-tool steps, between the thought and the answer. */
  toolSteps: ToolStep[];
  /** Set when the model calls functions: the interaction requires action and has no model_output. */
  functionCalls: FunctionCall[];
  /** The function-calling turn as it stands after this interaction, for the request that continues it. */
  callTurn: CallTurn;
  usage: Usage;
  errors?: { code: string; message: string }[];
  /** The input side of the timeline, for GET. */
  timeline: Step[];
  /** 1 + the user turns before this one. */
  turn: number;
  chunkChars: number;
  startText: boolean;
  extras: boolean;
}

export function modelThinks(model: string): boolean {
  const name = model.replace(/^models\//, '');
  return name.startsWith('gemini-3') || name.startsWith('gemini-2.5');
}

/** Google's timestamps in interactions have whole seconds. */
export function timestamp(at = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `v1_` + URL-safe base64 of a protobuf-looking blob, like the real ids (§4). */
export function newInteractionId(): string {
  return `v1_${Buffer.concat([Buffer.from([0x0a, 0x17]), randomBytes(25)]).toString('base64url')}`;
}

function signatureFor(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Buffer.concat([Buffer.from([0x12, 0xa4, 0x01]), digest, createHash('sha256').update(digest).digest()]).toString('base64');
}

/** Splits into deltas of `size` UTF-16 units, never through a surrogate pair. */
export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + Math.max(1, size));
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks;
}

/** How many text deltas go out before a mid-stream fault: a few, but never the whole answer. */
export function deltasBeforeFault(chunkCount: number): number {
  return Math.min(FAULT_AFTER_DELTAS, Math.max(1, chunkCount - 1));
}

export interface GenerationInput {
  body: CreateBody;
  analysis: InputAnalysis;
  markers: Markers;
  turn: number;
  /** Tokens of the earlier turns reached through previous_interaction_id. */
  priorTokens: number;
  defaultAnswerChars: number;
  chunkChars: number;
  /** Earlier answers to this same request (see buildAnswer). */
  draw?: number;
  /** The function-calling turn this request continues (see readCallTurn). */
  callTurn?: CallTurn;
}

function modalities(tokens: number, field: string): Usage {
  return tokens > 0 ? { [field]: [{ modality: 'text', tokens }] } : {};
}

export function generate(input: GenerationInput): Generation {
  const { body, analysis, markers } = input;
  const config = body.generation_config;
  const callTurn = input.callTurn ?? { prompt: analysis.lastUserText, rounds: 0, results: [] };
  const tools = planToolUse(body, markers, callTurn);
  const plain = buildAnswer(body, input.turn, analysis.lastUserText, markers, input.defaultAnswerChars, input.draw, tools.lead);
  const structured = structuredText(tools.format, markers, plain.text);
  // A scripted answer is the whole text, whatever the format asks; only max_output_tokens still cuts it.
  const scripted = scriptedText(tools.format, analysis.lastUserText, body.model);
  const chosen = scripted ?? structured;
  const answer = tools.calls.length > 0 ? { text: markers.sayFirst ? CALL_PREAMBLE : '', incomplete: false } : chosen === undefined ? plain : capTokens(chosen, config.max_output_tokens);
  const level = config.thinking_level ?? 'unset';
  const thinks = modelThinks(body.model) && level !== 'minimal';
  const thought = thinks
    ? {
        signature: signatureFor(`${body.model}|${answerSeed(body)}`),
        summaries: config.thinking_summaries === 'auto' ? thoughtSummaries(analysis.lastUserText, config.thinking_level) : [],
      }
    : undefined;
  const textTokens = tokensFor(analysis.textChars + (body.system_instruction?.length ?? 0)) + tools.declarationTokens + input.priorTokens;
  const byModality = [{ modality: 'text', tokens: textTokens }];
  for (const [modality, tokens] of Object.entries(analysis.mediaTokens)) byModality.push({ modality, tokens });
  const inputTokens = byModality.reduce((sum, m) => sum + m.tokens, 0);
  const callChars = tools.calls.reduce((sum, call) => sum + JSON.stringify(call.arguments).length + call.name.length, 0);
  const imageFormat = imageFormatOf(body.response_format);
  const images = imageFormat && tools.calls.length === 0 ? [makeImage(analysis.lastUserText, imageFormat)] : [];
  const preamble = markers.sayFirst && tools.calls.length === 0 && tools.steps.length > 0 ? CALL_PREAMBLE : '';
  const outputTokens = tokensFor(preamble.length + answer.text.length + callChars) + images.length * IMAGE_TOKENS;
  const thoughtTokens = thinks ? (THOUGHT_TOKENS[level] ?? 512) : 0;
  const usage: Usage = {
    total_input_tokens: inputTokens,
    input_tokens_by_modality: byModality,
    // The turns reached through previous_interaction_id are the cached prefix of this prompt.
    total_cached_tokens: input.priorTokens,
    ...modalities(input.priorTokens, 'cached_tokens_by_modality'),
    total_output_tokens: outputTokens,
    ...(thinks ? { total_thought_tokens: thoughtTokens } : {}),
    total_tool_use_tokens: tools.toolUseTokens,
    ...modalities(tools.toolUseTokens, 'tool_use_tokens_by_modality'),
    ...(tools.citations > 0 ? { grounding_tool_count: [{ type: 'google_search', count: 1 }] } : {}),
    total_tokens: inputTokens + outputTokens + thoughtTokens + tools.toolUseTokens,
  };
  const now = timestamp();
  return {
    id: newInteractionId(),
    model: body.model,
    serviceTier: typeof body.service_tier === 'string' ? body.service_tier : 'standard',
    created: now,
    updated: now,
    status: tools.calls.length > 0 ? 'requires_action' : answer.incomplete ? 'incomplete' : 'completed',
    ...(thought ? { thought } : {}),
    text: answer.text,
    preamble,
    images,
    annotations: tools.citations > 0 ? citationsFor(answer.text, tools.citations) : [],
    toolSteps: tools.steps,
    functionCalls: tools.calls,
    callTurn: { ...callTurn, rounds: callTurn.rounds + (tools.calls.length > 0 ? 1 : 0) },
    usage,
    timeline: analysis.timeline,
    turn: input.turn,
    chunkChars: markers.chunkChars ?? input.chunkChars,
    startText: markers.startText,
    extras: markers.extras,
  };
}

/** The state a faulted turn is left in: the text that went out before the fault, status failed. */
export function failedAfterFault(gen: Generation, error: { code: string; message: string }, maxDeltas = FAULT_AFTER_DELTAS): Generation {
  const chunks = chunkText(gen.text, gen.chunkChars);
  const text = chunks.slice(0, Math.min(maxDeltas, deltasBeforeFault(chunks.length))).join('');
  const outputTokens = tokensFor(text.length);
  const total = (gen.usage.total_input_tokens ?? 0) + outputTokens + (gen.usage.total_thought_tokens ?? 0) + (gen.usage.total_tool_use_tokens ?? 0);
  return {
    ...gen,
    status: 'failed',
    text,
    images: [],
    annotations: citationsWithin(gen.annotations, text),
    errors: [error],
    usage: { ...gen.usage, total_output_tokens: outputTokens, total_tokens: total },
  };
}

export function outputSteps(gen: Generation): Step[] {
  const steps: Step[] = [];
  if (gen.thought) {
    steps.push({
      type: 'thought',
      signature: gen.thought.signature,
      ...(gen.thought.summaries.length > 0 ? { summary: gen.thought.summaries.map((text) => ({ type: 'text' as const, text })) } : {}),
    });
  }
  if (gen.preamble !== '') steps.push({ type: 'model_output', content: [{ type: 'text', text: gen.preamble }] });
  steps.push(...(gen.toolSteps as Step[]));
  if (gen.functionCalls.length > 0) {
    const said = gen.text === '' ? [] : [{ type: 'model_output', content: [{ type: 'text' as const, text: gen.text }] }];
    return [...steps, ...said, ...gen.functionCalls];
  }
  const annotations = gen.annotations.length > 0 ? { annotations: gen.annotations } : {};
  steps.push({ type: 'model_output', content: gen.text === '' ? [] : [{ type: 'text', text: gen.text, ...annotations }] });
  for (const image of gen.images) steps.push({ type: 'model_output', content: [{ type: 'image', data: image.data, mime_type: image.mimeType }] });
  return steps;
}

function envelope(gen: Generation, status: InteractionStatus): Interaction {
  return { id: gen.id, object: 'interaction', status, model: gen.model, created: gen.created, updated: gen.updated, service_tier: gen.serviceTier };
}

/** POST returns only this turn's output steps; GET adds the input side (§1 item 5). */
export function interactionJson(gen: Generation, withInput: boolean): Interaction {
  return {
    ...envelope(gen, gen.status),
    steps: withInput ? [...gen.timeline, ...outputSteps(gen)] : outputSteps(gen),
    usage: gen.usage,
    ...(gen.errors ? { errors: gen.errors } : {}),
  };
}

export function createdInteraction(gen: Generation): Interaction {
  return envelope(gen, 'in_progress');
}

/** interaction.completed carries no steps (§1 item 4). */
export function completedInteraction(gen: Generation, status: InteractionStatus = gen.status): Interaction {
  return { ...envelope(gen, status), usage: gen.usage, ...(gen.errors ? { errors: gen.errors } : {}) };
}
