// A dialog's title bar is not a banner landmark: the window has one (its header), and a screen reader's landmark list
// showed a second, unnamed banner in every dialog (axe: landmark-no-duplicate-banner, landmark-unique).
import { expect, test } from './support/fixture';

test('dialogs add no banner landmark of their own', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-landmarks-44a0' }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await expect(page.getByRole('banner')).toHaveCount(1);
  // One built on Modal.svelte, and the key dialog, which is not.
  for (const [opener, dialog] of [
    ['shortcuts-open', 'shortcut-help'],
    ['key-button', 'key-dialog'],
    ['export-code', 'code-panel'],
  ] as const) {
    await page.getByTestId(opener).click();
    await expect(page.getByTestId(dialog)).toBeVisible();
    await expect(page.getByRole('banner')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(dialog)).toHaveCount(0);
  }
});
