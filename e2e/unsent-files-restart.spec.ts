// Files attached in the prompt box and not sent, and the prompt typed with them, are there after a restart: in a
// new session left holding only them (before, it came back as an empty "Untitled session"), and in a session with
// turns. A day passes between the two launches, so the start-up collection would remove bytes nothing refers to.
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { pngBytes } from '../test-support/main/images';
import type { Playground } from './harness';
import { dropFiles } from './support/drop-files';
import { expect, test } from './support/fixture';
import { sendToAll } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-unsent-files-7d2' };

/** Closes the window as a person does (the page writes what waits), and answers what the page kept in localStorage. */
async function closeWindow(app: Playground): Promise<Record<string, string>> {
  expect(await app.core.mayClose()).toBe(true);
  const storage = await app.page.evaluate(() => ({ ...localStorage }));
  await app.close();
  return storage;
}

/** Every stored file as last touched two days ago: past the day an unreferenced one is kept. */
function aDayLater(dataDir: string): void {
  const past = new Date(Date.now() - 2 * 24 * 3_600_000);
  for (const name of readdirSync(join(dataDir, 'blobs'))) utimesSync(join(dataDir, 'blobs', name), past, past);
}

/** The composer's chips by name, each shown from its stored bytes. */
async function expectChips(page: Page, names: string[]): Promise<void> {
  const chips = page.getByTestId('attachment');
  await expect(chips.getByTestId('attachment-name')).toHaveText(names);
  await expect(chips.getByTestId('attachment-missing')).toHaveCount(0);
  await expect.poll(() => chips.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual(names.map(() => 1));
}

test('a new session left holding only files opens with them after a restart', async ({ launch }, testInfo) => {
  let app = await launch({ env });
  await sendToAll(app.page, 'A first question');
  await app.waitForTerminalEvents(1);
  await expect(app.page.getByTestId('session-item')).toHaveCount(1);

  await app.page.getByTestId('session-new').click();
  await dropFiles(app.page.getByTestId('composer'), [{ name: 'chart.png', type: 'image/png', bytes: pngBytes(0x20) }]);
  await expect(app.page.getByTestId('attachment')).toHaveAttribute('data-status', 'ready');
  await app.page.getByTestId('session-item').filter({ hasText: 'A first question' }).getByTestId('session-open').click();
  await expect(app.page.getByTestId('attachment')).toHaveCount(0);
  const dataDir = app.dataDir;
  const localStorage = await closeWindow(app);
  aDayLater(dataDir);

  app = await launch({ env, dataDir, localStorage });
  await app.core.imagesCollected;
  const untitled = app.page.getByTestId('session-item').filter({ hasText: 'Untitled session' });
  await expect(untitled).toHaveCount(1);
  // Listed with what it holds, not as an empty session a person might delete.
  await expect(untitled.getByTestId('session-meta')).toContainText('0 turns · 1 file not sent');
  const left = app.page.locator(`[data-testid="session-item"][data-session-id="${await untitled.getAttribute('data-session-id')}"]`);
  await left.getByTestId('session-open').click();
  await expect(left).toHaveAttribute('data-active', 'true');
  await expectChips(app.page, ['chart.png']);
  await app.page.screenshot({ path: testInfo.outputPath('new-session-files-restored.png') });

  // Sent now, they go with the prompt, and the box is empty.
  await sendToAll(app.page, 'What does the chart show?');
  await app.waitForTerminalEvents(1);
  await expect(app.page.getByTestId('attachment')).toHaveCount(0);
  const input = (app.fake.interactionRequests()[0]!.body as { input: { type: string }[] }).input;
  expect(input.map((part) => part.type)).toEqual(['text', 'image']);
});

test('a session with turns keeps its unsent files and the prompt typed with them across a restart', async ({ launch }, testInfo) => {
  let app = await launch({ env });
  await sendToAll(app.page, 'Describe a sunset');
  await app.waitForTerminalEvents(1);
  await dropFiles(app.page.getByTestId('composer'), [
    { name: 'dusk.png', type: 'image/png', bytes: pngBytes(0x40) },
    { name: 'dawn.png', type: 'image/png', bytes: pngBytes(0x60) },
  ]);
  await expect(app.page.getByTestId('attachment').nth(1)).toHaveAttribute('data-status', 'ready');
  await app.page.getByTestId('prompt').fill('Now compare these tw');
  const dataDir = app.dataDir;
  const localStorage = await closeWindow(app);
  aDayLater(dataDir);

  app = await launch({ env, dataDir, localStorage });
  await app.core.imagesCollected;
  await expect(app.page.getByTestId('turn')).toHaveCount(1);
  await expect(app.page.getByTestId('prompt')).toHaveValue('Now compare these tw');
  await expectChips(app.page, ['dusk.png', 'dawn.png']);
  await app.page.getByTestId('composer').screenshot({ path: testInfo.outputPath('session-with-turns-files-restored.png') });
});
