// The values a templated turn was filled with are saved with it (issue 17): a turn sent from the composer with
// {{variables}} in its prompt and its pane's system instruction fails, the app restarts on the same data, and Retry
// sends the system instruction filled as the first attempt was, not its {{template}}.
import { expect, test } from './support/fixture';
import { savedSessions } from './support/saved-sessions';
import { paneAt } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-fill-3b9d' };

const savedTurns = (dataDir: string) => savedSessions(dataDir).flatMap((d) => d.panes.flatMap((p) => p.turns));

test('a retry after a restart fills the system instruction with the values the turn was sent with', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  let app = await launch({ env, fake, viewport: { width: 1440, height: 900 } });
  const { page, dataDir } = app;
  await paneAt(page, 0).getByTestId('system-instruction').fill('Answer in {{language}}.');
  await page.getByTestId('prompt').fill('Capital of {{country}}? [[fault:http-500]]');
  await page.getByTestId('prompt').press('Control+Enter');
  const fields = page.getByTestId('values-dialog').getByTestId('values-field');
  await fields.first().fill('Peru');
  await fields.nth(1).fill('Spanish');
  await fields.nth(1).press('Control+Enter');
  await app.waitForTerminalEvents(1, 30_000);
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveAttribute('data-status', 'failed');
  const first = fake.interactionRequests().length;
  expect(first).toBeGreaterThan(0);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(savedTurns(dataDir).map((t) => t.fillValues)).toEqual([{ country: 'Peru', language: 'Spanish' }]);
  await app.close();

  app = await launch({ env, fake, dataDir, viewport: { width: 1440, height: 900 } });
  const pane = paneAt(app.page, 0);
  await expect(pane.getByTestId('turn')).toHaveAttribute('data-status', 'failed');
  await pane.getByTestId('retry').click();
  await app.waitForTerminalEvents(1, 30_000);
  const retried = fake.interactionRequests().slice(first).map((r) => r.body as Record<string, unknown>);
  expect(retried.length).toBeGreaterThan(0);
  for (const body of retried) {
    expect(body.input).toBe('Capital of Peru? [[fault:http-500]]');
    expect(body.system_instruction).toBe('Answer in Spanish.');
  }
});
