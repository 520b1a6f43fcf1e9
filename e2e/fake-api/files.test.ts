// The resumable upload protocol byte by byte (chunks, offsets, sizes, failures) and the files resource.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_GRANULARITY } from './files';
import { type FakeApi, startFakeApi } from './server';
import { JSON_HEADERS, KEY } from './test-support';

let fake: FakeApi;

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

async function start(size: number, file: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${fake.url}/upload/v1beta/files`, {
    method: 'POST',
    headers: {
      ...JSON_HEADERS,
      'X-Goog-Upload-Protocol': 'resumable',
      'X-Goog-Upload-Command': 'start',
      'X-Goog-Upload-Header-Content-Length': String(size),
      'X-Goog-Upload-Header-Content-Type': 'image/png',
      ...headers,
    },
    body: JSON.stringify({ file }),
  });
}

async function uploadUrl(size: number, file: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<string> {
  const res = await start(size, file, headers);
  expect(res.status).toBe(200);
  return res.headers.get('x-goog-upload-url')!;
}

/** Without an API key: the upload URL itself is the credential, as with Google's. */
function send(url: string, command: string, offset: number | undefined, bytes: Uint8Array<ArrayBuffer>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'X-Goog-Upload-Command': command, ...(offset === undefined ? {} : { 'X-Goog-Upload-Offset': String(offset) }) },
    body: bytes,
  });
}

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe('resumable upload', () => {
  it('start answers the absolute upload URL, status active and the chunk granularity', async () => {
    const res = await start(10, { display_name: 'snake', mime_type: 'image/png' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-goog-upload-url')).toMatch(new RegExp(`^${fake.url}/upload/v1beta/files\\?upload_id=[\\w-]+&upload_protocol=resumable$`));
    expect(res.headers.get('x-goog-upload-status')).toBe('active');
    expect(res.headers.get('x-goog-upload-chunk-granularity')).toBe(String(CHUNK_GRANULARITY));
    const noProtocol = await fetch(`${fake.url}/upload/v1beta/files`, { method: 'POST', headers: { ...JSON_HEADERS, 'X-Goog-Upload-Command': 'start' }, body: '{}' });
    expect(noProtocol.status).toBe(400);
  });

  it('uploads in chunks, checks offsets and granularity, and finalizes into a File with every field', async () => {
    const total = 2 * CHUNK_GRANULARITY + 100;
    const data = new Uint8Array(total).map((_, i) => i % 251);
    const url = await uploadUrl(total, { display_name: 'big.png', mime_type: 'image/png' });

    const first = await send(url, 'upload', 0, data.subarray(0, CHUNK_GRANULARITY));
    expect([first.status, first.headers.get('x-goog-upload-status')]).toEqual([200, 'active']);
    const wrongOffset = await send(url, 'upload', 0, data.subarray(0, CHUNK_GRANULARITY));
    expect([wrongOffset.status, wrongOffset.headers.get('x-goog-upload-size-received')]).toEqual([400, String(CHUNK_GRANULARITY)]);
    expect((await send(url, 'upload', CHUNK_GRANULARITY, bytes(100))).status).toBe(400);
    expect((await send(url, 'upload', CHUNK_GRANULARITY, data.subarray(CHUNK_GRANULARITY, 2 * CHUNK_GRANULARITY))).status).toBe(200);
    const query = await send(url, 'query', undefined, bytes(0));
    expect(query.headers.get('x-goog-upload-size-received')).toBe(String(2 * CHUNK_GRANULARITY));
    expect((await send(url, 'upload, finalize', 2 * CHUNK_GRANULARITY, bytes(101))).status).toBe(400);

    const final = await send(url, 'upload, finalize', 2 * CHUNK_GRANULARITY, data.subarray(2 * CHUNK_GRANULARITY));
    expect(final.status).toBe(200);
    expect(final.headers.get('x-goog-upload-status')).toBe('final');
    expect(final.headers.get('content-type')).toMatch(/^application\/json/);
    const { file } = (await final.json()) as { file: Record<string, string> };
    const id = file.name!.replace('files/', '');
    expect(file).toMatchObject({
      displayName: 'big.png',
      mimeType: 'image/png',
      sizeBytes: String(total),
      state: 'ACTIVE',
      source: 'UPLOADED',
      uri: `${fake.url}/v1beta/files/${id}`,
      sha256Hash: Buffer.from(createHash('sha256').update(data).digest('hex')).toString('base64'),
    });
    expect(file.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(file.expirationTime!) - Date.parse(file.createTime!)).toBe(48 * 3600 * 1000);
    expect(file.downloadUri).toContain(id);
    expect(fake.requests.filter((r) => r.query.upload_id).map((r) => r.body)).toContainEqual({ bytes: CHUNK_GRANULARITY });
    expect((await send(url, 'upload, finalize', total, bytes(1))).status).toBe(400);
  });

  it('refuses to finalize with fewer bytes than announced', async () => {
    const url = await uploadUrl(10);
    expect((await send(url, 'upload, finalize', 0, bytes(9))).status).toBe(400);
  });

  it('upload-500 by header, [[fault:upload]] in the display name, and failNextUploads(n)', async () => {
    const byHeader = await uploadUrl(3, {}, { 'x-fake-fault': 'upload-500' });
    expect((await send(byHeader, 'upload, finalize', 0, bytes(3))).status).toBe(500);
    const byName = await uploadUrl(3, { displayName: 'x [[fault:upload]]' });
    expect((await send(byName, 'upload, finalize', 0, bytes(3))).status).toBe(500);
    fake.failNextUploads(1);
    const url = await uploadUrl(3);
    const failed = await send(url, 'upload, finalize', 0, bytes(3));
    expect([failed.status, failed.headers.get('x-goog-upload-status')]).toEqual([500, null]);
    expect((await send(url, 'upload, finalize', 0, bytes(3))).status).toBe(200);
  });
});

describe('files resource', () => {
  it('gets, lists with pagination and deletes files; a missing file is a 403 like the live service', async () => {
    const own = await startFakeApi();
    try {
      expect(await (await fetch(`${own.url}/v1beta/files`, { headers: KEY })).json()).toEqual({});
      const names: string[] = [];
      for (const name of ['a', 'b']) {
        const started = await fetch(`${own.url}/upload/v1/files`, {
          method: 'POST',
          headers: { ...JSON_HEADERS, 'X-Goog-Upload-Protocol': 'resumable', 'X-Goog-Upload-Command': 'start' },
          body: JSON.stringify({ file: { displayName: name, mimeType: 'text/plain' } }),
        });
        const done = await send(started.headers.get('x-goog-upload-url')!, 'upload, finalize', 0, bytes(4));
        names.push(((await done.json()) as { file: { name: string } }).file.name);
      }
      const page1 = (await (await fetch(`${own.url}/v1beta/files?pageSize=1`, { headers: KEY })).json()) as { files: { name: string }[]; nextPageToken: string };
      const page2 = (await (await fetch(`${own.url}/v1beta/files?pageSize=1&pageToken=${page1.nextPageToken}`, { headers: KEY })).json()) as { files: { name: string }[]; nextPageToken?: string };
      expect([...page1.files, ...page2.files].map((f) => f.name)).toEqual(names);
      expect(page2.nextPageToken).toBeUndefined();
      const got = await fetch(`${own.url}/v1beta/${names[0]}`, { headers: KEY });
      expect(((await got.json()) as { displayName: string }).displayName).toBe('a');
      expect((await fetch(`${own.url}/v1beta/${names[0]}`)).status).toBe(403);
      expect(await (await fetch(`${own.url}/v1beta/${names[0]}`, { method: 'DELETE', headers: KEY })).json()).toEqual({});
      const gone = await fetch(`${own.url}/v1beta/${names[0]}`, { headers: KEY });
      expect(gone.status).toBe(403);
      expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(/or it may not exist/);
    } finally {
      await own.close();
    }
  });
});

describe('files in interactions', () => {
  it('an image part naming an uploaded file is answered; once the file is deleted, 403 like the live service', async () => {
    const url = await uploadUrl(3, { displayName: 'cat.png', mimeType: 'image/png' });
    const { file } = (await (await send(url, 'upload, finalize', 0, bytes(3))).json()) as { file: { name: string; uri: string } };
    const create = () =>
      fetch(`${fake.url}/v1beta/interactions`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({
          model: 'gemini-3-flash-preview',
          input: [
            { type: 'user_input', content: [{ type: 'text', text: 'What is it?' }, { type: 'image', uri: file.uri, mime_type: 'image/png' }] },
          ],
          store: false,
        }),
      });
    expect((await create()).status).toBe(200);
    await fetch(`${fake.url}/v1beta/${file.name}`, { method: 'DELETE', headers: KEY });
    const refused = await create();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(file.name.replace('files/', ''));
    // A uri on another host is not the fake's to judge.
    const foreign = await fetch(`${fake.url}/v1beta/interactions`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ model: 'gemini-3-flash-preview', input: [{ type: 'image', uri: 'https://example.com/cat.png', mime_type: 'image/png' }] }),
    });
    expect(foreign.status).toBe(200);
  });

  it('a file still PROCESSING cannot be used yet: 400 until its GETs have turned it ACTIVE', async () => {
    fake.processNextUpload(2);
    const url = await uploadUrl(3, { displayName: 'clip.mp4', mimeType: 'video/mp4' });
    const { file } = (await (await send(url, 'upload, finalize', 0, bytes(3))).json()) as { file: { name: string; uri: string; state: string } };
    expect(file.state).toBe('PROCESSING');
    const create = () =>
      fetch(`${fake.url}/v1beta/interactions`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ model: 'gemini-3-flash-preview', input: [{ type: 'video', uri: file.uri, mime_type: 'video/mp4' }], store: false }),
      });
    const early = await create();
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain('is not in an ACTIVE state');
    const states: string[] = [];
    for (let i = 0; i < 2; i++) states.push(((await (await fetch(`${fake.url}/v1beta/${file.name}`, { headers: KEY })).json()) as { state: string }).state);
    expect(states).toEqual(['PROCESSING', 'ACTIVE']);
    expect((await create()).status).toBe(200);
  });
});
