// One prompt and its answer in one pane: applies turn events; its answer reaches the screen paced by frames
// (lib/stream/answer-pacer.ts).
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
import { outputText } from '../../../src-shared/citations';
import { unansweredCalls } from '../../../src-shared/function-results';
import type { FunctionCallStep, FunctionResultStep, Interaction, InteractionStatus, Step } from '../../../src-shared/interactions';
import type { SavedTurn } from '../../../src-shared/session';
import { AnswerPacer } from '../stream/answer-pacer';
import type { FrameScheduler } from '../stream/frame';
import { addMetrics, roundSteps, type AskedRound, type ResultDraft } from './function-calls';

export type TurnStatus = 'waiting' | 'streaming' | 'done' | 'stopped' | 'failed';

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
}

/** A function, so TypeScript does not keep a narrowing of `turn.status` from before an await. */
export const statusOf = (turn: TurnState): TurnStatus => turn.status;

/** What the person changed of a turn by hand, as it was before. */
export interface HandEdits {
  prompt?: string;
  answer?: string;
}

/** An image of the turn on its way through the Files API. */
export interface UploadProgress {
  sha256: string;
  name: string;
  sent: number;
  total: number;
  /** Every byte is sent and the Files API is still processing the file (a video for a while): waited so far, ms. */
  processingMs?: number;
}

export class TurnState {
  readonly id: string;
  /** The prompt; changes only when the person edits it by hand (then `original.prompt` keeps what was sent). */
  input = $state.raw<TurnInput>({ text: '' });
  /** A hand-written few-shot pair: never sent, its answer is the person's. */
  example = $state(false);
  /** The prompt and/or answer as they were before the person edited them (only what was edited). */
  original = $state.raw<HandEdits | undefined>(undefined);
  /** The values a template was filled with for this turn, so a retry or repeat (even after a restart) fills alike. */
  fillValues: Record<string, string> | undefined = undefined;
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
  /** The file being uploaded (or processed) before the request goes out; cleared when it starts or ends. */
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
  /** Results typed for the open function calls, by call id; a call without one shows its default (its mock). */
  drafts = $state<Record<string, ResultDraft>>({});
  /** Where this round's steps start in `steps`: a step event's index counts from here (0 until results are sent). */
  roundStart = 0;

  readonly active = $derived(this.status === 'waiting' || this.status === 'streaming');
  readonly thinking = $derived(this.active && this.thought !== '' && this.text === '');
  /**
   * The function calls waiting for results: the answer's open calls, or — when sending results failed or was
   * stopped — the calls of the round that asked, so they can be answered again.
   */
  readonly pendingCalls = $derived.by((): FunctionCallStep[] => {
    if (this.status === 'done' && this.finishStatus === 'requires_action') return unansweredCalls(this.steps);
    if ((this.status === 'failed' || this.status === 'stopped') && this.#asked) return unansweredCalls(this.#asked.steps);
    return [];
  });

  #asked = $state.raw<AskedRound | undefined>(undefined);
  /** Put between the text (and thoughts) of the rounds before and this round's. */
  #separator = '';
  #thoughtSeparator = '';
  #roundHasText = false;

  /** The steps that arrived one by one during this attempt, with their place in the answer. */
  #live: { index: number; step: Step }[] = [];
  readonly #pacer: AnswerPacer;

  constructor(id: string, input: TurnInput, config: PaneConfig, scheduler: FrameScheduler) {
    this.id = id;
    this.input = input.images?.length ? { text: input.text, images: input.images.map((i) => ({ ...i })) } : { text: input.text };
    this.config = config;
    this.#pacer = new AnswerPacer(scheduler, { draw: (text, thought) => this.#show(text, thought), end: (event, ended) => this.#end(event, ended) });
  }

  /** A new attempt of the same input (Retry): everything from the last attempt is dropped, its repeat samples too. */
  begin(requestId: string | undefined, config: PaneConfig): void {
    this.#pacer.drop();
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
    this.#live = [];
    this.interaction = undefined;
    this.stored = undefined;
    this.interrupted = false;
    this.drafts = {};
    this.roundStart = 0;
    this.samples = [];
    // The new answer is the model's, so the conversation chains from the server again; an edited prompt stays edited.
    if (this.original?.answer !== undefined) this.original = this.original.prompt === undefined ? undefined : { prompt: this.original.prompt };
    this.#asked = undefined;
    this.#separator = '';
    this.#thoughtSeparator = '';
    this.#roundHasText = false;
  }

  /** While results are being answered (or failed to be): the turn as the model left it when it asked. */
  get asked(): AskedRound | undefined {
    return this.#asked;
  }

  /**
   * The next round of this turn: `results` answer the open function calls and go out under a new request. What
   * the turn has is kept and the round's answer adds to it. Sending again after a failed or stopped round starts
   * from the round that asked, dropping that attempt's output like Retry does.
   */
  continueWith(results: readonly FunctionResultStep[]): AskedRound {
    const asked: AskedRound = this.#asked
      ? { ...this.#asked, results }
      : {
          text: this.text,
          thought: this.thought,
          steps: this.steps,
          metrics: this.metrics,
          interactionId: this.interactionId,
          finishStatus: this.finishStatus,
          truncatedAt: this.truncatedAt,
          stored: this.stored,
          results,
        };
    this.#pacer.drop();
    this.#asked = asked;
    this.text = asked.text;
    this.thought = asked.thought;
    this.metrics = asked.metrics;
    this.interactionId = asked.interactionId;
    this.truncatedAt = asked.truncatedAt;
    this.stored = asked.stored;
    this.steps = [...asked.steps, ...results];
    this.roundStart = this.steps.length;
    this.#live = [];
    this.#separator = asked.text === '' ? '' : '\n\n';
    this.#thoughtSeparator = asked.thought === '' ? '' : '\n\n';
    this.#roundHasText = false;
    this.requestId = undefined;
    this.status = 'waiting';
    this.finishStatus = undefined;
    this.stopping = false;
    this.retrying = undefined;
    this.error = undefined;
    this.note = '';
    this.upload = undefined;
    this.partial = false;
    this.interrupted = false;
    return asked;
  }

  /** Upload progress of one of this turn's files, or of its history's (named by `nameOf`), then its processing wait. */
  applyUpload(event: UploadEvent, nameOf?: (sha256: string) => string | undefined): void {
    if (this.status !== 'waiting') return;
    const name = this.input.images?.find((i) => i.sha256 === event.sha256)?.name ?? nameOf?.(event.sha256) ?? 'file';
    const { sha256, sent, total, processingMs } = event;
    this.upload = { sha256, name, sent, total, ...(processingMs === undefined ? {} : { processingMs }) };
  }

  /**
   * Applies one event of this turn's request; returns true when it was the terminal one. `ended` runs once the
   * terminal event is applied: at once, or — when an answer's end arrives before its text is drawn — in the frame
   * that draws the last of it, so a finished answer never shows as done with text still to come, and panes that
   * end together finish over the frames their text takes. A stopped or failed request shows all it got at once.
   */
  apply(event: TurnEvent, ended?: () => void): boolean {
    if (!this.active) {
      ended?.();
      return true;
    }
    // Any other event is the new attempt under way: its thinking and tool steps must not read as "retrying".
    if (event.type !== 'retrying') this.retrying = undefined;
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
        if (event.truncatedAt !== undefined) this.truncatedAt = event.truncatedAt;
        this.#pacer.add(event.text, event.thought);
        return false;
      case 'step':
        this.#applyStep(event.index, event.step);
        return false;
      default:
        this.#pacer.end(event, ended);
        return true;
    }
  }

  /** Main has finished this answer; the screen is still drawing it, and its end waits for that (AnswerPacer). */
  get ending(): boolean {
    return this.#pacer.ending;
  }

  /** An answer whose end waits for its text to be drawn is drawn and ended now (Stop while the screen catches up). */
  endNow(): void {
    this.#pacer.endNow();
  }

  /** More of the answer and the thoughts, drawn by the pacer's frame. */
  #show(text: string, thought: string): void {
    if (text) {
      this.text += this.#separator + text;
      this.#separator = '';
      this.#roundHasText = true;
    }
    if (thought) {
      this.thought += this.#thoughtSeparator + thought;
      this.#thoughtSeparator = '';
    }
  }

