// The app's own vocabulary shared by main and renderer: pane configuration, turns, streaming events, errors.
import type { Preferences, PreferencesPatch } from './app-settings';
import type { FunctionResultStep, Interaction, InteractionStatus, Step, Usage } from './interactions';
import type { ServiceTier } from './eval/constants';
import type { ImageRef } from './session';
import type { PaneConfig } from './settings/table';
import type { UnreadableKey } from './unreadable-key';

export type { UnreadableKey };

/** One pane's settings (PaneConfig) and the thinking levels come from the settings table. */
export { THINKING_LEVELS, type PaneConfig, type ThinkingLevel } from './settings/table';

export const DEFAULT_MODEL = 'gemini-3-flash-preview';

export interface TurnInput {
  text: string;
  /** Images sent after the text, in this order; each one was stored by addMedia first. */
  images?: ImageRef[];
}

export type { ImageRef };

/** How a pane's earlier turns reach the model (docs/interactions-api.md §6). */
export type PaneHistory =
  | { mode: 'none' }
  | { mode: 'server'; previousInteractionId: string }
  | { mode: 'stateless'; steps: Step[] };

export interface PaneTurnRequest {
  /**
   * Named by the renderer: the id of the turn (SavedTurn.id) or repeat sample this request answers, so it can
   * route the request's events before it asks main to start it. Main refuses an id that is still running.
   * With `sessionId`, main journals the stream under it.
   */
  requestId: string;
  paneId: string;
  config: PaneConfig;
  history?: PaneHistory;
  /**
   * Continues an interaction that stopped with status requires_action: these answers to its function calls are
   * the input instead of StartTurnRequest.input (request.ts buildCreateRequest). `history` then chains from that
   * interaction (server), or holds the whole conversation through the model's function_call steps (stateless).
   */
  functionResults?: FunctionResultStep[];
  /** With `functionResults`: the turn (SavedTurn.id) the round continues, which main's crash journal files it under. */
  turnId?: string;
  /**
   * A Retry: the request of the attempt this one replaces, which the saved turn may still hold. With `functionResults`
   * (a round that failed, was stopped or was cut by closing the app) the round's request; without, the turn's own id
   * (a turn's answer is requested under it). Main's crash journal takes this attempt as the newer one, so a Retry cut
   * before any save is what the next start shows.
   */
  replaces?: string;
  /** `service_tier` for this request only (a test-case run on a cheaper tier); unset sends nothing. */
  serviceTier?: ServiceTier;
}

/** Send, Retry and a repeat-run sample alike: one input to one or more panes. */
export interface StartTurnRequest {
  input: TurnInput;
  panes: PaneTurnRequest[];
  /** The saved session this turn belongs to: lets a crash mid-stream be recovered into it at the next start. */
  sessionId?: string;
}

export type ErrorCode =
  | 'NO_KEY'
  | 'BAD_KEY'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  /** The stored interaction a chained turn continues is gone (expired, deleted): not the model, which is NOT_FOUND. */
  | 'INTERACTION_GONE'
  | 'INVALID_REQUEST'
  | 'RATE_LIMITED'
  | 'SERVER'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'PROTOCOL'
  | 'STREAM_ERROR'
  | 'INTERRUPTED'
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  /** Reading or writing the app's own files failed (disk full, permissions, a damaged or newer file). */
  | 'STORAGE'
  /** A change was made to a version of a saved document that is no longer the saved one. */
  | 'CONFLICT'
  | 'INTERNAL';

/** What the renderer learns of a failure: never headers, never key material. */
export interface AppError {
  code: ErrorCode;
  message: string;
  httpStatus?: number;
  retryable: boolean;
  retryAfterMs?: number;
  /**
   * With NO_KEY: a key is saved, but this run's keyring cannot open it, and why (as KeyStatus.unreadable). The
   * window says so in place of "add a key", whatever main's message says.
   */
  keyUnreadable?: UnreadableKey;
}

export interface TurnMetrics {
  /** ms from sending the request to the first streamed token (text or thought). */
  timeToFirstTokenMs?: number;
  totalMs: number;
  /** output tokens per second of generation (first token → end), when usage is known. */
  tokensPerSecond?: number;
  usage?: Usage;
}

/** The request as sent, for display: the key is replaced by a fixed marker. */
export interface SentRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export const REDACTED = '[redacted]';

