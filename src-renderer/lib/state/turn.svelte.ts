// One prompt and its answer in one pane: applies turn events, buffers deltas and paints once per frame.
import type {
  AppError,
  PaneConfig,
  SentRequest,
  TerminalTurnEvent,
  TurnEvent,
  TurnInput,
  TurnMetrics,
  UploadEvent,
} from '../../../src-shared/domain';
import type { Interaction, InteractionStatus, Step } from '../../../src-shared/interactions';
import type { SavedTurn } from '../../../src-shared/session';
import type { FrameScheduler } from '../stream/frame';

export type TurnStatus = 'waiting' | 'streaming' | 'done' | 'stopped' | 'failed';

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
}

/** A function, so TypeScript does not keep a narrowing of `turn.status` from before an await. */
export const statusOf = (turn: TurnState): TurnStatus => turn.status;

/** The text of the model's answer in a finished interaction, for when no delta carried it. */
export function outputText(steps: readonly Step[]): string {
  let text = '';
  for (const step of steps) {
    if (step.type !== 'model_output' || !Array.isArray(step.content)) continue;
    for (const part of step.content as { type?: string; text?: unknown }[]) {
      if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    }
  }
  return text;
}

/** An image of the turn on its way through the Files API. */
export interface UploadProgress {
  sha256: string;
  name: string;
  sent: number;
  total: number;
}

export class TurnState {
  readonly id: string;
  readonly input: TurnInput;
  /** The configuration the current attempt was sent with (the pane's may have changed since). */
  config = $state.raw<PaneConfig>({ model: '' });
  /** The model the current attempt went to, for messages like "model … not found". */
  readonly model = $derived(this.config.model);
  startedAt = $state(new Date().toISOString());
  /** The id main runs the current attempt under (this turn's own id), once main has taken it. */
  requestId = $state<string | undefined>(undefined);
  status = $state<TurnStatus>('waiting');
  text = $state('');
  thought = $state('');
  stopping = $state(false);
  request = $state.raw<SentRequest | undefined>(undefined);
  retrying = $state.raw<RetryInfo | undefined>(undefined);
  error = $state.raw<AppError | undefined>(undefined);
  /** Something the app did on its own for this attempt, to tell the person (e.g. full history sent). */
  note = $state('');
  /** The image being uploaded before the request goes out; cleared when it starts or ends. */
  upload = $state.raw<UploadProgress | undefined>(undefined);
  /** true when some output arrived before the failure or stop. */
  partial = $state(false);
  /** Set when the answer was longer than main keeps: only its first this-many characters are here. */
  truncatedAt = $state<number | undefined>(undefined);
  metrics = $state.raw<TurnMetrics | undefined>(undefined);
  interactionId = $state<string | undefined>(undefined);
  finishStatus = $state<InteractionStatus | undefined>(undefined);
  steps = $state.raw<readonly Step[]>([]);
  /** The final interaction as the stream described it (done only), for the raw view. */
  interaction = $state.raw<Interaction | undefined>(undefined);
  /** false when sent with store:false (nothing to chain from on the server); unknown for restored turns. */
  stored: boolean | undefined = undefined;
  /** Restored from a save as "interrupted" (the app stopped mid-stream): saved back the same way. */
  interrupted = false;
  /** The latest repeat run of this turn: more answers to the same input and history. */
  samples = $state<TurnState[]>([]);

  readonly active = $derived(this.status === 'waiting' || this.status === 'streaming');
  readonly thinking = $derived(this.active && this.thought !== '' && this.text === '');

  #scheduler: FrameScheduler;
  #pendingText = '';
  #pendingThought = '';
  #cancelFrame: (() => void) | undefined;

  constructor(id: string, input: TurnInput, config: PaneConfig, scheduler: FrameScheduler) {
    this.id = id;
    this.input = input.images?.length ? { text: input.text, images: input.images.map((i) => ({ ...i })) } : { text: input.text };
    this.config = config;
    this.#scheduler = scheduler;
  }