  /**
   * Stops an attempt main has not taken yet (a queued repeat-run sample, or one whose start is on its way):
   * it ends here, at once. Returns false when there is none such.
   */
  abandon(): boolean {
    if (!this.active || this.requestId !== undefined) return false;
    this.#pacer.drop();
    this.upload = undefined;
    this.retrying = undefined;
    this.partial ||= this.#asked !== undefined;
    this.status = 'stopped';
    return true;
  }

  /** The request could not be started at all (e.g. Retry answered NO_KEY). */
  failToStart(error: AppError): void {
    this.#pacer.drop();
    this.status = 'failed';
    this.error = error;
    this.partial ||= this.#asked !== undefined;
    this.upload = undefined;
    this.stopping = false;
  }

  /**
   * A finished tool, function or cited text step, shown as it arrives, in the round's step order after the rounds
   * before it. Steps are few (one per event), so the list is simply rebuilt; the terminal event's steps replace it,
   * unless it carries none: main's short error (core/last-event.ts), which keeps those shown.
   */
  #applyStep(index: number, step: Step): void {
    const live = this.#live.filter((s) => s.index !== index);
    live.push({ index, step });
    live.sort((a, b) => a.index - b.index);
    this.#live = live;
    this.steps = [...this.steps.slice(0, this.roundStart), ...live.map((s) => s.step)];
  }

  #end(event: TerminalTurnEvent, ended: (() => void) | undefined): void {
    this.#finish(event);
    ended?.();
  }

  #finish(event: TerminalTurnEvent): void {
    this.#pacer.drawAll();
    this.upload = undefined;
    this.retrying = undefined;
    this.stopping = false;
    const asked = this.#asked;
    this.metrics = addMetrics(asked?.metrics, event.metrics);
    if (event.type === 'done' || event.steps.length > 0) this.steps = asked ? [...this.steps.slice(0, this.roundStart), ...roundSteps(event.steps, asked.results)] : event.steps;
    if (event.truncatedAt !== undefined) this.truncatedAt = event.truncatedAt;
    if (event.type === 'done') {
      const text = this.#roundHasText ? '' : outputText(event.steps);
      if (text !== '') this.text += this.#separator + text;
      this.interactionId = event.interactionId;
      this.finishStatus = event.status;
      // Main sends the steps once; the raw view shows them where the interaction has them.
      this.interaction = { ...event.interaction, steps: event.steps };
      this.status = 'done';
      this.#asked = undefined;
    } else if (event.type === 'error') {
      this.error = event.error;
      this.partial = event.partial || asked !== undefined;
      this.status = 'failed';
    } else {
      this.partial = event.partial || asked !== undefined;
      this.status = 'stopped';
    }
  }
}
