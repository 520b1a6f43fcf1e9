// A base URL saved in Settings is used at once: the model list and the key's check are asked of the new address,
// not left as the old one answered them until a restart or a new key.
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { closedPort, paneAt } from './support/ui';

const KEY = 'AIzaConnection-e2e-4Rt9';

async function saveBaseUrl(app: Playground, url: string): Promise<void> {
  const { page } = app;
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-base-url').fill(url);
  app.dialogs.answerNextConfirm(true);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.getByTestId('settings-dialog-close').click();
}

test('a base URL fixed in Settings loads the models and checks the key there, without a restart', async ({ launch, startFake }) => {
  const fake = await startFake();
  const app = await launch({ fake, env: { GEMINI_BASE_URL: undefined } });
  const { page } = app;
  await expect(page.getByTestId('key-dialog')).toBeVisible();
  await page.getByTestId('key-close').click();

  // A base URL nothing answers at, then a key: the key cannot be checked and the pickers fall back to the built-in list.
  await saveBaseUrl(app, `http://127.0.0.1:${await closedPort()}`);
  await page.getByTestId('key-button').click();
  await page.getByTestId('key-input').fill(KEY);
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-check-status')).toHaveAttribute('data-check', 'unchecked');
  await page.getByTestId('key-close').click();
  const note = paneAt(page, 0).getByTestId('models-note');
  await expect(note).toContainText('the models API could not be reached');

  // The note sends the person to Settings; the base URL they fix there answers both at once.
  await saveBaseUrl(app, fake.url);
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('key-button')).toHaveAttribute('data-check', 'valid');
  expect(app.calls.filter((c) => c.method === 'setKey')).toHaveLength(1);
});
