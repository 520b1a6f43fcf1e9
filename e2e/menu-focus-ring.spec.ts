// A menu item reached by the keyboard shows the focus ring the rest of the app shows, not only the pointer's faint
// hover shade (about 1.2:1 on the menu), which also marks whichever item the pointer rests on.
import { expect, test } from './support/fixture';

test('the keyboard’s item in a menu has the focus ring, and the item under the pointer does not', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-menu-ring-81fd' }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await page.getByTestId('experiments-menu').focus();
  await page.keyboard.press('Enter');
  const first = page.getByTestId('sweep-open').filter({ visible: true });
  await expect(first).toBeFocused();
  await expect(first).toHaveCSS('outline-style', 'solid');
  await expect(first).toHaveCSS('outline-width', '2px');

  const other = page.getByTestId('blind-open').filter({ visible: true });
  await other.hover();
  await expect(other).toHaveCSS('outline-style', 'none');
  await page.keyboard.press('ArrowDown');
  await expect(first).not.toBeFocused();
  await expect(first).toHaveCSS('outline-style', 'none');
});
