// Renaming a session from the keyboard leaves the focus on that session: Enter or Escape in the title field took the
// field away and dropped the focus to the page body, so a keyboard user started again from the top of the window.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { sendAndSave, sessionMenuByKeyboard } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-rename-focus-91b3' };

/** Opens the session's ⋯ menu and picks Rename, by keyboard only. */
async function renameByKeyboard(page: Page, index: number): Promise<void> {
  await sessionMenuByKeyboard(page, index);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-rename-input')).toBeFocused();
}

test('Enter or Escape in a session title field hands the focus to that session', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await sendAndSave(page, 'First [[len:40]]');
  await page.getByTestId('session-new').click();
  await sendAndSave(page, 'Second [[len:40]]');
  const items = page.getByTestId('session-item');
  await expect(items).toHaveCount(2);

  // The open session, renamed.
  await renameByKeyboard(page, 0);
  await page.keyboard.type('Renamed open');
  await page.keyboard.press('Enter');
  await expect(items.nth(0).getByTestId('session-title')).toHaveText('Renamed open');
  await expect(items.nth(0).getByTestId('session-open')).toBeFocused();

  // Another session, renamed: saved and listed again.
  await renameByKeyboard(page, 1);
  await page.keyboard.type('Renamed other');
  await page.keyboard.press('Enter');
  const other = items.filter({ hasText: 'Renamed other' });
  await expect(other).toHaveCount(1);
  await expect(other.getByTestId('session-open')).toBeFocused();

  // A rename given up.
  await renameByKeyboard(page, 0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('session-rename-input')).toHaveCount(0);
  await expect(items.nth(0).getByTestId('session-open')).toBeFocused();
});

test('a rename left by clicking elsewhere keeps the focus where the person clicked', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await sendAndSave(page, 'Only [[len:40]]');
  await renameByKeyboard(page, 0);
  await page.keyboard.type('Clicked away');
  await page.getByTestId('prompt').click();
  await expect(page.getByTestId('session-title')).toHaveText('Clicked away');
  await expect(page.getByTestId('prompt')).toBeFocused();
});
