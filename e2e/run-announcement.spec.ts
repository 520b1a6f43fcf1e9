// What a screen reader hears of a test run: one polite status when it starts and one when it ends (finished or
// stopped, with its counts), not the progress figures, whose time taken changes twice a second.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/fixture';
import { addPanes } from './support/ui';

test('a test run is announced as it starts and as it ends, and its ticking figures are not a live region', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake({ deltaDelayMs: 30 });
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-run-announce-5b1e' }, fake, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await page.getByTestId('prompt').fill('Say {{word}}');
  await page.getByTestId('prompt').press('Control+Shift+E');
  const dir = mkdtempSync(join(tmpdir(), 'run-announcement-'));
  writeFileSync(join(dir, 'cases.csv'), `word\n${Array.from({ length: 8 }, (_, i) => `w${i}`).join('\n')}\n`);
  await page.getByTestId('cases-import-input').setInputFiles(join(dir, 'cases.csv'));
  await page.getByTestId('tests-tab-results').click();

  const said = page.getByTestId('run-announcement');
  await expect(said).toHaveAttribute('role', 'status');
  await expect(said).toHaveText('');
  await page.getByTestId('run-all').click();
  await expect(said).toHaveText('Test run started: 16 cells.');
  const progress = page.getByTestId('run-progress');
  await expect(progress).toBeVisible();
  // Neither it nor anything in it is live: the elapsed time would be read out every second.
  expect(await progress.evaluate((el) => el.closest('[role="status"], [aria-live]') === null && el.querySelector('[role="status"], [aria-live]') === null)).toBe(true);
  await expect(said).toHaveText('Test run finished: 16 done.', { timeout: 30_000 });

  await page.getByTestId('run-all').click();
  await expect(said).toHaveText('Test run started: 16 cells.');
  await page.getByTestId('run-stop').click();
  await expect(said).toHaveText(/^Test run stopped: \d+ done(, \d+ stopped)?\.$/, { timeout: 30_000 });
});