export type TurnEvent =
  | { type: 'started'; requestId: string; paneId: string; request: SentRequest }
  | { type: 'retrying'; requestId: string; paneId: string; attempt: number; delayMs: number; reason: string; code?: ErrorCode }
  /**
   * Text and thought-summary text since the last delta event (coalesced in main). `truncatedAt` comes once,
   * when the answer reaches what main keeps of one answer (limits.ts MAX_ANSWER_CHARS): nothing more is kept.
   */
  | { type: 'delta'; requestId: string; paneId: string; text?: string; thought?: string; truncatedAt?: number }
  /**
   * A step other than text or thought finished streaming (a tool call or result, a function call; a model_output
   * step too, for its citations): shown as it arrives. `index` is its place among the answer's steps.
   */
  | { type: 'step'; requestId: string; paneId: string; index: number; step: Step }
  | {
      type: 'done';
      requestId: string;
      paneId: string;
      interactionId: string;
      status: InteractionStatus;
      /** The answer's steps as main rebuilt them from the stream; they are also the final interaction's steps. */
      steps: Step[];
      metrics: TurnMetrics;
      /** The final interaction as the stream described it, less its steps (`steps` above): for the raw view. */
      interaction: Interaction & { steps?: never };
      /** Set when only the first part of the answer was kept (SavedTurn.truncatedAt). */
      truncatedAt?: number;
    }
  | { type: 'error'; requestId: string; paneId: string; error: AppError; partial: boolean; steps: Step[]; metrics: TurnMetrics; truncatedAt?: number }
  | { type: 'cancelled'; requestId: string; paneId: string; partial: boolean; steps: Step[]; metrics: TurnMetrics; truncatedAt?: number };

export type TerminalTurnEvent = Extract<TurnEvent, { type: 'done' | 'error' | 'cancelled' }>;

/**
 * Progress of an image going through the Files API before the request is sent (the `upload` event).
 * `sent === total` means that image is uploaded. When several panes send the same image, it is uploaded
 * once and every waiting pane gets the progress under its own requestId. Images sent inline, or whose
 * earlier upload is still valid, produce no event.
 */
export interface UploadEvent {
  type: 'uploading';
  requestId: string;
  paneId: string;
  sha256: string;
  sent: number;
  total: number;
  /**
   * Set once every byte is sent and the Files API is still processing the file (video for a while): how long the
   * app has waited for it to become usable, in ms. The turn starts when it is ACTIVE.
   */
  processingMs?: number;
}

/** How big an image may be, and up to which size it travels inline (base64) rather than through the Files API. */
export interface ImageLimits {
  maxBytes: number;
  inlineMaxBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: Readonly<ImageLimits> = { maxBytes: 20 * 1_048_576, inlineMaxBytes: 4 * 1_048_576 };

export type KeySource = 'stored' | 'memory' | 'env' | 'none';

/** All the renderer ever learns about the API key. */
export interface KeyStatus {
  configured: boolean;
  source: KeySource;
  /** true when the key is encrypted on disk and survives a restart. */
  persisted: boolean;
  /** last four characters, e.g. "…abcd", so a person can tell keys apart. */
  hint?: string;
  /** why a key entered in the app is kept in memory only. */
  warning?: 'encryption-unavailable' | 'weak-encryption';
  /** What the API last said of this key (at this base URL); absent until it was asked. */
  check?: KeyCheck;
  /**
   * Set when a key saved in the app exists but cannot be decrypted this run (it stays saved): why, never the key.
   * The status is then that of the key in use instead — the environment's, or none.
   */
  unreadable?: UnreadableKey;
}

/**
 * `valid`: the API accepted the key; `rejected`: it refused it (the key stays saved, `message` says why);
 * `unchecked`: the API could not be asked (offline, a server error), so nothing is known yet.
 */
export interface KeyCheck {
  state: 'valid' | 'rejected' | 'unchecked';
  /** ISO time of the answer. */
  at: string;
  message?: string;
}

/** The preferences are always set by main (optional in the type only so that older fakes stay valid). */
export interface Settings extends Partial<Preferences> {
  baseUrl: string;
  /** where baseUrl comes from: GEMINI_BASE_URL wins over the saved value. */
  baseUrlSource: 'default' | 'settings' | 'env';
  /** Always set by main (optional in the type only so that older fakes stay valid). */
  images?: ImageLimits;
  /** The app's data folder (sessions, images, settings), to show and open; set by main. */
  dataDir?: string;
}

export interface SettingsPatch extends PreferencesPatch {
  baseUrl?: string | null;
  /** Largest image accepted, in MB (1–100); null restores the default (20). */
  maxImageMb?: number | null;
  /** Images up to this many MB are sent inline, larger ones uploaded (0–20; 0 uploads every image); null → 4. */
  inlineImageMaxMb?: number | null;
}

export interface ModelInfo {
  id: string;
  displayName: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  /** The models list says the model thinks: it takes thinking_level (THINKING_LEVELS). */
  thinking?: boolean;
}

/** What the renderer may know of a server's MCP headers: their names, never their values. */
export interface McpHeaderStatus {
  url: string;
  headerNames: string[];
  /** Why these headers are kept in memory for this run only (as KeyStatus.warning says for the key). */
  warning?: 'encryption-unavailable' | 'weak-encryption';
}

export interface ModelList {
  models: ModelInfo[];
  source: 'api' | 'fallback';
  /** why the fallback list is shown. */
  error?: AppError;
}

export const FALLBACK_MODELS: readonly ModelInfo[] = [
  { id: 'gemini-3-flash-preview', displayName: 'Gemini 3 Flash Preview', thinking: true },
  { id: 'gemini-3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview', thinking: true },
  { id: 'gemini-3.1-flash-lite', displayName: 'Gemini 3.1 Flash Lite', thinking: true },
  { id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', thinking: true },
  { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', thinking: true },
];
