// The harness transport carries bytes: the codec alone through JSON, then addMedia from a real page through
// the production bridge and Playwright's binding, and the stored image fetched back from /blobs/<sha256>.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaUrl } from '../../src-shared/media';
import { ARG_SCHEMAS } from '../../src-shared/schemas';
import { jpegBytes, pngBytes } from '../../test-support/main/images';
import { mediaFixture } from '../../test-support/main/media';
import { RENDERER_DIR, launchPlayground, type Playground } from '../harness';
import { BYTES_MARKER, decodeBytes, encodeBytes } from './bytes-codec';
import { chromiumExecutable } from './chromium';

const overJson = (value: unknown) => decodeBytes(JSON.parse(JSON.stringify(encodeBytes(value))));

describe('bytes codec', () => {
  it('round-trips every byte value, empty and large arrays, nested in the argument', () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const large = Uint8Array.from({ length: 1_048_576 + 7 }, (_, i) => (i * 131 + 7) & 0xff);
    const arg = { name: 'x.png', bytes: every, more: [new Uint8Array(0), { large }], n: 1, s: 'text', b: false, z: null };
    const back = overJson(arg) as typeof arg;
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect(back.bytes).toEqual(every);
    expect(back.more[0]).toEqual(new Uint8Array(0));
    const largeBack = (back.more[1] as { large: Uint8Array }).large;
    expect(largeBack).toBeInstanceOf(Uint8Array);
    // Byte by byte through Buffer: a deep toEqual over a megabyte of elements takes seconds.
    expect(Buffer.from(largeBack).equals(Buffer.from(large))).toBe(true);
    expect({ ...back, bytes: undefined, more: undefined }).toEqual({ ...arg, bytes: undefined, more: undefined });
  });

  it('is what makes addMedia valid: plain JSON turns bytes into an object the schema refuses', () => {
    const arg = { name: 'photo.png', bytes: pngBytes() };
    expect(ARG_SCHEMAS.addMedia.safeParse(JSON.parse(JSON.stringify(arg))).success).toBe(false);
    expect(ARG_SCHEMAS.addMedia.safeParse(overJson(arg)).success).toBe(true);
    expect(encodeBytes(arg)).toEqual({ name: 'photo.png', bytes: { [BYTES_MARKER]: expect.any(String) } });
  });

  it('leaves arguments without bytes as they were', () => {
    const arg = { input: { text: 'hi' }, panes: [{ paneId: 'p', config: { model: 'm' } }] };
    expect(overJson(arg)).toEqual(arg);
    expect(decodeBytes({ [BYTES_MARKER]: 'AA==', other: 1 })).toEqual({ [BYTES_MARKER]: 'AA==', other: 1 });
  });
});

const canLaunch = existsSync(join(RENDERER_DIR, 'index.html')) && chromiumExecutable() !== undefined;

describe.skipIf(!canLaunch)('harness transport (Chromium, built renderer)', () => {
  let app: Playground;
  beforeAll(async () => {
    app = await launchPlayground({ env: { GEMINI_API_KEY: 'AIza-harness-bytes-test' } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('addMedia from the page stores the exact bytes, served back from /blobs/<sha256> with their type', async () => {
    const jpeg = Array.from(jpegBytes());
    const result = await app.page.evaluate(async (bytes) => {
      const bridge = (window as unknown as { playground: { addMedia(a: unknown): Promise<unknown> } }).playground;
      return bridge.addMedia({ name: 'C:\\photos\\holiday.png', bytes: new Uint8Array(bytes) });
    }, jpeg);
    expect(result).toMatchObject({ ok: true, value: { mimeType: 'image/jpeg', name: 'holiday.png', size: jpeg.length } });
    const ref = (result as { value: { sha256: string } }).value;
    // The page makes calls of its own meanwhile (settings, MCP header names): find this one by its method.
    expect(app.calls.filter((c) => c.method === 'addMedia').at(-1)?.arg).toMatchObject({ bytes: new Uint8Array(jpeg) });

    const served = await app.page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
    }, mediaUrl(ref.sha256));
    expect(served).toEqual({ status: 200, type: 'image/jpeg', bytes: jpeg });
  });

  it('audio and video play from /blobs/<sha256>: byte ranges answered (206), durations read under the CSP', async () => {
    const added = async (name: string) => {
      const bytes = Array.from(mediaFixture(name));
      const result = await app.page.evaluate(async ([n, b]) => {
        const bridge = (window as unknown as { playground: { addMedia(a: unknown): Promise<{ value: { sha256: string } }> } }).playground;
        return (await bridge.addMedia({ name: n, bytes: new Uint8Array(b) })).value.sha256;
      }, [name, bytes] as const);
      return { url: mediaUrl(result), size: bytes.length };
    };
    const wav = await added('sample.wav');
    const range = await app.page.evaluate(async (url) => {
      const res = await fetch(url, { headers: { range: 'bytes=4-7' } });
      return { status: res.status, type: res.headers.get('content-type'), span: res.headers.get('content-range'), bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
    }, wav.url);
    expect(range).toEqual({ status: 206, type: 'audio/wav', span: `bytes 4-7/${wav.size}`, bytes: Array.from(mediaFixture('sample.wav').subarray(4, 8)) });

    const duration = (url: string, tag: 'audio' | 'video') =>
      app.page.evaluate(
        ([u, t]) =>
          new Promise<number>((resolve, reject) => {
            const el = document.createElement(t);
            el.preload = 'metadata';
            el.onloadedmetadata = () => resolve(el.duration);
            el.onerror = () => reject(new Error(`media error ${el.error?.code}`));
            el.src = u;
          }),
        [url, tag] as const,
      );
    expect(await duration(wav.url, 'audio')).toBeCloseTo(1, 1);
    expect(await duration((await added('sample.webm')).url, 'video')).toBeCloseTo(1, 0);
  });

  it('a refused file comes back as BAD_REQUEST naming it; an unknown blob is a 404', async () => {
    const result = await app.page.evaluate(async () => {
      const bridge = (window as unknown as { playground: { addMedia(a: unknown): Promise<unknown> } }).playground;
      return bridge.addMedia({ name: 'notes.pdf', bytes: new TextEncoder().encode('not a picture') });
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'notes.pdf is not a PDF (it is plain text)' },
    });
    const status = await app.page.evaluate(async (url) => (await fetch(url)).status, mediaUrl('0'.repeat(64)));
    expect(status).toBe(404);
  });
});
