// Sending images for real: GenerationService + GeminiClient + ImageSender against the fake API over a real
// blob folder. Inline below the threshold, uploaded above it, one upload shared by every pane, the cached uri
// reused, a refused cached uri uploaded again with one retry, and failures that stay with their pane.
import { describe, expect, it, vi } from 'vitest';
import type { RecordedRequest } from '../../../e2e/fake-api/server';
import type { ImageRef, PaneTurnRequest, StartTurnRequest, TurnEvent, UploadEvent } from '../../../src-shared/domain';
import { historyUserStep } from '../../../src-shared/request';
import { AppFailure } from '../failure';
import type { UploadedFile } from '../gemini/resources';
import { GenerationService, type StreamingClient } from '../generation';
import { silentLogger } from '../ports';
import { turnEventsTo } from '../../../test-support/main/turn-events';
import { senderTests, type SenderOptions } from '../../../test-support/main/sender-rig';
import type { Uploader } from './image-sender';
import { pngBytes, pngOfSize } from '../../../test-support/main/images';
import { STALE_UPLOAD_REASON, type TurnImages } from './turn-images';

const MODEL = 'gemini-3-flash-preview';
const INLINE_MAX = 1_000;
const CHUNK = 256 * 1024;

const world = senderTests('pg-images-');

type RigOptions = Pick<SenderOptions, 'uploader' | 'wrapUploader' | 'client' | 'wrapClient'> & { inlineMax?: number };

function rig(options: RigOptions = {}) {
  const { events, uploads, blobs, cache, sender, generation } = world.rig({
    inlineMaxBytes: options.inlineMax ?? INLINE_MAX,
    uploader: options.uploader,
    wrapUploader: options.wrapUploader,
    client: options.client,
    wrapClient: options.wrapClient,
    chunkBytes: CHUNK,
  });
  const store = async (name: string, bytes: Uint8Array, mimeType = 'image/png'): Promise<ImageRef> => ({
    sha256: await blobs.write(bytes),
    mimeType,
    name,
    size: bytes.byteLength,
  });
  const turn = async (request: StartTurnRequest) => {
    const before = events.filter(isTerminal).length;
    generation.start(request);
    await generation.settled();
    return { requests: request.panes, terminal: events.filter(isTerminal).slice(before) };
  };
  return { events, uploads, blobs, cache, sender, generation, store, turn };
}

const isTerminal = (e: TurnEvent) => e.type === 'done' || e.type === 'error' || e.type === 'cancelled';
let requestSeq = 0;
const panes = (n: number): PaneTurnRequest[] =>
  Array.from({ length: n }, (_, i) => ({ requestId: `r${++requestSeq}`, paneId: `p${i + 1}`, config: { model: MODEL, temperature: i / 10 } }));
const uploadStarts = () => world.fake.requests.filter((r) => r.method === 'POST' && /^\/upload\/v1beta\/files$/.test(r.path) && !r.query.upload_id);
const uploadChunks = () => world.fake.requests.filter((r) => r.query.upload_id !== undefined);
const createBodies = () => world.fake.interactionRequests().map((r: RecordedRequest) => r.body as { input: unknown; store?: boolean });

/**
 * Once armed with n, the next n sends wait until all n have been made: the panes of a turn reach the API
 * together however loaded the machine is, rather than one pane resolving its images after another's retry.
 * Fewer than n within 10 s fail those sends, naming how many came, before the test's own timeout says less.
 */
function sendingTogether() {
  const waiting: { go: () => void; fail: (e: AppFailure) => void }[] = [];
  let hold = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrap = (gemini: StreamingClient): StreamingClient => ({
    describeRequest: (body) => gemini.describeRequest(body),
    async *streamInteraction(body, options) {
      if (hold > 0) {
        await new Promise<void>((go, fail) => {
          waiting.push({ go, fail });
          if (waiting.length === 1) {
            timer = setTimeout(() => {
              const message = `sendingTogether: ${waiting.length} of ${hold} sends came`;
              hold = 0;
              for (const held of waiting.splice(0)) held.fail(new AppFailure('INTERNAL', message));
            }, 10_000);
          }
          if (waiting.length < hold) return;
          hold = 0;
          clearTimeout(timer);
          for (const held of waiting.splice(0)) held.go();
        });
      }
      return yield* gemini.streamInteraction(body, options);
    },
  });
  return { wrap, arm: (n: number) => void (hold = n) };
}

