// A send that reaches only some panes (each set of images starts as its own request, and main refused one) keeps
// the prompt for the rest and sends it only there next, so no pane gets the turn twice; more files than main takes
// for a turn are refused before anything is sent.
import { pngBytes } from '../test-support/main/images';
import { MAX_IMAGES_PER_TURN } from '../src-shared/limits';
import type { StartTurnRequest } from '../src-shared/domain';
import { AppFailure } from '../src-main/core/failure';
import { dropFiles } from './support/drop-files';
import { expect, test } from './support/fixture';
import { addPanes, paneAt } from './support/ui';

const KEY = 'AIzaTestKey-partial-send';

test('a send refused for one pane goes on to that pane alone', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  await dropFiles(paneAt(page, 1), [{ name: 'only-two.png', type: 'image/png', bytes: pngBytes(7) }]);
  const secondId = await paneAt(page, 1).getAttribute('data-pane-id');
  // Main refuses the request for the second pane's group, as it would a request it cannot take.
  let refusing = true;
  const start = app.core.api.start.bind(app.core.api);
  app.core.api.start = (request: StartTurnRequest) =>
    refusing && request.panes.some((p) => p.paneId === secondId)
      ? Promise.reject(new AppFailure('BAD_REQUEST', 'The request could not be taken.'))
      : start(request);

  await page.getByTestId('prompt').fill('Which pane sees it?');
  await page.getByTestId('send').click();
  const error = page.getByTestId('composer-error');
  await expect(error).toContainText(/Sent to Pane 1 \(.*\) only; the next send goes to Pane 2 \(.*\)\. Could not send: The request could not be taken\./);
  await expect(page.getByTestId('send')).toHaveText('Send to the rest');
  await expect(page.getByTestId('prompt')).toHaveValue('Which pane sees it?');
  await expect(paneAt(page, 1).getByTestId('pane-attachments')).toContainText('only-two.png');
  await app.waitForTerminalEvents(1);
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(1);
  await expect(paneAt(page, 1).getByTestId('turn')).toHaveCount(0);
  for (const width of [1440, 900, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await page.getByTestId('composer').screenshot({ path: testInfo.outputPath(`partial-send-${width}.png`) });
  }

  refusing = false;
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(2);
  await expect(paneAt(page, 1).getByTestId('turn')).toHaveCount(1);
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(1);
  expect(app.fake.interactionRequests()).toHaveLength(2);
  await expect(page.getByTestId('prompt')).toHaveValue('');
  await expect(page.getByTestId('send')).toHaveText('Send to all');
  await expect(error).toHaveCount(0);
});

test('more files than a turn takes are refused before anything is sent', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const files = Array.from({ length: MAX_IMAGES_PER_TURN + 1 }, (_, i) => ({ name: `p${i}.png`, mimeType: 'image/png', buffer: Buffer.from(pngBytes(i + 1)) }));
  await page.getByTestId('attach-input').setInputFiles(files);
  await expect(page.getByTestId('attachment')).toHaveCount(MAX_IMAGES_PER_TURN + 1);
  await page.getByTestId('prompt').fill('All of these');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('composer-error')).toContainText(
    `${MAX_IMAGES_PER_TURN + 1} files attached; a turn takes at most ${MAX_IMAGES_PER_TURN}. Remove some to send.`,
  );
  expect(app.calls.filter((c) => c.method === 'start')).toHaveLength(0);
  await expect(page.getByTestId('prompt')).toHaveValue('All of these');

  await page.getByTestId('attachment').first().getByTestId('attachment-remove').click();
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(1);
  expect(app.fake.interactionRequests()).toHaveLength(1);
  expect(app.calls.filter((c) => c.method === 'start')).toHaveLength(1);
});
