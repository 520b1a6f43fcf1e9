// Images the model makes, through the bridge harness (issue 19, item 3): an image model's pane asks for images
// (response_format image), the fake answers with a real PNG, the answer shows it where it came, it is stored as a
// blob with the session and shows again after a restart, "Save image…" writes its bytes through main's save
// dialog, it opens full size (Escape closes it), and two image panes compare side by side. Screenshots at 1440,
// 900 and 700 px wide, light and dark; axe over the answer and the compare dialog.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { makeImage } from './fake-api/image-out';
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll, useToolbarTool } from './support/ui';

const KEY = 'AIzaTestKey-image-output-71c2';
const PROMPT = 'A red fox in the snow';

async function askForImages(pane: Locator, aspectRatio?: string): Promise<void> {
  if ((await pane.getByTestId('pane-settings').count()) === 0) await pane.getByTestId('settings-toggle').click();
  await pane.getByTestId('model-select').selectOption('gemini-2.5-flash-image');
  const tools = pane.getByTestId('tools-settings');
  if ((await tools.getAttribute('open')) === null) await tools.locator('summary').click();
  await tools.getByTestId('image-output').check();
  if (aspectRatio) await tools.getByTestId('image-output-aspectRatio').selectOption(aspectRatio);
  await expect(tools.getByTestId('image-output-warning')).toHaveCount(0);
}

const naturalSize = (img: Locator) => img.evaluate((i) => [(i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight]);

async function shoot(page: Page, testInfo: TestInfo, name: string, target?: Locator): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await (target ?? page).screenshot({ path: testInfo.outputPath(`${name}-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('an image pane shows the image it asked for, saves it to a file, opens it full size, and shows it again after a restart', async ({ launch }, testInfo) => {
  let app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await askForImages(paneAt(page, 0), '16:9');
  await sendToAll(page, PROMPT);
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done');

  const [request] = app.fake.interactionRequests();
  expect((request!.body as Record<string, unknown>).response_format).toEqual({ type: 'image', aspect_ratio: '16:9' });
  const expected = Buffer.from(makeImage(PROMPT, { type: 'image', aspect_ratio: '16:9' }).data, 'base64');

  const image = paneAt(page, 0).getByTestId('output-image');
  await expect(image).toHaveCount(1);
  await expect(image.getByTestId('output-image-img')).toHaveAttribute('src', /^\/blobs\/[0-9a-f]{64}$/);
  await expect.poll(() => naturalSize(image.getByTestId('output-image-img'))).toEqual([64, 36]);
  // After the text it followed.
  const order = await paneAt(page, 0).locator('[data-testid="answer"], [data-testid="output-image"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order).toEqual(['answer', 'output-image']);
  // The renderer never held the bytes: no event carried base64.
  expect(JSON.stringify(app.events)).not.toContain(expected.toString('base64').slice(0, 40));

  // Save image… writes the stored bytes where main's save dialog says.
  const out = testInfo.outputPath('saved-fox.png');
  app.dialogs.answerNextSave(out);
  await image.getByTestId('output-image-save').click();
  await expect(image.getByTestId('output-image-status')).toHaveText(`Saved to ${out}`);
  expect(app.dialogs.shown.at(-1)).toMatchObject({ kind: 'save', title: 'Save image', defaultName: 'image_1.png', extensions: ['png'] });
  expect(readFileSync(out).equals(expected)).toBe(true);
  // A folder that is not there: told why, in the words of the other saves (and the saved file's line goes).
  app.dialogs.answerNextSave(join(testInfo.outputPath('no-such-folder'), 'fox.png'));
  await image.getByTestId('output-image-save').click();
  await expect(image.getByTestId('output-image-status')).toHaveText('Could not write the image: the file or its folder does not exist.');

  // Full size from the keyboard; Escape closes it and focus comes back to the image.
  const open = image.getByRole('button', { name: 'Open image 1 full size' });
  await open.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('output-image-viewer');
  await expect(viewer).toBeVisible();
  await expect.poll(() => naturalSize(viewer.getByTestId('output-image-viewer-img'))).toEqual([64, 36]);
  await expect(viewer).toContainText('64 × 36 px · image/png');
  // Saved from the full-size view: told there, where the person is looking (the page behind is inert).
  const again = testInfo.outputPath('saved-fox-again.png');
  app.dialogs.answerNextSave(again);
  await viewer.getByTestId('output-image-viewer-save').click();
  await expect(viewer.getByTestId('output-image-viewer-status')).toHaveText(`Saved to ${again}`);
  expect(readFileSync(again).equals(expected)).toBe(true);
  await shoot(page, testInfo, 'viewer-1440');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(open).toBeFocused();

  for (const width of [1440, 900, 700]) {
    await page.setViewportSize({ width, height: 900 });
    await image.scrollIntoViewIfNeeded();
    await shoot(page, testInfo, `answer-${width}`);
  }
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await blockingAxeViolations(page, '[data-testid="pane"]')).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Saved with the session as a reference to the blob, never as base64; back after a restart.
  const dataDir = app.dataDir;
  const sha256 = (await image.getAttribute('data-sha256'))!;
  const saved = () =>
    readdirSync(join(dataDir, 'sessions'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(dataDir, 'sessions', f), 'utf8'))
      .join('\n');
  await expect.poll(saved, { timeout: 15_000 }).toContain(sha256);
  expect(saved()).not.toContain(expected.toString('base64').slice(0, 40));
  expect(readFileSync(join(dataDir, 'blobs', sha256)).equals(expected)).toBe(true);
  await app.close();
  app = await launch({ env: { GEMINI_API_KEY: KEY }, dataDir });
  const restored = paneAt(app.page, 0).getByTestId('output-image');
  await expect(restored).toHaveAttribute('data-sha256', sha256);
  await expect.poll(() => naturalSize(restored.getByTestId('output-image-img'))).toEqual([64, 36]);
});

test('two image panes compare their images side by side', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await askForImages(paneAt(page, 0), '16:9');
  await askForImages(paneAt(page, 1), '1:1');
  await sendToAll(page, PROMPT);
  for (const i of [0, 1]) await expect(paneAt(page, i).getByTestId('output-image')).toHaveCount(1);

  await useToolbarTool(page, 'compare-open');
  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog).toBeVisible();
  const images = dialog.getByTestId('compare-images');
  await expect.poll(() => naturalSize(images.getByTestId('compare-images-a').getByTestId('output-image-img'))).toEqual([64, 36]);
  await expect.poll(() => naturalSize(images.getByTestId('compare-images-b').getByTestId('output-image-img'))).toEqual([64, 64]);
  // Side by side: B's column starts to the right of A's, on the same line.
  const a = (await images.getByTestId('compare-images-a').boundingBox())!;
  const b = (await images.getByTestId('compare-images-b').boundingBox())!;
  expect(b.x).toBeGreaterThanOrEqual(a.x + a.width);
  expect(Math.abs(b.y - a.y)).toBeLessThan(2);
  for (const width of [1440, 900, 700]) {
    await page.setViewportSize({ width, height: 900 });
    await images.scrollIntoViewIfNeeded();
    await shoot(page, testInfo, `compare-${width}`);
  }
  expect(await blockingAxeViolations(page, '[data-testid="compare-dialog"]')).toEqual([]);
});
