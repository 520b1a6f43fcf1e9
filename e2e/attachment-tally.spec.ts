// Many files attached overflow the strip, which shows three or four of them: the box says how many there are, and
// "Remove all" takes them out at once (the focus goes on to the prompt). One file needs neither.
import { expect, test } from './support/fixture';
import { shootWidths } from './support/screenshots';
import { pngBytes } from '../test-support/main/images';

const env = { GEMINI_API_KEY: 'AIzaTestKey-tally-41be' };
const shot = (i: number) => ({ name: `shot-${i}.png`, mimeType: 'image/png', buffer: Buffer.from(pngBytes(i * 12, 40, 30)) });

test('nineteen files: the box counts them, and Remove all empties it by keyboard; one file shows no count', async ({ launch }, testInfo) => {
  const app = await launch({ env });
  const { page } = app;
  await page.getByTestId('attach-input').setInputFiles(Array.from({ length: 19 }, (_, i) => shot(i + 1)));
  await expect(page.getByTestId('attachment')).toHaveCount(19);
  await expect(page.getByTestId('attachment-count')).toHaveText('19 files');
  await shootWidths(page, testInfo, 'attachment-tally');

  await page.getByTestId('attachment-remove-all').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attachment')).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toBeFocused();

  await page.getByTestId('attach-input').setInputFiles([shot(1)]);
  await expect(page.getByTestId('attachment')).toHaveCount(1);
  await expect(page.getByTestId('attachment-count')).toHaveCount(0);
});
