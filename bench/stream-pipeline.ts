// Stream pipeline benchmark (issue 8 §1): the floor (undici reading the raw bytes), our client producing the
// renderer's events (parse, rebuild steps, coalesce), and the official SDK iterating the same stream.
import { GoogleGenAI } from '@google/genai';
import { request } from 'undici';
import { API_REVISION, type CreateInteractionRequest } from '../src-shared/interactions';
import { GeminiClient } from '../src-main/core/gemini/client';
import { GenerationService } from '../src-main/core/generation';
import { silentLogger } from '../src-main/core/ports';
import { turnEventsTo } from '../test-support/main/turn-events';
import type { TurnEvent } from '../src-shared/domain';

export interface PipelineResult {
  deltas: number;
  runs: number;
  floorMs: number;
  /** reference: the bytes decoded, split into lines and every `data:` line JSON-parsed, nothing else */
  jsonOnlyMs: number;
  oursMs: number;
  sdkMs: number;
  /** renderer events our pipeline produced per run (after coalescing). */
  oursEvents: number;
}

const KEY = 'bench-key';

const headers = { 'x-goog-api-key': KEY, 'api-revision': API_REVISION, 'content-type': 'application/json' };

/** The prompt that makes the fake answer with `deltas` text deltas of 10 characters. */
export function pipelinePrompt(deltas: number): string {
  return `Bench [[len:${deltas * 10}]] [[chunk:10]]`;
}

/** The SSE bytes the fake API sends for that prompt, recorded once so they can be replayed at full speed. */
export async function recordStream(fakeUrl: string, deltas: number): Promise<Buffer> {
  const body = { model: 'gemini-3-flash-preview', input: pipelinePrompt(deltas), stream: true };
  const res = await request(`${fakeUrl}/v1beta/interactions?alt=sse`, { method: 'POST', headers, body: JSON.stringify(body) });
  return Buffer.from(await res.body.arrayBuffer());
}

/** `baseUrl` should replay a recorded answer (bench/replay-server.mjs) so the server costs next to nothing. */
export async function benchStreamPipeline(baseUrl: string, options: { deltas: number; runs: number }): Promise<PipelineResult> {
  const prompt = pipelinePrompt(options.deltas);
  const body: CreateInteractionRequest = { model: 'gemini-3-flash-preview', input: prompt, stream: true };

  const floor = async () => {
    const res = await request(`${baseUrl}/v1beta/interactions?alt=sse`, { method: 'POST', headers, body: JSON.stringify(body) });
    let bytes = 0;
    for await (const c of res.body) bytes += (c as Buffer).length;
    if (bytes === 0) throw new Error('no bytes');
  };

  // The least any client must do with these bytes: decode them and JSON.parse each event (no SSE edge cases,
  // no checks, no steps, no coalescing). It bounds from below what (b) can reach.
  const jsonOnly = async () => {
    const res = await request(`${baseUrl}/v1beta/interactions?alt=sse`, { method: 'POST', headers, body: JSON.stringify(body) });
    const decoder = new TextDecoder();
    let rest = '';
    let parsed = 0;
    for await (const c of res.body) {
      const lines = (rest + decoder.decode(c as Buffer, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('data: {')) parsed += JSON.parse(line.slice(6)) ? 1 : 0;
      }
    }
    if (parsed === 0) throw new Error('no events');
  };

  const client = new GeminiClient({ getBaseUrl: () => baseUrl, getApiKey: () => KEY, logger: silentLogger });
  let oursEvents = 0;
  const ours = async () => {
    const events: TurnEvent[] = [];
    const generation = new GenerationService({ client, emit: turnEventsTo((p) => events.push(p)), logger: silentLogger });
    generation.start({ input: { text: prompt }, panes: [{ requestId: 'r', paneId: 'p', config: { model: body.model } }] });
    await generation.settled();
    if (events.at(-1)?.type !== 'done') throw new Error(`our pipeline ended with ${events.at(-1)?.type}`);
    oursEvents = events.length;
  };

  const ai = new GoogleGenAI({ apiKey: KEY, apiVersion: 'v1beta', httpOptions: { baseUrl, headers: { 'Api-Revision': API_REVISION } } });
  const sdk = async () => {
    const stream = await ai.interactions.create({ model: body.model, input: prompt, stream: true }, { maxRetries: 0 });
    let text = 0;
    for await (const ev of stream) if (ev.event_type === 'step.delta' && ev.delta.type === 'text') text += ev.delta.text.length;
    if (text === 0) throw new Error('sdk saw no text');
  };

  // Warm up every path once (JIT, connection pools), then interleave runs so drift hits all three alike.
  await floor();
  await jsonOnly();
  await ours();
  await sdk();
  const times = { floor: [] as number[], jsonOnly: [] as number[], ours: [] as number[], sdk: [] as number[] };
  for (let i = 0; i < options.runs; i++) {
    for (const [name, fn] of [['floor', floor], ['jsonOnly', jsonOnly], ['ours', ours], ['sdk', sdk]] as const) {
      const t0 = performance.now();
      await fn();
      times[name].push(performance.now() - t0);
    }
  }
  await client.close();
  return {
    deltas: options.deltas,
    runs: options.runs,
    floorMs: median(times.floor),
    jsonOnlyMs: median(times.jsonOnly),
    oursMs: median(times.ours),
    sdkMs: median(times.sdk),
    oursEvents,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