/**
 * The first real upload, let go once `count` panes have joined it (each is told the progress so far on joining):
 * the test then sees every pane share it, however long a loaded machine takes the last pane to read its image.
 */
function uploadOnceJoinedBy(count: number, uploads: () => readonly UploadEvent[]) {
  let held = false;
  return (gemini: Uploader): Uploader => ({
    async uploadFile(file, options) {
      if (!held) {
        held = true;
        await vi.waitFor(() => expect(new Set(uploads().map((u) => u.paneId)).size).toBe(count), { timeout: 10_000, interval: 5 });
      }
      return gemini.uploadFile(file, options);
    },
  });
}

describe('ImageSender + GenerationService', () => {
  it('a stateless history sends an image the model showed in a thought summary with its bytes again, not its sha256', async () => {
    const sent: unknown[] = [];
    const client: StreamingClient = {
      async *streamInteraction(body) {
        sent.push(body.input);
        return { id: 'v1_s', status: 'completed' };
      },
      describeRequest: (body) => ({ method: 'POST', url: 'u', headers: {}, body }),
    };
    const r = rig({ client });
    const sketch = await r.store('sketch.png', pngBytes());
    const thought = { type: 'thought', signature: 'S', summary: [{ type: 'text', text: 'Plan' }, { type: 'image', mime_type: 'image/png', sha256: sketch.sha256 }] };
    const history = { mode: 'stateless' as const, steps: [historyUserStep({ text: 'Draw' }), thought] };
    await r.turn({ input: { text: 'Again' }, panes: panes(1).map((p) => ({ ...p, history })) });
    const [input] = sent as { type: string; summary?: unknown[] }[][];
    expect(input?.[1]?.summary).toEqual([{ type: 'text', text: 'Plan' }, { type: 'image', mime_type: 'image/png', data: Buffer.from(pngBytes()).toString('base64') }]);
  });

  it('sends small images inline and large ones through the Files API, after the text and in order', async () => {
    const r = rig();
    const small = await r.store('small.png', pngBytes(1));
    const large = await r.store('large.png', pngOfSize(600_000, 2));
    const { terminal } = await r.turn({ input: { text: 'Compare them', images: [large, small] }, panes: panes(1) });
    expect(terminal.map((e) => e.type)).toEqual(['done']);

    const [body] = createBodies();
    const uri = (body!.input as { uri?: string }[])[1]!.uri!;
    expect(body!.input).toEqual([
      { type: 'text', text: 'Compare them' },
      { type: 'image', uri, mime_type: 'image/png' },
      { type: 'image', data: Buffer.from(pngBytes(1)).toString('base64'), mime_type: 'image/png' },
    ]);
    expect(uri).toMatch(new RegExp(`^${world.fake.url}/v1beta/files/`));
    expect(uploadStarts()).toHaveLength(1);
    expect(uploadStarts()[0]!.headers['x-goog-upload-header-content-type']).toBe('image/png');
    expect(uploadChunks().map((c) => c.headers['x-goog-upload-command'])).toEqual(['upload', 'upload', 'upload, finalize']);

    // Progress for the uploaded image only, from 0 to the whole size, under the pane's request id.
    expect(new Set(r.uploads.map((u) => u.sha256))).toEqual(new Set([large.sha256]));
    expect(r.uploads.map((u) => u.sent)).toEqual([0, CHUNK, 2 * CHUNK, 600_000]);
    expect(r.uploads.every((u) => u.total === 600_000 && u.paneId === 'p1' && u.requestId === terminal[0]!.requestId)).toBe(true);

    // The started event shows the request without the inline bytes.
    const started = r.events.find((e) => e.type === 'started');
    expect(JSON.stringify(started)).toContain('bytes of base64 image data, not shown');
  });

  it('three panes sending the same large image share ONE upload; the next turn reuses its uri', async () => {
    const r = rig({ wrapUploader: uploadOnceJoinedBy(3, () => r.uploads) });
    const photo = await r.store('photo.png', pngOfSize(300_000, 3));
    const { requests, terminal } = await r.turn({ input: { text: 'What is in it?', images: [photo] }, panes: panes(3) });
    expect(terminal.map((e) => e.type)).toEqual(['done', 'done', 'done']);
    expect(uploadStarts()).toHaveLength(1);
    expect(uploadChunks().filter((c) => c.headers['x-goog-upload-command']?.includes('finalize'))).toHaveLength(1);
    const uris = createBodies().map((b) => (b.input as { uri?: string }[])[1]!.uri);
    expect(new Set(uris).size).toBe(1);
    // Every waiting pane saw the progress under its own request id, up to the end.
    for (const { requestId, paneId } of requests) {
      const mine = r.uploads.filter((u) => u.requestId === requestId);
      expect(mine.length, paneId).toBeGreaterThan(0);
      expect(mine.every((u) => u.paneId === paneId)).toBe(true);
      expect(mine.at(-1)).toMatchObject({ sent: 300_000, total: 300_000 });
    }

    world.fake.clear();
    r.uploads.length = 0;
    const second = await r.turn({ input: { text: 'And the colours?', images: [photo] }, panes: panes(3) });
    expect(second.terminal.map((e) => e.type)).toEqual(['done', 'done', 'done']);
    expect(uploadStarts()).toHaveLength(0);
    expect(r.uploads).toEqual([]);
    expect(createBodies().map((b) => (b.input as { uri?: string }[])[1]!.uri)).toEqual([uris[0], uris[0], uris[0]]);
  });

  it('a cached uri the API no longer knows (403/404): upload again and send the turn once more', async () => {
    const together = sendingTogether();
    const r = rig({ wrapClient: together.wrap });
    const photo = await r.store('photo.png', pngOfSize(5_000, 4));
    await r.turn({ input: { text: 'First look', images: [photo] }, panes: panes(2) });
    const oldUri = (createBodies()[0]!.input as { uri?: string }[])[1]!.uri!;
    // The file is gone on the server (48 h passed, or someone deleted it).
    expect((await fetch(oldUri, { method: 'DELETE', headers: { 'x-goog-api-key': 'k' } })).status).toBe(200);
    world.fake.clear();

    together.arm(2); // both panes send the cached uri before either hears it refused
    const { terminal } = await r.turn({ input: { text: 'Second look', images: [photo] }, panes: panes(2) });
    expect(terminal.map((e) => (e.type === 'error' ? e.error.message : e.type))).toEqual(['done', 'done']);
    expect(world.fake.interactionRequests()).toHaveLength(4); // each pane: refused once, then sent again
    expect(uploadStarts()).toHaveLength(1); // the second pane to notice finds the fresh upload
    const retried = r.events.filter((e) => e.type === 'retrying');
    expect(retried.map((e) => e.type === 'retrying' && e.reason)).toEqual([STALE_UPLOAD_REASON, STALE_UPLOAD_REASON]);
    const lastUris = createBodies().slice(-2).map((b) => (b.input as { uri?: string }[])[1]!.uri);
    expect(lastUris.every((u) => u !== oldUri)).toBe(true);
    expect((await r.cache.get(photo.sha256, world.fake.url))?.uri).toBe(lastUris[0]);
  });

  it('a failed upload fails the turns that needed it, retryable and naming the image; the next turn uploads afresh', async () => {
    const r = rig({ wrapUploader: uploadOnceJoinedBy(3, () => r.uploads) });
    const photo = await r.store('big.png', pngOfSize(5_000, 5));
    world.fake.failNextUploads(1);
    const { terminal } = await r.turn({ input: { text: 'Look', images: [photo] }, panes: panes(3) });
    expect(terminal.map((e) => e.type)).toEqual(['error', 'error', 'error']);
    for (const e of terminal) {
      expect(e).toMatchObject({ type: 'error', partial: false, error: { code: 'SERVER', retryable: true, httpStatus: 500 } });
      expect(e.type === 'error' && e.error.message).toMatch(/^Could not upload big\.png: The server had a problem/);
    }
    expect(uploadStarts()).toHaveLength(1);
    expect(world.fake.interactionRequests()).toHaveLength(0);
    const again = await r.turn({ input: { text: 'Look', images: [photo] }, panes: panes(1) });
    expect(again.terminal.map((e) => e.type)).toEqual(['done']);
    expect(uploadStarts()).toHaveLength(2);
  });

  it('an upload only one pane needs (its stateless history) fails that pane alone', async () => {
    const r = rig();
    const small = await r.store('small.png', pngBytes(6));
    const earlier = await r.store('earlier.png', pngOfSize(5_000, 7));
    const history = { mode: 'stateless' as const, steps: [historyUserStep({ text: 'Before', images: [earlier] }), { type: 'model_output', content: [{ type: 'text', text: 'A cat.' }] }] };
    world.fake.failNextUploads(1);
    const { terminal } = await r.turn({
      input: { text: 'Now this one', images: [small] },
      panes: [{ ...panes(1)[0]!, history }, panes(2)[1]!],
    });
    expect(terminal.find((e) => e.paneId === 'p1')).toMatchObject({ type: 'error', error: { retryable: true } });
    expect(terminal.find((e) => e.paneId === 'p2')?.type).toBe('done');

    world.fake.clear();
    const ok = await r.turn({ input: { text: 'Now this one', images: [small] }, panes: [{ ...panes(1)[0]!, history }] });
    expect(ok.terminal.map((e) => e.type)).toEqual(['done']);
    const [body] = createBodies();
    expect(body!.store).toBe(false);
    const steps = body!.input as { type: string; content?: Record<string, unknown>[] }[];
    expect(steps[0]!.content).toEqual([{ type: 'text', text: 'Before' }, { type: 'image', uri: expect.stringContaining('/v1beta/files/'), mime_type: 'image/png' }]);
    expect(steps.at(-1)!.content).toEqual([
      { type: 'text', text: 'Now this one' },
      { type: 'image', data: Buffer.from(pngBytes(6)).toString('base64'), mime_type: 'image/png' },
    ]);
  });

  it('an image that is no longer stored fails the pane with a message naming it', async () => {
    const r = rig();
    const ghost: ImageRef = { sha256: 'f'.repeat(64), mimeType: 'image/png', name: 'ghost.png', size: 10 };
    const { terminal } = await r.turn({ input: { text: 'Hi', images: [ghost] }, panes: panes(1) });
    expect(terminal[0]).toMatchObject({ type: 'error', error: { code: 'BAD_REQUEST', message: 'ghost.png is no longer stored in the app; attach it again.', retryable: false } });
  });
});

