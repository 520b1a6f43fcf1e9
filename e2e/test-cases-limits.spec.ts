// A case's cells hold at most what a saved test set may (notes 10,000 characters; values and expected answers
// 1,000,000): through the bridge harness (real core, whose IPC checks the saved session against its schema), a note
// longer than that is cut at the limit and the session goes on saving, rather than every save being refused.
import { expect, test } from './support/fixture';
import { savedTestSet } from './support/saved-sessions';

const env = { GEMINI_API_KEY: 'AIzaTestKey-cases-limits-3f1' };

test('a note longer than a case may hold is cut at 10,000 characters and the session still saves', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const app = await launch({ env, fake, viewport: { width: 1440, height: 900 } });
  const { page, dataDir } = app;
  await page.getByTestId('prompt').fill('Summarise {{article}}');
  await page.keyboard.press('Control+Shift+E');
  await page.getByTestId('case-add').click();
  const row = page.getByTestId('case-row').last();
  await row.locator('[data-testid="case-cell"][data-field="article"]').fill('A short article.');
  const notes = row.locator('[data-testid="case-cell"][data-field="$notes"]');
  await notes.fill('n'.repeat(10_001));
  // Edits after it are saved too.
  await row.locator('[data-testid="case-cell"][data-field="$expected"]').fill('A summary.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(await notes.evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(10_000);
  await expect
    .poll(() => {
      const saved = savedTestSet(dataDir)?.cases[0];
      return saved && { notes: saved.notes?.length, expected: saved.expected };
    })
    .toEqual({ notes: 10_000, expected: 'A summary.' });
});

test('a length bound past what an answer may hold is held at 1,000,000, and a check\'s text at 100,000: the session still saves', async ({ launch }) => {
  test.setTimeout(90_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page, dataDir } = app;
  await page.getByTestId('prompt').fill('Summarise {{article}}');
  await page.keyboard.press('Control+Shift+E');
  await page.getByTestId('case-add').click();
  await page.getByTestId('assertion-add-type').selectOption('length');
  await page.getByTestId('assertion-add').click();
  await page.getByTestId('assertion-max').fill('5000000');
  await page.getByTestId('assertion-add-type').selectOption('contains');
  await page.getByTestId('assertion-add').click();
  await page.getByTestId('assertion-value').fill('x'.repeat(100_001));
  await page.getByTestId('case-row').last().locator('[data-testid="case-cell"][data-field="article"]').fill('An article.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect
    .poll(() => {
      const checks = savedTestSet(dataDir)?.assertions ?? [];
      return checks.map((a) => (a.type === 'length' ? a.max : a.value?.length));
    })
    .toEqual([1_000_000, 100_000]);
});
