import { describe, expect, it } from 'vitest';
import type { SentRequest, TurnEvent } from '../../src-shared/domain';
import type { CreateInteractionRequest, Interaction, StreamEvent } from '../../src-shared/interactions';
import { AppFailure, isAppFailure } from './failure';
import { failedInteractionFailure, interruptedFailure } from './gemini/errors';
import { GenerationService, type StreamingClient } from './generation';
import { silentLogger } from './ports';
import { turnEventsTo } from '../../test-support/main/turn-events';

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
    // No event per finished step: the steps come once, with the terminal event.
    expect(new Set(events.slice(1, -1).map((e) => e.type))).toEqual(new Set(['delta']));
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