describe('sharing an upload between panes that may be cancelled', () => {
  function slowUploader() {
    const calls: { signal: AbortSignal; progress(sent: number, total: number): void; finish(file: UploadedFile): void }[] = [];
    const uploader: Uploader = {
      uploadFile: (_file, options) =>
        new Promise((resolve, reject) => {
          options.signal?.addEventListener('abort', () => reject(options.signal!.reason));
          calls.push({ signal: options.signal!, progress: (s, t) => options.onProgress?.(s, t), finish: resolve });
        }),
    };
    return { uploader, calls };
  }
  const uploaded = (id: string): UploadedFile => ({ name: `files/${id}`, uri: `${world.fake.url}/v1beta/files/${id}`, mimeType: 'image/png' });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(check()).toBe(true);
  };

  it('cancelling one pane leaves the shared upload running for the other', async () => {
    const { uploader, calls } = slowUploader();
    const r = rig({ uploader });
    const photo = await r.store('photo.png', pngOfSize(5_000, 8));
    const requests = panes(2);
    r.generation.start({ input: { text: 'x', images: [photo] }, panes: requests });
    await until(() => calls.length === 1 && r.uploads.length === 2);
    r.generation.cancel([requests[0]!.requestId]);
    await until(() => r.events.some(isTerminal));
    calls[0]!.progress(5_000, 5_000);
    expect(calls[0]!.signal.aborted).toBe(false);
    expect(r.uploads.filter((u) => u.sent === 5_000).map((u) => u.paneId)).toEqual(['p2']);
    // The fake has no such file; the uri is only carried, so an unknown id is refused with 403 — enough to
    // show the second pane went on to send its request with the shared upload.
    calls[0]!.finish(uploaded('shared'));
    await r.generation.settled();
    expect(r.events.filter(isTerminal).map((e) => [e.paneId, e.type])).toEqual([
      ['p1', 'cancelled'],
      ['p2', 'error'],
    ]);
    expect(world.fake.interactionRequests()).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('a pane joining an upload under way is told at once how far it got', async () => {
    const { uploader, calls } = slowUploader();
    const r = rig({ uploader });
    const photo = await r.store('photo.png', pngOfSize(5_000, 10));
    const [first, second] = panes(2);
    r.generation.start({ input: { text: 'x', images: [photo] }, panes: [first!] });
    await until(() => calls.length === 1);
    calls[0]!.progress(2_000, 5_000);
    r.generation.start({ input: { text: 'x', images: [photo] }, panes: [second!] });
    await until(() => r.uploads.some((u) => u.paneId === 'p2'));
    expect(r.uploads.filter((u) => u.paneId === 'p2').map((u) => [u.sent, u.total])).toEqual([[2_000, 5_000]]);
    expect(calls).toHaveLength(1);
    r.generation.cancel();
    await r.generation.settled();
  });

  it('when every waiting pane is cancelled the upload is aborted, and the next turn starts a new one', async () => {
    const { uploader, calls } = slowUploader();
    const r = rig({ uploader });
    const photo = await r.store('photo.png', pngOfSize(5_000, 9));
    r.generation.start({ input: { text: 'x', images: [photo] }, panes: panes(2) });
    await until(() => calls.length === 1 && r.uploads.length === 2);
    r.generation.cancel();
    await r.generation.settled();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(r.sender.uploading).toBe(0);
    r.generation.start({ input: { text: 'x', images: [photo] }, panes: panes(1) });
    await until(() => calls.length === 2);
    r.generation.cancel();
    await r.generation.settled();
  });
});

describe('the retry after a refused cached uri', () => {
  const refusing = (status: number) => {
    let calls = 0;
    const client: StreamingClient & { calls(): number } = {
      calls: () => calls,
      async *streamInteraction() {
        calls++;
        throw new AppFailure(status === 403 ? 'PERMISSION_DENIED' : 'NOT_FOUND', `HTTP ${status}`, { httpStatus: status });
      },
      describeRequest: (body) => ({ method: 'POST', url: 'u', headers: {}, body }),
    };
    return client;
  };
  const images = (reused: boolean): TurnImages & { forgotten: number } => ({
    forgotten: 0,
    async resolve() {
      return { images: [{ mimeType: 'image/png', uri: 'https://x/v1beta/files/a' }], reused: reused ? [{ sha256: 'a'.repeat(64), uri: 'https://x/v1beta/files/a' }] : [] };
    },
    async forget() {
      this.forgotten++;
    },
  });
  const ref: ImageRef = { sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'a.png', size: 1 };

  it.each([403, 404])('happens once only (%i twice → the error is shown)', async (status) => {
    const client = refusing(status);
    const events: TurnEvent[] = [];
    const turnImages = images(true);
    const generation = new GenerationService({ client, emit: turnEventsTo((e) => events.push(e)), logger: silentLogger, images: turnImages });
    generation.start({ input: { text: 'x', images: [ref] }, panes: panes(1) });
    await generation.settled();
    expect(client.calls()).toBe(2);
    expect(turnImages.forgotten).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { httpStatus: status } });
  });

  it('does not happen when no uri came from the cache, nor for other errors', async () => {
    const client = refusing(403);
    const generation = new GenerationService({ client, emit: () => undefined, logger: silentLogger, images: images(false) });
    generation.start({ input: { text: 'x', images: [ref] }, panes: panes(1) });
    await generation.settled();
    expect(client.calls()).toBe(1);
  });

  it('does not happen when the 404 is about a chained interaction the server no longer keeps', async () => {
    let calls = 0;
    const client: StreamingClient = {
      async *streamInteraction() {
        calls++;
        throw new AppFailure('INTERACTION_GONE', 'gone', { httpStatus: 404 });
      },
      describeRequest: (body) => ({ method: 'POST', url: 'u', headers: {}, body }),
    };
    const turnImages = images(true);
    const generation = new GenerationService({ client, emit: () => undefined, logger: silentLogger, images: turnImages });
    generation.start({ input: { text: 'x', images: [ref] }, panes: panes(1) });
    await generation.settled();
    expect(calls).toBe(1);
    expect(turnImages.forgotten).toBe(0);
  });

  it('a turn with images but nothing to resolve them fails clearly', async () => {
    const events: TurnEvent[] = [];
    const generation = new GenerationService({ client: refusing(403), emit: turnEventsTo((e) => events.push(e)), logger: silentLogger });
    generation.start({ input: { text: 'x', images: [ref] }, panes: panes(1) });
    await generation.settled();
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'INTERNAL' } });
  });
});
