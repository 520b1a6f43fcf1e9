import { describe, expect, it } from 'vitest';
import type { SentRequest, TurnEvent } from '../../src-shared/domain';
import type { CreateInteractionRequest, Interaction, StreamEvent } from '../../src-shared/interactions';
import { AppFailure, isAppFailure } from './failure';
import { failedInteractionFailure, interruptedFailure } from './gemini/errors';
import { GenerationService, type StreamingClient } from './generation';
import { silentLogger } from './ports';
import { redactSecrets } from './redact';
import { turnEventsTo } from '../../test-support/main/turn-events';
import { REDACTED, type PaneTurnRequest, type TurnInput } from '../../src-shared/domain';
import type { PaneHistory } from '../../src-shared/domain';
import type { TurnImages } from './images/turn-images';
import type { Logger } from './ports';
import { savedTurnSchema } from '../../src-shared/session';

type Script = (body: CreateInteractionRequest, signal: AbortSignal) => AsyncGenerator<StreamEvent, Interaction>;

const interaction = { id: 'v1_x', status: 'completed', usage: { total_output_tokens: 10 } } as const;

function client(script: Script): StreamingClient & { bodies: CreateInteractionRequest[] } {
  const bodies: CreateInteractionRequest[] = [];
  return {
    bodies,
    streamInteraction(body, { signal }) {
      bodies.push(body);
      return script(body, signal);
    },
    describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
  };
}

async function* outputStep(parts: string[]): AsyncGenerator<StreamEvent, void> {
  yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
  for (const text of parts) yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text } };
  yield { event_type: 'step.stop', index: 0 };
}

/** As the client streams an answer: its events, then the completed interaction — or, cut short, INTERRUPTED. */
async function* answer(parts: string[], complete = true): AsyncGenerator<StreamEvent, Interaction> {
  yield* outputStep(parts);
  if (!complete) throw interruptedFailure('eof');
  yield { event_type: 'interaction.completed', interaction: { ...interaction } };
  return { ...interaction };
}

function service(script: Script) {
  const events: TurnEvent[] = [];
  const c = client(script);
  const generation = new GenerationService({ client: c, emit: turnEventsTo((p) => events.push(p)), logger: silentLogger });
  return { generation, events, client: c };
}

const pane = (paneId: string, requestId = `r-${paneId}`) => ({ requestId, paneId, config: { model: 'gemini-3-flash-preview', temperature: 0.2 } });
const terminalOf = (events: TurnEvent[]) => events.filter((e) => ['done', 'error', 'cancelled'].includes(e.type));

