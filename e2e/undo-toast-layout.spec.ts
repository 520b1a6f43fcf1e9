// The undo toast after a delete sits in the window's main column beside the panes, not over the prompt box: fixed at
// the bottom of the window it covered what the person was typing (and at 700 px the Send button's neighbour and the
// session list's edge), so for ten seconds they typed blind or clicked the toast instead of the prompt.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { sendAndSave } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-toast-layout-0c4d' };

/** Whether the point at the middle of `testid`'s box hits that element (or something inside it), not something over it. */
const uncovered = (page: Page, testid: string) =>
  page.getByTestId(testid).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (el === hit || el.contains(hit));
  });

for (const [width, colorScheme] of [[700, 'dark'], [900, 'light'], [1440, 'light']] as const) {
  test(`at ${width} px the undo toast leaves the prompt box and the session list uncovered`, async ({ launch }, testInfo) => {
    const app = await launch({ env, colorScheme, viewport: { width, height: 900 } });
    const { page } = app;
    await sendAndSave(page, 'A fairly long session title about tide pools [[len:30]]');
    await page.getByTestId('session-new').click();
    await sendAndSave(page, 'Second one [[len:30]]');
    await page.getByTestId('prompt').fill('typing my next question');

    await page.getByTestId('session-item').nth(1).getByTestId('session-actions').click();
    await page.getByTestId('session-delete').filter({ visible: true }).click();
    const toast = page.getByTestId('undo-toast');
    await expect(toast).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`undo-toast-${width}-${colorScheme}.png`) });

    expect(await uncovered(page, 'prompt')).toBe(true);
    expect(await uncovered(page, 'send')).toBe(true);
    const box = (await toast.boundingBox())!;
    const sidebar = (await page.getByTestId('session-sidebar').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(sidebar.x + sidebar.width);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(await uncovered(page, 'undo-delete')).toBe(true);
  });
}
