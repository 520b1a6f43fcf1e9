// What is typed into a session reaches the disk before the window goes: closing (or quitting) asks the page to write
// what its autosave still holds, and a save that failed keeps the person in the session, with the reason, instead of
// switching or exporting past it. Main's side is app.core.mayClose(), which the Electron shell awaits on `close` and
// `before-quit` (src-main/index.ts).
import type { Page } from '@playwright/test';
import type { Playground } from './harness';
import { failSaves } from './support/failing-saves';
import { expect, test } from './support/fixture';
import { paneAt } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-close-5c1e' };

async function savedSystem(app: Playground): Promise<string | undefined> {
  const [summary] = await app.core.api.listSessions({});
  if (!summary) return undefined;
  return (await app.core.api.getSession({ id: summary.id })).panes[0]?.config.systemInstruction;
}

const systemBox = (page: Page) => paneAt(page, 0).getByTestId('system-instruction');

test('closing right after an edit writes it first, then lets the window go', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await systemBox(page).fill('Answer in French.');
  // Within the autosave's half second: only the close's own request can have written it.
  expect(await app.core.mayClose()).toBe(true);
  expect(await savedSystem(app)).toBe('Answer in French.');
  expect(app.calls.filter((c) => c.method === 'closeReady').map((c) => c.arg)).toEqual([{ saved: true }]);
  expect(app.dialogs.shown).toEqual([]);
});

test('a save that fails: the close asks the person, and switching or exporting stops with the reason', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await systemBox(page).fill('First session, kept.');
  await expect.poll(() => savedSystem(app)).toBe('First session, kept.');

  const restore = failSaves(app);
  await systemBox(page).fill('An edit the disk refused.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');

  // Switching away would drop the edit from memory: refused, the reason said, the edit still in the box.
  await page.getByTestId('session-new').click();
  const notice = page.getByTestId('session-notice');
  await expect(notice).toContainText('Not switched: the latest changes to');
  await expect(notice).toContainText('The disk is full');
  await expect(systemBox(page)).toHaveValue('An edit the disk refused.');
  await expect(page.getByTestId('session-item')).toHaveCount(1);

  // An export would read the older copy on disk: refused the same way, no file dialog shown.
  await app.emit('command', { command: 'export-session' });
  await expect(notice).toContainText('Could not export the session: the latest changes to');
  expect(app.dialogs.shown).toEqual([]);

  // Closing: the page says it could not save, so the person is asked; Cancel (the default) keeps the window.
  expect(await app.core.mayClose()).toBe(false);
  expect(app.dialogs.shown).toMatchObject([{ kind: 'confirm', confirmLabel: 'Close without them' }]);
  expect(app.dialogs.shown[0]).toMatchObject({ detail: expect.stringContaining('The disk is full') });
  expect(app.calls.filter((c) => c.method === 'closeReady').map((c) => c.arg)).toEqual([{ saved: false, problem: 'The disk is full.' }]);
  app.dialogs.answerNextConfirm(true);
  expect(await app.core.mayClose()).toBe(true);

  // Once saving works again the switch goes ahead, and the edit is on disk.
  restore();
  await page.getByTestId('session-new').click();
  await expect(page.getByTestId('session-item')).toHaveCount(2);
  await expect(systemBox(page)).toHaveValue('');
  expect(await savedSystem(app)).toBe('An edit the disk refused.');
});
