// A results cell answered by another model than its pane's of now (the pane's model changed since the run) says which
// model it was sent to: its answer, figures and cost are that model's. A cell run again with the pane's model says
// nothing. Its top line stays one line at 900 and 700 px, whatever it says, so the answer keeps the room for its three
// lines. Screenshots at 1440, 900 and 700 px, light and dark.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { shootWidths } from './support/screenshots';
import { addPanes, paneAt, resultsOfCases } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-results-sent-model-8f' };
const SENT = 'gemini-3-flash-preview';
const NOW = 'gemini-2.5-flash';

/**
 * A cell's top line is one line (its parts side by side), and its answer's clamped lines end inside the answer's box:
 * a top line wrapped to three lines left the answer room for one and a half, cut mid-line with its "…" out of view.
 */
async function expectRoomForAnswer(cell: Locator, where: string): Promise<void> {
  const box = await cell.evaluate((el) => {
    const meta = el.querySelector('.meta')!;
    const centers = [...meta.children].map((c) => {
      const r = c.getBoundingClientRect();
      return r.top + r.height / 2;
    });
    const answer = el.querySelector('.answer')!;
    const style = getComputedStyle(answer);
    const inner = answer.getBoundingClientRect().bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom);
    return { spread: Math.max(...centers) - Math.min(...centers), clampBottom: el.querySelector('.clamp')!.getBoundingClientRect().bottom, inner };
  });
  expect(box.spread, `${where}: its top line's parts are on one line`).toBeLessThan(4);
  expect(box.clampBottom, `${where}: the answer's last line shown ends in its box`).toBeLessThanOrEqual(box.inner + 0.5);
}

async function expectCellsFit(page: Page, cells: Locator): Promise<void> {
  const count = await cells.count();
  for (const width of [900, 700]) {
    await page.setViewportSize({ width, height: 900 });
    for (let i = 0; i < count; i++) await expectRoomForAnswer(cells.nth(i), `cell ${i + 1} at ${width} px`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("a cell sent to another model than its pane's now names that model; one run again with the pane's does not", async ({ launch }, testInfo) => {
  test.setTimeout(90_000);
  const { page } = await launch({ env, viewport: { width: 1440, height: 900 } });
  await addPanes(page, 2);
  await resultsOfCases(page, 'Say {{word}}', 'word\napple\npear\n');
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-missing')).toBeDisabled({ timeout: 30_000 });
  const cells = page.getByTestId('result-cell');
  await expect(cells).toHaveCount(4);
  // Sent with the pane's model: nothing to say.
  await expect(page.getByTestId('cell-model')).toHaveCount(0);

  // Pane 2 changes its model.
  await page.getByTestId('tests-close').click();
  const second = paneAt(page, 1);
  if ((await second.getByTestId('pane-settings').count()) === 0) await second.getByTestId('settings-toggle').click();
  await second.getByTestId('model-select').selectOption(NOW);
  await page.getByTestId('prompt').press('Control+Shift+E');
  await page.getByTestId('tests-tab-results').click();

  // Cells are in row order, each row pane 1 then pane 2.
  for (const i of [1, 3]) {
    const sent = cells.nth(i).getByTestId('cell-model');
    await expect(sent).toHaveText(`sent to ${SENT}`);
    await expect(sent).toHaveAttribute('title', `Sent to ${SENT}, priced at it; the pane uses ${NOW} now`);
  }
  for (const i of [0, 2]) await expect(cells.nth(i).getByTestId('cell-model')).toHaveCount(0);
  // Marked by hand too: "Pass (by hand)" beside the model's name and the figures.
  await cells.nth(3).getByTestId('cell-mark-pass').click();
  await expect(cells.nth(3).getByTestId('cell-verdict')).toHaveText('Pass (by hand)');
  await expectCellsFit(page, cells);
  await shootWidths(page, testInfo, 'results-sent-model', [1440, 900, 700]);

  // Run again, pane 2's first cell is the new model's: it says nothing any more.
  await cells.nth(1).getByTestId('cell-rerun').click();
  await expect(cells.nth(1).getByTestId('cell-model')).toHaveCount(0, { timeout: 30_000 });
  await expect(cells.nth(1)).toHaveAttribute('data-status', 'done');
  await expect(cells.nth(3).getByTestId('cell-model')).toHaveText(`sent to ${SENT}`);
});
