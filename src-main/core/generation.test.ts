import { describe, expect, it } from 'vitest';
import type { SentRequest, TurnEvent } from '../../src-shared/domain';
import type { CreateInteractionRequest, StreamEvent } from '../../src-shared/interactions';
import { AppFailure } from './failure';
import { GenerationService, type StreamingClient } from './generation';
import { silentLogger, turnEventsTo } from './ports';

type Script = (body: CreateInteractionRequest, signal: AbortSignal) => AsyncGenerator<StreamEvent>;

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

async function* answer(parts: string[], complete = true): AsyncGenerator<StreamEvent> {
  yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
  for (const text of parts) yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text } };
  yield { event_type: 'step.stop', index: 0 };
  if (complete) yield { event_type: 'interaction.completed', interaction: { ...interaction } };
}

function service(script: Script) {
  const events: TurnEvent[] = [];
  const c = client(script);
  const generation = new GenerationService({ client: c, emit: turnEventsTo((p) => events.push(p)), logger: silentLogger });
  return { generation, events, client: c };
}

const pane = (paneId: string) => ({ paneId, config: { model: 'gemini-3-flash-preview', temperature: 0.2 } });

describe('GenerationService', () => {
  it('streams a turn: started, deltas, step, one done with steps and metrics', async () => {
    const { generation, events, client: c } = service(() => answer(['Hel', 'lo']));
    const { requests } = generation.start({ input: { text: 'Hi' }, panes: [pane('p1')] });
    await generation.settled();
    expect(requests).toHaveLength(1);
    expect(events[0]?.type).toBe('started');
    expect(events.slice(-2).map((e) => e.type)).toEqual(['step', 'done']);
    expect(new Set(events.slice(1, -2).map((e) => e.type))).toEqual(new Set(['delta']));
    const text = events.flatMap((e) => (e.type === 'delta' && e.text ? [e.text] : [])).join('');
    expect(text).toBe('Hello');
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', interactionId: 'v1_x', status: 'completed', requestId: requests[0]!.requestId });
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'Hello' }] }]);
    expect(done.interaction).toMatchObject({ id: 'v1_x', status: 'completed', steps: done.steps });
    expect(done.metrics.usage?.total_output_tokens).toBe(10);
    expect(done.metrics.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(c.bodies[0]).toMatchObject({ model: 'gemini-3-flash-preview', input: 'Hi', stream: true, generation_config: { temperature: 0.2 } });
  });

  it('runs panes independently: one failing pane leaves the other to finish', async () => {
    const { generation, events } = service((body) =>
      body.generation_config?.temperature === 1
        ? (async function* () {
            yield* answer(['partial'], false);
            throw new AppFailure('STREAM_ERROR', 'boom', { retryable: true });
          })()
        : answer(['fine']),
    );
    generation.start({
      input: { text: 'Hi' },
      panes: [pane('ok'), { paneId: 'bad', config: { model: 'm', temperature: 1 } }],
    });
    await generation.settled();
    const terminal = events.filter((e) => ['done', 'error', 'cancelled'].includes(e.type));
    expect(terminal).toHaveLength(2);
    expect(terminal.find((e) => e.paneId === 'ok')?.type).toBe('done');
    const failed = terminal.find((e) => e.paneId === 'bad');
    expect(failed).toMatchObject({ type: 'error', partial: true, error: { code: 'STREAM_ERROR', message: 'boom' } });
  });

  it('a stream that ends without interaction.completed is an interrupted turn that keeps its text', async () => {
    const { generation, events } = service(() => answer(['half'], false));
    generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await generation.settled();
    expect(events.at(-1)).toMatchObject({ type: 'error', partial: true, error: { code: 'INTERRUPTED' } });
  });

  it('a completed interaction with status failed is reported as a failure', async () => {
    const { generation, events } = service(async function* () {
      yield { event_type: 'interaction.completed', interaction: { id: 'v1', status: 'failed', errors: [{ message: 'internal' }] } };
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
      await new Promise((_, fail) => signal.addEventListener('abort', () => fail(new Error('aborted'))));
    });
    const { requests } = generation.start({ input: { text: 'Hi' }, panes: [pane('p')] });
    await gate;
    expect(generation.activeCount).toBe(1);
    expect(generation.cancel([requests[0]!.requestId])).toBe(1);
    await generation.settled();
    const terminal = events.filter((e) => ['done', 'error', 'cancelled'].includes(e.type));
    expect(terminal).toEqual([expect.objectContaining({ type: 'cancelled', partial: true })]);
    expect(generation.activeCount).toBe(0);
    expect(generation.cancel()).toBe(0);
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
        started: ({ requestId, sessionId, pane: p, input }) => void seen.push(`started ${requestId} ${sessionId} ${p.turnId} ${input.text}`),
        progress: (requestId, snapshot) => {
          seen.push(`progress ${requestId}`);
          lastSnapshot = snapshot;
        },
        finished: (event) => void seen.push(`finished ${event.requestId} ${event.type}`),
      },
      newId: () => 'r1',
    });
    generation.start({ sessionId: 's1', input: { text: 'Hi' }, panes: [{ ...pane('p1'), turnId: 't1' }] });
    await generation.settled();
    expect(seen[0]).toBe('started r1 s1 t1 Hi');
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
});
