// The results grid with a keyboard (WAI-ARIA grid pattern), through the bridge harness against the fake API: 20 cases
// × 3 panes are one Tab stop, not the hundreds of buttons they were; the arrows walk down to a row that was not drawn
// (the grid draws only the rows in view), Enter goes into a cell, Tab cycles its buttons, one marks it pass, and Escape
// comes back to the cell, which stays the Tab stop when the focus leaves and comes back. Axe on the grid with an answer
// collapsed and opened, light and dark, and screenshots of the focused cell at 1440 and 700 px, light and dark.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { shootWidths } from './support/screenshots';
import { addPanes } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-results-grid-keys-41' };

/** Whether the focus is inside the results grid. */
const inGrid = (page: Page): Promise<boolean> => page.evaluate(() => document.activeElement?.closest('[data-testid="results-scroller"]') != null);

/** Nothing serious or critical for axe in the results grid, light and dark; the page is left light. */
async function gridAxe(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await blockingAxeViolations(page, '[data-testid="results-grid"]'), `axe, ${state} answer, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Case `n`'s cell in column `col` (0 the case's own, then the panes), as the grid draws it. */
const cellOf = (page: Page, n: number, col: number): Locator => page.locator(`[data-testid="result-row"][data-case="${n}"] > [data-col="${col}"]`);

test('the results grid is one Tab stop: arrows walk to rows not drawn yet, Enter goes into a cell to mark it, Escape comes back', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 3);
  await page.getByTestId('prompt').fill('Say {{word}}');
  await page.getByTestId('prompt').press('Control+Shift+E');
  const dir = mkdtempSync(join(tmpdir(), 'results-grid-keys-'));
  writeFileSync(join(dir, 'cases.csv'), `word\n${Array.from({ length: 20 }, (_, i) => `w${i + 1}`).join('\n')}\n`);
  await page.getByTestId('cases-import-input').setInputFiles(join(dir, 'cases.csv'));
  await expect(page.getByTestId('cases-notice')).toHaveText(/Imported 20 cases/);
  await page.getByTestId('tests-tab-results').click();
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-missing')).toBeDisabled({ timeout: 60_000 });

  // One Tab stop: from the Sort menu, one Tab goes into the grid and the next out of it.
  const sort = page.getByTestId('results-sort');
  await sort.focus();
  let stops = 0;
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (!(await inGrid(page))) break;
    stops++;
  }
  expect(stops).toBe(1);
  await sort.focus();
  await page.keyboard.press('Tab');
  const corner = page.locator('[role="grid"] [role="columnheader"]').first();
  await expect(corner).toBeFocused();
  await expect(corner).toHaveText('Case');

  // Down past the two heading rows to case 1, right into its pane 1 cell, then down to case 15, not drawn yet.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('results-summary').locator('[role="rowheader"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cellOf(page, 1, 0)).toBeFocused();
  await expect(cellOf(page, 1, 0)).toHaveAttribute('role', 'rowheader');
  await page.keyboard.press('ArrowRight');
  await expect(cellOf(page, 1, 1)).toBeFocused();
  await expect(cellOf(page, 15, 1)).toHaveCount(0);
  for (let n = 2; n <= 15; n++) {
    await page.keyboard.press('ArrowDown');
    await expect(cellOf(page, n, 1)).toBeFocused();
  }
  const target = cellOf(page, 15, 1);
  await expect(target).toBeInViewport({ ratio: 0.9 });
  await expect(target).toHaveAttribute('role', 'gridcell');
  await expect(target.locator('..')).toHaveAttribute('aria-rowindex', '17');
  await expect(page.locator('[role="grid"]')).toHaveAttribute('aria-rowcount', '22');
  // Its controls are out of the Tab order; the cell is the one stop.
  await expect(target).toHaveAttribute('tabindex', '0');
  for (const control of await target.locator('button').all()) await expect(control).toHaveAttribute('tabindex', '-1');

  // End and Home on the row, Ctrl+End to the last cell and Ctrl+Home back to the first; Page Up/Down by a page.
  await page.keyboard.press('End');
  await expect(cellOf(page, 15, 3)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(cellOf(page, 15, 0)).toBeFocused();
  await page.keyboard.press('Control+End');
  await expect(cellOf(page, 20, 3)).toBeFocused();
  await expect(cellOf(page, 20, 3)).toBeInViewport({ ratio: 0.9 });
  await page.keyboard.press('PageUp');
  await expect(page.locator('[role="grid"] [data-col="3"]:focus')).toHaveCount(1);
  await expect(cellOf(page, 20, 3)).not.toBeFocused();
  // Ctrl+Home shows the top too: the heading cell it focuses is always in view (sticky), the first rows were not.
  await page.keyboard.press('Control+Home');
  await expect(corner).toBeFocused();
  await expect.poll(() => page.getByTestId('results-scroller').evaluate((el) => el.scrollTop)).toBe(0);
  await expect(cellOf(page, 1, 0)).toBeInViewport();
  // Moves within the heading leave the rows where they were scrolled to: only a move out of the rows scrolls them up.
  const scroller = page.getByTestId('results-scroller');
  const scrolled = await scroller.evaluate((el) => {
    el.scrollTop = 1500;
    return el.scrollTop;
  });
  expect(scrolled).toBeGreaterThan(0);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[role="grid"] [aria-rowindex="1"] > [data-col="1"]')).toBeFocused();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolled);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[role="grid"] [aria-rowindex="2"] > [data-col="1"]')).toBeFocused();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolled);
  await page.keyboard.press('Control+Home');
  await expect(corner).toBeFocused();
  for (let n = 1; n <= 16; n++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(target).toBeFocused();

  const cell = target.getByTestId('result-cell');
  // Its buttons are named by what they do, never by the answer: the answer was the button that opened it, and a
  // screen reader read all of it (up to 600 characters) as that button's name.
  await expect(cell.getByTestId('cell-answer')).toContainText('Say w15');
  for (const button of await cell.getByRole('button').all()) await expect(button).not.toHaveAccessibleName(/Say w15/);
  await expect(cell.getByTestId('cell-expand')).toHaveAccessibleName('Show more of the answers of this case');

  // Enter goes into the cell: More (which opens its answer), then Tab round its buttons, never out of the cell.
  await page.keyboard.press('Enter');
  await expect(cell.getByTestId('cell-expand')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cell.getByTestId('cell-mark-pass')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-manual', 'pass');
  await expect(cell.getByTestId('cell-mark-pass')).toHaveAttribute('aria-pressed', 'true');
  await expect(cell.getByTestId('cell-verdict')).toHaveText('Pass (by hand)');
  await page.keyboard.press('Tab');
  await expect(cell.getByTestId('cell-mark-fail')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cell.getByTestId('cell-rerun')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cell.getByTestId('cell-expand')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cell.getByTestId('cell-rerun')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(target).toBeFocused();
  await expect(page.getByTestId('tests-view')).toBeVisible();

  // Scrolled back to the top and the focus gone elsewhere: Tab comes back to the same cell.
  await page.getByTestId('results-scroller').evaluate((el) => (el.scrollTop = 0));
  await sort.focus();
  await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  await shootWidths(page, testInfo, 'results-grid-focus', [1440, 700]);
  await expect(target).toBeFocused();

  await gridAxe(page, 'collapsed');

  // Opened with More: the whole answer, reached with Tab inside the cell; axe finds nothing serious in the grid.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(cell.getByTestId('cell-collapse')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cell.getByTestId('cell-answer')).toBeFocused();
  await gridAxe(page, 'opened');
  await page.keyboard.press('Escape');
  await expect(target).toBeFocused();
});
