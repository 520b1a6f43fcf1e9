// The built main process's application menu, read from the Electron double: set before the window exists, as the
// person sees it on Linux and macOS, packaged and in development; each command item sends the contract's `command`
// event to the focused window; the theme it checks follows the saved one; About names the versions; the logs folder
// opens, and one that will not open is explained; no README link while package.json names no homepage. The keys the
// page already handles are shown but left to the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src-shared/contract';
import { APP_ENTRY_URL } from '../../src-main/core/window-policy';
import { matchShortcut } from '../../src-renderer/lib/shortcuts';
import { bootShell, type BootOptions, type ShellProcess, type ShellSnapshot } from './electron-double/launch';
import type { MenuItemData } from './electron-double/menu';
import { DOUBLE_VERSIONS } from './electron-double/versions';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };
const MAIN_FRAME = { url: APP_ENTRY_URL, frame: 'main' } as const;

const shells: ShellProcess[] = [];
afterEach(() => {
  for (const shell of shells.splice(0)) shell.kill();
});

async function boot(double: BootOptions['double']): Promise<{ shell: ShellProcess; shown: ShellSnapshot }> {
  const shell = await bootShell({ double });
  shells.push(shell);
  const shown = await shell.until((s) => s.windows.some((w) => w.visible) || s.exitCode !== undefined, 'the window to show');
  expect(shown.violations).toEqual([]);
  expect(shown.unhandled).toEqual([]);
  return { shell, shown };
}

/** One line per item, "Top > Item [accelerator] (role)", the way the menu reads. */
function outline(items: MenuItemData[], path: string[] = []): string[] {
  return items.flatMap((item) => {
    const name = item.type === 'separator' ? '—' : item.label || `(${item.role})`;
    const key = item.accelerator ? ` [${item.accelerator}${item.registerAccelerator ? '' : ', page'}]` : '';
    const role = item.role && item.label ? ` (${item.role})` : '';
    const check = item.type === 'radio' ? (item.checked ? ' (•)' : ' ( )') : '';
    const line = [...path, name].join(' > ') + key + role + check;
    return [line, ...outline(item.submenu ?? [], [...path, name])];
  });
}

const commandsSent = (s: ShellSnapshot) => s.sent.filter((m) => m.channel === EVENT_CHANNELS.command).map((m) => m.payload);

