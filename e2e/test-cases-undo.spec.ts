// Undo of a deleted case through the bridge harness (real core, fake API): its answers come back scored by the set's
// checks as they are now, not as they were when it was deleted. The fake echoes the prompt ("Prompt: Say pear"), so a
// "contains" check's verdict on each answer is known from the case's word.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { savedTestSet } from './support/saved-sessions';

const env = { GEMINI_API_KEY: 'AIzaTestKey-cases-undo-7c2' };
const WORDS = ['apple', 'pear', 'plum'];

/** The cell of case `n` (from 1) in the only pane. */
const cellOf = (page: Page, n: number): Locator => page.locator(`[data-testid="result-row"][data-case="${n}"]`).getByTestId('result-cell');

async function verdicts(page: Page, expected: string[]): Promise<void> {
  await page.getByTestId('tests-tab-results').click();
  for (const [i, verdict] of expected.entries()) await expect(cellOf(page, i + 1)).toHaveAttribute('data-verdict', verdict);
}

test('a deleted case brought back by Undo after its check was edited shows the verdict of the check as edited', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const app = await launch({ env, fake, viewport: { width: 1440, height: 900 } });
  const { page, dataDir } = app;
  await page.getByTestId('prompt').fill('Say {{word}}');
  await page.keyboard.press('Control+Shift+E');
  for (const word of WORDS) {
    await page.getByTestId('case-add').click();
    await page.locator('[data-testid="case-row"]').last().locator('[data-testid="case-cell"][data-field="word"]').fill(word);
  }
  await page.getByTestId('assertion-add-type').selectOption('contains');
  await page.getByTestId('assertion-add').click();
  const value = page.getByTestId('assertion-value');
  await value.fill('Say');

  await page.getByTestId('tests-tab-results').click();
  await page.getByTestId('run-all').click();
  await app.waitForTerminalEvents(WORDS.length, 30_000);
  await verdicts(page, ['pass', 'pass', 'pass']);

  // "pear" deleted; the check then asks for "apple", and the two answers left are scored again (plum now fails).
  await page.getByTestId('tests-tab-cases').click();
  await page.getByTestId('case-row').nth(1).getByTestId('case-delete').click();
  await expect(page.getByTestId('case-row')).toHaveCount(2);
  await value.fill('apple');
  await verdicts(page, ['pass', 'fail']);

  await page.getByTestId('tests-tab-cases').click();
  await page.getByTestId('case-undo-delete').click();
  await expect(page.getByTestId('case-row')).toHaveCount(3);
  // "Say pear" does not contain "apple": it fails as plum does, not passes as it did under "Say".
  await verdicts(page, ['pass', 'fail', 'fail']);
  await expect(cellOf(page, 2).getByTestId('cell-check')).toHaveAttribute('aria-label', /^Failed: .*apple/);
  await expect(page.getByTestId('pane-summary').first().getByTestId('pass-count')).toHaveText('1 of 3 passed');

  // And saved so: reopened, the results are trusted as scored.
  const savedPear = () => {
    const set = savedTestSet(dataDir);
    const pear = set?.cases.find((c) => c.values.word === 'pear');
    return set?.results.find((r) => r.caseId === pear?.id)?.checks?.map((c) => c.pass);
  };
  await expect.poll(savedPear).toEqual([false]);
});