describe('GenerationService', () => {
  it('streams a turn under the renderer\'s request id: started, deltas, one done with the steps once and metrics', async () => {
    const { generation, events, client: c } = service(() => answer(['Hel', 'lo']));
    generation.start({ input: { text: 'Hi' }, panes: [pane('p1', 'turn-7')] });
    await generation.settled();
    expect(new Set(events.map((e) => e.requestId))).toEqual(new Set(['turn-7']));
    expect(events[0]?.type).toBe('started');
    expect(events.at(-1)?.type).toBe('done');
    expect(events.slice(1, -1).map((e) => e.type)).toEqual(['delta', 'delta', 'step']);
    const text = events.flatMap((e) => (e.type === 'delta' && e.text ? [e.text] : [])).join('');
    expect(text).toBe('Hello');
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', interactionId: 'v1_x', status: 'completed', requestId: 'turn-7' });
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'Hello' }] }]);
    expect(done.interaction).toEqual(interaction);
    expect(done.metrics.usage?.total_output_tokens).toBe(10);
    expect(done.metrics.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(c.bodies[0]).toMatchObject({ model: 'gemini-3-flash-preview', input: 'Hi', stream: true, generation_config: { temperature: 0.2 } });
  });

  it('runs panes independently: one failing pane leaves the other to finish', async () => {
    const { generation, events } = service((body) =>
      body.generation_config?.temperature === 1
        ? (async function* () {
            yield* outputStep(['partial']);
            throw new AppFailure('STREAM_ERROR', 'boom', { retryable: true });
          })()
        : answer(['fine']),
    );
    generation.start({
      input: { text: 'Hi' },
      panes: [pane('ok'), { requestId: 'r-bad', paneId: 'bad', config: { model: 'm', temperature: 1 } }],
    });
    await generation.settled();
    const terminal = terminalOf(events);
    expect(terminal).toHaveLength(2);
    expect(terminal.find((e) => e.paneId === 'ok')?.type).toBe('done');
    const failed = terminal.find((e) => e.paneId === 'bad');
    expect(failed).toMatchObject({ type: 'error', partial: true, error: { code: 'STREAM_ERROR', message: 'boom' } });
  });

  it('a stream that ends without interaction.completed (the client says INTERRUPTED) is a failed turn that keeps its text', async () => {
    const { generation, events } = service(() => answer(['half'], false));
    generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await generation.settled();
    expect(events.at(-1)).toMatchObject({ type: 'error', partial: true, error: { code: 'INTERRUPTED' } });
  });

  it('a completed interaction with status failed (the client says STREAM_ERROR) is reported as a failure', async () => {
    const { generation, events } = service(async function* () {
      const failed = { id: 'v1', status: 'failed', errors: [{ message: 'internal' }] };
      yield { event_type: 'interaction.completed', interaction: failed };
      throw failedInteractionFailure(failed.errors);
    });
    generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await generation.settled();
    expect(events.at(-1)).toMatchObject({ type: 'error', partial: false, error: { code: 'STREAM_ERROR' } });
    expect((events.at(-1) as { error: { message: string } }).error.message).toContain('internal');
  });

  it('cancel stops one request with a single cancelled event and its partial text', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const { generation, events } = service(async function* (_body, signal) {
      yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
      yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'so far' } };
      release();
      return await new Promise<never>((_, fail) => signal.addEventListener('abort', () => fail(new Error('aborted'))));
    });
    generation.start({ input: { text: 'Hi' }, panes: [pane('p', 'turn-1')] });
    await gate;
    expect(generation.activeCount).toBe(1);
    expect(generation.cancel(['turn-1'])).toBe(1);
    await generation.settled();
    const terminal = terminalOf(events);
    expect(terminal).toEqual([expect.objectContaining({ type: 'cancelled', partial: true })]);
    expect(generation.activeCount).toBe(0);
    expect(generation.cancel()).toBe(0);
  });

  it('an event the turn cannot take ends it as an error and closes the stream it came from', async () => {
    let closed = false;
    const { generation, events } = service(async function* () {
      try {
        yield { event_type: 'step.start', index: 0, step: { type: 'function_call', name: 'f', arguments: {} } };
        yield { event_type: 'step.delta', index: 0, delta: { type: 'arguments_delta', arguments: '{not json' } };
        yield { event_type: 'step.stop', index: 0 };
        return await new Promise<never>(() => {});
      } finally {
        closed = true;
      }
    });
    generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await generation.settled();
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'PROTOCOL' } });
    expect(closed).toBe(true);
  });

  it('unexpected exceptions become INTERNAL without leaking their text', async () => {
    const { generation, events } = service(async function* () {
      throw new Error('secret internals');
    });
    generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await generation.settled();
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', error: { code: 'INTERNAL' } });
    expect(JSON.stringify(last)).not.toContain('secret internals');
  });

  it('tells an observer about every request: start, progress with a snapshot, and the terminal event', async () => {
    const seen: string[] = [];
    let lastSnapshot: (() => { text: string; thought: string; steps: unknown[] }) | undefined;
    const events: TurnEvent[] = [];
    const generation = new GenerationService({
      client: client(() => answer(['Hel', 'lo'])),
      emit: turnEventsTo((p) => events.push(p)),
      logger: silentLogger,
      observer: {
        started: ({ requestId, sessionId, pane: p, input }) => void seen.push(`started ${requestId} ${sessionId} ${p.paneId} ${input.text}`),
        progress: (requestId, snapshot) => {
          seen.push(`progress ${requestId}`);
          lastSnapshot = snapshot;
        },
        finished: (event) => void seen.push(`finished ${event.requestId} ${event.type}`),
      },
    });
    generation.start({ sessionId: 's1', input: { text: 'Hi' }, panes: [pane('p1', 'r1')] });
    await generation.settled();
    expect(seen[0]).toBe('started r1 s1 p1 Hi');
    expect(seen.filter((s) => s === 'progress r1').length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe('finished r1 done');
    expect(lastSnapshot?.()).toEqual({ text: 'Hello', thought: '', steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Hello' }] }] });
    // The terminal event reached the renderer before the observer heard of it.
    expect(events.at(-1)?.type).toBe('done');
  });

  it('a throwing observer never fails a turn', async () => {
    const events: TurnEvent[] = [];
    const boom = () => {
      throw new Error('observer broke');
    };
    const generation = new GenerationService({
      client: client(() => answer(['ok'])),
      emit: turnEventsTo((p) => events.push(p)),
      logger: silentLogger,
      observer: { started: boom, progress: boom, finished: boom },
    });
    generation.start({ input: { text: 'Hi' }, panes: [pane('p1')] });
    await generation.settled();
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
  });

  describe('request ids, named by the renderer', () => {
    /** A client whose streams wait until released, so requests stay running. */
    function held() {
      let release!: () => void;
      const gate = new Promise<void>((ok) => (release = ok));
      const s = service(async function* () {
        await gate;
        return yield* answer(['ok']);
      });
      return { ...s, release };
    }

    const refusal = (run: () => void): AppFailure => {
      try {
        run();
      } catch (error) {
        if (isAppFailure(error)) return error;
        throw error;
      }
      throw new Error('not refused');
    };

    it('refuses an id that is still running, with BAD_REQUEST, and starts none of that call\'s panes', async () => {
      const { generation, events, client: c, release } = held();
      generation.start({ input: { text: 'Hi' }, panes: [pane('p1', 'turn-1')] });
      const refused = refusal(() => generation.start({ input: { text: 'Again' }, panes: [pane('p2', 'turn-2'), pane('p1', 'turn-1')] }));
      expect(refused.code).toBe('BAD_REQUEST');
      expect(refused.message).toContain('turn-1');
      expect(generation.activeCount).toBe(1);
      release();
      await generation.settled();
      expect(c.bodies).toHaveLength(1);
      expect(terminalOf(events).map((e) => `${e.requestId} ${e.type}`)).toEqual(['turn-1 done']);
    });

    it('refuses an id given twice in one call', () => {
      const { generation } = held();
      const refused = refusal(() => generation.start({ input: { text: 'Hi' }, panes: [pane('p1', 'same'), pane('p2', 'same')] }));
      expect(refused.code).toBe('BAD_REQUEST');
      expect(generation.activeCount).toBe(0);
    });

    it('takes an id again once its request has ended (Retry sends the same turn again)', async () => {
      const { generation, events } = service(() => answer(['ok']));
      generation.start({ input: { text: 'Hi' }, panes: [pane('p1', 'turn-1')] });
      await generation.settled();
      generation.start({ input: { text: 'Hi' }, panes: [pane('p1', 'turn-1')] });
      await generation.settled();
      expect(terminalOf(events).map((e) => `${e.requestId} ${e.type}`)).toEqual(['turn-1 done', 'turn-1 done']);
    });
  });
});

/** Timers that never fire: the coalescer sends its first delta at once and holds the rest until a flush. */
const heldTimers = { set: () => 1, clear: () => {} };

const ev = {
  start: (index: number, step: Record<string, unknown>): StreamEvent => ({ event_type: 'step.start', index, step: step as never }),
  delta: (index: number, delta: Record<string, unknown>): StreamEvent => ({ event_type: 'step.delta', index, delta: delta as never }),
  stop: (index: number): StreamEvent => ({ event_type: 'step.stop', index }),
};

function run(script: Script, more: Partial<ConstructorParameters<typeof GenerationService>[0]> = {}) {
  const events: TurnEvent[] = [];
  const c = client(script);
  const generation = new GenerationService({ client: c, emit: turnEventsTo((p) => events.push(p)), logger: silentLogger, timers: heldTimers, ...more });
  return { generation, events, client: c };
}

describe('GenerationService: step events (issue 15)', () => {
  const cite = { type: 'url_citation', url: 'https://example.com/paws', title: 'Paws', start_index: 0, end_index: 4 };
  async function* toolAnswer(): AsyncGenerator<StreamEvent, Interaction> {
    yield ev.start(0, { type: 'thought', signature: 's' });
    yield ev.delta(0, { type: 'thought_summary', content: { type: 'text', text: 'Plan' } });
    yield ev.stop(0);
    yield ev.start(1, { type: 'model_output' });
    yield ev.delta(1, { type: 'text', text: 'Let me ' });
    yield ev.delta(1, { type: 'text', text: 'compute.' });
    yield ev.stop(1);
    yield ev.start(2, { type: 'code_execution_call', id: 'c1', arguments: {} });
    yield ev.delta(2, { type: 'code_execution_call', arguments: { code: 'print(4*2)', language: 'python' } });
    yield ev.stop(2);
    yield ev.start(3, { type: 'code_execution_result', call_id: 'c1', result: '' });
    yield ev.delta(3, { type: 'code_execution_result', result: '8\n' });
    yield ev.stop(3);
    yield ev.start(4, { type: 'model_output' });
    yield ev.delta(4, { type: 'text', text: 'Paws: 8' });
    yield ev.delta(4, { type: 'text_annotation_delta', annotations: [cite] });
    yield ev.stop(4);
    return { ...interaction };
  }

  it('sends each finished step but thoughts as it ends, after the text streamed before it', async () => {
    const { generation, events } = run(toolAnswer);
    generation.start({ input: { text: 'Hi' }, panes: [pane('p', 'r')] });
    await generation.settled();
    const shown = events.map((e) =>
      e.type === 'step' ? `step ${e.index} ${e.step.type}` : e.type === 'delta' ? `delta ${e.text ?? ''}|${e.thought ?? ''}` : e.type,
    );
    expect(shown).toEqual([
      'started',
      'delta |Plan',
      // Held by the coalescer (its window never closes here) until the step ends: flushed before it.
      'delta Let me compute.|',
      'step 1 model_output',
      'step 2 code_execution_call',
      'step 3 code_execution_result',
      'delta Paws: 8|',
      'step 4 model_output',
      'done',
    ]);
    const steps = events.flatMap((e) => (e.type === 'step' ? [e] : []));
    expect(steps.every((e) => e.requestId === 'r' && e.paneId === 'p')).toBe(true);
    expect(steps[1]!.step).toEqual({ type: 'code_execution_call', id: 'c1', arguments: { code: 'print(4*2)', language: 'python' } });
    expect(steps[2]!.step).toEqual({ type: 'code_execution_result', call_id: 'c1', result: '8\n' });
    expect(steps[3]!.step).toEqual({ type: 'model_output', content: [{ type: 'text', text: 'Paws: 8', annotations: [cite] }] });
  });
});

describe('GenerationService: function-result continuations (issue 15)', () => {
  const results = [{ type: 'function_result' as const, call_id: 'call-1', name: 'get_weather', result: { temp: 21 } }];
  const image = { sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'dog.png', size: 10 };

  function images() {
    const asked: { input: TurnInput; history?: PaneHistory }[] = [];
    const service: TurnImages = {
      async resolve({ input, history }) {
        asked.push({ input, ...(history ? { history } : {}) });
        const resolvedHistory: PaneHistory | undefined =
          history?.mode === 'stateless'
            ? { mode: 'stateless', steps: history.steps.map((st) => ({ ...st, content: [{ type: 'image', data: 'QUJD', mime_type: 'image/png' }] })) }
            : history;
        return { images: (input.images ?? []).map(() => ({ mimeType: 'image/png', data: 'QUJD' })), reused: [], ...(resolvedHistory ? { history: resolvedHistory } : {}) };
      },
      forget: async () => {},
    };
    return { asked, service };
  }

  it('chained on the server: the results are the input, after the interaction that asked for them', async () => {
    const { service, asked } = images();
    const { generation, client: c, events } = run(() => answer(['Sunny']), { images: service });
    const p: PaneTurnRequest = { ...pane('p'), history: { mode: 'server', previousInteractionId: 'v1_asked' }, functionResults: results };
    // The turn's own image went with the first request: a continuation does not send (or upload) it again.
    generation.start({ input: { text: 'Weather?', images: [image] }, panes: [p] });
    await generation.settled();
    expect(c.bodies[0]).toMatchObject({ previous_interaction_id: 'v1_asked', input: results, stream: true });
    expect(asked).toEqual([]);
    expect(events.at(-1)?.type).toBe('done');
  });

  it('a request may ask for a service tier (a test-case run on a cheaper tier); others send none', async () => {
    const { generation, client: c } = run(() => answer(['Hi']));
    generation.start({ input: { text: 'Hi' }, panes: [{ ...pane('a'), serviceTier: 'flex' }, pane('b')] });
    await generation.settled();
    const tiers = c.bodies.map((b) => (b as { service_tier?: string }).service_tier);
    expect(tiers.sort()).toEqual(['flex', undefined]);
  });

  it('stateless: the history images are resolved as for any turn, and the results follow the history', async () => {
    const { service, asked } = images();
    const { generation, client: c } = run(() => answer(['Sunny']), { images: service });
    const history: PaneHistory = {
      mode: 'stateless',
      steps: [
        { type: 'user_input', content: [{ type: 'image', sha256: image.sha256, mime_type: 'image/png' }] },
        { type: 'function_call', id: 'call-1', name: 'get_weather', arguments: {} },
      ],
    };
    generation.start({ input: { text: 'Weather?', images: [image] }, panes: [{ ...pane('p'), history, functionResults: results }] });
    await generation.settled();
    expect(asked).toEqual([{ input: { text: 'Weather?' }, history }]);
    const input = c.bodies[0]!.input as unknown[];
    expect(c.bodies[0]!.store).toBe(false);
    expect(input.at(-1)).toEqual(results[0]);
    expect(input[0]).toEqual({ type: 'user_input', content: [{ type: 'image', data: 'QUJD', mime_type: 'image/png' }] });
  });

  it('refuses results without the interaction they answer, with BAD_REQUEST, before anything starts', () => {
    const { generation, client: c } = run(() => answer(['x']));
    expect(() => generation.start({ input: { text: 'Hi' }, panes: [{ ...pane('p'), functionResults: results }] })).toThrow(/history/);
    expect(generation.activeCount).toBe(0);
    expect(c.bodies).toEqual([]);
  });

  it('is journaled like any turn: the observer hears of its start, progress and end', async () => {
    const seen: string[] = [];
    const { generation } = run(() => answer(['Sunny']), {
      observer: {
        started: ({ requestId, pane: p }) => void seen.push(`started ${requestId} ${p.functionResults?.length ?? 0}`),
        progress: (requestId) => void seen.push(`progress ${requestId}`),
        finished: (e) => void seen.push(`finished ${e.requestId} ${e.type}`),
      },
    });
    generation.start({ sessionId: 's1', input: { text: 'Hi' }, panes: [{ ...pane('p', 'r'), history: { mode: 'server', previousInteractionId: 'v1' }, functionResults: results }] });
    await generation.settled();
    expect(seen[0]).toBe('started r 1');
    expect(seen).toContain('progress r');
    expect(seen.at(-1)).toBe('finished r done');
  });
});

describe('GenerationService: MCP header values stay in main (issue 15)', () => {
  const TOKEN = 'Bearer mcp-secret-token-42';
  const API_KEY_HEADER = 'x-api-key-value-777';
  const held: Record<string, Record<string, string>> = {
    'https://docs.example.com/mcp': { Authorization: TOKEN, 'X-Api-Key': API_KEY_HEADER },
    'https://crm.example.com/mcp': { Authorization: TOKEN },
  };
  const config = {
    model: 'gemini-3-flash-preview',
    mcpServers: [
      { name: 'docs', url: 'https://docs.example.com/mcp', headerNames: ['x-api-key'] },
      { name: 'crm', url: 'https://crm.example.com/mcp' },
      { name: 'open', url: 'https://open.example.com/mcp' },
    ],
  };

  function recordingLogger(): Logger & { lines: string[] } {
    const lines: string[] = [];
    const rec = (level: string) => (m: string, d?: Record<string, unknown>) => void lines.push(`${level} ${m} ${JSON.stringify(d ?? {})}`);
    return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
  }

  it('sends the held headers (only the listed ones where a pane lists names), shows them redacted, and no event carries a value', async () => {
    const logger = recordingLogger();
    const observed: unknown[] = [];
    const { generation, client: c, events } = run(
      (body) =>
        (async function* () {
          yield* outputStep(['ok']);
          // The API may echo the request's tools in the interaction it describes.
          return { ...interaction, tools: body.tools };
        })(),
      {
        logger,
        mcpHeaders: (url) => held[url],
        observer: { started: (t) => void observed.push(t), progress: (_r, snap) => void observed.push(snap()), finished: (e) => void observed.push(e) },
      },
    );
    generation.start({ sessionId: 's1', input: { text: 'Hi' }, panes: [{ requestId: 'r', paneId: 'p', config }] });
    await generation.settled();
    expect(c.bodies[0]!.tools).toEqual([
      { type: 'mcp_server', name: 'docs', url: 'https://docs.example.com/mcp', headers: { 'X-Api-Key': API_KEY_HEADER } },
      { type: 'mcp_server', name: 'crm', url: 'https://crm.example.com/mcp', headers: { Authorization: TOKEN } },
      { type: 'mcp_server', name: 'open', url: 'https://open.example.com/mcp' },
    ]);
    const started = events.find((e) => e.type === 'started');
    expect((started?.request.body as { tools: unknown[] }).tools).toEqual([
      { type: 'mcp_server', name: 'docs', url: 'https://docs.example.com/mcp', headers: { 'X-Api-Key': REDACTED } },
      { type: 'mcp_server', name: 'crm', url: 'https://crm.example.com/mcp', headers: { Authorization: REDACTED } },
      { type: 'mcp_server', name: 'open', url: 'https://open.example.com/mcp' },
    ]);
    const done = events.at(-1);
    expect(done?.type === 'done' && (done.interaction.tools as { headers?: unknown }[])[1]!.headers).toEqual({ Authorization: REDACTED });
    for (const text of [JSON.stringify(events), JSON.stringify(observed), logger.lines.join('\n')]) {
      expect(text).not.toContain('mcp-secret-token');
      expect(text).not.toContain(API_KEY_HEADER);
    }
  });

  it("an MCP server's tool call and result that echo a header value reach no event, journal or saved step with it", async () => {
    const observed: unknown[] = [];
    const { generation, events } = run(
      async function* () {
        yield ev.start(0, { type: 'mcp_server_tool_call', id: 'm1', name: 'search', server_name: 'crm', arguments: { echo: TOKEN } });
        yield ev.stop(0);
        yield ev.start(1, { type: 'mcp_server_tool_result', call_id: 'm1', name: 'search', server_name: 'crm', result: [] });
        const text = `401: token ${TOKEN} refused; key ${encodeURIComponent(API_KEY_HEADER)}`;
        yield ev.delta(1, { type: 'mcp_server_tool_result', name: 'search', server_name: 'crm', result: [{ type: 'text', text }] });
        yield ev.stop(1);
        yield ev.start(2, { type: 'model_output' });
        yield ev.delta(2, { type: 'text', text: 'Done' });
        yield ev.stop(2);
        return { ...interaction };
      },
      {
        mcpHeaders: (url) => held[url],
        observer: { started: () => {}, progress: (_r, snap) => void observed.push(snap()), finished: (e) => void observed.push(e) },
      },
    );
    generation.start({ sessionId: 's1', input: { text: 'Hi' }, panes: [{ requestId: 'r', paneId: 'p', config }] });
    await generation.settled();
    const done = events.at(-1);
    expect(done?.type === 'done' && done.steps.map((step) => step.type)).toEqual(['mcp_server_tool_call', 'mcp_server_tool_result', 'model_output']);
    expect(done?.type === 'done' && done.steps[1]).toMatchObject({ result: [{ type: 'text', text: `401: token ${REDACTED} refused; key ${REDACTED}` }] });
    expect(events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && e.step.type)).toEqual(expect.arrayContaining(['mcp_server_tool_call', 'mcp_server_tool_result']));
    for (const text of [JSON.stringify(events), JSON.stringify(observed)]) {
      expect(text).not.toContain('mcp-secret-token');
      expect(text).not.toContain('x-api-key-value');
    }
  });

  it('an API error that quotes a header value reaches the renderer with the value redacted', async () => {
    const { generation, events } = run(
      async function* () {
        throw new AppFailure('INVALID_REQUEST', `Header value "${TOKEN}" is not accepted`);
      },
      { mcpHeaders: (url) => held[url] },
    );
    generation.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r', paneId: 'p', config }] });
    await generation.settled();
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'INVALID_REQUEST', message: `Header value "${REDACTED}" is not accepted` } });
  });

  it('a retry notice that quotes a header value reaches the renderer redacted, and the client is given the values to redact its notices and log with', async () => {
    const given: (readonly string[] | undefined)[] = [];
    const retrying: StreamingClient = {
      streamInteraction(_body, { onRetry, secrets }) {
        given.push(secrets);
        // As GeminiClient does (client.test.ts): the notice is redacted with the values it was given.
        onRetry?.({ attempt: 1, delayMs: 10, reason: redactSecrets(`Upstream refused header ${TOKEN}`, secrets) });
        return answer(['ok']);
      },
      describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
    };
    const events: TurnEvent[] = [];
    const generation = new GenerationService({
      client: retrying,
      emit: turnEventsTo((p) => events.push(p)),
      logger: silentLogger,
      timers: heldTimers,
      mcpHeaders: (url) => held[url],
    });
    generation.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r', paneId: 'p', config }] });
    await generation.settled();
    expect(events.find((e) => e.type === 'retrying')).toMatchObject({ reason: `Upstream refused header ${REDACTED}` });
    expect(given[0]).toEqual(expect.arrayContaining([TOKEN, API_KEY_HEADER]));
  });

  it('headers that cannot be read fail the turn with the reason, instead of a request without them', async () => {
    const { generation, client: c, events } = run(() => answer(['x']), {
      mcpHeaders: () => {
        throw new AppFailure('STORAGE', 'The headers saved for the MCP server cannot be read');
      },
    });
    generation.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r', paneId: 'p', config }] });
    await generation.settled();
    expect(c.bodies).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'STORAGE' } });
  });
});

