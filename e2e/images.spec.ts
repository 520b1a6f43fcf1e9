// Images through the bridge harness: dropped (a real DataTransfer) and pasted (a ClipboardEvent) into the
// next turn of every pane, in order; a large one uploaded once for three panes; refused files; a failed
// upload and its Retry; the code panel's upload form; thumbnails after a restart; screenshots light + dark.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { jpegBytes, pngBytes } from '../test-support/main/images';
import type { Playground } from './harness';
import { dropFiles, pasteFiles } from './support/drop-files';
import { expect, test } from './support/fixture';
import { recordUploadTexts } from './support/upload-texts';
import { addPanes } from './support/ui';

const KEY = 'AIzaTestKey-e2e-images';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** An uncompressed 24-bit BMP (a valid image Chromium shows) of about `size` bytes: a colour gradient. */
function bmpOfSize(size: number): Uint8Array {
  const width = 1024;
  const row = width * 3;
  const height = Math.ceil((size - 54) / row);
  const data = Buffer.alloc(54 + row * height);
  data.write('BM', 0, 'ascii');
  data.writeUInt32LE(data.length, 2);
  data.writeUInt32LE(54, 10);
  data.writeUInt32LE(40, 14);
  data.writeInt32LE(width, 18);
  data.writeInt32LE(height, 22);
  data.writeUInt16LE(1, 26);
  data.writeUInt16LE(24, 28);
  data.writeUInt32LE(0, 30);
  data.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = 54 + y * row + x * 3;
      data[at] = (x >> 2) & 0xff;
      data[at + 1] = Math.floor((y / height) * 255);
      data[at + 2] = 160;
    }
  }
  return new Uint8Array(data);
}

