// Pure mapping from a pane's configuration and a turn to the Interactions API create body (§3, §6).
// Images arrive already resolved (main read the bytes or uploaded them): this module does no I/O.
import type { PaneConfig, PaneHistory, TurnInput } from './domain';
import type { ServiceTier } from './eval/constants';
import type { MediaResolution } from './interactions';
import { isStoredMediaPart, mediaKindOf, storedMediaPart, takesResolution } from './media';
import type { Content, CreateInteractionRequest, FunctionResultStep, GenerationConfig, MediaContent, Step, Tool } from './interactions';
import { PANE_SETTINGS } from './settings/table';
import { toolsList, wireFields } from './settings/values';

/** An attachment ready for the wire (§3.2, §7.2): its bytes as base64, or the uri the Files API returned. */
export type ResolvedMedia = { mimeType: string; data: string } | { mimeType: string; uri: string };

/** generation_config holds exactly the values set in the pane (settings/table.ts); unset ones are not sent at all. */
export function toGenerationConfig(config: PaneConfig): GenerationConfig | undefined {
  const g = wireFields(PANE_SETTINGS, config, 'generation_config');
  return Object.keys(g).length > 0 ? (g as GenerationConfig) : undefined;
}

/** The part type follows the kind of file (image, document, audio, video); only images and video take a resolution. */
export function mediaPart(media: ResolvedMedia, resolution: MediaResolution | undefined): MediaContent {
  const type = mediaKindOf(media.mimeType) ?? 'image';
  const part: MediaContent = 'data' in media ? { type, data: media.data, mime_type: media.mimeType } : { type, uri: media.uri, mime_type: media.mimeType };
  if (resolution && takesResolution(type)) part.resolution = resolution;
  return part;
}

/**
 * One user turn as content parts: the text, then the images in the order they were attached (§3.1).
 * `images` are the turn's ImageRefs resolved by main, in the same order. A blank text with images is left
 * out rather than sent as an empty part.
 */
export function userContent(input: TurnInput, images: readonly ResolvedMedia[] = []): Content[] {
  const expected = input.images?.length ?? 0;
  if (images.length !== expected) {
    throw new Error(`buildCreateRequest: ${expected} image(s) in the turn but ${images.length} resolved`);
  }
  const parts: Content[] = [];
  if (images.length === 0 || input.text.trim() !== '') parts.push({ type: 'text', text: input.text });
  images.forEach((image, i) => parts.push(mediaPart(image, input.images?.[i]?.resolution)));
  return parts;
}

export function userInputStep(input: TurnInput, images: readonly ResolvedMedia[] = []): Step {
  return { type: 'user_input', content: userContent(input, images) };
}

/**
 * An earlier turn as a stateless-history step, for the renderer: its images are named by sha256
 * (src-shared/media.ts StoredMediaPart) and main puts their bytes or uri in before sending.
 */
export function historyUserStep(input: TurnInput): Step {
  const content: unknown[] = [];
  if (!input.images?.length || input.text.trim() !== '') content.push({ type: 'text', text: input.text });
  for (const image of input.images ?? []) content.push(storedMediaPart(image));
  return { type: 'user_input', content };
}

/** An answer written or edited by hand: the person's text goes back to the model in place of the model's own. */
export const answerByHand = (turn: { example?: boolean | undefined; original?: { answer?: string | undefined } | undefined }): boolean =>
  turn.example === true || turn.original?.answer !== undefined;

/**
 * What led to an answer (thoughts, tool and function steps, verbatim): what goes back before an answer given by
 * hand, in the app's history (history.ts modelSteps) and in exported code (export/plan.ts) alike.
 */
export const stepsBeforeAnswer = (steps: readonly Step[]): Step[] => steps.filter((step) => step.type !== 'user_input' && step.type !== 'model_output');

/**
 * System instruction and generation config go with every turn: they are not inherited
 * through previous_interaction_id (docs/interactions-api.md §6.1).
 */
export function buildCreateRequest(
  config: PaneConfig,
  input: TurnInput,
  options: {
    stream: boolean;
    history?: PaneHistory;
    images?: readonly ResolvedMedia[];
    /**
     * Answers to the function calls the last interaction stopped on (status requires_action): they are the input
     * instead of `input`, chained by previous_interaction_id (server) or after the history, which then already
     * ends with the turn's user_input and the model's function_call steps (stateless).
     */
    functionResults?: readonly FunctionResultStep[];
    /** `service_tier` for this request (a test-case run on a cheaper tier). */
    serviceTier?: ServiceTier;
  },
): CreateInteractionRequest {
  const history = options.history ?? { mode: 'none' };
  const images = options.images ?? [];
  const results = options.functionResults;
  if (results) return withTier(continuation(config, results, history, options.stream), options.serviceTier);
  const content = userContent(input, images);
  // Without images the input stays a plain string, as the guides write it.
  // The settings that go at the top level (the model again, in its place; a non-blank system instruction,
  // response_format, safety_settings), then the tools the pane uses.
  const { model, ...settings } = settingsOf(config);
  const body: CreateInteractionRequest = { model, input: images.length === 0 ? input.text : content, ...settings };
  if (history.mode === 'stateless') {
    // Model steps are sent back verbatim (thought signatures included); user_input steps the
    // server may have echoed are already filtered by whoever collected the history.
    if (history.steps.some(hasStoredImage)) {
      throw new Error('buildCreateRequest: the history still names images by sha256; resolve them first');
    }
    body.store = false;
    body.input = [...history.steps, { type: 'user_input', content }];
  } else if (history.mode === 'server') {
    body.previous_interaction_id = history.previousInteractionId;
  }
  const generation = toGenerationConfig(config);
  if (generation) body.generation_config = generation;
  if (options.stream) body.stream = true;
  return withTier(body, options.serviceTier);
}

function withTier(body: CreateInteractionRequest, tier: ServiceTier | undefined): CreateInteractionRequest {
  if (tier) body.service_tier = tier;
  return body;
}

/** The settings every request carries (they are not inherited through previous_interaction_id, §6.1). */
function settingsOf(config: PaneConfig): Omit<CreateInteractionRequest, 'input'> {
  const body = { model: config.model } as CreateInteractionRequest;
  Object.assign(body, wireFields(PANE_SETTINGS, config, 'request'));
  const tools = toolsList(PANE_SETTINGS, config);
  if (tools.length > 0) body.tools = tools as Tool[];
  return body;
}

function continuation(config: PaneConfig, results: readonly FunctionResultStep[], history: PaneHistory, stream: boolean): CreateInteractionRequest {
  if (results.length === 0) throw new Error('buildCreateRequest: no function results to send');
  if (history.mode === 'none') throw new Error('buildCreateRequest: function results need the interaction that asked for them');
  const body: CreateInteractionRequest = { ...settingsOf(config), input: [...results] };
  if (history.mode === 'stateless') {
    if (history.steps.some(hasStoredImage)) throw new Error('buildCreateRequest: the history still names images by sha256; resolve them first');
    body.store = false;
    body.input = [...history.steps, ...results];
  } else {
    body.previous_interaction_id = history.previousInteractionId;
  }
  const generation = toGenerationConfig(config);
  if (generation) body.generation_config = generation;
  if (stream) body.stream = true;
  return body;
}

function hasStoredImage(step: Step): boolean {
  const content = (step as { content?: unknown }).content;
  return Array.isArray(content) && content.some(isStoredMediaPart);
}
