// Validates a create body (§3) the way the service would, so a client sending a wrong field name or type fails here too.
import type { GenerationConfig } from '../../src-shared/interactions';
import { type ApiError, invalidRequest, unknownName } from './errors';
import { checkFormats } from './format-validation';
import { imageFormatOf } from './image-out';
import { checkToolsAndChoice } from './tool-validation';

const TOP_LEVEL = new Set([
  'model',
  'agent',
  'agent_config',
  'input',
  'system_instruction',
  'generation_config',
  'tools',
  'response_format',
  'stream',
  'store',
  'previous_interaction_id',
  'background',
  'continuation_token',
  'safety_settings',
  'service_tier',
  'labels',
  'webhook_config',
  'environment',
  'response_mime_type',
  'response_modalities',
  'cached_content',
]);

const GENERATION_CONFIG = new Set([
  'thinking_level',
  'thinking_summaries',
  'max_output_tokens',
  'stop_sequences',
  'seed',
  'temperature',
  'top_p',
  'tool_choice',
  'speech_config',
  'transcription_config',
  'video_config',
  'image_config',
]);

const THINKING_LEVELS = ['minimal', 'low', 'medium', 'high', 'xhigh'];
/** Gemini accepts at most five stop sequences. */
const MAX_STOP_SEQUENCES = 5;

export interface CreateBody {
  model: string;
  input: unknown;
  system_instruction?: string;
  generation_config: GenerationConfig & { thinking_level?: string; tool_choice?: unknown };
  stream?: boolean;
  store?: boolean;
  previous_interaction_id?: string;
  [field: string]: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNumber(config: Record<string, unknown>, name: string, min: number, max: number, integer: boolean): string | undefined {
  const value = config[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    return `generation_config.${name} must be ${integer ? 'an integer' : 'a number'}.`;
  }
  if (value < min || value > max) return `generation_config.${name} must be between ${min} and ${max}.`;
  return undefined;
}

function checkGenerationConfig(config: Record<string, unknown>): ApiError | undefined {
  for (const name of Object.keys(config)) {
    if (!GENERATION_CONFIG.has(name)) return unknownName(name, 'generation_config');
  }
  const problem =
    checkNumber(config, 'temperature', 0, 2, false) ??
    checkNumber(config, 'top_p', 0, 1, false) ??
    checkNumber(config, 'max_output_tokens', 1, 65_536, true) ??
    checkNumber(config, 'seed', -2_147_483_648, 2_147_483_647, true);
  if (problem) return invalidRequest(problem);
  const level = config.thinking_level;
  if (level !== undefined && (typeof level !== 'string' || !THINKING_LEVELS.includes(level))) {
    return invalidRequest(`generation_config.thinking_level must be one of ${THINKING_LEVELS.join(', ')}.`);
  }
  const summaries = config.thinking_summaries;
  if (summaries !== undefined && summaries !== 'auto' && summaries !== 'none') {
    return invalidRequest('generation_config.thinking_summaries must be "auto" or "none".');
  }
  const stops = config.stop_sequences;
  if (stops !== undefined) {
    if (!Array.isArray(stops) || !stops.every((s) => typeof s === 'string' && s.length > 0)) {
      return invalidRequest('generation_config.stop_sequences must be an array of non-empty strings.');
    }
    if (stops.length > MAX_STOP_SEQUENCES) {
      return invalidRequest(`generation_config.stop_sequences accepts at most ${MAX_STOP_SEQUENCES} entries.`);
    }
  }
  return undefined;
}

/** Returns the typed body or the error to answer with. */
export function validateCreateBody(body: unknown): CreateBody | ApiError {
  if (!isObject(body)) return invalidRequest('The request body must be a JSON object.');
  for (const name of Object.keys(body)) {
    if (!TOP_LEVEL.has(name)) return unknownName(name);
  }
  if (typeof body.model !== 'string' || body.model.trim() === '') {
    return invalidRequest(body.agent !== undefined ? 'This fake only serves models; "agent" is not supported.' : 'model is required.');
  }
  if (body.system_instruction !== undefined && typeof body.system_instruction !== 'string') {
    return invalidRequest('system_instruction must be a string.');
  }
  for (const flag of ['stream', 'store', 'background'] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return invalidRequest(`${flag} must be a boolean.`);
  }
  if (body.previous_interaction_id !== undefined && typeof body.previous_interaction_id !== 'string') {
    return invalidRequest('previous_interaction_id must be a string.');
  }
  const config = body.generation_config ?? {};
  if (!isObject(config)) return invalidRequest('generation_config must be an object.');
  const configError = checkGenerationConfig(config) ?? checkToolsAndChoice(body.tools, config.tool_choice) ?? checkFormats(body.response_format, body.safety_settings);
  if (configError) return configError;
  if (imageFormatOf(body.response_format) && !/-image(-preview)?$/.test(body.model)) {
    return invalidRequest(`Image output is not supported by ${body.model.replace(/^models\//, '')}; use an image model such as gemini-2.5-flash-image.`);
  }
  return { ...body, model: body.model, input: body.input, generation_config: config } as CreateBody;
}
