// Reads the `input` of a create body (§3.1): which user turns it holds, the last user text, what it costs in tokens.
import type { Content, MediaContent, Step } from '../../src-shared/interactions';
import { DEFAULT_INLINE_LIMIT_BYTES, checkMediaPart, inlineLimitError } from './media-checks';

const CONTENT_TYPES = new Set(['text', 'image', 'audio', 'document', 'video']);
const STEP_TYPES = new Set(['user_input', 'model_output', 'thought', 'function_call', 'function_result']);
const RESOLUTIONS = ['low', 'medium', 'high', 'ultra_high'];

/** The input tokens one media part is billed for the request's model (media-billing.ts). */
export type MediaBill = (part: MediaContent) => number;

export interface InputAnalysis {
  /** user turns carried by this input: 1 for a content form, the user_input steps for a steps array. */
  userTurns: number;
  lastUserText: string;
  textChars: number;
  mediaTokens: Record<string, number>;
  /** Decoded bytes of inline media data in the turns (not in function results). */
  inlineBytes: number;
  /** How GET /interactions/{id} shows this input on the timeline. */
  timeline: Step[];
}

export const LEGACY_SCHEMA_MESSAGE =
  'The legacy Interactions API schema is no longer supported. Please migrate to the steps schema (see https://ai.google.dev/gemini-api/docs/interactions-breaking-changes-may-2026).';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStepType(type: string): boolean {
  return STEP_TYPES.has(type) || /_(call|result)$/.test(type);
}

class InputError extends Error {}

function checkContent(part: unknown, where: string): Content {
  if (!isObject(part)) throw new InputError(`${where} must be an object.`);
  const type = part.type;
  if (typeof type !== 'string') {
    if ('role' in part || 'parts' in part) throw new InputError(LEGACY_SCHEMA_MESSAGE);
    throw new InputError(`${where}.type is required.`);
  }
  if (!CONTENT_TYPES.has(type)) throw new InputError(`Unknown content type "${type}" at ${where}.`);
  if (type === 'text' && typeof part.text !== 'string') throw new InputError(`${where}.text must be a string.`);
  if (type !== 'text' && typeof part.data !== 'string' && typeof part.uri !== 'string') {
    throw new InputError(`${where} needs "data" or "uri".`);
  }
  if ((type === 'image' || type === 'video') && part.resolution !== undefined && !RESOLUTIONS.includes(part.resolution as string)) {
    throw new InputError(`${where}.resolution must be one of ${RESOLUTIONS.join(', ')}.`);
  }
  if (type !== 'text') {
    const media = checkMediaPart(part, where);
    if ('error' in media) throw new InputError(media.error);
  }
  return part as unknown as Content;
}

function contentsOf(value: unknown, where: string): Content[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  if (Array.isArray(value)) return value.map((part, i) => checkContent(part, `${where}[${i}]`));
  return [checkContent(value, where)];
}

function textOf(contents: Content[]): string {
  return contents
    .filter((c): c is Extract<Content, { type: 'text' }> => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

function tally(analysis: InputAnalysis, contents: Content[], bill: MediaBill): void {
  for (const part of contents) {
    if (part.type === 'text') analysis.textChars += part.text.length;
    else {
      analysis.mediaTokens[part.type] = (analysis.mediaTokens[part.type] ?? 0) + bill(part);
      if (typeof part.data === 'string') analysis.inlineBytes += Math.floor((part.data.length * 3) / 4);
    }
  }
}

function checkFunctionCall(step: Record<string, unknown>, where: string): void {
  if (typeof step.id !== 'string' || step.id === '') throw new InputError(`${where}.id must be a non-empty string.`);
  if (typeof step.name !== 'string') throw new InputError(`${where}.name must be a string.`);
  if (!isObject(step.arguments)) throw new InputError(`${where}.arguments must be an object.`);
}

/** `result` is a string, an object or an array of content parts (FunctionResultStep in the typings). */
function checkFunctionResult(step: Record<string, unknown>, where: string): void {
  if (typeof step.call_id !== 'string' || step.call_id === '') throw new InputError(`${where}.call_id must be a non-empty string.`);
  const result = step.result;
  if (typeof result !== 'string' && !isObject(result) && !Array.isArray(result)) {
    throw new InputError(`${where}.result must be a string, an object or an array.`);
  }
  if (Array.isArray(result)) result.forEach((part, j) => checkContent(part, `${where}.result[${j}]`));
  if (step.name !== undefined && typeof step.name !== 'string') throw new InputError(`${where}.name must be a string.`);
  if (step.is_error !== undefined && typeof step.is_error !== 'boolean') throw new InputError(`${where}.is_error must be a boolean.`);
}

function analyseSteps(steps: Record<string, unknown>[], analysis: InputAnalysis, bill: MediaBill): void {
  steps.forEach((step, i) => {
    const type = String(step.type);
    if (type === 'user_input') {
      const contents = contentsOf(step.content, `input[${i}].content`);
      analysis.userTurns += 1;
      analysis.lastUserText = textOf(contents);
      tally(analysis, contents, bill);
    } else if (type === 'model_output') {
      tally(analysis, contentsOf(step.content, `input[${i}].content`), bill);
    } else if (type === 'function_call') {
      checkFunctionCall(step, `input[${i}]`);
    } else if (type === 'function_result') {
      checkFunctionResult(step, `input[${i}]`);
      analysis.textChars += typeof step.result === 'string' ? step.result.length : JSON.stringify(step.result).length;
    }
  });
  analysis.timeline = steps as Step[];
}

/** Returns the analysis, or the message of a 400 invalid_request. */
export function analyseInput(input: unknown, bill: MediaBill, inlineLimitBytes = DEFAULT_INLINE_LIMIT_BYTES): InputAnalysis | string {
  const analysis = analyseParts(input, bill);
  if (typeof analysis === 'string') return analysis;
  return inlineLimitError(analysis.inlineBytes, inlineLimitBytes) ?? analysis;
}

function analyseParts(input: unknown, bill: MediaBill): InputAnalysis | string {
  const analysis: InputAnalysis = { userTurns: 0, lastUserText: '', textChars: 0, mediaTokens: {}, inlineBytes: 0, timeline: [] };
  try {
    if (input === undefined || input === null) throw new InputError('input is required.');
    if (typeof input === 'string' || isObject(input)) {
      if (isObject(input) && typeof input.type === 'string' && isStepType(input.type)) {
        analyseSteps([input], analysis, bill);
        return analysis;
      }
      const contents = contentsOf(input, 'input');
      userTurn(analysis, contents, bill);
      return analysis;
    }
    if (!Array.isArray(input)) throw new InputError('input must be a string, a content, or an array.');
    if (input.length === 0) throw new InputError('input must not be empty.');
    const stepLike = input.map((item) => isObject(item) && typeof item.type === 'string' && isStepType(item.type));
    if (stepLike.every(Boolean)) {
      analyseSteps(input as Record<string, unknown>[], analysis, bill);
      return analysis;
    }
    if (stepLike.some(Boolean)) throw new InputError('input must be either all steps or all content parts, not a mix.');
    userTurn(analysis, contentsOf(input, 'input'), bill);
    return analysis;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

function userTurn(analysis: InputAnalysis, contents: Content[], bill: MediaBill): void {
  analysis.userTurns = 1;
  analysis.lastUserText = textOf(contents);
  tally(analysis, contents, bill);
  analysis.timeline = [{ type: 'user_input', content: contents }];
}