describe('GenerationService: the whole usage record (issue 15)', () => {
  it('keeps thought, cached and tool-use tokens, grounding tool counts and the per-modality lists, as a saved turn holds them', async () => {
    // An image at a Gemini 3 model's default resolution is 1,120 tokens (pane() asks gemini-3-flash-preview).
    const byModality = [{ modality: 'text', tokens: 40 }, { modality: 'image', tokens: 1_120 }];
    const usage = {
      total_input_tokens: 1_160,
      total_output_tokens: 12,
      total_thought_tokens: 30,
      total_cached_tokens: 100,
      total_tool_use_tokens: 77,
      total_tokens: 1_279,
      grounding_tool_count: [{ type: 'google_search', count: 2 }],
      input_tokens_by_modality: byModality,
      output_tokens_by_modality: [{ modality: 'text', tokens: 12 }],
      cached_tokens_by_modality: byModality,
      tool_use_tokens_by_modality: [{ modality: 'text', tokens: 77 }],
    };
    const { generation, events } = run(async function* () {
      yield* outputStep(['ok']);
      return { id: 'v1_u', status: 'completed', usage };
    });
    generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await generation.settled();
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.metrics.usage).toEqual(usage);
    expect(savedTurnSchema.shape.metrics.parse(done.metrics)).toEqual(done.metrics);
  });
});

