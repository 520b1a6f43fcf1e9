// What the person makes or brings in while a search narrows the session list shows in the list: a new session
// (listed as "Not saved yet" only while nothing is searched) and an imported one are not hidden by the search.
import { join } from 'node:path';
import { expect, test } from './support/fixture';
import { sendAndSave } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-search-new-5e2a' };

test('New session while a search finds nothing shows the new session in the list', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await sendAndSave(page, 'About tide pools [[len:40]]');
  await page.getByTestId('session-search').fill('volcanoes');
  await expect(page.getByTestId('session-empty')).toBeVisible();

  await page.getByTestId('session-new').click();
  await expect(page.getByTestId('session-search')).toHaveValue('');
  const active = page.locator('[data-testid="session-item"][data-active="true"]');
  await expect(active).toHaveCount(1);
  await expect(active).toContainText('Not saved yet');
  await expect(page.getByTestId('session-item')).toHaveCount(2);
});

test('a session imported while a search would hide it is listed and open', async ({ launch }, testInfo) => {
  const file = join(testInfo.outputPath(), 'tides.json');
  const app = await launch({ env });
  const { page } = app;
  await sendAndSave(page, 'About tide pools [[len:40]]');
  app.dialogs.answerNextSave(file);
  await page.getByTestId('session-menu').click();
  await page.getByTestId('session-export').click();
  await expect.poll(() => app.dialogs.shown.filter((d) => d.kind === 'save').length).toBe(1);

  await page.getByTestId('session-search').fill('volcanoes');
  await expect(page.getByTestId('session-empty')).toBeVisible();
  app.dialogs.answerNextOpen(file);
  await page.getByTestId('session-menu').click();
  await page.getByTestId('session-import').click();
  await expect(page.getByTestId('session-search')).toHaveValue('');
  await expect(page.getByTestId('session-item')).toHaveCount(2);
  const active = page.locator('[data-testid="session-item"][data-active="true"]');
  await expect(active).toContainText('About tide pools');
});
