// Runs each pane's turn as its own streamed request under the id the renderer gave it: cancellation,
// delta coalescing, metrics, and exactly one terminal event (done | error | cancelled) per request. How a
// stream ended is the client's to say (gemini/client.ts); this only turns its outcome into that event.
import type {
  ErrorCode,
  PaneTurnRequest,
  SentRequest,
  StartTurnRequest,
  TerminalTurnEvent,
  TurnEvent,
  TurnInput,
  TurnMetrics,
} from '../../src-shared/domain';
import type { CreateInteractionRequest, Interaction, StreamEvent, Usage } from '../../src-shared/interactions';
import { MAX_ANSWER_DEPTH, MAX_GENERATIONS_IN_FLIGHT, MAX_USAGE_BYTES } from '../../src-shared/limits';
import { outputRate } from '../../src-shared/output-rate';
import { buildCreateRequest } from '../../src-shared/request';
import { realTimers, type Timers } from '../../src-shared/timers';
import { DeltaCoalescer } from './coalescer';
import { AppFailure, isAppFailure } from './failure';
import { redactMcpSteps, redactToolHeaders, withMcpHeaders, type McpHeaderLookup } from './gemini/mcp-headers';
import { ANSWER_LIMITS, StepAssembler, type AnswerLimits } from './gemini/steps';
import { storeOutputImages, type OutputImageStore } from './images/output-images';
import { STALE_UPLOAD_REASON, forDisplay, isMissingFile, needsImages, type ResolvedTurnImages, type TurnImages } from './images/turn-images';
import { sendLastEvent, toAppError } from './last-event';
import type { Clock, EmitEvent, Logger, TurnObserver, TurnSnapshot } from './ports';
import { systemClock } from './ports';
import { redactSecrets } from './redact';
import { deeperThan } from './storage/safe-json';

/** The part of GeminiClient a turn needs (a seam for tests). */
export interface StreamingClient {
  /**
   * The stream's events, then its completed interaction as the return value. It throws when the answer did
   * not complete (an AppFailure saying why, or the abort reason once `signal` aborted).
   */
  streamInteraction(
    body: CreateInteractionRequest,
    options: {
      signal: AbortSignal;
      onRetry?(info: { attempt: number; delayMs: number; reason: string }): void;
      /** Values besides the API key sent (the MCP header values): the client redacts them from its notices, failures and log lines. */
      secrets?: readonly string[];
    },
  ): AsyncGenerator<StreamEvent, Interaction>;
  describeRequest(body: CreateInteractionRequest): SentRequest;
}

export interface GenerationDeps {
  client: StreamingClient;
  /** Without it, a turn with images fails (nothing in main could read them). */
  images?: TurnImages;
  emit: EmitEvent;
  logger: Logger;
  clock?: Clock;
  timers?: Timers;
  /** docs/ARCHITECTURE.md §3.2: deltas coalesced every ~16–30 ms. */
  coalesceMs?: number;
  observer?: TurnObserver;
  /** What one answer keeps (gemini/steps.ts); the app's limits unless a test sets smaller ones. */
  answerLimits?: AnswerLimits;
  /** The MCP header values main holds (mcp-secrets.ts): put into the request sent, never into an event. */
  mcpHeaders?: McpHeaderLookup;
  /** Where images the model makes are stored (images/output-images.ts); without it they are not kept. */
  outputImages?: OutputImageStore;
}

