// Pure mapping from a pane's configuration and a turn to the Interactions API create body (§3, §6).
import type { PaneConfig, PaneHistory, TurnInput } from './domain';
import type { CreateInteractionRequest, GenerationConfig, Step } from './interactions';

/** generation_config holds exactly the values set in the pane; unset ones are not sent at all. */
export function toGenerationConfig(config: PaneConfig): GenerationConfig | undefined {
  const g: GenerationConfig = {};
  if (config.temperature !== undefined) g.temperature = config.temperature;
  if (config.topP !== undefined) g.top_p = config.topP;
  if (config.maxOutputTokens !== undefined) g.max_output_tokens = config.maxOutputTokens;
  if (config.thinkingLevel !== undefined) g.thinking_level = config.thinkingLevel;
  if (config.thinkingSummaries !== undefined) g.thinking_summaries = config.thinkingSummaries ? 'auto' : 'none';
  if (config.stopSequences !== undefined && config.stopSequences.length > 0) g.stop_sequences = [...config.stopSequences];
  if (config.seed !== undefined) g.seed = config.seed;
  return Object.keys(g).length > 0 ? g : undefined;
}

export function userInputStep(input: TurnInput): Step {
  return { type: 'user_input', content: [{ type: 'text', text: input.text }] };
}

/**
 * System instruction and generation config go with every turn: they are not inherited
 * through previous_interaction_id (interactions-api.md §6.1).
 */
export function buildCreateRequest(
  config: PaneConfig,
  input: TurnInput,
  options: { stream: boolean; history?: PaneHistory },
): CreateInteractionRequest {
  const history = options.history ?? { mode: 'none' };
  const body: CreateInteractionRequest = { model: config.model, input: input.text };
  if (config.systemInstruction !== undefined && config.systemInstruction.trim() !== '') {
    body.system_instruction = config.systemInstruction;
  }
  if (history.mode === 'stateless') {
    // Model steps are sent back verbatim (thought signatures included); user_input steps the
    // server may have echoed are already filtered by whoever collected the history.
    body.store = false;
    body.input = [...history.steps, userInputStep(input)];
  } else if (history.mode === 'server') {
    body.previous_interaction_id = history.previousInteractionId;
  }
  const generation = toGenerationConfig(config);
  if (generation) body.generation_config = generation;
  if (options.stream) body.stream = true;
  return body;
}
