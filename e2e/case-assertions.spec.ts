// A case's own assertions through the bridge harness: edited in the case row's dialog with the set's editor (a
// pattern that does not compile is flagged there too), scored on that case's answers only, saved with the case and
// back after a restart. Screenshots of the dialog at 1440/900/700 in light and dark.
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { savedTestSet } from './support/saved-sessions';
import { shootWidths } from './support/screenshots';

const env = { GEMINI_API_KEY: 'AIzaTestKey-case-checks-2e' };

const savedCases = (dataDir: string) => savedTestSet(dataDir)?.cases;

test('a case’s own assertions are edited in its row, score only its answers, and are saved', async ({ launch, startFake }, testInfo) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  let app = await launch({ env, fake, viewport: { width: 1440, height: 900 } });
  const { page, dataDir } = app;
  await page.getByTestId('prompt').fill('Say {{word}}');
  await page.keyboard.press('Control+Shift+E');
  for (const word of ['apple', 'pear']) {
    await page.getByTestId('case-add').click();
    await page.locator('[data-testid="case-row"]').last().locator('[data-testid="case-cell"][data-field="word"]').fill(word);
  }

  // Both cases get "contains apple" of their own; the second's first try is a bad regex, flagged before any run.
  const rows = page.getByTestId('case-row');
  for (const [i, first] of [[0, 'contains'], [1, 'regex']] as const) {
    await rows.nth(i).getByTestId('case-assertions').click();
    const dialog = page.getByTestId('case-assertions-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('assertion-add-type').selectOption(first);
    await dialog.getByTestId('assertion-add').click();
    if (first === 'regex') {
      await dialog.getByTestId('assertion-value').fill('(apple');
      await expect(dialog.getByTestId('assertion-problem')).toHaveClass(/field-error/);
      await shootWidths(page, testInfo, 'case-assertions');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        // Colours ease over 120 ms after the scheme changes: asked again until they have settled.
        await expect.poll(() => blockingAxeViolations(page, '[data-testid="case-assertions-dialog"]')).toEqual([]);
      }
      await dialog.getByTestId('assertion-type').selectOption('contains');
    }
    await dialog.getByTestId('assertion-value').fill('apple');
    await dialog.getByTestId('case-assertions-dialog-close').click();
    await expect(dialog).toHaveCount(0);
  }
  await expect(rows.nth(0).getByTestId('case-assertions')).toHaveAccessibleName(/\(1\)$/);
  // The set's own list is untouched.
  await expect(page.getByTestId('assertions-editor').getByTestId('assertion')).toHaveCount(0);

  await page.getByTestId('tests-tab-results').click();
  await page.getByTestId('run-all').click();
  await app.waitForTerminalEvents(2, 30_000);
  // "Say apple" passes its case's check, "Say pear" fails its own.
  await expect(page.getByTestId('pane-summary').first().getByTestId('pass-count')).toHaveText('1 of 2 passed');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(savedCases(dataDir)?.map((c) => c.assertions?.map((a) => [a.type, a.value]))).toEqual([[['contains', 'apple']], [['contains', 'apple']]]);
  await app.close();

  app = await launch({ env, fake, dataDir, viewport: { width: 1440, height: 900 } });
  await app.page.keyboard.press('Control+Shift+E');
  await app.page.getByTestId('tests-tab-cases').click();
  await app.page.getByTestId('case-row').nth(1).getByTestId('case-assertions').click();
  await expect(app.page.getByTestId('case-assertions-dialog').getByTestId('assertion-value')).toHaveValue('apple');
});
