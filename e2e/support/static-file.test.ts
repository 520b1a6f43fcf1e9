// The harness's built files can be kept by Chromium's cache (so V8 reuses their compiled code, as app:// does
// with codeCache), and are asked for again at every load (as each app:// request reaches main).
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendStaticFile } from './static-file';

const dir = mkdtempSync(join(tmpdir(), 'static-file-'));
const file = join(dir, 'index.js');
let server: Server;
let origin = '';

beforeAll(async () => {
  writeFileSync(file, 'export const a = 1;');
  server = createServer((req, res) => sendStaticFile(req, res, file, { 'content-type': 'text/javascript' }));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

it('answers with a validator, revalidated at every load, and 304 while the copy is current', async () => {
  const first = await fetch(origin);
  expect(first.status).toBe(200);
  expect(await first.text()).toBe('export const a = 1;');
  expect(first.headers.get('content-type')).toBe('text/javascript');
  expect(first.headers.get('cache-control')).toBe('no-cache');
  const etag = first.headers.get('etag');
  expect(etag).toMatch(/^".+"$/);

  const again = await fetch(origin, { headers: { 'if-none-match': etag! } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');

  // A rebuilt file is a new version: the old validator no longer matches.
  writeFileSync(file, 'export const a = 22;');
  utimesSync(file, new Date(), new Date(Date.now() + 5_000));
  const rebuilt = await fetch(origin, { headers: { 'if-none-match': etag! } });
  expect(rebuilt.status).toBe(200);
  expect(await rebuilt.text()).toBe('export const a = 22;');
  expect(rebuilt.headers.get('etag')).not.toBe(etag);
});