/** A larger PNG than 1×1 (so the thumbnail shows something), drawn by the page's own canvas. */
async function canvasImage(page: Page, type: 'image/png' | 'image/jpeg', colour: string): Promise<Uint8Array> {
  const base64 = await page.evaluate(
    ({ type, colour }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 64;
      const g = canvas.getContext('2d')!;
      g.fillStyle = colour;
      g.fillRect(0, 0, 96, 64);
      g.fillStyle = '#ffffff';
      g.beginPath();
      g.arc(48, 32, 18, 0, Math.PI * 2);
      g.fill();
      return canvas.toDataURL(type).split(',')[1]!;
    },
    { type, colour },
  );
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function uploadStarts(a: Playground) {
  return a.fake.requests.filter(
    (r) => r.method === 'POST' && r.path.startsWith('/upload/') && (r.headers['x-goog-upload-command'] ?? '').toLowerCase() === 'start',
  );
}

type Part = { type: string; text?: string; data?: string; uri?: string; mime_type?: string };
const inputOf = (body: unknown) => (body as { input: Part[] }).input;

test('a dropped PNG and a pasted JPEG go to every pane after the text, in order, and come back after a restart', async ({ launch }, testInfo) => {
  let app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  const png = await canvasImage(page, 'image/png', '#3b82f6');
  const jpeg = await canvasImage(page, 'image/jpeg', '#e4572e');

  await page.getByTestId('prompt').fill('What is in these pictures?');
  await dropFiles(page.getByTestId('composer'), [{ name: 'a.png', type: 'image/png', bytes: png }]);
  await pasteFiles(page.getByTestId('prompt'), [{ name: 'photo.jpg', type: 'image/jpeg', bytes: jpeg }]);
  const chips = page.getByTestId('attachment');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(0)).toHaveAttribute('data-status', 'ready');
  await expect(chips.nth(1)).toHaveAttribute('data-status', 'ready');
  await expect(chips.getByTestId('attachment-name')).toHaveText(['a.png', 'photo.jpg']);
  await expect(page.getByTestId('prompt')).toHaveValue('What is in these pictures?');

  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(2);
  await expect(page.getByTestId('attachment')).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toHaveValue('');

  const requests = app.fake.interactionRequests();
  expect(requests).toHaveLength(2);
  for (const request of requests) {
    expect(inputOf(request.body)).toEqual([
      { type: 'text', text: 'What is in these pictures?' },
      { type: 'image', data: b64(png), mime_type: 'image/png' },
      { type: 'image', data: b64(jpeg), mime_type: 'image/jpeg' },
    ]);
  }
  // One start for both panes; the images never travel as paths.
  const start = app.calls.filter((c) => c.method === 'start');
  expect(start).toHaveLength(1);

  const turn = page.getByTestId('pane').nth(0).getByTestId('turn').first();
  const thumbs = turn.getByTestId('turn-image');
  await expect(thumbs).toHaveCount(2);
  await expect(thumbs.locator('img').nth(0)).toHaveAttribute('src', /^\/blobs\/[0-9a-f]{64}$/);
  await expect.poll(() => thumbs.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([96, 96]);

  // A thumbnail opens the picture at full size; Esc closes it.
  await thumbs.nth(1).getByTestId('turn-image-open').click();
  const viewer = page.getByTestId('image-viewer');
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('heading')).toHaveText('photo.jpg');
  await expect(viewer).toContainText('96 × 64 px');
  await expect.poll(() => viewer.getByTestId('image-viewer-img').evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(96);
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  await turn.screenshot({ path: testInfo.outputPath('turn-two-images-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await turn.screenshot({ path: testInfo.outputPath('turn-two-images-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // Saved with the session; after a restart the thumbnails load from /blobs/.
  const dataDir = app.dataDir;
  const savedText = () =>
    readdirSync(join(dataDir, 'sessions'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(dataDir, 'sessions', f), 'utf8'))
      .join('\n');
  await expect.poll(() => (savedText().match(/"photo\.jpg"/g) ?? []).length, { timeout: 15_000 }).toBe(2);
  expect(savedText()).not.toContain(b64(png));
  await app.close();
  app = await launch({ env: { GEMINI_API_KEY: KEY }, dataDir });
  const restored = app.page.getByTestId('pane').nth(1).getByTestId('turn-image');
  await expect(restored).toHaveCount(2);
  await expect(restored.getByTestId('turn-image-name')).toHaveText(['a.png', 'photo.jpg']);
  await expect.poll(() => restored.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([96, 96]);
});

test('a large image goes through the upload protocol once for three panes, and each request names its uri', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 3);
  const big = bmpOfSize(5 * 1_048_576);
  await page.getByTestId('prompt').fill('Describe the gradient');
  await dropFiles(page.getByTestId('composer'), [{ name: 'big.bmp', type: 'image/bmp', bytes: big }]);
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-status', 'ready', { timeout: 20_000 });
  await expect(page.getByTestId('attachment')).toContainText('5 MB');
  // Progress is shown while the upload runs: record what the panes said.
  const uploadTexts = await recordUploadTexts(page);
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(3, 30_000);
  const shown = await uploadTexts();
  expect(shown.some((t) => /^Uploading big\.bmp \d+ %$/.test(t))).toBe(true);

  expect(uploadStarts(app)).toHaveLength(1);
  const requests = app.fake.interactionRequests();
  expect(requests).toHaveLength(3);
  const uris = requests.map((r) => inputOf(r.body)[1]?.uri);
  expect(uris[0]).toMatch(/\/files\//);
  expect(new Set(uris).size).toBe(1);
  for (const r of requests) expect(inputOf(r.body)[1]).toMatchObject({ type: 'image', mime_type: 'image/bmp' });
  // The panes that joined the upload heard its progress, each under one request of its own. A pane that reads its
  // image only after the upload has ended finds the uri cached and hears none, which a loaded machine allows
  // (image-sender.test.ts holds the upload back to see all three join it).
  const heard = new Set(app.uploads.map((u) => u.paneId));
  expect(heard.size).toBeGreaterThan(0);
  expect(new Set(app.uploads.map((u) => `${u.paneId} ${u.requestId}`)).size).toBe(heard.size);
  expect(app.uploads.at(-1)).toMatchObject({ type: 'uploading' });
  for (const pane of await page.getByTestId('pane').all()) await expect(pane).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('upload-progress')).toHaveCount(0);
});

test('a text file named .pdf and an empty .png are refused with messages; the prompt and the other image stay', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Keep this text');
  await dropFiles(page.getByTestId('composer'), [
    { name: 'ok.png', type: 'image/png', bytes: pngBytes() },
    { name: 'notes.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('Meeting notes\nnot a PDF') },
    { name: 'empty.png', type: 'image/png', bytes: new Uint8Array(0) },
  ]);
  const errors = page.getByTestId('attachment-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.filter({ hasText: 'notes.pdf' })).toContainText('notes.pdf is not a PDF (it is plain text)');
  await expect(errors.filter({ hasText: 'empty.png' })).toContainText('empty.png is empty');
  await expect(page.getByTestId('attachment')).toHaveCount(1);
  await expect(page.getByTestId('attachment-name')).toHaveText('ok.png');
  await expect(page.getByTestId('prompt')).toHaveValue('Keep this text');
  await page.getByTestId('composer').screenshot({ path: testInfo.outputPath('composer-refused-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('composer').screenshot({ path: testInfo.outputPath('composer-refused-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  await errors.filter({ hasText: 'notes.pdf' }).getByTestId('attachment-error-dismiss').click();
  await expect(errors).toHaveCount(1);
  await page.getByTestId('attachment').getByTestId('attachment-remove').click();
  await expect(page.getByTestId('attachment')).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toHaveValue('Keep this text');
});

test('the file picker offers the accepted types and adds the chosen image', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await expect(page.getByTestId('attach-input')).toHaveAttribute('accept', /image\/png.*image\/jpeg.*\.png/);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('attach-image').click();
  await (await chooser).setFiles([{ name: 'picked.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpegBytes()) }]);
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('attachment-name')).toHaveText('picked.jpg');
});

test('an image dropped on one pane goes only to that pane', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  await dropFiles(page.getByTestId('pane').nth(1), [{ name: 'only-two.png', type: 'image/png', bytes: pngBytes(7) }]);
  await expect(page.getByTestId('attachment-target')).toHaveText('Pane 2 only');
  await expect(page.getByTestId('pane').nth(1).getByTestId('pane-attachments')).toContainText('only-two.png');
  await page.screenshot({ path: testInfo.outputPath('pane-attachment.png') });
  await page.getByTestId('prompt').fill('Which pane sees it?');
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(2);
  const bodies = app.fake.interactionRequests().map((r) => r.body as { input: unknown });
  const withImage = bodies.filter((b) => Array.isArray(b.input));
  expect(withImage).toHaveLength(1);
  expect(bodies.filter((b) => b.input === 'Which pane sees it?')).toHaveLength(1);
  await expect(page.getByTestId('pane').nth(1).getByTestId('turn-image')).toHaveCount(1);
  await expect(page.getByTestId('pane').nth(0).getByTestId('turn-image')).toHaveCount(0);
});

test('a failed upload shows the error and Retry uploads it again', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  app.fake.failNextUploads(1);
  await page.getByTestId('prompt').fill('Look at this big one');
  await dropFiles(page.getByTestId('composer'), [{ name: 'big.bmp', type: 'image/bmp', bytes: bmpOfSize(4_500_000) }]);
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-status', 'ready', { timeout: 20_000 });
  await page.getByTestId('send').click();
  const error = page.getByTestId('error-message');
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(error).toContainText('big.bmp');
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('pane')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  expect(uploadStarts(app).length).toBeGreaterThanOrEqual(2);
  const last = app.fake.interactionRequests().at(-1)!;
  expect(inputOf(last.body)[1]).toMatchObject({ type: 'image', mime_type: 'image/bmp', uri: expect.stringContaining('/files/') });
  await expect(page.getByTestId('turn-image')).toHaveCount(1);
});

test('the code panel of a two-pane session with an image shows the upload form and copies it', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await addPanes(page, 2);
  await page.getByTestId('prompt').fill('What is this?');
  await dropFiles(page.getByTestId('composer'), [{ name: 'a.png', type: 'image/png', bytes: pngBytes(3) }]);
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(2);

  await page.getByTestId('export-code').click();
  const panel = page.getByTestId('code-panel');
  await expect(panel.getByTestId('code-tab-python')).toHaveAttribute('aria-selected', 'true');
  const preview = panel.getByTestId('code-preview');
  await expect(preview).toContainText('client.files.upload(file="a.png")');
  await panel.getByTestId('code-copy').click();
  await expect(panel.getByTestId('code-copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('client.files.upload(file="a.png")');

  // Inline: the bytes are read from /blobs/ and embedded.
  await panel.getByTestId('code-inline-images').check();
  await expect(preview).toContainText(`"data": "${b64(pngBytes(3))}"`);
  await expect(preview).not.toContainText('files.upload');
});
