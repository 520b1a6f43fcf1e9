// The Summary grid (issue 17, item 5) through the bridge harness: two panes answer, then a repeat run of 3; the grid
// from the Experiments menu shows a column per pane and a row per sample, each column summarised (median latency,
// tokens, and the samples' spread) with no pass rate, since nothing asserts; before the repeat run, one row of the
// last answers. Screenshots at 1440/900/700 in light and dark, axe on the dialog.
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { shootWidths } from './support/screenshots';
import { addPanes, menuItem, paneAt, sendToAll } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-summary-grid-5f' };

test('the Summary grid shows each pane’s last answers, then a repeat run’s samples, with one summary per column', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await sendToAll(page, 'Tell me about rivers');
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  const open = async () => {
    await page.getByTestId('experiments-menu').click();
    await menuItem(page, 'summary-grid-open').click();
    await expect(page.getByTestId('summary-grid')).toBeVisible();
  };
  const grid = page.getByTestId('summary-grid');
  await open();
  await expect(grid.getByTestId('summary-grid-pane')).toHaveCount(2);
  await expect(grid.getByTestId('summary-grid-row')).toHaveCount(1);
  await expect(grid.getByTestId('summary-grid-cell').first()).toContainText('Tell me about rivers');
  await expect(grid.getByTestId('summary-grid-spread')).toHaveCount(0);
  await grid.getByTestId('summary-grid-close').click();

  await page.getByTestId('experiments-menu').click();
  await menuItem(page, 'repeat-open').click();
  const repeat = page.getByTestId('repeat-dialog');
  await repeat.getByTestId('repeat-runs').fill('3');
  await repeat.getByTestId('repeat-start').click();
  await expect(page.getByTestId('repeat-banner')).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('repeat-banner')).toHaveCount(0);

  await open();
  await expect(grid.getByTestId('summary-grid-row')).toHaveCount(3);
  await expect(grid.getByTestId('summary-grid-cell')).toHaveCount(6);
  for (const cell of await grid.getByTestId('summary-grid-cell').all()) await expect(cell).toHaveAttribute('data-status', 'done');
  const summaries = grid.getByTestId('summary-grid-summary');
  await expect(summaries).toHaveCount(2);
  for (const summary of await summaries.all()) {
    await expect(summary.getByTestId('summary-grid-spread')).toContainText('3 answered');
    await expect(summary).toContainText('median');
    await expect(summary).toContainText(' tok');
    await expect(summary.getByTestId('pass-rate')).toHaveCount(0);
    // Nothing in a sweep's or a repeat run's grid can be scored: no advice to add assertions here.
    await expect(summary.getByTestId('pass-rate-none')).toHaveCount(0);
    await expect(summary).not.toContainText('unjudged');
  }
  await shootWidths(page, testInfo, 'summary-grid');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Colours ease over 120 ms after the scheme changes: asked again until they have settled.
    await expect.poll(() => blockingAxeViolations(page, '[data-testid="summary-grid"]')).toEqual([]);
  }
});