/** Steps the renderer learns of as they finish: all but the ones it streams as text (thought) or sent (user_input). */
const NOT_STEP_EVENTS = new Set(['thought', 'user_input']);

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class GenerationService {
  private readonly running = new Map<string, Running>();
  private readonly clock: Clock;

  constructor(private readonly deps: GenerationDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  get activeCount(): number {
    return this.running.size;
  }

  /**
   * Starts every pane's request at once; they stream concurrently and independently. An id still running, or
   * given twice, is refused before anything starts: its events would reach the wrong turn. So is a call that would
   * take the requests running past MAX_GENERATIONS_IN_FLIGHT; each frees its place when it ends, however it ends.
   */
  start(request: StartTurnRequest): void {
    if (this.running.size + request.panes.length > MAX_GENERATIONS_IN_FLIGHT) {
      throw new AppFailure('BAD_REQUEST', `Too many requests are running (at most ${MAX_GENERATIONS_IN_FLIGHT} at once): wait for some to end, or stop them.`);
    }
    const ids = new Set<string>();
    for (const { requestId, functionResults, history } of request.panes) {
      if (this.running.has(requestId) || ids.has(requestId)) {
        throw new AppFailure('BAD_REQUEST', `The request ${requestId} is already running; wait for it to end or stop it first.`);
      }
      if (functionResults && (history?.mode ?? 'none') === 'none') {
        throw new AppFailure(
          'BAD_REQUEST',
          'Function results answer an interaction: send them with the history that holds it (previous_interaction_id or the whole conversation).',
        );
      }
      ids.add(requestId);
    }
    for (const pane of request.panes) {
      const { requestId } = pane;
      const controller = new AbortController();
      const entry: Running = { controller, done: Promise.resolve() };
      this.running.set(requestId, entry);
      this.observe((o) => o.started({ requestId, sessionId: request.sessionId, pane, input: request.input }));
      entry.done = this.run(requestId, pane, request.input, controller.signal)
        // run() ends every failure in a last event it cannot fail to send: what it did not foresee is logged, not left unawaited.
        .catch((error: unknown) => this.deps.logger.error('turn: ended unexpectedly', { requestId, error: String(error).slice(0, 300) }))
        .finally(() => this.running.delete(requestId));
    }
  }

  /** Cancels the given requests, or all; returns how many were running. */
  cancel(requestIds?: string[]): number {
    const ids = requestIds ?? [...this.running.keys()];
    let count = 0;
    for (const id of ids) {
      const entry = this.running.get(id);
      if (!entry) continue;
      entry.controller.abort();
      count++;
    }
    return count;
  }

  /** Resolves when every request running now has sent its terminal event. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /** Cancels everything and waits until every request has sent its terminal event. */
  async dispose(): Promise<void> {
    const pending = [...this.running.values()].map((r) => r.done);
    this.cancel();
    await Promise.allSettled(pending);
  }

  private async resolveImages(requestId: string, pane: PaneTurnRequest, input: TurnInput, signal: AbortSignal): Promise<ResolvedTurnImages> {
    const images = this.deps.images;
    if (!images) throw new AppFailure('INTERNAL', 'This turn has images, but images cannot be sent from here.');
    return images.resolve({ requestId, paneId: pane.paneId, input, ...(pane.history ? { history: pane.history } : {}), signal });
  }

  /** The event with its inline images stored as blobs; without a store they are dropped, never sent on as base64. */
  private async keepImages(event: StreamEvent): Promise<StreamEvent> {
    const store = this.deps.outputImages ?? { write: () => Promise.reject(new Error('no store for output images')) };
    try {
      return await storeOutputImages(event, store, this.deps.logger);
    } catch (error) {
      throw new AppFailure('STORAGE', 'An image the model made could not be stored, so the answer stopped.', { cause: error });
    }
  }

  private observe(call: (observer: TurnObserver) => void): void {
    const observer = this.deps.observer;
    if (!observer) return;
    try {
      call(observer);
    } catch (error) {
      this.deps.logger.warn('turn observer failed', { error: String(error) });
    }
  }

  private async run(requestId: string, pane: PaneTurnRequest, input: TurnInput, signal: AbortSignal): Promise<void> {
    const { client, emit, logger } = this.deps;
    const paneId = pane.paneId;
    const send = (event: TurnEvent) => emit('turn', event);
    const end = (event: TerminalTurnEvent) => {
      const sent = sendLastEvent(send, event, { partial: assembler.text.length > 0, logger, secrets });
      // The journal ends as the pane does, even on the short error: it still holds all main received (fsynced) should
      // the window never save, and the window's save of the failed turn removes it. Left unfinished it would wait for
      // the next start, which adds a turn it cannot find in the pane (one moved into a fork) a second time.
      this.observe((o) => o.finished(sent));
    };
    const limits = this.deps.answerLimits ?? ANSWER_LIMITS;
    const assembler = new StepAssembler(logger, limits);
    /** What the answer keeps, and where it was cut; `steps` first, since measuring them may cut a step. */
    const kept = (): TurnSnapshot => {
      const steps = redactMcpSteps(assembler.steps, secrets);
      return { text: assembler.text, thought: assembler.thought, steps, ...(assembler.truncated ? { truncatedAt: limits.maxChars } : {}) };
    };
    /** The MCP header values this request carries: cleaned from what the API says back. */
    let secrets: string[] = [];
    const startedAt = this.clock.now();
    let firstTokenAt: number | undefined;
    let completed: Interaction | undefined;
    /** The latest running total the stream carried, for a completion that carries no usage of its own. */
    let runningUsage: Usage | undefined;
    let toldTruncated = false;
    const coalescer = new DeltaCoalescer(
      (d) => send({ type: 'delta', requestId, paneId, ...d }),
      this.deps.coalesceMs ?? 16,
      this.deps.timers ?? realTimers,
    );
    const metrics = (): TurnMetrics => {
      const end = this.clock.now();
      const m: TurnMetrics = { totalMs: round(end - startedAt) };
      if (firstTokenAt !== undefined) m.timeToFirstTokenMs = round(firstTokenAt - startedAt);
      const usage = completed?.usage ?? runningUsage;
      if (usage && !fitsUsage(usage)) logger.warn('turn: the usage record is over the limits of what an answer keeps; not kept', { requestId });
      else if (usage) {
        m.usage = usage;
        // Without a first token nothing streamed (a function call, an image): the wait for the whole answer is
        // no streaming speed, so none is given.
        const rate = firstTokenAt === undefined ? undefined : outputRate(usage.total_output_tokens, end - firstTokenAt);
        if (rate !== undefined) m.tokensPerSecond = round(rate);
      }
      return m;
    };

    try {
      let retried = false;
      // A continuation's input is its function results: the turn's images are in the history already (or on the
      // server), so only the history's are resolved.
      const results = pane.functionResults;
      const turnInput = results ? { text: input.text } : input;
      for (;;) {
        const resolved = needsImages(turnInput, pane.history) ? await this.resolveImages(requestId, pane, turnInput, signal) : undefined;
        const built = buildCreateRequest(pane.config, turnInput, {
          stream: true,
          history: resolved?.history ?? pane.history,
          ...(resolved ? { images: resolved.images } : {}),
          ...(results ? { functionResults: results } : {}),
          ...(pane.serviceTier ? { serviceTier: pane.serviceTier } : {}),
        });
        const { sent: body, shown, values } = withMcpHeaders(built, pane.config, this.deps.mcpHeaders);
        secrets = values;
        send({ type: 'started', requestId, paneId, request: client.describeRequest(forDisplay(shown)) });
        let retryShown = false;
        const onRetry = (info: { attempt: number; delayMs: number; reason: string; code?: ErrorCode }) => {
          retryShown = true;
          send({ type: 'retrying', requestId, paneId, ...info });
        };
        let received = false;
        try {
          completed = await follow(client.streamInteraction(body, { signal, onRetry, secrets: values }), async (streamed) => {
            received = true;
            // The retried request answers: said at once, as a model may think for a minute before any text.
            if (retryShown) send({ type: 'delta', requestId, paneId });
            retryShown = false;
            const event = await this.keepImages(streamed);
            runningUsage = totalUsageIn(event) ?? runningUsage;
            const update = assembler.apply(event);
            if (update.text || update.thought) {
              firstTokenAt ??= this.clock.now();
              coalescer.push(update.text, update.thought);
            }
            if (assembler.truncated && !toldTruncated) {
              // Said at once, so the person can stop an answer that goes on past what is kept.
              toldTruncated = true;
              coalescer.flush();
              send({ type: 'delta', requestId, paneId, truncatedAt: limits.maxChars });
            }
            const done = update.stepDone;
            if (done && !NOT_STEP_EVENTS.has(done.step.type)) {
              // After the text streamed before it, so the renderer places the step where it came.
              coalescer.flush();
              send({ type: 'step', requestId, paneId, index: done.index, step: redactMcpSteps([done.step], secrets)[0]! });
            }
            if (update.text || update.thought || done) this.observe((o) => o.progress(requestId, kept));
          });
          break;
        } catch (error) {
          // A 403/404 before any byte, on a request that reused cached uploads: the Files API deleted them
          // (48 h, or by hand). Upload again and send once more — nothing was streamed yet.
          const stale = !received && !retried && !signal.aborted && (resolved?.reused.length ?? 0) > 0 && isMissingFile(error);
          if (!stale || !resolved || !this.deps.images) throw error;
          retried = true;
          logger.info('turn: cached uploads refused, uploading again', { requestId, images: resolved.reused.length });
          await this.deps.images.forget(resolved.reused);
          send({ type: 'retrying', requestId, paneId, attempt: 1, delayMs: 0, reason: STALE_UPLOAD_REASON });
        }
      }
      coalescer.close();
      const { steps, truncatedAt } = kept();
      const { steps: _streamed, ...interaction } = redactToolHeaders(completed);
      end({
        type: 'done',
        requestId,
        paneId,
        interactionId: completed.id,
        status: completed.status,
        steps,
        metrics: metrics(),
        interaction,
        ...(truncatedAt ? { truncatedAt } : {}),
      });
    } catch (error) {
      coalescer.close();
      const partial = assembler.text.length > 0;
      const { steps, truncatedAt } = kept();
      const cut = truncatedAt ? { truncatedAt } : {};
      if (signal.aborted) {
        end({ type: 'cancelled', requestId, paneId, partial, steps, metrics: metrics(), ...cut });
        return;
      }
      if (!isAppFailure(error)) logger.error('turn failed unexpectedly', { requestId, error: redactSecrets(String(error), secrets) });
      const appError = toAppError(error);
      // The client redacts what its requests failed with; this backstop catches the rest (a completion whose status is failed).
      appError.message = redactSecrets(appError.message, secrets);
      end({ type: 'error', requestId, paneId, error: appError, partial, steps, metrics: metrics(), ...cut });
    }
  }
}

/** Hands each item of `stream` to `each` and answers its return value, which `for await` drops; closes it if `each` throws. */
async function follow<T, R>(stream: AsyncIterator<T, R>, each: (item: T) => void | Promise<void>): Promise<R> {
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) return next.value;
      await each(next.value);
    }
  } finally {
    await stream.return?.();
  }
}

/** The interaction's running total an event carries (the typings' optional fields), never a step's own share. */
function totalUsageIn(event: StreamEvent): Usage | undefined {
  const usage: unknown =
    event.event_type === 'step.stop' || event.event_type === 'interaction.status_update'
      ? event.usage
      : event.event_type === 'step.delta'
        ? event.metadata?.total_usage
        : undefined;
  return typeof usage === 'object' && usage !== null && !Array.isArray(usage) ? (usage as Usage) : undefined;
}

/** Usage is saved with the turn: a record that is not the handful of counters it should be (huge, deeply nested) is not kept. */
function fitsUsage(usage: object): boolean {
  return deeperThan(usage, MAX_ANSWER_DEPTH) === undefined && Buffer.byteLength(JSON.stringify(usage)) <= MAX_USAGE_BYTES;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
