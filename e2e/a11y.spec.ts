// axe-core over the main views in light and dark: the main screen with two panes and an answer, the session
// sidebar, a pane's open settings, the key dialog, and a narrow window with the toolbar's "⋯" menu open and
// a pane cut off by the board's edge. A serious or critical violation fails the test; the rest are printed and
// attached to the report, to be worked down rather than hidden.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import type { Result } from 'axe-core';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll, settingsFolded } from './support/ui';

const KEY = 'AIzaTestKey-a11y-9c31';
const BLOCKING = new Set(['serious', 'critical']);

function describe(view: string, violation: Result): string {
  const where = violation.nodes
    .slice(0, 6)
    .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`)
    .join('\n');
  const more = violation.nodes.length > 6 ? `\n    … and ${violation.nodes.length - 6} more` : '';
  return `[${view}] ${violation.impact ?? 'unknown'} ${violation.id} (${violation.nodes.length}): ${violation.help}\n${where}${more}`;
}

/**
 * Runs axe on `within` (default: the whole page) as it is now; returns the blocking violations, reports the
 * others. Fails when axe judged no text's contrast there: a view that did not render would pass vacuously.
 */
async function audit(page: Page, view: string, testInfo: TestInfo, within?: string): Promise<string[]> {
  // Accessible names must contain the visible text (axe keeps this rule among its experimental ones).
  let builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  if (within) builder = builder.include(within);
  const results = await builder.analyze();
  const contrastChecked = [...results.passes, ...results.violations].filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes);
  expect(contrastChecked.length, `axe found no text to check in ${view}`).toBeGreaterThan(0);
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const minor = results.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (minor.length > 0) {
    const text = minor.map((v) => describe(view, v)).join('\n');
    console.log(`axe, not blocking:\n${text}`);
    await testInfo.attach(`axe-minor-${view}`, { body: text, contentType: 'text/plain' });
  }
  return blocking.map((v) => describe(view, v));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation in the main views (${colorScheme})`, async ({ launch }, testInfo) => {
    const app = await launch({ env: { GEMINI_API_KEY: KEY }, colorScheme, viewport: { width: 1440, height: 900 } });
    const { page } = app;
    await addPanes(page, 2);
    await sendToAll(page, 'Hello, **world**: a list\n\n- one\n- two');
    for (const index of [0, 1]) await expect(paneAt(page, index)).toHaveAttribute('data-status', 'done');
    await settingsFolded(page);
    await expect(page.getByTestId('session-sidebar')).toBeVisible();
    // The page is in the scheme under test (the system's, as the default theme follows it): --bg of each.
    await expect(page.locator('body')).toHaveCSS('background-color', colorScheme === 'dark' ? 'rgb(14, 16, 20)' : 'rgb(246, 247, 249)');
    const found: string[] = [];

    // The main screen: header and toolbar, the sidebar, two panes with their answers, the prompt box.
    found.push(...(await audit(page, 'main', testInfo)));
    found.push(...(await audit(page, 'sidebar', testInfo, '[data-testid="session-sidebar"]')));

    const toggle = paneAt(page, 0).getByTestId('settings-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    found.push(...(await audit(page, 'pane-settings', testInfo, '[data-testid="pane"]')));

    await page.getByTestId('key-button').click();
    await expect(page.getByTestId('key-dialog')).toBeVisible();
    found.push(...(await audit(page, 'key-dialog', testInfo, '[data-testid="key-dialog"]')));
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('key-dialog')).toBeHidden();

    // A narrow window: tools in the "⋯" menu, a third pane beyond the board's edge.
    await page.setViewportSize({ width: 700, height: 800 });
    await addPanes(page, 3);
    await expect(page.getByTestId('panes-before')).toBeVisible();
    await page.getByTestId('toolbar-overflow').click();
    await expect(page.getByRole('menu', { name: 'More session tools' })).toBeVisible();
    found.push(...(await audit(page, 'narrow', testInfo)));

    expect(found, found.join('\n')).toEqual([]);
  });
}
