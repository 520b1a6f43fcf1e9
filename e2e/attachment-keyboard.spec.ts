// Attachments by keyboard alone: removing one with Enter leaves the focus in the strip (on the next file, or the
// one before it), and on the prompt once the last is gone, so the next Tab does not start again from the top of
// the window.
import { pngBytes } from '../test-support/main/images';
import { dropFiles } from './support/drop-files';
import { expect, test } from './support/fixture';

test('removing attachments with the keyboard keeps the focus among them, then on the prompt', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-e2e-attach-keys' } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Typed before the files');
  await dropFiles(page.getByTestId('composer'), [
    { name: 'one.png', type: 'image/png', bytes: pngBytes(1) },
    { name: 'two.png', type: 'image/png', bytes: pngBytes(2) },
    { name: 'three.png', type: 'image/png', bytes: pngBytes(3) },
  ]);
  const chips = page.getByTestId('attachment');
  await expect(chips.and(page.locator('[data-status="ready"]'))).toHaveCount(3);

  await page.getByRole('button', { name: 'Remove two.png' }).focus();
  await page.keyboard.press('Enter');
  await expect(chips.getByTestId('attachment-name')).toHaveText(['one.png', 'three.png']);
  await expect(page.getByRole('button', { name: 'Remove three.png' })).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove one.png' })).toBeFocused();

  await page.keyboard.press('Space');
  await expect(chips).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toBeFocused();
  await expect(page.getByTestId('prompt')).toHaveValue('Typed before the files');
});
