// Screenshots of one state at several window widths, light and dark, into the test's output folder, for a person to
// look at; the page is left light at `restore` (the specs' usual 1440 × 900).
import type { Page, TestInfo } from '@playwright/test';

export async function shootWidths(
  page: Page,
  testInfo: TestInfo,
  name: string,
  widths: readonly number[] = [1440, 900, 700],
  restore: { width: number; height: number } = { width: 1440, height: 900 },
): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Buttons ease their colours over 120 ms: finished, not caught halfway.
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${scheme}.png`), animations: 'disabled' });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(restore);
}
