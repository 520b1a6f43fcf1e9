// While an answer streams the session list cannot switch, and its disabled controls say why and what ends the wait:
// a disabled button answers no click, so without it the person met greyed-out sessions and no reason.
import { expect, test } from './support/fixture';
import { sendAndSave, sendToAll } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-switch-wait-3c1d' };
const WAIT = /still streaming: stop it or wait/;

test('New session and the other sessions say why they wait while an answer streams, and open once it stops', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await sendAndSave(page, 'About tide pools [[len:40]]');
  await page.getByTestId('session-new').click();
  await sendToAll(page, 'A long one [[len:4000]] [[chunk:20]] [[delay:40]]');
  await expect(page.getByTestId('pane-stop')).toBeVisible();

  const other = page.locator('[data-testid="session-item"][data-active="false"] [data-testid="session-open"]');
  for (const control of [page.getByTestId('session-new'), other]) {
    await expect(control).toBeDisabled();
    await expect(control).toHaveAttribute('title', WAIT);
  }

  await page.getByTestId('pane-stop').click();
  await expect(other).toBeEnabled();
  await expect(other).toHaveAttribute('title', 'Open');
  await expect(page.getByTestId('session-new')).not.toHaveAttribute('title', WAIT);
});
