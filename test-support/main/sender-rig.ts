// The sending chain of a turn with attachments, for real: GenerationService + GeminiClient + ImageSender against the
// fake API over a blob folder. One fake serves the whole test file; each test gets a fresh folder, and what it
// opened is closed after it. Call senderTests at the top of a test file (it registers the hooks).
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TurnEvent, UploadEvent } from '../../src-shared/domain';
import { startFakeApi, type FakeApi } from '../../e2e/fake-api/server';
import { GeminiClient, type GeminiClientOptions } from '../../src-main/core/gemini/client';
import { GenerationService, type StreamingClient } from '../../src-main/core/generation';
import { ImageSender, type Uploader } from '../../src-main/core/images/image-sender';
import { UploadCache } from '../../src-main/core/images/upload-cache';
import { silentLogger } from '../../src-main/core/ports';
import { BlobStore } from '../../src-main/core/storage/blobs';
import { tempDir } from './sessions';
import { turnEventsTo } from './turn-events';

export interface SenderOptions {
  inlineMaxBytes: number;
  /** In place of the GeminiClient, for uploads or for streaming. */
  uploader?: Uploader;
  /** Around the GeminiClient that uploads (to hold an upload back); ignored when `uploader` is given. */
  wrapUploader?: (gemini: Uploader) => Uploader;
  client?: StreamingClient;
  /** Around the GeminiClient that streams (to order or watch its sends); ignored when `client` is given. */
  wrapClient?: (gemini: StreamingClient) => StreamingClient;
  chunkBytes?: number;
  sleep?: GeminiClientOptions['sleep'];
}

/** `prefix` names the test's folder; `eachTest` sets the fake up before each test, after it is cleared. */
export function senderTests(prefix: string, eachTest: (fake: FakeApi) => void = () => {}) {
  let fake: FakeApi | undefined;
  let temp: ReturnType<typeof tempDir> | undefined;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    fake = await startFakeApi();
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    fake!.clear();
    eachTest(fake!);
    temp = tempDir(prefix);
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
    temp?.remove();
  });

  return {
    get fake(): FakeApi {
      if (!fake) throw new Error('senderTests: the fake API starts in beforeAll');
      return fake;
    },
    /** A GenerationService that sends through an ImageSender over this test's blob folder; the events it emitted. */
    rig(options: SenderOptions) {
      const api = this.fake;
      const dir = temp!.dir;
      const events: TurnEvent[] = [];
      const uploads: UploadEvent[] = [];
      const blobs = new BlobStore(dir);
      const gemini = new GeminiClient({ getBaseUrl: () => api.url, getApiKey: () => 'test-key', logger: silentLogger, retry: { maxRetries: 0 }, sleep: options.sleep });
      closers.push(() => gemini.close());
      const cache = new UploadCache({ dataDir: dir, logger: silentLogger });
      const sender = new ImageSender({
        blobs,
        uploader: options.uploader ?? options.wrapUploader?.(gemini) ?? gemini,
        cache,
        limits: () => ({ maxBytes: 20 * 1_048_576, inlineMaxBytes: options.inlineMaxBytes }),
        baseUrl: () => api.url,
        emit: (event) => uploads.push(event),
        logger: silentLogger,
        chunkBytes: options.chunkBytes,
      });
      const client = options.client ?? options.wrapClient?.(gemini) ?? gemini;
      const generation = new GenerationService({ client, emit: turnEventsTo((e) => events.push(e)), logger: silentLogger, images: sender });
      closers.push(() => generation.dispose());
      return { events, uploads, blobs, cache, sender, generation };
    },
  };
}
