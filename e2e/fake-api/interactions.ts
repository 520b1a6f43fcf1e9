// The interactions resource: create (unary or SSE, with scripted faults), get (JSON or stream replay), delete, cancel.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { MediaContent } from '../../src-shared/interactions';
import { validateCreateBody } from './create-body';
import { type ApiError, google, invalidRequest } from './errors';
import { answerSeed } from './answers';
import { answerHttpFault, hang, RetryBook } from './faults';
import { readCallTurn } from './function-results';
import { type Generation, chunkText, completedInteraction, failedAfterFault, generate, interactionJson } from './generation';
import { JSON_TYPE, pause, sendJson, untilClosed, writeChunk } from './http';
import { analyseInput } from './input';
import { type KnownFile, mediaPartTokens } from './media-billing';
import { type Fault, type Markers, type StreamFault, chooseFault, isHttpFault, isStreamFault, parseMarkers } from './markers';
import { checkModelForCreate } from './models';
import { ERROR_EVENT, buildScript, resumeAfter } from './sse';
import { writeScript } from './stream-out';
import type { Exchange, FakeContext } from './types';

const SLOW_DRIP_DELAY_MS = 1000;
const SLOW_DRIP_CHUNK = 4;
const FAILED_ERRORS: Partial<Record<Fault, { code: string; message: string }>> = {
  'error-event': ERROR_EVENT,
  'completed-failed': { code: 'internal', message: 'An internal error occurred.' },
  cut: { code: 'internal', message: 'The connection was reset while streaming.' },
  'no-complete': { code: 'internal', message: 'The stream ended before the interaction completed.' },
  'bad-json': { code: 'internal', message: 'The stream carried a malformed event.' },
  stall: { code: 'internal', message: 'The stream stalled.' },
};

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'dialect' in value && 'status' in value;
}

/** The Interactions service's own 404 (`not_found`, ai.google.dev/gemini-api/docs/api-errors), naming the id. */
function notFound(id: string): ApiError {
  return { status: 404, message: `Interaction ${id} was not found.`, dialect: 'interactions' };
}

export class InteractionService {
  private readonly stored = new Map<string, Generation>();
  /** Streams being written, by interaction id, so POST …/cancel can stop them. */
  private readonly live = new Set<string>();
  private readonly cancelled = new Set<string>();
  private readonly retries = new RetryBook();
  /** How often each request (by its answer seed) has been answered: repeats sample anew unless seeded. */
  private readonly draws = new Map<number, number>();

  constructor(
    private readonly ctx: FakeContext,
    private readonly files?: { missingFileIn(input: unknown): ApiError | undefined; knownFile(uri: string): KnownFile | undefined },
  ) {}

  async create(ex: Exchange): Promise<ApiError | undefined> {
    let json: unknown;
    try {
      json = JSON.parse(ex.raw.toString('utf8'));
    } catch {
      return google(400, 'Invalid JSON payload received. Unexpected token.');
    }
    const body = validateCreateBody(json);
    if (isApiError(body)) return body;
    const bill = (part: MediaContent) => mediaPartTokens(part, body.model, typeof part.uri === 'string' ? this.files?.knownFile(part.uri) : undefined);
    const analysis = analyseInput(body.input, bill, this.ctx.inlineLimitBytes);
    if (typeof analysis === 'string') return invalidRequest(analysis);
    const missingFile = this.files?.missingFileIn(body.input);
    if (missingFile) return missingFile;
    const modelError = checkModelForCreate(body.model, ex.version);
    if (modelError) return modelError;
    let previous: Generation | undefined;
    if (body.previous_interaction_id !== undefined) {
      previous = this.stored.get(body.previous_interaction_id);
      if (!previous) return notFound(body.previous_interaction_id);
    }
    const callTurn = readCallTurn(body.input, analysis.timeline, analysis.lastUserText, previous);
    if (typeof callTurn === 'string') return invalidRequest(callTurn);
    // A round that only carries function results is scripted by the prompt that opened the turn.
    const markers = parseMarkers(callTurn.prompt);
    const fault = chooseFault(ex.record.headers['x-fake-fault'], markers, body.model);
    if (isHttpFault(fault)) {
      const key = createHash('sha256').update(ex.raw).digest('hex');
      const settings = { model: body.model, ...faultSettings(markers) };
      if (answerHttpFault(ex.res, fault, settings, this.retries, key)) return undefined;
    }
    if (fault === 'hang') {
      await hang(ex.res, this.ctx);
      return undefined;
    }
    let gen = generate({
      body,
      analysis: { ...analysis, lastUserText: callTurn.prompt },
      callTurn,
      markers: fault === 'slow-drip' ? { ...markers, chunkChars: markers.chunkChars ?? SLOW_DRIP_CHUNK } : markers,
      turn: Math.max(1, (previous?.turn ?? 0) + analysis.userTurns),
      priorTokens: previous ? (previous.usage.total_input_tokens ?? 0) + (previous.usage.total_output_tokens ?? 0) : 0,
      defaultAnswerChars: this.ctx.defaultAnswerChars,
      chunkChars: this.ctx.chunkChars,
      draw: this.nextDraw(body),
    });
    const failure = fault ? FAILED_ERRORS[fault] : undefined;
    if (failure) gen = failedAfterFault(gen, failure, fault === 'stall' ? 1 : undefined);
    if (body.store !== false) this.stored.set(gen.id, gen);
    const streamFault = isStreamFault(fault) ? fault : undefined;
    const delayMs = markers.delayMs ?? (fault === 'slow-drip' ? SLOW_DRIP_DELAY_MS : this.ctx.deltaDelayMs);
    if (body.stream === true || ex.url.searchParams.get('alt') === 'sse') {
      await this.stream(ex.res, gen, streamFault, delayMs);
    } else {
      await this.unary(ex.res, gen, streamFault, delayMs);
    }
    return undefined;
  }

