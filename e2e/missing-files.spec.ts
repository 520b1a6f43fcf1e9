// A sent turn's attachment whose stored file is gone (removed from the data folder by hand, a disk restored from an
// old backup): its tile says so when the session opens, for every kind, not first when a send needs it.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pngBytes } from '../test-support/main/images';
import { dropFiles } from './support/drop-files';
import { expect, test } from './support/fixture';
import { savedSessions } from './support/saved-sessions';

const KEY = 'AIzaTestKey-e2e-missing';

test('a turn’s image and text file whose stored files are gone say “File missing” after a restart; those still there do not', async ({ launch }, testInfo) => {
  let app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Read these');
  const notes = new TextEncoder().encode('Shopping list\n- bread\n- milk\n');
  await dropFiles(page.getByTestId('composer'), [
    { name: 'dot.png', type: 'image/png', bytes: pngBytes() },
    { name: 'notes.txt', type: 'text/plain', bytes: notes },
  ]);
  await expect(page.getByTestId('attachment')).toHaveCount(2);
  await expect(page.getByTestId('attachment').nth(1)).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('send').click();
  await app.waitForTerminalEvents(1);
  const tiles = page.getByTestId('turn-image');
  await expect(tiles).toHaveCount(2);
  // While the files are there, nothing says they are missing.
  await expect(tiles.getByTestId('turn-image-missing')).toHaveCount(0);
  const dataDir = app.dataDir;
  const saved = () => JSON.stringify(savedSessions(dataDir));
  await expect.poll(() => saved().includes('"notes.txt"') && saved().includes('"status":"done"'), { timeout: 15_000 }).toBe(true);
  await app.close();
  const blobs = join(dataDir, 'blobs');
  for (const name of readdirSync(blobs)) rmSync(join(blobs, name), { force: true });

  app = await launch({ env: { GEMINI_API_KEY: KEY }, dataDir });
  const restored = app.page.getByTestId('turn-image');
  await expect(restored).toHaveCount(2);
  await expect(restored.getByTestId('turn-image-name')).toHaveText(['dot.png', 'notes.txt']);
  await expect(restored.getByTestId('turn-image-missing')).toHaveText(['File missing', 'File missing']);
  await restored.first().screenshot({ path: testInfo.outputPath('missing-file-tile.png') });
});
