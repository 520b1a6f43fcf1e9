// Documents, audio and video sent for real: GenerationService + GeminiClient + ImageSender against the fake API
// over a real blob folder. Each kind goes out as its own part type, inline under the limit or through the Files
// API, and a video that stays PROCESSING is waited for with its progress reported, and can be stopped.
import { describe, expect, it } from 'vitest';
import type { ImageRef, PaneTurnRequest } from '../../../src-shared/domain';
import { historyUserStep } from '../../../src-shared/request';
import { mediaFixture } from '../../../test-support/main/media';
import { senderTests } from '../../../test-support/main/sender-rig';

const MODEL = 'gemini-3-flash-preview';
const world = senderTests('pg-media-', (fake) => fake.processVideoUploads(0));

function rig(inlineMaxBytes: number) {
  const waits: number[] = [];
  // The processing wait without real seconds: each wait is recorded and lasts 5 ms, or until stopped.
  const sleep = (ms: number, signal: AbortSignal) => {
    waits.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, 5);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
  };
  const { events, uploads, blobs, generation } = world.rig({ inlineMaxBytes, sleep });
  const store = async (file: string, mimeType: string, extra: Partial<ImageRef> = {}): Promise<ImageRef> => {
    const bytes = mediaFixture(file);
    return { sha256: await blobs.write(bytes), mimeType, name: file, size: bytes.byteLength, ...extra };
  };
  return { events, uploads, waits, generation, store };
}

let seq = 0;
const pane = (): PaneTurnRequest[] => [{ requestId: `m${++seq}`, paneId: 'p1', config: { model: MODEL } }];
const sentInput = () => (world.fake.interactionRequests().at(-1)?.body as { input: unknown }).input;

describe('sending documents, audio and video', () => {
  it('inline under the limit: each kind as its part type with its bytes; text files keep their saved type', async () => {
    const r = rig(1_000_000);
    const pdf = await r.store('sample.pdf', 'application/pdf');
    const mp3 = await r.store('sample.mp3', 'audio/mp3');
    const csv = await r.store('table.csv', 'text/csv');
    const webm = await r.store('sample.webm', 'video/webm', { resolution: 'low' });
    r.generation.start({ input: { text: 'Describe', images: [pdf, mp3, csv, webm] }, panes: pane() });
    await r.generation.settled();
    expect(r.events.at(-1)).toMatchObject({ type: 'done' });
    const b64 = (file: string) => Buffer.from(mediaFixture(file)).toString('base64');
    expect(sentInput()).toEqual([
      { type: 'text', text: 'Describe' },
      { type: 'document', data: b64('sample.pdf'), mime_type: 'application/pdf' },
      { type: 'audio', data: b64('sample.mp3'), mime_type: 'audio/mp3' },
      { type: 'document', data: b64('table.csv'), mime_type: 'text/csv' },
      { type: 'video', data: b64('sample.webm'), mime_type: 'video/webm', resolution: 'low' },
    ]);
  });

  it('through the Files API: a video PROCESSING is waited for, its wait reported, then sent by uri', async () => {
    world.fake.processVideoUploads(3);
    const r = rig(0);
    const wav = await r.store('sample.wav', 'audio/wav');
    const mp4 = await r.store('sample.mp4', 'video/mp4');
    r.generation.start({ input: { text: 'Watch', images: [wav, mp4] }, panes: pane() });
    await r.generation.settled();
    expect(r.events.at(-1)).toMatchObject({ type: 'done' });
    const input = sentInput() as { type: string; uri?: string; mime_type: string }[];
    expect(input.map((p) => [p.type, p.mime_type, typeof p.uri])).toEqual([
      ['text', undefined, 'undefined'],
      ['audio', 'audio/wav', 'string'],
      ['video', 'video/mp4', 'string'],
    ]);
    const videoEvents = r.uploads.filter((u) => u.sha256 === mp4.sha256);
    expect(videoEvents.filter((u) => u.processingMs !== undefined).map((u) => [u.sent === u.total, u.processingMs])).toEqual([
      [true, 0],
      [true, 1000],
      [true, 2000],
    ]);
    expect(r.uploads.filter((u) => u.sha256 === wav.sha256).every((u) => u.processingMs === undefined)).toBe(true);
  });

  it('Stop while the video is PROCESSING ends the wait: the turn is cancelled and nothing more is asked', async () => {
    world.fake.processVideoUploads(50);
    const r = rig(0);
    const mp4 = await r.store('sample.mp4', 'video/mp4');
    const requests = pane();
    r.generation.start({ input: { text: 'Watch', images: [mp4] }, panes: requests });
    for (let i = 0; i < 400 && !r.uploads.some((u) => u.processingMs === 2000); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    r.generation.cancel([requests[0]!.requestId]);
    await r.generation.settled();
    expect(r.events.at(-1)).toMatchObject({ type: 'cancelled' });
    const polls = () => world.fake.requests.filter((q) => q.method === 'GET' && q.path.startsWith('/v1beta/files/')).length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = polls();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(polls()).toBe(after);
    expect(after).toBeLessThan(10);
    expect(world.fake.interactionRequests()).toHaveLength(0);
  });

  it('a stateless history sends earlier attachments again under their own part types', async () => {
    const r = rig(1_000_000);
    const ogg = await r.store('sample.ogg', 'audio/ogg');
    const earlier = historyUserStep({ text: 'Listen', images: [ogg] });
    r.generation.start({
      input: { text: 'And now?' },
      panes: [{ ...pane()[0]!, history: { mode: 'stateless', steps: [earlier, { type: 'model_output', content: [{ type: 'text', text: 'A tone.' }] }] } }],
    });
    await r.generation.settled();
    const input = sentInput() as { type: string; content: Record<string, unknown>[] }[];
    expect(input[0]!.content[1]).toEqual({ type: 'audio', data: Buffer.from(mediaFixture('sample.ogg')).toString('base64'), mime_type: 'audio/ogg' });
  });
});
