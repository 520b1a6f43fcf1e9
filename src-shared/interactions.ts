// Wire types of the Gemini Interactions API (Api-Revision 2026-05-20), as far as the app reads or writes them.
// Field names are the wire's snake_case; see docs/interactions-api.md §3–§5.

export type ThinkingLevel = 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** How finely the model sees an image (ImageContent.resolution in the typings). */
export const MEDIA_RESOLUTIONS = ['low', 'medium', 'high', 'ultra_high'] as const;
export type MediaResolution = (typeof MEDIA_RESOLUTIONS)[number];

export interface TextContent {
  type: 'text';
  text: string;
  annotations?: unknown[];
}
export interface MediaContent {
  type: 'image' | 'audio' | 'document' | 'video';
  data?: string;
  uri?: string;
  mime_type?: string;
  [extra: string]: unknown;
}
export type Content = TextContent | MediaContent;

export interface UserInputStep {
  type: 'user_input';
  content?: Content[];
}
export interface ModelOutputStep {
  type: 'model_output';
  content?: Content[];
  error?: { code?: number; message?: string };
}
export interface ThoughtStep {
  type: 'thought';
  signature?: string;
  summary?: Content[];
}
export interface FunctionCallStep {
  type: 'function_call';
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}
/** Server-tool steps and future types: kept verbatim for history, never interpreted. */
export interface OtherStep {
  type: string;
  [field: string]: unknown;
}
export type Step = UserInputStep | ModelOutputStep | ThoughtStep | FunctionCallStep | FunctionResultStep | OtherStep;

export interface GenerationConfig {
  temperature?: number;
  top_p?: number;
  max_output_tokens?: number;
  thinking_level?: ThinkingLevel;
  thinking_summaries?: 'auto' | 'none';
  stop_sequences?: string[];
  seed?: number;
  /** A mode, or `{ allowed_tools: { mode?, tools } }` (ToolChoiceConfig). */
  tool_choice?: string | { allowed_tools?: { mode?: string; tools?: string[] } };
}

/** One entry of `tools` (Tool in the typings): `{ type: 'google_search' }`, a function declaration, an MCP server … */
export interface Tool {
  type: 'google_search' | 'url_context' | 'code_execution' | 'function' | 'mcp_server' | (string & {});
  [field: string]: unknown;
}

/** `response_format` for text (TextResponseFormat): JSON against `schema`. */
export interface TextResponseFormat {
  type: 'text';
  mime_type?: 'application/json' | 'text/plain' | (string & {});
  schema?: Record<string, unknown>;
}

/** The app's answer to a function_call step (FunctionResultStep). */
export interface FunctionResultStep {
  type: 'function_result';
  call_id: string;
  name?: string;
  result: string | Record<string, unknown> | unknown[];
  is_error?: boolean;
}

/** A url_citation annotation of a text part: characters [start_index, end_index) of that text cite `url`. */
export interface UrlCitation {
  type: 'url_citation';
  url?: string;
  title?: string;
  start_index?: number;
  end_index?: number;
}

export interface CreateInteractionRequest {
  model: string;
  input: string | Content[] | Step[];
  system_instruction?: string;
  tools?: Tool[];
  response_format?: TextResponseFormat;
  safety_settings?: { type: string; threshold: string }[];
  service_tier?: 'flex' | 'standard' | 'priority' | 'deferred' | (string & {});
  generation_config?: GenerationConfig;
  stream?: boolean;
  store?: boolean;
  previous_interaction_id?: string;
}

export interface Usage {
  total_input_tokens?: number;
  total_output_tokens?: number;
  total_thought_tokens?: number;
  total_cached_tokens?: number;
  total_tool_use_tokens?: number;
  total_tokens?: number;
  [extra: string]: unknown;
}

export type InteractionStatus =
  | 'in_progress'
  | 'requires_action'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'incomplete'
  | 'budget_exceeded'
  | 'queued'
  | 'requires_continuation'
  | (string & {});

export interface Interaction {
  id: string;
  object?: 'interaction';
  status: InteractionStatus;
  model?: string;
  created?: string;
  updated?: string;
  steps?: Step[];
  usage?: Usage;
  errors?: { code?: string; message?: string }[];
  [extra: string]: unknown;
}

export type StepDelta =
  | { type: 'text'; text: string }
  | { type: 'thought_summary'; content: Content }
  | { type: 'thought_signature'; signature: string }
  | { type: 'arguments_delta'; arguments?: string; partial_arguments?: string }
  | { type: 'text_annotation_delta'; annotations: unknown[] }
  | { type: 'image' | 'audio' | 'document' | 'video'; data?: string; uri?: string; mime_type?: string }
  | { type: string; [field: string]: unknown };

/** Every SSE event of §5.2; `event_id` is an optional resume token on any of them. */
export type StreamEvent = { event_id?: string } & (
  | { event_type: 'interaction.created'; interaction: Interaction }
  | { event_type: 'interaction.status_update'; interaction_id?: string; status: InteractionStatus; usage?: Usage }
  | { event_type: 'step.start'; index: number; step: Step }
  | { event_type: 'step.delta'; index: number; delta: StepDelta; metadata?: { total_usage?: Usage } }
  /** `usage` is the interaction's running total, `step_usage` this step's own share. */
  | { event_type: 'step.stop'; index: number; usage?: Usage; step_usage?: Usage }
  | { event_type: 'interaction.completed'; interaction: Interaction }
  | { event_type: 'error'; error: { code?: string; message?: string } }
);

export type StreamEventType = StreamEvent['event_type'];

/** Google's models list entry (§8), camelCase as the REST API sends it. */
export interface WireModel {
  name: string;
  displayName?: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
  thinking?: boolean;
  maxTemperature?: number;
}

export const API_REVISION = '2026-05-20';
export const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
export const API_VERSION = 'v1beta';
