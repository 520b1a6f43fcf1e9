// The application menu's commands in the window: each runs what its button runs; none runs while a dialog is open;
// a theme from the menu is shown and saved, and one main refuses is taken back with a message.
import { describe, expect, it, vi } from 'vitest';
import { FakeBridge } from '../../test-support/renderer/fake-bridge';
import { createApi } from './api';
import { runAppCommand } from './app-commands';
import { AppState } from './state/app.svelte';
import { Theme } from './theme';

function setup() {
  const fake = new FakeBridge();
  const store = new Map<string, string>();
  const theme = new Theme({ root: undefined, media: undefined });
  const app = new AppState(createApi(fake.bridge()), {
    store: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
    theme,
  });
  return { fake, app, theme };
}

describe('runAppCommand', () => {
  it('opens Settings and the shortcuts, and shows or hides the sidebar from how it shows now', async () => {
    const { app } = setup();
    runAppCommand(app, { command: 'toggle-sidebar' }, { sidebarShown: true });
    expect(app.sessions.sidebarChoice).toBe(false);
    runAppCommand(app, { command: 'toggle-sidebar' }, { sidebarShown: false });
    expect(app.sessions.sidebarChoice).toBe(true);
    runAppCommand(app, { command: 'show-shortcuts' }, { sidebarShown: true });
    expect(app.helpOpen).toBe(true);
    app.helpOpen = false;
    runAppCommand(app, { command: 'open-settings' }, { sidebarShown: true });
    await vi.waitFor(() => expect(app.settings.dialogOpen).toBe(true));
  });

  it('runs nothing while a dialog is open, as the buttons behind it cannot be reached', async () => {
    const { app, fake } = setup();
    app.helpOpen = true;
    const session = app.sessions.document.id;
    for (const command of ['open-settings', 'new-session', 'import-session', 'export-session', 'toggle-sidebar'] as const) {
      runAppCommand(app, { command }, { sidebarShown: true });
    }
    runAppCommand(app, { command: 'set-theme', theme: 'dark' }, { sidebarShown: true });
    await new Promise((settled) => setTimeout(settled, 0));
    expect(app.settings.dialogOpen).toBe(false);
    expect(app.sessions.sidebarChoice).toBeUndefined();
    expect(app.sessions.document.id).toBe(session);
    expect(fake.calls.map((c) => c.method)).toEqual([]);
  });

  it('shows a theme at once and saves it in main', async () => {
    const { app, fake, theme } = setup();
    fake.handlers.updateSettings = (patch) => ({ baseUrl: 'http://fake', baseUrlSource: 'default', theme: patch.theme ?? 'system' });
    runAppCommand(app, { command: 'set-theme', theme: 'dark' }, { sidebarShown: true });
    expect(theme.choice).toBe('dark');
    await vi.waitFor(() => expect(app.settings.settings?.theme).toBe('dark'));
    expect(fake.callsOf('updateSettings')).toEqual([{ theme: 'dark' }]);
    expect(app.sessions.notice).toBeUndefined();
  });

  it('takes back a theme main would not save, and says why', async () => {
    const { app, fake, theme } = setup();
    fake.handlers.updateSettings = () => ({ error: { code: 'INTERNAL', message: 'The settings file could not be written (disk full).' } });
    runAppCommand(app, { command: 'set-theme', theme: 'light' }, { sidebarShown: true });
    await vi.waitFor(() =>
      expect(app.sessions.notice).toEqual({ kind: 'error', message: 'The theme was not saved: The settings file could not be written (disk full).' }),
    );
    expect(theme.choice).toBe('system');
  });
});
