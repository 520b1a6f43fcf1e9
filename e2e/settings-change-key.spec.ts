// "Change key…" in Settings opens the key dialog over the view: what was typed in Settings and not saved yet is still
// there when the key dialog closes, and the keyboard focus is back on the button that opened it.
import { expect, test } from './support/fixture';

const KEY = 'AIzaChangeKey-e2e-8Wd3';

test('changing the key from Settings keeps the unsaved settings and returns the focus to "Change key…"', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await expect(page.getByTestId('key-button')).toHaveAttribute('data-check', 'valid');
  await page.getByTestId('settings-button').click();
  const settings = page.getByTestId('settings-dialog');
  await page.getByTestId('settings-concurrency').fill('5');
  await page.getByTestId('settings-open-key').click();
  await expect(page.getByTestId('key-dialog')).toBeVisible();
  await expect(page.getByTestId('key-input')).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('key-dialog')).toBeHidden();
  await expect(settings).toBeVisible();
  await expect(page.getByTestId('settings-concurrency')).toHaveValue('5');
  await expect(page.getByTestId('settings-open-key')).toBeFocused();

  // A key saved from there is what the view then shows, and the settings typed before still save.
  await page.getByTestId('settings-open-key').click();
  await page.getByTestId('key-input').fill('AIzaChangeKey-e2e-new-5Jm1');
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-dialog')).toBeHidden();
  await expect(page.getByTestId('settings-key-status')).toContainText('…5Jm1');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  expect((await app.core.api.getSettings()).concurrency).toBe(5);
});
