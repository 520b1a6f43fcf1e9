// Small helpers the e2e specs share to drive the app as a person would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const paneAt = (page: Page, index: number): Locator => page.getByTestId('pane').nth(index);

/** Every pane has its own (hidden) menu with the same item ids: pick the one that is open. */
export const menuItem = (page: Page, testid: string): Locator => page.getByTestId(testid).filter({ visible: true });

export async function addPanes(page: Page, total: number): Promise<void> {
  const panes = page.getByTestId('pane');
  while ((await panes.count()) < total) {
    const before = await panes.count();
    await page.getByTestId('add-pane').click();
    await expect(panes).toHaveCount(before + 1);
  }
}

/** Uses a session toolbar tool: in the bar, or through its "⋯" menu where the window is too narrow for it. */
export async function useToolbarTool(page: Page, testid: string): Promise<void> {
  const inBar = page.getByTestId(testid);
  if (await inBar.isVisible()) return inBar.click();
  await page.getByTestId('toolbar-overflow').click();
  await page.getByTestId(`overflow-${testid}`).click();
}

export async function sendToAll(page: Page, prompt: string): Promise<void> {
  await page.getByTestId('prompt').fill(prompt);
  await page.getByTestId('prompt').press('Control+Enter');
}

/** Sends `prompt` to the one pane, waits for its answer and for the session to be saved. */
export async function sendAndSave(page: Page, prompt: string): Promise<void> {
  await sendToAll(page, prompt);
  await expect(page.getByTestId('pane')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

/** Opens the ⋯ menu of the session listed at `index` by keyboard: its first item, Rename, has the focus. */
export async function sessionMenuByKeyboard(page: Page, index: number): Promise<void> {
  await page.getByTestId('session-item').nth(index).getByTestId('session-actions').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-rename').filter({ visible: true })).toBeFocused();
}

/**
 * A send folds every pane's settings one frame after main took the turns, which can be after the fake has answered:
 * a test that opens settings after a send waits for the fold first, or the fold closes what it opened.
 */
export async function settingsFolded(page: Page): Promise<void> {
  for (const toggle of await page.getByTestId('settings-toggle').all()) await expect(toggle).toHaveAttribute('aria-expanded', 'false');
}

/** A port nothing listens on: bind an ephemeral port, then free it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((ok) => server.close(ok));
  return port;
}

/** `prompt` in the prompt box, then the test cases view with `csv` imported as its cases, on its Results tab. */
export async function resultsOfCases(page: Page, prompt: string, csv: string): Promise<void> {
  await page.getByTestId('prompt').fill(prompt);
  await page.getByTestId('prompt').press('Control+Shift+E');
  const file = join(mkdtempSync(join(tmpdir(), 'cases-')), 'cases.csv');
  writeFileSync(file, csv);
  await page.getByTestId('cases-import-input').setInputFiles(file);
  await expect(page.getByTestId('cases-notice')).toHaveText(/Imported/);
  await page.getByTestId('tests-tab-results').click();
}
