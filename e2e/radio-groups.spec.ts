// The segmented choices that are radio groups (Compare's what and how, Export code's history) work as a screen reader
// announces them: one Tab stop, on the chosen one, and the arrow keys move the choice.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { addPanes, sendToAll } from './support/ui';

/** From the group's chosen radio, ArrowRight chooses and focuses `next`; Tab leaves the group at once. */
async function arrowTo(page: Page, from: Locator, next: Locator): Promise<void> {
  await from.focus();
  await page.keyboard.press('ArrowRight');
  await expect(next).toBeFocused();
  await expect(next).toHaveAttribute('aria-checked', 'true');
  await expect(from).toHaveAttribute('aria-checked', 'false');
  await expect(from).toHaveAttribute('tabindex', '-1');
}

test('radio groups in Compare and Export code take one Tab stop and move with the arrow keys', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-radio-groups-0c4f' }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await sendToAll(page, 'Hello');
  await expect(page.getByTestId('pane').nth(1)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  await page.getByTestId('compare-open').click();
  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog.getByTestId('compare-mode-pair')).toBeFocused();
  // Tab goes from the chosen "what" straight to the chosen "how".
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('compare-view-inline')).toBeFocused();
  await arrowTo(page, dialog.getByTestId('compare-mode-pair'), dialog.getByTestId('compare-mode-baseline'));
  await arrowTo(page, dialog.getByTestId('compare-view-inline'), dialog.getByTestId('compare-view-split'));
  await expect(dialog.getByTestId('comparison')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('export-code').click();
  const panel = page.getByTestId('code-panel');
  await expect(panel.getByTestId('code-history-stateless')).toHaveAttribute('tabindex', '-1');
  await arrowTo(page, panel.getByTestId('code-history-server'), panel.getByTestId('code-history-stateless'));
  await expect(panel.getByTestId('code-preview')).toContainText('store');
});
