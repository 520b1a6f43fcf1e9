// PDFs, audio and video as inputs (issue 19, "Done when" for inputs) through the bridge harness: a PDF, an audio
// file and a video sent to two panes — one inline, one through the Files API while the fake holds the upload in
// PROCESSING — and the fake receives the right content parts; previews show the PDF's first page and page count,
// the clip's length, the video's poster frame and length, in the composer and in the sent turn, with no CSP
// violation (pdf.js runs without eval, media plays from the app's own origin); a text file named .pdf is refused
// with its reason and nothing typed or attached is lost. Screenshots at 1440, 900 and 700 px, light and dark.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import type { Playground } from './harness';
import { blockingAxeViolations } from './support/axe';
import { dropFiles, pasteFiles, type FileSpec } from './support/drop-files';
import { expect, test } from './support/fixture';
import { recordUploadTexts } from './support/upload-texts';
import { shootWidths } from './support/screenshots';
import { addPanes, paneAt } from './support/ui';

const KEY = 'AIzaTestKey-e2e-media';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'media');

const fixture = (name: string, type: string): FileSpec => ({ name, type, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) });
const PDF = () => fixture('sample.pdf', 'application/pdf');
const WAV = () => fixture('sample.wav', 'audio/wav');
const MP4 = () => fixture('sample.mp4', 'video/mp4');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

type Part = { type: string; text?: string; data?: string; uri?: string; mime_type?: string };
const inputOf = (body: unknown) => (body as { input: Part[] }).input;

/** Records every CSP violation the page reports, from now on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** How many pixels of a canvas are not white: a drawn page has ink, a blank canvas none. */
function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c) => {
    const el = c as HTMLCanvasElement;
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink++;
    return ink;
  });
}

/** Whether a <video> has its first frame and that frame is not all black (testsrc draws colour bars). */
function posterColours(video: Locator): Promise<number> {
  return video.evaluate((v) => {
    const el = v as HTMLVideoElement;
    if (el.readyState < 2) return 0;
    const canvas = document.createElement('canvas');
    canvas.width = el.videoWidth;
    canvas.height = el.videoHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(el, 0, 0);
    const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 120) lit++;
    return lit;
  });
}

/** The previews of `scope`'s attachments (testid `prefix`) show the PDF's pages, the clip's and the video's length. */
async function expectPreviews(scope: Locator, prefix: string): Promise<void> {
  const chips = scope.getByTestId(prefix);
  const pdf = chips.and(scope.page().locator('[data-kind="document"]'));
  await expect(pdf.getByTestId(`${prefix}-detail`)).toHaveText('2 pages');
  await expect(pdf.getByTestId(`${prefix}-open`)).toHaveAttribute('data-preview', 'ready');
  await expect(pdf.getByTestId(`${prefix}-open`)).toHaveAccessibleName('Open sample.pdf (2 pages)');
  await expect.poll(() => inkedPixels(pdf.locator('canvas'))).toBeGreaterThan(20);
  const audio = chips.and(scope.page().locator('[data-kind="audio"]'));
  await expect(audio.getByTestId(`${prefix}-detail`)).toHaveText('0:01');
  await expect(audio.getByTestId(`${prefix}-play`)).toHaveAccessibleName('Play sample.wav');
  const video = chips.and(scope.page().locator('[data-kind="video"]'));
  await expect(video.getByTestId(`${prefix}-detail`)).toHaveText('0:01');
  await expect(video.getByTestId(`${prefix}-open`)).toHaveAccessibleName('Play sample.mp4');
  await expect.poll(() => posterColours(video.locator('video'))).toBeGreaterThan(100);
}

function uploads(app: Playground) {
  return app.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/upload/') && (r.headers['x-goog-upload-command'] ?? '').toLowerCase() === 'start');
}

