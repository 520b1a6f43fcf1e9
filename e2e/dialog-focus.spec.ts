// Keyboard focus when a dialog ends: back on the toolbar control that opened it, not on the page body, for every
// dialog built on Modal.svelte — one opened by a toolbar button, one from the Experiments menu.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { addPanes } from './support/ui';

const KEY = 'AIzaTestKey-dialog-focus-3e91';

/** Focuses the control, presses Enter on it, waits for the dialog, ends it with Escape and says where focus is. */
async function openAndEscape(page: Page, control: string, dialog: string): Promise<void> {
  await page.getByTestId(control).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(dialog)).toBeVisible();
  await expect(page.getByTestId(control)).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(dialog)).toHaveCount(0);
  await expect(page.getByTestId(control)).toBeFocused();
}

test('Escape ends a dialog opened from the toolbar with focus back on the control that opened it', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);

  await openAndEscape(page, 'shortcuts-open', 'shortcut-help');
  await openAndEscape(page, 'compare-open', 'compare-dialog');

  // From a menu: its item goes with the menu, so focus returns to the menu's button, which had it as the dialog opened.
  const experiments = page.getByTestId('experiments-menu');
  await experiments.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sweep-open').filter({ visible: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sweep-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sweep-dialog')).toHaveCount(0);
  await expect(experiments).toBeFocused();

  // Close, and not only Escape, gives focus back too.
  await page.getByTestId('shortcuts-open').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('shortcut-help-close').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
  await expect(page.getByTestId('shortcuts-open')).toBeFocused();
});
