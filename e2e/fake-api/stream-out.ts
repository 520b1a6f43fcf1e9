// Writes an SSE script to a response, one res.write per event, paced, and stops as soon as the client is gone.
import type { ServerResponse } from 'node:http';
import { frame, BAD_JSON_FRAME, DONE_FRAME, type Script } from './sse';
import { pause, untilClosed, writeChunk } from './http';
import type { FakeContext } from './types';
import type { Interaction } from '../../src-shared/interactions';

export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

export interface StreamControl {
  delayMs: number;
  /** Set when POST …/cancel arrives while this stream is being written. */
  cancelled?: () => Interaction | undefined;
}

export function startSse(res: ServerResponse, ctx: FakeContext): void {
  ctx.hold(res);
  res.writeHead(200, SSE_HEADERS);
  res.flushHeaders();
}

export async function writeScript(res: ServerResponse, ctx: FakeContext, script: Script, control: StreamControl): Promise<void> {
  startSse(res, ctx);
  for (const f of script.frames) {
    if (f.delta && !(await pause(res, control.delayMs))) return;
    const cancelled = control.cancelled?.();
    if (cancelled) {
      await writeChunk(res, frame('interaction.completed', { interaction: cancelled }));
      await writeChunk(res, DONE_FRAME);
      res.end();
      return;
    }
    if (!(await writeChunk(res, f.text))) return;
  }
  switch (script.ending) {
    case 'done':
      if (await writeChunk(res, DONE_FRAME)) res.end();
      return;
    case 'end':
      res.end();
      return;
    case 'bad-json':
      if (await writeChunk(res, BAD_JSON_FRAME)) res.end();
      return;
    case 'cut':
      ctx.destroyedByFake(res);
      res.socket?.destroy();
      return;
    case 'stall':
      await untilClosed(res);
      return;
  }
}
