// Deleting a session from the keyboard keeps the person's place: the Delete item goes with the session's row, and the
// focus fell to the page body, leaving the Undo toast out of reach for ten seconds; the toast going (Undo, Close)
// dropped it there again. The toast's Undo takes the focus, and when the toast goes the open session's button does.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { sendAndSave, sessionMenuByKeyboard } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-delete-focus-3f70' };

const activeOpen = (page: Page) => page.locator('[data-testid="session-item"][data-active="true"] [data-testid="session-open"]');

/** Two saved sessions, Older and Newer (open); Newer deleted through its ⋯ menu by keyboard. */
async function deleteNewerOfTwo(page: Page): Promise<void> {
  await sendAndSave(page, 'Older [[len:40]]');
  await page.getByTestId('session-new').click();
  await sendAndSave(page, 'Newer [[len:40]]');
  await sessionMenuByKeyboard(page, 0);
  await page.keyboard.press('End');
  await expect(page.getByTestId('session-delete').filter({ visible: true })).toBeFocused();
  await page.keyboard.press('Enter');
  // The delete opens the next session after the toast shows; a person reads the toast meanwhile.
  await expect(activeOpen(page)).toContainText('Older');
}

test('Delete by keyboard hands the focus to Undo, and Undo to the session brought back', async ({ launch }) => {
  const { page } = await launch({ env });
  await deleteNewerOfTwo(page);
  await expect(page.getByTestId('undo-toast')).toContainText('Deleted “Newer');
  await expect(page.getByTestId('undo-delete')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('undo-toast')).toHaveCount(0);
  await expect(activeOpen(page)).toContainText('Newer');
  await expect(activeOpen(page)).toBeFocused();
});

test('closing the undo toast by keyboard hands the focus to the open session', async ({ launch }) => {
  const { page } = await launch({ env });
  await deleteNewerOfTwo(page);
  await expect(page.getByTestId('undo-delete')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('undo-toast-close')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('undo-toast')).toHaveCount(0);
  await expect(activeOpen(page)).toContainText('Older');
  await expect(activeOpen(page)).toBeFocused();
});
