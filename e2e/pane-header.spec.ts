// The pane header through the bridge harness: one summary of the pane's settings in the settings table's words,
// the answer's key figures beside it, and settings that fold away on send (a Settings view preference that
// survives a restart); screenshots at 1440, 900 and 700 px in light and dark.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-header-7d2e';
const MODEL = 'gemini-3-flash-preview';

async function twoDifferentPanes(page: Page): Promise<void> {
  await addPanes(page, 2);
  await paneAt(page, 0).getByTestId('temperature').fill('0.2');
  await paneAt(page, 1).getByTestId('thinking-level').selectOption('high');
}

async function setCollapse(page: Page, on: boolean): Promise<void> {
  await page.getByTestId('settings-button').click();
  const box = page.getByTestId('settings-collapse-on-send');
  await expect(box).toBeChecked({ checked: !on });
  await box.setChecked(on);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-dialog')).toBeHidden();
}

test('the header names a pane’s settings once, in one vocabulary, and shows the last answer’s key figures', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await twoDifferentPanes(page);
  const [p1, p2] = [paneAt(page, 0), paneAt(page, 1)];

  // The label (what differs) and the summary (everything sent) say a setting the same way, set or unset.
  await expect(p1.getByTestId('pane-label')).toHaveText('T=0.2 · thinking=default');
  await expect(p2.getByTestId('pane-label')).toHaveText('T=default · thinking=high');
  await expect(p1.getByTestId('settings-toggle')).toHaveAttribute('data-summary', `${MODEL} · T=0.2`);
  await expect(p2.getByTestId('settings-toggle')).toHaveAttribute('data-summary', `${MODEL} · thinking=high`);
  // One line of settings per header: no second summary line under the name.
  for (const pane of [p1, p2]) await expect(pane.getByTestId('pane-head').locator('.summary')).toHaveCount(0);
  await expect(p1.getByTestId('pane-metrics')).toHaveCount(0);

  await sendToAll(page, 'Compare us');
  for (const pane of [p1, p2]) await expect(pane).toHaveAttribute('data-status', 'done');
  for (const pane of [p1, p2]) {
    const figures = pane.getByTestId('pane-metrics');
    const line = pane.getByTestId('metrics');
    await expect(figures.locator('dt')).toHaveText(['first', 'total', 'out']);
    // The header's figures are the answer's own, as its metrics line prints them.
    for (const [key, metric] of [['ttft', 'ttft'], ['total', 'total'], ['out', 'out']]) {
      await expect(figures.locator(`[data-metric="${key}"] dd`)).toHaveText((await line.locator(`[data-metric="${metric}"] dd`).innerText()).trim());
    }
  }
});

test('settings fold away on send with the preference on, stay with it off, and the choice survives a restart', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const app = await launch({ fake, env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const toggle = paneAt(page, 0).getByTestId('settings-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  // On by default, and for a single pane too.
  await sendToAll(page, 'First');
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(paneAt(page, 0).getByTestId('pane-settings')).toHaveCount(0);

  await setCollapse(page, false);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await sendToAll(page, 'Second');
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(2);
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await app.close();

  const again = await launch({ fake, env: { GEMINI_API_KEY: KEY }, dataDir: app.dataDir });
  const reopened = again.page;
  await expect(reopened.getByTestId('key-button')).toContainText(KEY.slice(-4));
  await reopened.getByTestId('settings-button').click();
  await expect(reopened.getByTestId('settings-collapse-on-send')).not.toBeChecked();
  await reopened.keyboard.press('Escape');
  await reopened.getByTestId('session-new').click();
  const fresh = paneAt(reopened, 0).getByTestId('settings-toggle');
  await expect(fresh).toHaveAttribute('aria-expanded', 'true');
  await sendToAll(reopened, 'After the restart');
  await expect(paneAt(reopened, 0)).toHaveAttribute('data-status', 'done');
  await expect(fresh).toHaveAttribute('aria-expanded', 'true');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots at 1440, 900 and 700 px with two panes and an answer (${colorScheme})`, async ({ launch }, testInfo) => {
    test.setTimeout(90_000);
    const app = await launch({ env: { GEMINI_API_KEY: KEY }, colorScheme, viewport: { width: 1440, height: 900 } });
    const { page } = app;
    await twoDifferentPanes(page);
    await sendToAll(page, 'Hello, a list\n\n- one\n- two');
    for (const index of [0, 1]) await expect(paneAt(page, index)).toHaveAttribute('data-status', 'done');
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: 800 });
      // Nothing in a header is cut off: the name may shorten with an ellipsis, the figures never.
      for (const index of [0, 1]) {
        const figures = paneAt(page, index).getByTestId('pane-metrics');
        const cut = await figures.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > el.closest('header')!.getBoundingClientRect().right + 1);
        expect(cut, `figures of pane ${index + 1} at ${width} px`).toBe(false);
      }
      await page.screenshot({ path: testInfo.outputPath(`pane-header-${width}-${colorScheme}.png`) });
    }
  });
}