describe('the application menu of the built app', () => {
  it('is set before the window is made, so Electron’s default menu (with the developer tools) never shows', async () => {
    const { shown } = await boot({ platform: 'linux', isPackaged: true });
    const order = shown.calls.map((c) => c.api);
    expect(order.indexOf('Menu.setApplicationMenu')).toBeGreaterThan(shown.calls.findIndex((c) => c.api === 'app.emit' && c.args[0] === 'ready'));
    expect(order.indexOf('Menu.setApplicationMenu')).toBeLessThan(order.indexOf('new BrowserWindow'));
  });

  it('on Linux, packaged: File, Edit, View and Help as the person sees them, with no reload or developer tools', async () => {
    const { shown } = await boot({ platform: 'linux', isPackaged: true });
    expect(outline(shown.menu ?? [])).toEqual([
      '&File',
      '&File > New session [CmdOrCtrl+N]',
      '&File > Import session… [CmdOrCtrl+O]',
      '&File > Export session… [CmdOrCtrl+Shift+S]',
      '&File > —',
      '&File > Settings… [CmdOrCtrl+,, page]',
      '&File > —',
      '&File > (quit)',
      '&Edit',
      '&Edit > (undo)',
      '&Edit > (redo)',
      '&Edit > —',
      '&Edit > (cut)',
      '&Edit > (copy)',
      '&Edit > (paste)',
      '&Edit > (pasteAndMatchStyle)',
      '&Edit > (delete)',
      '&Edit > —',
      '&Edit > (selectAll)',
      '&View',
      '&View > Toggle sessions sidebar',
      '&View > Theme',
      '&View > Theme > Match system (•)',
      '&View > Theme > Light ( )',
      '&View > Theme > Dark ( )',
      '&View > —',
      '&View > (resetZoom)',
      '&View > (zoomIn)',
      '&View > (zoomOut)',
      '&View > —',
      '&View > (togglefullscreen)',
      '&Help',
      '&Help > Keyboard shortcuts [CmdOrCtrl+/, page]',
      '&Help > —',
      '&Help > Open logs folder',
      '&Help > —',
      '&Help > About Gemini Prompt Playground',
    ]);
  });

  it('in development (not packaged), View ends with reload and the developer tools', async () => {
    const { shown } = await boot({ platform: 'linux', isPackaged: false });
    expect(outline(shown.menu ?? []).filter((line) => line.startsWith('&View')).slice(-4)).toEqual([
      '&View > —',
      '&View > (reload)',
      '&View > (forceReload)',
      '&View > (toggleDevTools)',
    ]);
  });

  it('on macOS, starts with the app menu (About, Settings, Quit) and has a Window menu', async () => {
    const { shown } = await boot({ platform: 'darwin', isPackaged: true });
    const lines = outline(shown.menu ?? []);
    expect(lines.filter((line) => !line.includes(' > '))).toEqual(['Gemini Prompt Playground', 'File', 'Edit', 'View', '(windowMenu)', 'Help (help)']);
    expect(lines.filter((line) => line.startsWith('Gemini Prompt Playground >'))).toEqual([
      'Gemini Prompt Playground > About Gemini Prompt Playground',
      'Gemini Prompt Playground > —',
      'Gemini Prompt Playground > Settings… [CmdOrCtrl+,, page]',
      'Gemini Prompt Playground > —',
      'Gemini Prompt Playground > (services)',
      'Gemini Prompt Playground > —',
      'Gemini Prompt Playground > (hide)',
      'Gemini Prompt Playground > (hideOthers)',
      'Gemini Prompt Playground > (unhide)',
      'Gemini Prompt Playground > —',
      'Gemini Prompt Playground > (quit)',
    ]);
    expect(lines.filter((line) => line.startsWith('File >')).at(-1)).toBe('File > (close)');
  });

  it('sends each command to the focused window on the contract’s event, and to the main window when none has the focus', async () => {
    const { shell, shown } = await boot({ platform: 'linux', isPackaged: true });
    const clicks: [string[], unknown][] = [
      [['&File', 'New session'], { command: 'new-session' }],
      [['&File', 'Import session…'], { command: 'import-session' }],
      [['&File', 'Export session…'], { command: 'export-session' }],
      [['&File', 'Settings…'], { command: 'open-settings' }],
      [['&View', 'Toggle sessions sidebar'], { command: 'toggle-sidebar' }],
      [['&View', 'Theme', 'Dark'], { command: 'set-theme', theme: 'dark' }],
      [['&Help', 'Keyboard shortcuts'], { command: 'show-shortcuts' }],
    ];
    expect(shown.focusedWindow).toBe(shown.windows[0]!.id);
    for (const [path] of clicks) await shell.clickMenu(...path);
    expect(commandsSent(await shell.snapshot())).toEqual(clicks.map(([, command]) => command));

    await shell.call('blur');
    await shell.clickMenu('&File', 'New session');
    const after = await shell.snapshot();
    expect(after.focusedWindow).toBeNull();
    expect(commandsSent(after).at(-1)).toEqual({ command: 'new-session' });
    // Roles are Electron's: nothing goes to the page for them.
    await shell.clickMenu('&Edit', '(copy)');
    const copied = await shell.snapshot();
    expect(copied.calls.filter((c) => c.api === 'menu.role').map((c) => c.args)).toEqual([['copy']]);
    expect(commandsSent(copied)).toHaveLength(clicks.length + 1);
  });

  it('checks the saved theme: one clicked is checked once the page has saved it, from the menu or the Settings view; native dialogs follow it', async () => {
    const { shell } = await boot({ platform: 'linux', isPackaged: true });
    const checked = (s: ShellSnapshot) => outline(s.menu ?? []).filter((line) => line.endsWith('(•)'));
    const menusSet = (s: ShellSnapshot) => s.calls.filter((c) => c.api === 'Menu.setApplicationMenu').length;
    expect(checked(await shell.snapshot())).toEqual(['&View > Theme > Match system (•)']);
    expect((await shell.snapshot()).themeSource).toBe('system');

    // Saved from the Settings view.
    await expect(shell.invoke(INVOKE_CHANNELS.updateSettings, { theme: 'light' }, MAIN_FRAME)).resolves.toMatchObject({ ok: true });
    await shell.until((s) => checked(s).includes('&View > Theme > Light (•)'), 'Light to be checked');
    // Native dialogs and menus follow the app's theme, not only the OS's.
    await shell.until((s) => s.themeSource === 'light', 'nativeTheme.themeSource to be light');

    // Clicked in the menu: Electron checks Dark at once, the menu goes back to the saved theme until the page saves.
    const before = menusSet(await shell.snapshot());
    await shell.clickMenu('&View', 'Theme', 'Dark');
    const clicked = await shell.until((s) => menusSet(s) > before, 'the menu to be rebuilt');
    expect(commandsSent(clicked)).toEqual([{ command: 'set-theme', theme: 'dark' }]);
    expect(checked(clicked)).toEqual(['&View > Theme > Light (•)']);
    // A save main refuses changes nothing; the page's save of the theme checks it.
    await expect(shell.invoke(INVOKE_CHANNELS.updateSettings, { theme: 'dark', concurrency: 0 }, MAIN_FRAME)).resolves.toMatchObject({ ok: false });
    await expect(shell.invoke(INVOKE_CHANNELS.updateSettings, { theme: 'dark' }, MAIN_FRAME)).resolves.toMatchObject({ ok: true });
    const saved = await shell.until((s) => checked(s).includes('&View > Theme > Dark (•)'), 'Dark to be checked');
    expect(checked(saved)).toEqual(['&View > Theme > Dark (•)']);
    await shell.until((s) => s.themeSource === 'dark', 'nativeTheme.themeSource to be dark');
  });

  it('About names the app’s version, Electron and Chromium, in a box modal to the window', async () => {
    const { shell, shown } = await boot({ platform: 'linux', isPackaged: true });
    await shell.clickMenu('&Help', 'About Gemini Prompt Playground');
    const { messageBoxes } = await shell.until((s) => s.messageBoxes.length > 0, 'the About box');
    expect(messageBoxes).toHaveLength(1);
    expect(messageBoxes[0]!.parent).toBe(shown.windows[0]!.id);
    expect(messageBoxes[0]!.options).toMatchObject({ type: 'info', title: 'About Gemini Prompt Playground', message: `Gemini Prompt Playground ${pkg.version}` });
    const detail = String(messageBoxes[0]!.options.detail).split('\n');
    expect(detail.slice(0, 4)).toEqual([`Version: ${pkg.version}`, `Electron: ${DOUBLE_VERSIONS.electron}`, `Chromium: ${DOUBLE_VERSIONS.chrome}`, `Node.js: ${process.versions.node}`]);
    expect(detail[5]).toMatch(/^OS: linux /);
  });

  it('opens the logs folder in the file manager, and offers no README online while package.json names no homepage', async () => {
    expect(pkg.homepage).toBeUndefined();
    const { shell, shown } = await boot({ platform: 'linux', isPackaged: true });
    expect(outline(shown.menu ?? []).filter((line) => line.includes('README'))).toEqual([]);
    await shell.clickMenu('&Help', 'Open logs folder');
    const s = await shell.until((x) => x.openedPaths.length > 0, 'the logs folder');
    expect(s.openedPaths).toEqual([join(shell.userData, 'logs')]);
    expect(s.openedExternally).toEqual([]);
    expect(s.messageBoxes).toEqual([]);
  });

  it('says where the logs are when the system cannot open the folder, and logs why', async () => {
    const { shell } = await boot({ platform: 'linux', isPackaged: true, openPathError: 'No application is registered to open folders.' });
    await shell.clickMenu('&Help', 'Open logs folder');
    const { messageBoxes } = await shell.until((s) => s.messageBoxes.length > 0, 'the message');
    expect(messageBoxes[0]!.options).toMatchObject({
      type: 'warning',
      message: 'The logs folder could not be opened.',
      detail: `No application is registered to open folders.\n\n${join(shell.userData, 'logs')}`,
    });
    expect(readFileSync(join(shell.userData, 'logs', 'main.log'), 'utf8')).toContain('menu: the logs folder did not open');
  });

  it('leaves the keys the page handles to the page, and registers only keys the page does not claim', async () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const { shown } = await boot({ platform, isPackaged: true });
      const mac = platform === 'darwin';
      const items = (function walk(list: MenuItemData[]): MenuItemData[] {
        return list.flatMap((item) => [item, ...walk(item.submenu ?? [])]);
      })(shown.menu ?? []).filter((item) => item.accelerator);
      const claimed = items.map((item) => {
        const parts = item.accelerator!.split('+');
        const key = parts.pop()!;
        const event = { key, ctrlKey: !mac && parts.includes('CmdOrCtrl'), metaKey: mac && parts.includes('CmdOrCtrl'), shiftKey: parts.includes('Shift'), altKey: false };
        return { label: item.label, registered: item.registerAccelerator, page: matchShortcut(event, { mac, typing: true }) };
      });
      const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
      expect(claimed.sort(byLabel), platform).toEqual(
        [
          { label: 'New session', registered: true, page: undefined },
          { label: 'Import session…', registered: true, page: undefined },
          { label: 'Export session…', registered: true, page: undefined },
          { label: 'Settings…', registered: false, page: 'settings' },
          { label: 'Keyboard shortcuts', registered: false, page: 'help' },
        ].sort(byLabel),
      );
    }
  });
});