  private nextDraw(body: Parameters<typeof answerSeed>[0]): number {
    if (body.generation_config.seed !== undefined) return 0;
    const key = answerSeed(body);
    const draw = this.draws.get(key) ?? 0;
    this.draws.set(key, draw + 1);
    return draw;
  }

  private async stream(res: ServerResponse, gen: Generation, fault: StreamFault | undefined, delayMs: number): Promise<void> {
    this.live.add(gen.id);
    try {
      await writeScript(res, this.ctx, buildScript(gen, fault), {
        delayMs,
        cancelled: () => (this.cancelled.has(gen.id) ? completedInteraction(gen, 'cancelled') : undefined),
      });
    } finally {
      this.live.delete(gen.id);
      this.cancelled.delete(gen.id);
    }
  }

  /** Unary faults: cut/bad-json/stall break the JSON body; slow-drip answers after the time a drip would take. */
  private async unary(res: ServerResponse, gen: Generation, fault: StreamFault | undefined, delayMs: number): Promise<void> {
    const text = JSON.stringify(interactionJson(gen, false));
    const half = text.slice(0, Math.floor(text.length / 2));
    switch (fault) {
      case 'cut':
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) });
        await writeChunk(res, half);
        this.ctx.destroyedByFake(res);
        res.socket?.destroy();
        return;
      case 'bad-json':
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(half)) });
        res.end(half);
        return;
      case 'stall':
        this.ctx.hold(res);
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) });
        res.write(half);
        await untilClosed(res);
        return;
      case 'slow-drip':
        this.ctx.hold(res);
        if (!(await pause(res, delayMs * chunkText(gen.text, gen.chunkChars).length))) return;
        sendJson(res, 200, JSON.parse(text));
        return;
      default:
        sendJson(res, 200, JSON.parse(text));
    }
  }

  async get(ex: Exchange, id: string): Promise<ApiError | undefined> {
    const gen = this.stored.get(id);
    if (!gen) return notFound(id);
    const q = ex.url.searchParams;
    if (q.get('stream') === 'true') {
      const script = resumeAfter(buildScript(gen), q.get('last_event_id') ?? undefined);
      await writeScript(ex.res, this.ctx, script, { delayMs: this.ctx.deltaDelayMs });
      return undefined;
    }
    sendJson(ex.res, 200, interactionJson(gen, q.get('include_input') !== 'false'));
    return undefined;
  }

  delete(ex: Exchange, id: string): ApiError | undefined {
    if (!this.stored.delete(id)) return notFound(id);
    sendJson(ex.res, 200, {});
    return undefined;
  }

  /** Stops a stream still being written; a finished interaction is returned as it is. */
  cancel(ex: Exchange, id: string): ApiError | undefined {
    const gen = this.stored.get(id);
    if (!gen) return notFound(id);
    if (this.live.has(id)) {
      this.cancelled.add(id);
      const cancelled: Generation = { ...gen, status: 'cancelled' };
      this.stored.set(id, cancelled);
      sendJson(ex.res, 200, interactionJson(cancelled, false));
      return undefined;
    }
    sendJson(ex.res, 200, interactionJson(gen, false));
    return undefined;
  }
}

function faultSettings(markers: Markers): { dialect?: Markers['dialect']; retryAfterSeconds?: number; failTimes?: number } {
  return {
    ...(markers.dialect ? { dialect: markers.dialect } : {}),
    ...(markers.retryAfterSeconds !== undefined ? { retryAfterSeconds: markers.retryAfterSeconds } : {}),
    ...(markers.failTimes !== undefined ? { failTimes: markers.failTimes } : {}),
  };
}
