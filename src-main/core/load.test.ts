// Load: six panes streaming at once for many turns, with cancels in between, against the fake API.
// Afterwards nothing may be left behind: no running turns, open streams, timers, sockets or listeners.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../e2e/fake-api/server';
import type { TurnEvent } from '../../src-shared/domain';
import { GeminiClient } from './gemini/client';
import { GenerationService } from './generation';
import { silentLogger } from './ports';
import { turnEventsTo } from '../../test-support/main/turn-events';

let fake: FakeApi;
beforeAll(async () => (fake = await startFakeApi({ deltaDelayMs: 1 })));
afterAll(() => fake.close());

/** Timers and handles of this process, by kind ("Timeout", "TCPSocketWrap", …). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

it('six panes × many turns with cancels leave no dangling requests, timers or listeners', async () => {
  const client = new GeminiClient({ getBaseUrl: () => fake.url, getApiKey: () => 'load-key', logger: silentLogger });
  const events: TurnEvent[] = [];
  const generation = new GenerationService({ client, emit: turnEventsTo((p) => events.push(p)), logger: silentLogger });
  const panesOf = (turn: number) =>
    Array.from({ length: 6 }, (_, i) => ({
      requestId: `t${turn}-p${i}`,
      paneId: `p${i}`,
      config: { model: 'gemini-3-flash-preview', temperature: i / 5 },
    }));
  const before = resources();
  const turns = 8;
  let started = 0;
  for (let turn = 0; turn < turns; turn++) {
    const requests = panesOf(turn);
    generation.start({ input: { text: `Turn ${turn} [[len:3000]] [[chunk:30]]` }, panes: requests });
    started += requests.length;
    // Every other turn, stop two panes part-way through.
    if (turn % 2 === 1) {
      await new Promise((ok) => setTimeout(ok, 15));
      generation.cancel(requests.slice(0, 2).map((r) => r.requestId));
    }
    await generation.settled();
  }
  const terminal = events.filter((e) => e.type === 'done' || e.type === 'error' || e.type === 'cancelled');
  expect(terminal).toHaveLength(started);
  // Exactly one terminal event per request.
  expect(new Set(terminal.map((e) => e.requestId)).size).toBe(started);
  expect(terminal.filter((e) => e.type === 'error')).toEqual([]);
  expect(terminal.filter((e) => e.type === 'cancelled').length).toBeGreaterThan(0);
  expect(generation.activeCount).toBe(0);
  await expect.poll(() => fake.openStreams()).toBe(0);

  await client.close();
  await new Promise((ok) => setTimeout(ok, 50));
  const after = resources();
  // No timer of ours survives the turns (coalescing windows, idle timeouts, retry sleeps).
  expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  // The client's pool is closed: no client sockets beyond what was open before (the fake's listener stays).
  expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
});

it('memory does not grow with the number of turns beyond what the answers hold', async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('vitest must run with --expose-gc (vitest.config.ts execArgv) to measure memory');
  const client = new GeminiClient({ getBaseUrl: () => fake.url, getApiKey: () => 'load-key', logger: silentLogger });
  // Events are dropped at once, as the renderer keeps them, not main.
  const generation = new GenerationService({ client, emit: () => undefined, logger: silentLogger });
  const round = async () => {
    for (let i = 0; i < 5; i++) {
      generation.start({ input: { text: `Round [[len:20000]] [[chunk:200]]` }, panes: [{ requestId: `r${i}`, paneId: 'p', config: { model: 'gemini-3-flash-preview' } }] });
      await generation.settled();
    }
  };
  await round();
  gc();
  const base = process.memoryUsage().heapUsed;
  for (let i = 0; i < 4; i++) await round();
  gc();
  const growth = process.memoryUsage().heapUsed - base;
  // 20 more turns of 20 kB each: anything retained per turn would show up as megabytes.
  expect(growth).toBeLessThan(2 * 1024 * 1024);
  await client.close();
});
