// The fake bills media input as Gemini documents it ("Understand and count tokens", the media-resolution guide),
// checked here against the documented numbers themselves: before Gemini 3, an image ≤384 px a side is 258 tokens
// and a larger one 258 per 768×768 tile, video 263 and audio 32 a second, a PDF 258 a page; Gemini 3, an image
// 280/560/1,120/2,240 by resolution (1,120 unset), a PDF page 560, video 70 a second (280 at high), audio 32.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pngBytes } from '../../test-support/main/images';
import { mediaFixture } from '../../test-support/main/media';
import { type FakeApi, startFakeApi } from './server';
import { KEY, postJson } from './test-support';

interface Usage {
  total_input_tokens: number;
  total_tokens: number;
  total_output_tokens: number;
  total_thought_tokens?: number;
  input_tokens_by_modality: { modality: string; tokens: number }[];
}

let fake: FakeApi;
beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

const GEMINI_3 = 'gemini-3-flash-preview';
const GEMINI_25 = 'gemini-2.5-flash';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const png = (width: number, height: number, extra: Record<string, unknown> = {}) => ({ type: 'image', mime_type: 'image/png', data: b64(pngBytes(1, width, height)), ...extra });
const inline = (type: string, mimeType: string, name: string, extra: Record<string, unknown> = {}) => ({ type, mime_type: mimeType, data: b64(mediaFixture(name)), ...extra });

async function usageOf(model: string, parts: unknown[]): Promise<Usage> {
  const res = await postJson(fake.url, '/v1beta/interactions', { model, input: [{ type: 'text', text: 'Describe' }, ...parts] });
  expect(res.status).toBe(200);
  return ((await res.json()) as { usage: Usage }).usage;
}

/** The media modalities' tokens, the text's left out (its count is the fake's own estimate of the prompt). */
async function media(model: string, parts: unknown[]): Promise<Record<string, number>> {
  const usage = await usageOf(model, parts);
  return Object.fromEntries(usage.input_tokens_by_modality.filter((m) => m.modality !== 'text').map((m) => [m.modality, m.tokens]));
}

describe('images', () => {
  it('before Gemini 3: one 258-token tile up to 384 px a side, else a tile per 768×768', async () => {
    expect(await media(GEMINI_25, [png(384, 384)])).toEqual({ image: 258 });
    expect(await media(GEMINI_25, [png(1000, 800)])).toEqual({ image: 1_032 });
    expect(await media(GEMINI_25, [png(800, 300)])).toEqual({ image: 516 });
    expect(await media(GEMINI_25, [png(1600, 1600)])).toEqual({ image: 2_322 });
    expect(await media(GEMINI_25, [png(300, 200), png(1000, 800)])).toEqual({ image: 1_290 });
  });

  it('Gemini 3: by the part’s resolution whatever the size, high (1,120) when unset', async () => {
    expect(await media(GEMINI_3, [png(1600, 1600)])).toEqual({ image: 1_120 });
    expect(await media(GEMINI_3, [png(1, 1)])).toEqual({ image: 1_120 });
    expect(await media(`models/${GEMINI_3}`, [png(1, 1, { resolution: 'low' })])).toEqual({ image: 280 });
    expect(await media(GEMINI_3, [png(1, 1, { resolution: 'medium' })])).toEqual({ image: 560 });
    expect(await media(GEMINI_3, [png(1, 1, { resolution: 'ultra_high' })])).toEqual({ image: 2_240 });
  });

  it('the total is the text plus every modality, and total_tokens adds output and thinking to it', async () => {
    const usage = await usageOf(GEMINI_25, [png(1000, 800), inline('audio', 'audio/wav', 'sample.wav')]);
    const text = usage.input_tokens_by_modality.find((m) => m.modality === 'text')!.tokens;
    expect(usage.total_input_tokens).toBe(text + 1_032 + 32);
    expect(usage.total_tokens).toBe(usage.total_input_tokens + usage.total_output_tokens + (usage.total_thought_tokens ?? 0));
  });
});

