// Images the model makes are stored as blobs as they stream, and only their sha256 reaches the turn's events.
import { describe, expect, it } from 'vitest';
import type { SentRequest, TurnEvent } from '../../../src-shared/domain';
import type { Interaction, StreamEvent } from '../../../src-shared/interactions';
import { solidJpeg, solidPng } from '../../../e2e/fake-api/image-out';
import { turnEventsTo } from '../../../test-support/main/turn-events';
import { GenerationService } from '../generation';
import { silentLogger } from '../ports';
import { storeOutputImages } from './output-images';
import { sha256Hex } from '../storage/blobs';

const PNG = solidPng(4, 3, [10, 200, 30]);
const JPEG = solidJpeg(8, 8, [250, 10, 10]);
const done = { id: 'v1_img', status: 'completed' } as const;

async function* imageAnswer(): AsyncGenerator<StreamEvent, Interaction> {
  yield { event_type: 'step.start', index: 0, step: { type: 'model_output' } };
  yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'A fox:' } };
  yield { event_type: 'step.stop', index: 0 };
  yield { event_type: 'step.start', index: 1, step: { type: 'model_output' } };
  // The stream says PNG; the bytes decide.
  yield { event_type: 'step.delta', index: 1, delta: { type: 'image', data: JPEG.toString('base64'), mime_type: 'image/png' } };
  yield { event_type: 'step.stop', index: 1 };
  yield { event_type: 'step.start', index: 2, step: { type: 'model_output', content: [{ type: 'image', data: PNG.toString('base64'), mime_type: 'image/png' }] } };
  yield { event_type: 'step.stop', index: 2 };
  yield { event_type: 'step.start', index: 3, step: { type: 'model_output' } };
  yield { event_type: 'step.delta', index: 3, delta: { type: 'image', data: Buffer.from('<html>').toString('base64'), mime_type: 'image/png' } };
  yield { event_type: 'step.stop', index: 3 };
  return { ...done };
}

function run(store: { write(bytes: Uint8Array): Promise<string> }) {
  const events: TurnEvent[] = [];
  const generation = new GenerationService({
    client: { streamInteraction: () => imageAnswer(), describeRequest: (body): SentRequest => ({ method: 'POST', url: 'u', headers: {}, body }) },
    emit: turnEventsTo((e) => events.push(e)),
    logger: silentLogger,
    outputImages: store,
  });
  generation.start({ input: { text: 'A fox' }, panes: [{ requestId: 'r1', paneId: 'p1', config: { model: 'gemini-2.5-flash-image' } }] });
  return { events, settled: generation.settled() };
}

describe('output images', () => {
  it('stores each image as a blob and names it by sha256 in the steps, in order with the text', async () => {
    const written: Buffer[] = [];
    const { events, settled } = run({ write: async (bytes) => (written.push(Buffer.from(bytes)), sha256Hex(bytes)) });
    await settled;
    expect(written).toEqual([JPEG, PNG]);
    const end = events.at(-1);
    if (end?.type !== 'done') throw new Error(`ended with ${end?.type}`);
    expect(end.steps).toEqual([
      { type: 'model_output', content: [{ type: 'text', text: 'A fox:' }] },
      { type: 'model_output', content: [{ type: 'image', mime_type: 'image/jpeg', sha256: sha256Hex(JPEG) }] },
      { type: 'model_output', content: [{ type: 'image', mime_type: 'image/png', sha256: sha256Hex(PNG) }] },
      // Not an image: the part stays without its bytes.
      { type: 'model_output', content: [{ type: 'image', mime_type: 'image/png' }] },
    ]);
    // No event carries the base64 (the renderer gets a sha256, never the bytes).
    expect(JSON.stringify(events)).not.toContain(PNG.toString('base64'));
    expect(events.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? e.index : -1))).toEqual([0, 1, 2, 3]);
  });

  it('ends the turn with a storage error, not a lost image, when the blob cannot be written', async () => {
    const { events, settled } = run({ write: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) });
    await settled;
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'STORAGE' }, partial: true });
  });
});

describe('images in a thought summary', () => {
  const store = () => {
    const written: Buffer[] = [];
    return { written, write: async (bytes: Uint8Array) => (written.push(Buffer.from(bytes)), sha256Hex(bytes)) };
  };

  it('a thought_summary delta showing an image is stored as a blob and named by sha256', async () => {
    const s = store();
    const event: StreamEvent = { event_type: 'step.delta', index: 0, delta: { type: 'thought_summary', content: { type: 'image', data: PNG.toString('base64'), mime_type: 'image/png' } } };
    const out = await storeOutputImages(event, s, silentLogger);
    expect(s.written).toEqual([PNG]);
    expect(out).toEqual({ event_type: 'step.delta', index: 0, delta: { type: 'thought_summary', content: { type: 'image', mime_type: 'image/png', sha256: sha256Hex(PNG) } } });
  });

  it('a thought step that starts with an image in its summary is stored too; text parts pass as they are', async () => {
    const s = store();
    const summary = [{ type: 'text', text: '**Sketch**' }, { type: 'image', data: JPEG.toString('base64'), mime_type: 'image/jpeg' }];
    const out = await storeOutputImages({ event_type: 'step.start', index: 0, step: { type: 'thought', summary } }, s, silentLogger);
    expect(s.written).toEqual([JPEG]);
    expect(out).toEqual({
      event_type: 'step.start',
      index: 0,
      step: { type: 'thought', summary: [summary[0], { type: 'image', mime_type: 'image/jpeg', sha256: sha256Hex(JPEG) }] },
    });
  });
});
