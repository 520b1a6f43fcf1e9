// The compare dialog side by side, through the bridge harness (issue 16, item 12): two answers block against block
// with the words that differ marked, or both rendered; the rows keep the columns aligned while scrolling; the
// pickers and column heads show each pane's whole label; it fits at 1440, 900 and 700 px in both themes (axe);
// answers too long to diff word by word say so rather than that the diff ran out of time.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll, useToolbarTool } from './support/ui';

const KEY = 'AIzaTestKey-compare-2b7e';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const box = async (locator: Locator) => (await locator.boundingBox())!;

test('side by side: the words that differ per block, both answers rendered block against block, aligned while scrolling', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await paneAt(page, 0).getByTestId('temperature').fill('0.2');
  await paneAt(page, 1).getByTestId('temperature').fill('1.5');
  await paneAt(page, 1).getByTestId('system-instruction').fill('Answer as a ship captain would, with long sentences.');
  await sendToAll(page, 'Compare these [[markdown]] [[len:2600]]');
  await app.waitForTerminalEvents(2);
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
  const labels = await Promise.all([0, 1].map((i) => paneAt(page, i).getByTestId('pane-label').innerText()));

  await useToolbarTool(page, 'compare-open');
  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog).toBeVisible();
  // The inline diff stays the first view.
  await expect(dialog.getByTestId('compare-view-inline')).toHaveAttribute('aria-checked', 'true');
  await expect(dialog.getByTestId('word-diff')).toHaveCount(1);

  // Side by side, words: the echo lines differ in the temperature, marked on each side.
  await dialog.getByTestId('compare-view-split').click();
  const split = dialog.getByTestId('side-by-side');
  await expect(split).toHaveAttribute('data-view', 'words');
  const rows = split.getByTestId('split-row');
  expect(await rows.count()).toBeGreaterThan(5);
  const first = rows.first();
  await expect(first).toHaveAttribute('data-kind', 'changed');
  await expect(first.getByTestId('split-cell-a').locator('del').first()).toHaveText('0.2');
  await expect(first.getByTestId('split-cell-b').locator('ins').first()).toHaveText('1.5');
  await expect(first.getByTestId('split-cell-a').locator('ins')).toHaveCount(0);
  await expect(first.getByTestId('split-cell-b').locator('del')).toHaveCount(0);

  // The column heads and the pickers carry each pane's whole label.
  await expect(split.getByTestId('split-head-a')).toHaveText(`A Pane 1 · ${labels[0]}`);
  await expect(split.getByTestId('split-head-b')).toHaveText(`B Pane 2 · ${labels[1]}`);
  for (const [picker, label] of [['compare-left', labels[0]], ['compare-right', labels[1]]] as const) {
    const select = dialog.getByTestId(picker);
    await expect(select).toHaveAttribute('title', new RegExp(`· ${label!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    // Wide enough to show its chosen option whole (a select's text is cut at its own width).
    const fits = await select.evaluate((el: HTMLSelectElement) => {
      const probe = document.createElement('span');
      probe.style.cssText = `font: ${getComputedStyle(el).font}; position: absolute; white-space: nowrap;`;
      probe.textContent = el.selectedOptions[0]!.textContent;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width <= el.clientWidth;
    });
    expect(fits, `${picker} shows its whole label`).toBe(true);
  }

  // Rendered: markdown in both columns, a block of A and its counterpart of B on one row.
  await dialog.getByTestId('compare-view-rendered').click();
  await expect(split).toHaveAttribute('data-view', 'rendered');
  await expect(split.getByTestId('split-cell-a').locator('h2').first()).toBeVisible();
  await expect(split.getByTestId('split-cell-b').locator('h2').first()).toBeVisible();
  const codeRow = rows.filter({ has: page.locator('.md-code') }).first();
  await expect(codeRow.getByTestId('split-cell-a').locator('.md-code-lang')).toHaveText('TypeScript');
  await expect(codeRow.getByTestId('split-cell-b').locator('.md-code-lang')).toHaveText('TypeScript');

  // Scrolling moves both columns together: the code row brought to the top has both its cells there, side by side.
  await codeRow.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const [a, b] = [await box(codeRow.getByTestId('split-cell-a')), await box(codeRow.getByTestId('split-cell-b'))];
  expect(Math.abs(a.y - b.y)).toBeLessThan(1);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + 1);
  const body = await box(dialog.locator('.body'));
  expect(a.y).toBeLessThan(body.y + 80);
  // The column heads stay at the top of the scrolled view.
  const head = await box(split.getByTestId('split-head-a'));
  expect(head.y).toBeGreaterThanOrEqual(body.y - 1);
  expect(head.y).toBeLessThan(body.y + 40);
  await shoot(page, testInfo, 'compare-rendered-scrolled-1440');
});

test('the side-by-side dialog fits at 1440, 900 and 700 px, stacks when narrow, and passes axe in both themes', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await paneAt(page, 0).getByTestId('temperature').fill('0.3');
  await paneAt(page, 1).getByTestId('temperature').fill('1.1');
  await sendToAll(page, 'Fit check [[markdown]] [[len:1800]]');
  await app.waitForTerminalEvents(2);
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');

  await useToolbarTool(page, 'compare-open');
  const dialog = page.getByTestId('compare-dialog');
  for (const view of ['rendered', 'split'] as const) {
    await dialog.getByTestId(`compare-view-${view}`).click();
    const row = dialog.getByTestId('split-row').first();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1440, 900, 700, 560]) {
        await page.setViewportSize({ width, height: 900 });
        // Nothing sideways: the dialog is within the window and its body does not scroll horizontally.
        const d = await box(dialog);
        expect(d.x).toBeGreaterThanOrEqual(0);
        expect(d.x + d.width).toBeLessThanOrEqual(width);
        expect(await dialog.locator('.body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        const [a, b] = [await box(row.getByTestId('split-cell-a')), await box(row.getByTestId('split-cell-b'))];
        if (width >= 700) expect(a.x + a.width, `side by side at ${width}`).toBeLessThanOrEqual(b.x + 1);
        else expect(b.y, `stacked at ${width}`).toBeGreaterThanOrEqual(a.y + a.height - 1);
        if (width !== 560) await shoot(page, testInfo, `compare-${view}-${colorScheme}-${width}`);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      expect(await blockingAxeViolations(page, '[data-testid="compare-dialog"]'), `axe, ${view}, ${colorScheme}`).toEqual([]);
    }
  }
});

test('answers too long to diff word by word say so, and still compare side by side', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await paneAt(page, 0).getByTestId('temperature').fill('0.4');
  await paneAt(page, 1).getByTestId('temperature').fill('1.2');
  // 120,000 characters together, over the 100,000 a word diff is tried on (diff-limits.ts).
  await sendToAll(page, 'Write at length [[len:60000]] [[chunk:6000]]');
  await app.waitForTerminalEvents(2);
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');

  await useToolbarTool(page, 'compare-open');
  const dialog = page.getByTestId('compare-dialog');
  const comparison = dialog.getByTestId('comparison');
  await expect(comparison).toHaveAttribute('data-state', 'too-large');
  await expect(comparison.getByTestId('comparison-note')).toHaveText(
    'These answers are too long to diff word by word (over 100,000 characters together): compare them side by side.',
  );
  // Not a diff out of time: nothing to try again, and no similarity figure made up.
  await expect(comparison.getByTestId('comparison-try-again')).toHaveCount(0);
  await expect(comparison.getByTestId('similarity')).toHaveCount(0);
  await expect(comparison.getByTestId('word-diff')).toHaveCount(0);
  await shoot(page, testInfo, 'compare-too-large-inline-1440');

  await dialog.getByTestId('compare-view-split').click();
  const rows = dialog.getByTestId('side-by-side').getByTestId('split-row');
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(comparison.getByTestId('comparison-note')).toHaveCount(0);
  // Each block pair is short enough to mark: side by side has nothing to own up to.
  await expect(dialog.getByTestId('split-limits')).toHaveCount(0);
});

test('side by side says which changed blocks it shows unmarked: one block too long to diff word by word', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  // One paragraph each, 60,000 characters: one changed row of 120,000, over what a word diff is tried on.
  const paragraph = (word: string) => `${word} `.repeat(60_000 / (word.length + 1)).trim();
  for (const [i, word] of [[0, 'alpha'], [1, 'gamma']] as const) {
    await page.getByTestId('send-target').selectOption((await paneAt(page, i).getAttribute('data-pane-id'))!);
    await page.getByTestId('prompt').fill(`Intro.\n\n[[answer:"Intro.\\n\\n${paragraph(word)}"]]`);
    await page.getByTestId('send').click();
    await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
  }
  await useToolbarTool(page, 'compare-open');
  const dialog = page.getByTestId('compare-dialog');
  await dialog.getByTestId('compare-view-split').click();
  const rows = dialog.getByTestId('side-by-side').getByTestId('split-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-kind', 'same');
  await expect(rows.nth(1)).toHaveAttribute('data-kind', 'changed');
  await expect(dialog.getByTestId('split-limits')).toHaveText(
    '1 changed block is shown without the words that differ marked: too long to compare in time.',
  );
  // Unmarked, not blank: both blocks are there whole.
  await expect(rows.nth(1).getByTestId('split-cell-a')).toContainText('alpha alpha');
  await expect(rows.nth(1).getByTestId('split-cell-b')).toContainText('gamma gamma');
  await shoot(page, testInfo, 'compare-split-unmarked-1440');
  // The rendered view marks no words, so it has nothing to say.
  await dialog.getByTestId('compare-view-rendered').click();
  await expect(dialog.getByTestId('split-limits')).toHaveCount(0);
});
