// Added latency inside main (issue 8 §2): from the server writing the first text delta to our main process
// emitting it for the renderer, against undici merely receiving the same bytes (the floor).
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { GeminiClient } from '../src-main/core/gemini/client';
import { GenerationService } from '../src-main/core/generation';
import { silentLogger } from '../src-main/core/ports';
import { turnEventsTo } from '../test-support/main/turn-events';
import { median } from './stream-pipeline';

const frame = (event: Record<string, unknown>) => `event: ${String(event.event_type)}\ndata: ${JSON.stringify(event)}\n\n`;
const HEAD =
  frame({ event_type: 'interaction.created', interaction: { id: 'v1_lat', status: 'in_progress' } }) +
  frame({ event_type: 'interaction.status_update', interaction_id: 'v1_lat', status: 'in_progress' }) +
  frame({ event_type: 'step.start', index: 0, step: { type: 'model_output' } });
const FIRST = frame({ event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'Hello' } });
const TAIL =
  frame({ event_type: 'step.stop', index: 0 }) +
  frame({ event_type: 'interaction.completed', interaction: { id: 'v1_lat', status: 'completed', usage: { total_output_tokens: 1 } } }) +
  'event: done\ndata: [DONE]\n\n';

export interface LatencyResult {
  runs: number;
  floorMs: number;
  oursMs: number;
}

/** A server in this process, so both ends read the same clock; it records when it wrote the first delta. */
function latencyServer(): Promise<{ server: Server; url: string; wroteAt: () => number }> {
  let wroteAt = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(HEAD);
      setTimeout(() => {
        wroteAt = performance.now();
        res.write(FIRST);
        setTimeout(() => res.end(TAIL), 5);
      }, 5);
    });
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ server, url: `http://127.0.0.1:${port}`, wroteAt: () => wroteAt });
    }),
  );
}

export async function benchLatency(runs: number): Promise<LatencyResult> {
  const { server, url, wroteAt } = await latencyServer();
  const client = new GeminiClient({ getBaseUrl: () => url, getApiKey: () => 'k', logger: silentLogger });
  const floor: number[] = [];
  const ours: number[] = [];
  try {
    for (let i = 0; i < runs + 3; i++) {
      const res = await request(`${url}/v1beta/interactions?alt=sse`, { method: 'POST', body: '{}' });
      let seenAt = 0;
      for await (const chunk of res.body) {
        if (!seenAt && (chunk as Buffer).includes('"type":"text"')) seenAt = performance.now();
      }
      if (i >= 3) floor.push(seenAt - wroteAt());

      let emittedAt = 0;
      const generation = new GenerationService({
        client,
        emit: turnEventsTo((event) => {
          if (event.type === 'delta' && !emittedAt) emittedAt = performance.now();
        }),
        logger: silentLogger,
      });
      generation.start({ input: { text: 'x' }, panes: [{ requestId: `r${i}`, paneId: 'p', config: { model: 'gemini-3-flash-preview' } }] });
      await generation.settled();
      if (i >= 3) ours.push(emittedAt - wroteAt());
    }
  } finally {
    await client.close();
    server.close();
  }
  return { runs, floorMs: median(floor), oursMs: median(ours) };
}