describe('documents, audio and video', () => {
  it('a PDF by its pages: 258 each before Gemini 3, 560 on Gemini 3', async () => {
    const pdf = inline('document', 'application/pdf', 'sample.pdf');
    expect(await media(GEMINI_25, [pdf])).toEqual({ document: 516 });
    expect(await media(GEMINI_3, [pdf])).toEqual({ document: 1_120 });
  });

  it('audio at 32 tokens a second on either model (WAV, FLAC: one second each)', async () => {
    const clips = [inline('audio', 'audio/wav', 'sample.wav'), inline('audio', 'audio/flac', 'sample.flac')];
    expect(await media(GEMINI_25, clips)).toEqual({ audio: 64 });
    expect(await media(GEMINI_3, clips)).toEqual({ audio: 64 });
  });

  it('video: 263 a second before Gemini 3; on Gemini 3 one 70-token frame a second, 280 at high or ultra high', async () => {
    expect(await media(GEMINI_25, [inline('video', 'video/mp4', 'sample.mp4')])).toEqual({ video: 263 });
    expect(await media(GEMINI_3, [inline('video', 'video/mp4', 'sample.mp4')])).toEqual({ video: 70 });
    expect(await media(GEMINI_3, [inline('video', 'video/mov', 'sample.mov', { resolution: 'low' })])).toEqual({ video: 70 });
    expect(await media(GEMINI_3, [inline('video', 'video/mp4', 'sample.mp4', { resolution: 'high' })])).toEqual({ video: 280 });
    expect(await media(GEMINI_3, [inline('video', 'video/mp4', 'sample.mp4', { resolution: 'ultra_high' })])).toEqual({ video: 280 });
  });

  it('a type the service takes and the app does not, by the part’s type: 3GPP video (MP4’s ISO-BMFF container)', async () => {
    expect(await media(GEMINI_25, [inline('video', 'video/3gpp', 'sample.mp4')])).toEqual({ video: 263 });
    expect(await media(GEMINI_3, [inline('video', 'video/3gpp', 'sample.mp4')])).toEqual({ video: 70 });
  });

  it('a text document by its length, about 4 bytes a token', async () => {
    const csv = mediaFixture('table.csv');
    expect(await media(GEMINI_25, [inline('document', 'text/csv', 'table.csv')])).toEqual({ document: Math.ceil(csv.length / 4) });
  });

  it('258 where the bytes give no measure: an MP3’s or a WebM’s length, a uri to a file the fake did not upload', async () => {
    expect(await media(GEMINI_25, [inline('audio', 'audio/mp3', 'sample.mp3')])).toEqual({ audio: 258 });
    expect(await media(GEMINI_3, [inline('video', 'video/webm', 'sample.webm')])).toEqual({ video: 258 });
    expect(await media(GEMINI_25, [{ type: 'document', uri: 'https://example.com/files/report', mime_type: 'application/pdf' }])).toEqual({ document: 258 });
    // On Gemini 3 an image needs no measure: its resolution sets its count.
    expect(await media(GEMINI_3, [{ type: 'image', uri: 'https://example.com/files/photo', mime_type: 'image/png' }])).toEqual({ image: 1_120 });
  });
});

describe('parts sent by uri', () => {
  async function upload(bytes: Uint8Array, mimeType: string): Promise<string> {
    const headers = { ...KEY, 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'content-type': 'application/json' };
    const start = await fetch(`${fake.url}/upload/v1beta/files`, { method: 'POST', headers: { ...headers, 'x-goog-upload-header-content-type': mimeType }, body: JSON.stringify({ file: { mimeType } }) });
    const body = new Uint8Array(bytes);
    const done = await fetch(start.headers.get('x-goog-upload-url')!, { method: 'POST', headers: { ...KEY, 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' }, body });
    return ((await done.json()) as { file: { uri: string } }).file.uri;
  }

  it('are billed by the bytes uploaded to the fake, as inline ones are', async () => {
    const video = await upload(mediaFixture('sample.mp4'), 'video/mp4');
    const image = await upload(pngBytes(1, 1000, 800), 'image/png');
    expect(await media(GEMINI_25, [{ type: 'video', uri: video, mime_type: 'video/mp4' }, { type: 'image', uri: image }])).toEqual({ video: 263, image: 1_032 });
    expect(await media(GEMINI_3, [{ type: 'video', uri: video, mime_type: 'video/mp4', resolution: 'high' }])).toEqual({ video: 280 });
  });
});
