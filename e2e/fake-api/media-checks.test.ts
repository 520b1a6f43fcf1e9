// The fake checks media parts as the live service does: mime types from the typings' lists, inline bytes that
// are what mime_type says (400 naming the field), the inline size limit, and a video that stays PROCESSING.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mediaFixture } from '../../test-support/main/media';
import { type FakeApi, startFakeApi } from './server';
import { JSON_HEADERS, postJson } from './test-support';

let fake: FakeApi;
beforeAll(async () => {
  fake = await startFakeApi({ inlineLimitBytes: 20_000 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clear();
  fake.processVideoUploads(0);
});

const b64 = (name: string) => Buffer.from(mediaFixture(name)).toString('base64');
const create = (parts: unknown[]) => postJson(fake.url, '/v1beta/interactions', { model: 'gemini-3-flash-preview', input: [{ type: 'text', text: 'Describe' }, ...parts] });
const answerText = async (res: Response) => JSON.stringify(await res.json());

describe('media content parts', () => {
  it('document, audio and video parts inline are accepted and echoed as they arrived', async () => {
    const res = await create([
      { type: 'document', data: b64('sample.pdf'), mime_type: 'application/pdf' },
      { type: 'audio', data: b64('sample.mp3'), mime_type: 'audio/mp3' },
      { type: 'video', data: b64('sample.webm'), mime_type: 'video/webm', resolution: 'low' },
      { type: 'document', data: b64('table.csv'), mime_type: 'text/csv' },
      { type: 'audio', data: b64('voice.webm'), mime_type: 'audio/webm' },
    ]);
    expect(res.status).toBe(200);
    expect(await answerText(res)).toContain(
      'media=document:application/pdf:data,audio:audio/mp3:data,video:video/webm:data,document:text/csv:data,audio:audio/webm:data',
    );
  });

  it('bytes that are not what mime_type says: 400 naming the field and what the bytes are', async () => {
    const res = await create([{ type: 'audio', data: b64('song.mp3'), mime_type: 'audio/mp3' }]);
    expect(res.status).toBe(400);
    expect(await answerText(res)).toContain('input[1].data does not match input[1].mime_type: declared audio/mp3, the bytes are image/png.');
    const wav = await create([{ type: 'audio', data: b64('sample.wav'), mime_type: 'audio/webm' }]);
    expect(await answerText(wav)).toContain('declared audio/webm, the bytes are audio/wav.');
    const text = await create([{ type: 'document', data: b64('notes.pdf'), mime_type: 'application/pdf' }]);
    expect(await answerText(text)).toContain('declared application/pdf, the bytes are text.');
  });

  it('a mime type outside the typings list for that part type, or inline data without one: 400', async () => {
    const mkv = await create([{ type: 'video', data: b64('sample.mkv'), mime_type: 'video/x-matroska' }]);
    expect(mkv.status).toBe(400);
    expect(await answerText(mkv)).toContain('input[1].mime_type \\"video/x-matroska\\" is not supported for video content');
    const wrongKind = await create([{ type: 'document', data: b64('sample.wav'), mime_type: 'audio/wav' }]);
    expect(await answerText(wrongKind)).toContain('input[1].mime_type \\"audio/wav\\" is not supported for document content');
    const none = await create([{ type: 'audio', data: b64('sample.wav') }]);
    expect(await answerText(none)).toContain('input[1].mime_type is required with inline data.');
  });

  it('more inline data than the request limit: 400 that says to use the Files API', async () => {
    const res = await create([
      { type: 'audio', data: b64('sample.wav'), mime_type: 'audio/wav' },
      { type: 'audio', data: b64('sample.flac'), mime_type: 'audio/flac' },
    ]);
    expect(res.status).toBe(400);
    expect(await answerText(res)).toContain('Request payload size exceeds the limit');
  });
});

describe('video uploads stay PROCESSING', () => {
  async function upload(name: string, mimeType: string): Promise<Record<string, string>> {
    const bytes = mediaFixture(name);
    const start = await fetch(`${fake.url}/upload/v1beta/files`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'X-Goog-Upload-Protocol': 'resumable', 'X-Goog-Upload-Command': 'start', 'X-Goog-Upload-Header-Content-Length': String(bytes.length), 'X-Goog-Upload-Header-Content-Type': mimeType },
      body: JSON.stringify({ file: { display_name: name } }),
    });
    const done = await fetch(start.headers.get('x-goog-upload-url')!, { method: 'POST', headers: { 'X-Goog-Upload-Command': 'upload, finalize', 'X-Goog-Upload-Offset': '0' }, body: bytes });
    return ((await done.json()) as { file: Record<string, string> }).file;
  }
  const state = async (file: Record<string, string>) =>
    ((await (await fetch(`${fake.url}/v1beta/${file.name}`, { headers: JSON_HEADERS })).json()) as { state: string }).state;

  it('for the scripted number of polls; an interaction naming it before then is refused, after it is answered', async () => {
    fake.processVideoUploads(2);
    const video = await upload('sample.mp4', 'video/mp4');
    const audio = await upload('sample.wav', 'audio/wav');
    expect([video.state, audio.state]).toEqual(['PROCESSING', 'ACTIVE']);
    const early = await create([{ type: 'video', uri: video.uri, mime_type: 'video/mp4' }]);
    expect(early.status).toBe(400);
    expect(await answerText(early)).toContain('is not in an ACTIVE state');
    expect(await state(video)).toBe('PROCESSING');
    expect(await state(video)).toBe('ACTIVE');
    const later = await create([{ type: 'video', uri: video.uri, mime_type: 'video/mp4' }]);
    expect(later.status).toBe(200);
    expect(await answerText(later)).toContain('media=video:video/mp4:uri');
  });
});
