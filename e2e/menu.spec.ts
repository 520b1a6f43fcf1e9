// The application menu's items in the window (issue 18, item 3): main sends the contract's `command` event (here the
// harness stands in for the menu and sends it), and the page runs what its own buttons run. Which item sends which
// command, on which window, is e2e/shell/menu.test.ts's part.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';

const KEY = 'AIzaMenuKey-e2e-4Rt8';
const env = { GEMINI_API_KEY: KEY };

async function send(app: Playground, prompt: string, expectedDone: number): Promise<void> {
  await app.page.getByTestId('prompt').fill(prompt);
  await app.page.getByTestId('prompt').press('Control+Enter');
  await app.waitForTerminalEvents(expectedDone, 30_000);
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

test('File: New session, Export session… and Import session… do what the sidebar and Session menu do', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await send(app, 'Name a river.', 1);
  await saved(page);
  await expect(page.getByTestId('session-item')).toHaveCount(1);

  const out = join(mkdtempSync(join(tmpdir(), 'menu-export-')), 'river.json');
  app.dialogs.answerNextSave(out);
  await app.emit('command', { command: 'export-session' });
  await expect.poll(() => existsSync(out)).toBe(true);
  expect(readFileSync(out, 'utf8')).toContain('Name a river.');
  expect(app.calls.filter((c) => c.method === 'exportSessionFile')).toHaveLength(1);

  await app.emit('command', { command: 'new-session' });
  await expect(page.getByTestId('turn')).toHaveCount(0);
  await expect(page.getByTestId('session-item')).toHaveCount(2);
  await expect(page.getByTestId('session-item').first()).toHaveAttribute('data-active', 'true');

  app.dialogs.answerNextOpen(out);
  await app.emit('command', { command: 'import-session' });
  await expect(page.getByTestId('user-text')).toHaveText('Name a river.');
  expect(app.dialogs.shown.map((d) => d.kind)).toEqual(['save', 'open']);
  expect(app.calls.filter((c) => c.method === 'importSessionFile')).toHaveLength(1);
});

test('Settings… opens the Settings view, and a second Settings… or New session while it is open changes nothing', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await expect(page.getByTestId('key-button')).toContainText(KEY.slice(-4));
  await app.emit('command', { command: 'open-settings' });
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();

  const idle = dialog.getByTestId('settings-idle-timeout');
  await idle.fill('77');
  const sessionsBefore = app.calls.length;
  await app.emit('command', { command: 'open-settings' });
  await app.emit('command', { command: 'new-session' });
  await expect(idle).toHaveValue('77');
  await expect(dialog).toBeVisible();
  expect(app.calls.slice(sessionsBefore).map((c) => c.method)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('View and Help: the sidebar toggles, the theme is applied and saved, the shortcuts show', async ({ launch }, testInfo) => {
  const app = await launch({ env, viewport: { width: 1280, height: 800 } });
  const { page } = app;
  const sidebar = page.getByTestId('session-sidebar');
  await expect(sidebar).toBeVisible();
  await app.emit('command', { command: 'toggle-sidebar' });
  await expect(sidebar).toBeHidden();
  await expect(page.getByTestId('sidebar-expand')).toBeVisible();
  await app.emit('command', { command: 'toggle-sidebar' });
  await expect(sidebar).toBeVisible();

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await app.emit('command', { command: 'set-theme', theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await app.core.api.getSettings()).theme).toBe('dark');
  expect(app.calls.filter((c) => c.method === 'updateSettings').map((c) => c.arg)).toEqual([{ theme: 'dark' }]);

  await app.emit('command', { command: 'show-shortcuts' });
  await expect(page.getByTestId('shortcut-help')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('menu-shortcuts-dark.png') });
});
