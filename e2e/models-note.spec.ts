// When the model list falls back to the built-in one, its note says why and offers the place that fixes it:
// the key dialog for a missing or refused key, Settings (base URL, timeouts) for an API that cannot be reached.
import { expect, test } from './support/fixture';
import { paneAt } from './support/ui';

test('without a key, the model note offers the key dialog', async ({ launch }, testInfo) => {
  const { page } = await launch();
  await page.getByTestId('key-close').click();
  const note = paneAt(page, 0).getByTestId('models-note');
  await expect(note).toContainText('Built-in list: add an API key to load every available model.');
  await page.setViewportSize({ width: 700, height: 900 });
  await paneAt(page, 0).screenshot({ path: testInfo.outputPath('models-note-700.png') });
  await expect(note.getByTestId('models-note-settings')).toHaveCount(0);
  await note.getByTestId('models-note-key').click();
  await expect(page.getByTestId('key-dialog')).toBeVisible();
});

test('an API that cannot be reached: the model note opens Settings', async ({ launch }) => {
  // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
  const { page } = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-models-note', GEMINI_BASE_URL: 'http://127.0.0.1:9' } });
  const note = paneAt(page, 0).getByTestId('models-note');
  await expect(note).toContainText('Built-in list: the models API could not be reached.', { timeout: 20_000 });
  await note.getByTestId('models-note-settings').click();
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
});
