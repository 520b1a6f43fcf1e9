// A case's cells hold at most what a saved test set may (notes 10,000 characters; values and expected answers
// 1,000,000): through the bridge harness (real core, whose IPC checks the saved session against its schema), a note
// longer than that is cut at the limit and the session goes on saving, rather than every save being refused.
import { expect, test } from './support/fixture';
import { savedSessions } from './support/saved-sessions';

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
      const saved = savedSessions(dataDir).find((d) => d.testSet)?.testSet?.cases[0];
      return saved && { notes: saved.notes?.length, expected: saved.expected };
    })
    .toEqual({ notes: 10_000, expected: 'A summary.' });
});
