// A page gone wrong cannot make main stream without end: at most MAX_GENERATIONS_IN_FLIGHT requests run at once, and
// each frees its place however it ends.
import { describe, expect, it } from 'vitest';
import type { SentRequest, TurnEvent } from '../../src-shared/domain';
import type { Interaction, StreamEvent } from '../../src-shared/interactions';
import { MAX_GENERATIONS_IN_FLIGHT } from '../../src-shared/limits';
import { AppFailure } from './failure';
import { GenerationService, type StreamingClient } from './generation';
import { silentLogger } from './ports';
import { turnEventsTo } from '../../test-support/main/turn-events';

type Ending = { kind: 'done' } | { kind: 'fail'; error: unknown };

/** A client whose answers never finish until the test ends them, one by one in the order they were asked for. */
function heldClient() {
  const endings: ((ending: Ending) => void)[] = [];
  const client: StreamingClient = {
    async *streamInteraction(_body, { signal }): AsyncGenerator<StreamEvent, Interaction> {
      const ending = await new Promise<Ending>((resolve, reject) => {
        endings.push(resolve);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      if (ending.kind === 'fail') throw ending.error;
      const done: Interaction = { id: 'v1_x', status: 'completed' };
      yield { event_type: 'interaction.completed', interaction: done };
      return done;
    },
    describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }),
  };
  return { client, endings };
}

function capped() {
  const { client, endings } = heldClient();
  const events: TurnEvent[] = [];
  const generation = new GenerationService({ client, emit: turnEventsTo((e) => events.push(e)), logger: silentLogger });
  let next = 0;
  const start = (panes = 1) => {
    const ids = Array.from({ length: panes }, () => `r${next++}`);
    generation.start({ input: { text: 'Hi' }, panes: ids.map((requestId) => ({ requestId, paneId: 'p', config: { model: 'gemini-3-flash-preview' } })) });
    return ids;
  };
  const fill = () => {
    for (let i = 0; i < MAX_GENERATIONS_IN_FLIGHT; i++) start();
  };
  /** Ends the request asked for `index`-th and waits for its terminal event. */
  const end = async (index: number, ending: Ending) => {
    endings[index]!(ending);
    await until(() => events.some((e) => e.requestId === `r${index}` && ['done', 'error', 'cancelled'].includes(e.type)));
  };
  return { generation, events, endings, start, fill, end };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe(`GenerationService: at most ${MAX_GENERATIONS_IN_FLIGHT} requests at once`, () => {
  it('refuses the one past the cap with BAD_REQUEST before asking the API, and takes it once one has ended', async () => {
    const { generation, events, endings, start, fill, end } = capped();
    fill();
    expect(generation.activeCount).toBe(MAX_GENERATIONS_IN_FLIGHT);
    const refused = refusal(() => start());
    expect(refused).toBeInstanceOf(AppFailure);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(`at most ${MAX_GENERATIONS_IN_FLIGHT} at once`) });
    expect(endings).toHaveLength(MAX_GENERATIONS_IN_FLIGHT);
    expect(events.filter((e) => e.type === 'started')).toHaveLength(MAX_GENERATIONS_IN_FLIGHT);

    await end(0, { kind: 'done' });
    expect(start()).toHaveLength(1);
    expect(generation.activeCount).toBe(MAX_GENERATIONS_IN_FLIGHT);
    await generation.dispose();
  });

  it('refuses a call whose panes would go past the cap as a whole, starting none of them', async () => {
    const { generation, endings, start } = capped();
    for (let i = 0; i < MAX_GENERATIONS_IN_FLIGHT - 1; i++) start();
    expect(refusal(() => start(2))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(endings).toHaveLength(MAX_GENERATIONS_IN_FLIGHT - 1);
    expect(start(1)).toHaveLength(1);
    await generation.dispose();
  });

  it.each<[string, (s: ReturnType<typeof capped>) => Promise<void>]>([
    ['an API error', (s) => s.end(0, { kind: 'fail', error: new AppFailure('SERVER', 'upstream 500') })],
    ['an unexpected exception', (s) => s.end(0, { kind: 'fail', error: new Error('boom') })],
    [
      'a stop',
      async (s) => {
        s.generation.cancel(['r0']);
        await until(() => s.events.some((e) => e.requestId === 'r0' && e.type === 'cancelled'));
      },
    ],
    ['stopping everything', (s) => s.generation.dispose()],
  ])('frees the place of a request ended by %s', async (_how, endIt) => {
    const s = capped();
    s.fill();
    expect(refusal(() => s.start())).toMatchObject({ code: 'BAD_REQUEST' });
    await endIt(s);
    expect(refusal(() => s.start())).toBeUndefined();
    await s.generation.dispose();
  });
});