describe('GenerationService: usage when the completion carries none', () => {
  const doneOf = async (script: Script) => {
    const { generation, events } = service(script);
    generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await generation.settled();
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    return done;
  };

  it('keeps the last running total the stream carried (step.delta metadata, step.stop, status_update), never a step share', async () => {
    const done = await doneOf(async function* () {
      yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
      yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'o' }, metadata: { total_usage: { total_output_tokens: 1 } } };
      yield { event_type: 'step.stop', index: 0, usage: { total_output_tokens: 2, total_tokens: 9 }, step_usage: { total_output_tokens: 99 } };
      yield { event_type: 'interaction.status_update', interaction_id: 'v1_n', status: 'completed', usage: { total_output_tokens: 3, total_tokens: 10 } };
      yield { event_type: 'interaction.completed', interaction: { id: 'v1_n', status: 'completed' } };
      return { id: 'v1_n', status: 'completed' };
    });
    expect(done.metrics.usage).toEqual({ total_output_tokens: 3, total_tokens: 10 });
  });

  it('the completion’s own usage wins over a running total', async () => {
    const done = await doneOf(async function* () {
      yield { event_type: 'step.stop', index: 0, usage: { total_output_tokens: 2 } };
      return { id: 'v1_n', status: 'completed', usage: { total_output_tokens: 5 } };
    });
    expect(done.metrics.usage).toEqual({ total_output_tokens: 5 });
  });
});

describe('GenerationService: after a retry', () => {
  it('the first event of the retried request tells the renderer it is answering, before any text (a silent thought)', async () => {
    const out: TurnEvent[] = [];
    const retried: StreamingClient = {
      async *streamInteraction(_body, { onRetry }) {
        onRetry?.({ attempt: 1, delayMs: 10, reason: 'HTTP 503' });
        yield { event_type: 'interaction.created', interaction: { id: 'v1_r', status: 'in_progress' } };
        yield { event_type: 'step.start', index: 0, step: { type: 'thought' } };
        yield* answer(['Hi']);
        return { ...interaction };
      },
      describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
    };
    const g = new GenerationService({ client: retried, emit: turnEventsTo((e) => out.push(e)), logger: silentLogger });
    g.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await g.settled();
    expect(out.map((e) => (e.type === 'delta' ? `delta:${e.text ?? ''}` : e.type))).toEqual(['started', 'retrying', 'delta:', 'delta:Hi', 'step', 'done']);
  });
});