test('a PDF, a WAV and an MP4 go inline to one pane and through the Files API, held PROCESSING, to the other', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const cspViolations = await watchCsp(page);
  await addPanes(page, 2);
  const [video, pdf, wav] = [MP4(), PDF(), WAV()];

  // Pane 1, inline (each file is far under the inline limit).
  await page.getByTestId('send-target').selectOption({ index: 1 });
  await page.getByTestId('prompt').fill('Summarise these three');
  await dropFiles(page.getByTestId('composer'), [video, pdf]);
  await pasteFiles(page.getByTestId('prompt'), [wav]);
  const chips = page.getByTestId('attachment');
  await expect(chips).toHaveCount(3);
  for (const chip of await chips.all()) await expect(chip).toHaveAttribute('data-status', 'ready');
  await expect(chips.getByTestId('attachment-name')).toHaveText(['sample.mp4', 'sample.pdf', 'sample.wav']);
  await expectPreviews(page.getByTestId('composer'), 'attachment');
  // Media resolution where the API takes it (images and video), not for the PDF or the clip.
  await expect(chips.nth(0).getByTestId('attachment-resolution')).toBeVisible();
  await expect(chips.nth(1).getByTestId('attachment-resolution')).toHaveCount(0);
  await expect(chips.nth(2).getByTestId('attachment-resolution')).toHaveCount(0);
  await chips.nth(0).getByTestId('attachment-resolution').selectOption('low');
  expect(await blockingAxeViolations(page, '[data-testid="composer"]')).toEqual([]);
  await shootWidths(page, testInfo, 'composer-media');

  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(1);
  const [inline] = app.fake.interactionRequests();
  expect(inputOf(inline!.body)).toEqual([
    { type: 'text', text: 'Summarise these three' },
    { type: 'video', data: b64(video.bytes), mime_type: 'video/mp4', resolution: 'low' },
    { type: 'document', data: b64(pdf.bytes), mime_type: 'application/pdf' },
    { type: 'audio', data: b64(wav.bytes), mime_type: 'audio/wav' },
  ]);
  expect(uploads(app)).toHaveLength(0);

  // Pane 2, through the Files API: nothing goes inline, and the video (uploaded first) stays PROCESSING a while.
  await app.core.api.updateSettings({ inlineImageMaxMb: 0 });
  app.fake.processNextUpload(3);
  await page.getByTestId('send-target').selectOption({ index: 2 });
  await page.getByTestId('prompt').fill('And now from the Files API');
  await dropFiles(page.getByTestId('composer'), [video, pdf, wav]);
  for (const chip of await chips.all()) await expect(chip).toHaveAttribute('data-status', 'ready');
  // What the pane says while it waits: the upload, then the processing.
  const uploadTexts = await recordUploadTexts(page);
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(2, 30_000);
  const shown = await uploadTexts();
  expect(shown.some((t) => /^Waiting for the Files API to process sample\.mp4 · \d+ s$/.test(t)), shown.join(' | ')).toBe(true);
  await expect(paneAt(page, 1)).toHaveAttribute('data-status', 'done');
  expect(uploads(app)).toHaveLength(3);
  const filed = app.fake.interactionRequests().at(-1)!;
  const parts = inputOf(filed.body);
  expect(parts.map((p) => [p.type, p.mime_type, p.data])).toEqual([
    ['text', undefined, undefined],
    ['video', 'video/mp4', undefined],
    ['document', 'application/pdf', undefined],
    ['audio', 'audio/wav', undefined],
  ]);
  for (const part of parts.slice(1)) expect(part.uri).toMatch(/\/files\//);
  // The video (uploaded first, so held PROCESSING) was polled until ACTIVE before the interaction named it.
  const polls = app.fake.requests.filter((r) => r.method === 'GET' && /\/files\//.test(r.path));
  expect(polls.length).toBeGreaterThanOrEqual(3);
  expect(polls.at(-1)!.at).toBeLessThanOrEqual(filed.at);

  // The sent turns show the same previews, compact; the PDF and the video open, the clip plays.
  const turn = paneAt(page, 1).getByTestId('turn').first();
  await expect(turn.getByTestId('turn-images')).toHaveAccessibleName('1 PDF, 1 audio file, 1 video sent with this prompt');
  await expectPreviews(turn, 'turn-image');
  await turn.getByTestId('turn-image-open').first().click();
  const videoViewer = page.getByTestId('video-viewer');
  await expect(videoViewer).toBeVisible();
  await expect(videoViewer).toContainText('0:01 · 6 KB · 64 × 48 px');
  await page.screenshot({ path: testInfo.outputPath('video-viewer.png') });
  await page.keyboard.press('Escape');
  await turn.getByTestId('turn-image-open').nth(1).click();
  const pdfViewer = page.getByTestId('pdf-viewer');
  await expect(pdfViewer.getByTestId('pdf-viewer-meta')).toContainText('2 pages');
  await expect(pdfViewer.getByTestId('pdf-viewer-page')).toHaveCount(2);
  await expect.poll(() => inkedPixels(pdfViewer.getByTestId('pdf-viewer-page').nth(1).locator('canvas'))).toBeGreaterThan(50);
  expect(await blockingAxeViolations(page, '[data-testid="pdf-viewer"]')).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('pdf-viewer.png') });
  await page.keyboard.press('Escape');
  const play = turn.getByTestId('turn-image-play');
  await play.click();
  await expect(play).toHaveAccessibleName('Pause sample.wav');
  await expect(play).toHaveAccessibleName('Play sample.wav', { timeout: 5_000 });
  expect(await blockingAxeViolations(page, '[data-testid="pane"]')).toEqual([]);
  await shootWidths(page, testInfo, 'turn-media');
  expect(await cspViolations()).toEqual([]);
});

