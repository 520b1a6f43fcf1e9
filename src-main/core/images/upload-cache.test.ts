// The upload cache with a fake clock: trusted until 48 h (or the server's earlier expiry) minus the margin,
// per base URL, persisted in uploads.json, and forgiving of a damaged file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../ports';
import { tempDir } from '../../../test-support/main/sessions';
import { EXPIRY_MARGIN_MS, FILE_LIFETIME_MS, UploadCache } from './upload-cache';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const SHA = 'a'.repeat(64);
const BASE = 'https://generativelanguage.googleapis.com';
const file = (id = 'abc', expirationTime?: string) => ({
  uri: `${BASE}/v1beta/files/${id}`,
  name: `files/${id}`,
  mimeType: 'image/png',
  ...(expirationTime ? { expirationTime } : {}),
});

let temp: ReturnType<typeof tempDir>;
let now: number;
beforeEach(() => {
  temp = tempDir('pg-uploads-');
  now = T0;
});
afterEach(() => temp.remove());

const cache = () => new UploadCache({ dataDir: temp.dir, logger: silentLogger, now: () => now });

describe('UploadCache', () => {
  it('is fresh until 48 h minus the margin after the upload, then the image is uploaded again', async () => {
    const c = cache();
    await c.put(SHA, file('abc', '2026-11-29T10:00:00.000000Z'), BASE);
    expect(await c.get(SHA, BASE)).toMatchObject({ uri: `${BASE}/v1beta/files/abc`, name: 'files/abc', baseUrl: BASE });
    now = T0 + FILE_LIFETIME_MS - EXPIRY_MARGIN_MS - 1;
    expect(await c.get(SHA, BASE)).toBeDefined();
    now = T0 + FILE_LIFETIME_MS - EXPIRY_MARGIN_MS;
    expect(await c.get(SHA, BASE)).toBeUndefined();
  });

  it('trusts an earlier server expiry, and never more than 48 h of our own clock', async () => {
    const c = cache();
    await c.put(SHA, file('early', new Date(T0 + 5 * HOUR).toISOString()), BASE);
    now = T0 + 3 * HOUR - 1;
    expect(await c.get(SHA, BASE)).toBeDefined();
    now = T0 + 3 * HOUR;
    expect(await c.get(SHA, BASE)).toBeUndefined();

    now = T0;
    const late = await c.put(SHA, file('late', new Date(T0 + 100 * HOUR).toISOString()), BASE);
    expect(late.expirationTime).toBe(new Date(T0 + FILE_LIFETIME_MS).toISOString());
    const unknown = await c.put(SHA, file('nodate'), BASE);
    expect(unknown.expirationTime).toBe(new Date(T0 + FILE_LIFETIME_MS).toISOString());
  });

  it('a uri is only valid at the base URL it was uploaded to', async () => {
    const c = cache();
    await c.put(SHA, file(), BASE);
    expect(await c.get(SHA, 'http://127.0.0.1:8080')).toBeUndefined();
  });

  it('persists across restarts, and drops expired entries when it writes', async () => {
    await cache().put(SHA, file(), BASE);
    expect(await cache().get(SHA, BASE)).toMatchObject({ name: 'files/abc' });
    now = T0 + FILE_LIFETIME_MS;
    await cache().put('b'.repeat(64), file('def'), BASE);
    const saved = JSON.parse(readFileSync(join(temp.dir, 'uploads.json'), 'utf8')) as { uploads: Record<string, unknown> };
    expect(Object.keys(saved.uploads)).toEqual(['b'.repeat(64)]);
  });

  it('forget drops the entry only while it still holds the refused uri', async () => {
    const c = cache();
    await c.put(SHA, file('old'), BASE);
    await c.put(SHA, file('new'), BASE); // another pane already uploaded again
    expect(await c.forget(SHA, `${BASE}/v1beta/files/old`)).toBe(false);
    expect((await c.get(SHA, BASE))?.name).toBe('files/new');
    expect(await c.forget(SHA, `${BASE}/v1beta/files/new`)).toBe(true);
    expect(await c.get(SHA, BASE)).toBeUndefined();
  });

  it('a damaged file is an empty cache, replaced at the next upload', async () => {
    writeFileSync(join(temp.dir, 'uploads.json'), '{"format":"gemini-playground-uploads","version":1,"uploads":{"x":');
    const c = cache();
    expect(await c.get(SHA, BASE)).toBeUndefined();
    await c.put(SHA, file(), BASE);
    expect(await cache().get(SHA, BASE)).toBeDefined();
    writeFileSync(join(temp.dir, 'uploads.json'), JSON.stringify({ format: 'gemini-playground-uploads', version: 1, uploads: { [SHA]: { uri: 5 } } }));
    expect(await cache().get(SHA, BASE)).toBeUndefined();
  });
});
