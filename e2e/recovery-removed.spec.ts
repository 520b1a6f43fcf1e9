// Crash recovery and deliberate removal through the bridge harness (real core, fake API): main journals each streaming
// answer until a save holds it, so a turn whose save failed survives a restart — unless the person removed it (its pane
// or its conversation) meanwhile. Such a turn never comes back; an answer nobody removed still does.
import type { Playground } from './harness';
import { failSaves } from './support/failing-saves';
import { expect, test } from './support/fixture';
import { addPanes, menuItem, paneAt, sendToAll } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-recovery-3f7a' };

/** Three panes on disk with no turns yet, then every save refused while one prompt is answered in each. */
async function answeredUnsaved(app: Playground): Promise<() => void> {
  const { page } = app;
  await addPanes(page, 3);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const restore = failSaves(app);
  await sendToAll(page, 'How many paws has a cat?');
  await app.waitForTerminalEvents(3, 30_000);
  for (const pane of await page.getByTestId('pane').all()) await expect(pane).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');
  return restore;
}

async function usePaneMenu(app: Playground, index: number, item: string): Promise<void> {
  await paneAt(app.page, index).getByTestId('pane-menu').click();
  await menuItem(app.page, item).click();
}

const turnsPerPane = async (app: Playground): Promise<number[]> =>
  Promise.all((await app.page.getByTestId('pane').all()).map((pane) => pane.getByTestId('turn').count()));

test('a pane and a conversation removed after their save failed stay removed after a restart', async ({ startFake, launch }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const app = await launch({ env, fake });
  const { page, dataDir } = app;
  const restore = await answeredUnsaved(app);

  await usePaneMenu(app, 2, 'pane-remove');
  await usePaneMenu(app, 1, 'clear-conversation');
  await expect(page.getByTestId('pane')).toHaveCount(2);
  // Saving works again: the next edit writes the session as it is now, without what was removed.
  restore();
  await paneAt(page, 0).getByTestId('settings-toggle').click();
  await paneAt(page, 0).getByTestId('temperature').fill('0.3');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(await turnsPerPane(app)).toEqual([1, 0]);
  await app.close();

  const again = await launch({ env, dataDir, fake });
  await expect(again.page.getByTestId('pane')).toHaveCount(2);
  await expect(paneAt(again.page, 0).getByTestId('turn')).toHaveCount(1);
  expect(await turnsPerPane(again)).toEqual([1, 0]);
});

test('while saves still fail, a cleared conversation stays cleared and the answer nobody removed comes back', async ({ startFake, launch }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const app = await launch({ env, fake });
  const { page, dataDir } = app;
  await answeredUnsaved(app);
  const kept = await paneAt(page, 0).getByTestId('answer').evaluate((el) => el.textContent ?? '');
  expect(kept).not.toBe('');

  await usePaneMenu(app, 1, 'clear-conversation');
  await usePaneMenu(app, 2, 'clear-conversation');
  expect(await turnsPerPane(app)).toEqual([1, 0, 0]);
  // Closed with the session still unsaved on disk: only the journals hold the answers.
  await app.close();

  const again = await launch({ env, dataDir, fake });
  await expect(again.page.getByTestId('pane')).toHaveCount(3);
  await expect(paneAt(again.page, 0).getByTestId('turn')).toHaveCount(1);
  expect(await turnsPerPane(again)).toEqual([1, 0, 0]);
  await expect(paneAt(again.page, 0)).toHaveAttribute('data-status', 'done');
  expect(await paneAt(again.page, 0).getByTestId('answer').evaluate((el) => el.textContent ?? '')).toBe(kept);
});

test('the open session deleted after its save failed: the app moves on, and the restart does not bring it back', async ({ startFake, launch }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const app = await launch({ env, fake });
  const { page, dataDir } = app;
  const saved = page.getByTestId('save-status');
  await paneAt(page, 0).getByTestId('system-instruction').fill('The session that stays.');
  await expect(saved).toHaveAttribute('data-state', 'saved');
  await page.getByTestId('session-new').click();
  await paneAt(page, 0).getByTestId('system-instruction').fill('The session that goes.');
  await expect(saved).toHaveAttribute('data-state', 'saved');
  const items = page.getByTestId('session-item');
  await expect(items).toHaveCount(2);
  const active = items.and(page.locator('[data-active="true"]'));
  const deleted = await active.getAttribute('data-session-id');

  const restore = failSaves(app);
  await sendToAll(page, 'An answer no save holds');
  await app.waitForTerminalEvents(1, 30_000);
  await expect(saved).toHaveAttribute('data-state', 'error');
  await active.getByTestId('session-actions').click();
  await menuItem(page, 'session-delete').click();
  await expect(page.getByTestId('undo-toast')).toContainText('Deleted');
  // Switched to the other session, not kept in the deleted one for the edits its disk refused ("Not switched").
  await expect(paneAt(page, 0).getByTestId('system-instruction')).toHaveValue('The session that stays.');
  await expect(items).toHaveCount(1);
  await expect(active).not.toHaveAttribute('data-session-id', deleted!);
  await expect(page.getByTestId('session-notice')).toHaveCount(0);
  restore();
  await app.close();

  const again = await launch({ env, dataDir, fake });
  await expect(again.page.getByTestId('session-item')).toHaveCount(1);
  await expect(again.page.locator(`[data-testid="session-item"][data-session-id="${deleted}"]`)).toHaveCount(0);
  await expect(again.page.getByTestId('turn')).toHaveCount(0);
});