test('a text file named .pdf is refused with its reason; the prompt and the other attachments stay', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Keep every word of this');
  await dropFiles(page.getByTestId('composer'), [PDF(), fixture('notes.pdf', 'application/pdf'), WAV()]);
  const error = page.getByTestId('attachment-error');
  await expect(error).toHaveCount(1);
  await expect(error).toContainText(/notes\.pdf is not a PDF/);
  await expect(page.getByTestId('attachment-name')).toHaveText(['sample.pdf', 'sample.wav']);
  await expect(page.getByTestId('prompt')).toHaveValue('Keep every word of this');
  await shootWidths(page, testInfo, 'composer-refused');

  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(1);
  expect(inputOf(app.fake.interactionRequests()[0]!.body).map((p) => p.type)).toEqual(['text', 'document', 'audio']);
});

test('the picker offers PDFs, text, audio and video beside images', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const accept = (await page.getByTestId('attach-input').getAttribute('accept'))!.split(',');
  expect(accept).toEqual(expect.arrayContaining(['application/pdf', 'audio/wav', 'audio/mp3', 'audio/aac', 'audio/ogg', 'audio/flac', 'video/mp4', 'video/webm', 'video/mov', '.pdf', '.mov', '.flac', '.txt', '.text', '.md', '.markdown', '.csv', 'image/png']));
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('attach-image').click();
  const ogg = fixture('sample.ogg', 'audio/ogg');
  const csv = fixture('table.csv', 'text/csv');
  await (await chooser).setFiles([ogg, csv].map((f) => ({ name: f.name, mimeType: f.type, buffer: Buffer.from(f.bytes) })));
  const chips = page.getByTestId('attachment');
  await expect(chips.nth(0)).toHaveAttribute('data-kind', 'audio');
  await expect(chips.nth(0).getByTestId('attachment-detail')).toHaveText('0:01');
  await expect(page.getByTestId('attachment-play')).toHaveAccessibleName('Play sample.ogg');
  // A document other than a PDF shows its format in place of a picture.
  await expect(chips.nth(1)).toHaveAttribute('data-kind', 'document');
  await expect(chips.nth(1)).toContainText('CSV');
});

test('files dropped on one pane are named by kind in that pane and go only there', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  await dropFiles(paneAt(page, 1), [PDF(), MP4(), fixture('sample.webm', 'video/webm')]);
  await expect(paneAt(page, 1).getByTestId('pane-attachments')).toContainText('1 PDF, 2 videos go with the next prompt to this pane only');
  await expect(page.getByTestId('attachment-target')).toHaveText(['Pane 2 only', 'Pane 2 only', 'Pane 2 only']);
  await page.getByTestId('prompt').fill('Only the second pane sees these');
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(2);
  const withFiles = app.fake.interactionRequests().filter((r) => Array.isArray((r.body as { input: unknown }).input));
  expect(withFiles).toHaveLength(1);
  expect(inputOf(withFiles[0]!.body).map((p) => `${p.type} ${p.mime_type ?? ''}`.trim())).toEqual(['text', 'document application/pdf', 'video video/mp4', 'video video/webm']);
});

test('a voice recording in WebM (no video track) is audio: its chip plays it and it goes as audio/webm', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  // A browser names a .webm file video/webm whatever it holds; the bytes decide.
  await dropFiles(page.getByTestId('composer'), [fixture('voice.webm', 'video/webm'), fixture('sample.webm', 'video/webm')]);
  const chips = page.getByTestId('attachment');
  await expect(chips.nth(0)).toHaveAttribute('data-kind', 'audio');
  await expect(chips.nth(0).getByTestId('attachment-detail')).toHaveText('0:01');
  await expect(chips.nth(1)).toHaveAttribute('data-kind', 'video');
  await page.getByTestId('prompt').fill('Transcribe the recording');
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(1);
  const parts = inputOf(app.fake.interactionRequests()[0]!.body);
  expect(parts.map((p) => `${p.type} ${p.mime_type ?? ''}`.trim())).toEqual(['text', 'audio audio/webm', 'video video/webm']);
  expect(parts[1]!.data).toBe(b64(readFileSync(join(FIXTURES, 'voice.webm'))));
});