  /** A new attempt of the same input (Retry): everything from the last attempt is dropped. */
  begin(requestId: string | undefined, config: PaneConfig): void {
    this.#dropPending();
    this.requestId = requestId;
    this.config = config;
    this.startedAt = new Date().toISOString();
    this.status = 'waiting';
    this.text = '';
    this.thought = '';
    this.stopping = false;
    this.request = undefined;
    this.retrying = undefined;
    this.error = undefined;
    this.note = '';
    this.upload = undefined;
    this.partial = false;
    this.truncatedAt = undefined;
    this.metrics = undefined;
    this.interactionId = undefined;
    this.finishStatus = undefined;
    this.steps = [];
    this.interaction = undefined;
    this.stored = undefined;
    this.interrupted = false;
  }

  /** Upload progress of one of this turn's images (the `upload` event). */
  applyUpload(event: UploadEvent): void {
    if (this.status !== 'waiting') return;
    const name = this.input.images?.find((i) => i.sha256 === event.sha256)?.name ?? 'image';
    this.upload = { sha256: event.sha256, name, sent: event.sent, total: event.total };
  }

  /** Applies one event of this turn's request; returns true when it was the terminal one. */
  apply(event: TurnEvent): boolean {
    if (!this.active) return true;
    switch (event.type) {
      case 'started':
        this.upload = undefined;
        this.request = event.request;
        this.stored = (event.request.body as { store?: unknown } | null)?.store !== false;
        this.status = 'streaming';
        return false;
      case 'retrying':
        this.retrying = { attempt: event.attempt, delayMs: event.delayMs, reason: event.reason };
        return false;
      case 'delta':
        this.status = 'streaming';
        this.retrying = undefined;
        if (event.text) this.#pendingText += event.text;
        if (event.thought) this.#pendingThought += event.thought;
        if (event.truncatedAt !== undefined) this.truncatedAt = event.truncatedAt;
        this.#cancelFrame ??= this.#scheduler.request(() => this.flush());
        return false;
      case 'step':
        // Shown once tool steps are drawn (issue 15); until then the terminal event carries every step.
        return false;
      default:
        this.#finish(event);
        return true;
    }
  }

  /** Moves buffered deltas into the visible text: once per frame, and before any terminal state. */
  flush(): void {
    this.#cancelFrame?.();
    this.#cancelFrame = undefined;
    if (this.#pendingText) this.text += this.#pendingText;
    if (this.#pendingThought) this.thought += this.#pendingThought;
    this.#pendingText = '';
    this.#pendingThought = '';
  }

  /**
   * Stops an attempt main has not taken yet (a queued repeat-run sample, or one whose start is on its way):
   * it ends here, at once. Returns false when there is none such.
   */
  abandon(): boolean {
    if (!this.active || this.requestId !== undefined) return false;
    this.#dropPending();
    this.upload = undefined;
    this.retrying = undefined;
    this.status = 'stopped';
    return true;
  }

  /** The request could not be started at all (e.g. Retry answered NO_KEY). */
  failToStart(error: AppError): void {
    this.#dropPending();
    this.status = 'failed';
    this.error = error;
    this.upload = undefined;
    this.stopping = false;
  }

  #finish(event: TerminalTurnEvent): void {
    this.flush();
    this.upload = undefined;
    this.retrying = undefined;
    this.stopping = false;
    this.metrics = event.metrics;
    this.steps = event.steps;
    if (event.truncatedAt !== undefined) this.truncatedAt = event.truncatedAt;
    if (event.type === 'done') {
      if (this.text === '') this.text = outputText(event.steps);
      this.interactionId = event.interactionId;
      this.finishStatus = event.status;
      // Main sends the steps once; the raw view shows them where the interaction has them.
      this.interaction = { ...event.interaction, steps: event.steps };
      this.status = 'done';
    } else if (event.type === 'error') {
      this.error = event.error;
      this.partial = event.partial;
      this.status = 'failed';
    } else {
      this.partial = event.partial;
      this.status = 'stopped';
    }
  }

  #dropPending(): void {
    this.#cancelFrame?.();
    this.#cancelFrame = undefined;
    this.#pendingText = '';
    this.#pendingThought = '';
  }
}
