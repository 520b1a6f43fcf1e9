// Run missing's count and button follow a case's value as it is typed: a rubric's verdict judged with the value before
// is missing at once, as the run plans it, not once the typing pauses and the answers are scored again. The page's
// clock is held still after the first run, so the pause never ends unless the test lets it.
import { expect, test } from './support/fixture';
import { resultsOfCases } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-run-missing-count-c4' };
const JUDGE = 'gemini-2.5-flash';

test('Run missing counts a verdict judged with a value typed since at once, and runs what it counts', async ({ launch }) => {
  test.setTimeout(90_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await resultsOfCases(page, 'Greet {{name}} politely', 'name\nAda\nGrace\n');
  await page.getByTestId('tests-tab-cases').click();
  await page.getByTestId('assertion-add-type').selectOption('rubric');
  await page.getByTestId('assertion-add').click();
  const rubric = page.getByTestId('assertion').last();
  await rubric.getByTestId('assertion-judge').fill(JUDGE);
  await rubric.getByTestId('assertion-rubric').fill('The answer greets {{name}} by name.');
  await page.getByTestId('tests-tab-results').click();
  const missing = page.getByTestId('run-missing');
  await page.getByTestId('run-all').click();
  await expect(missing).toBeDisabled({ timeout: 60_000 });
  await expect(missing).toContainText('0');

  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByTestId('tests-tab-cases').click();
  await page.locator('[data-testid="case-row"][aria-rowindex="2"] [data-testid="case-cell"][data-field="name"]').fill('Ada Lovelace');
  await page.getByTestId('tests-tab-results').click();
  await expect(missing).toBeEnabled();
  await expect(missing).toContainText('1');

  // The pause ends: the answers are scored again, and the count is what it already said.
  await page.clock.runFor(1000);
  await page.clock.resume();
  await expect(missing).toContainText('1');
  app.fake.clear();
  await missing.click();
  await expect(missing).toBeDisabled({ timeout: 60_000 });
  const asked = app.fake.interactionRequests().map((r) => r.body as { model: string; input: string });
  expect(asked.map((b) => b.model)).toEqual([JUDGE]);
  expect(asked[0]!.input).toContain('The answer greets Ada Lovelace by name.');
});
