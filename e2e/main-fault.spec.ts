// An error nothing in main caught (logged, redacted, by core/logging/process-errors.ts) is told to the window as main's
// `fault` event: an alert the person reads and dismisses, with nothing typed lost.
import { expect, test } from './support/fixture';

const KEY = 'AIzaTestKey-fault-5b1e';

test('main\'s uncaught error shows as a dismissible alert, and the prompt keeps what was typed', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('half a thought');
  const message =
    'Something inside the app failed and nothing caught it: ENOSPC: no space left on device. The app goes on, but what it was doing may not have finished. The details are in main.log (Help → Open logs folder).';
  await app.emit('fault', { message });
  const notice = page.getByTestId('session-notice');
  await expect(notice).toHaveText(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toHaveAttribute('data-kind', 'error');
  await page.getByTestId('session-notice-dismiss').click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toHaveValue('half a thought');
});
