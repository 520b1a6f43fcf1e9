// The application menu as data: the items on Linux and Windows, on macOS, in development and packaged; the standard
// Edit roles everywhere; one item per command; the saved theme checked; the About box's versions.
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../src-shared/contract';
import { aboutContent, appMenuModel, type MenuContext, type MenuItemModel } from './menu-model';

const context = (over: Partial<MenuContext> = {}): MenuContext => ({ platform: 'linux', development: false, appName: 'Playground', theme: 'system', readme: true, ...over });

/** One line per item, "Top > Item [accelerator] → what it does", so a whole menu reads as its outline. */
function outline(items: MenuItemModel[], path: string[] = []): string[] {
  return items.flatMap((item) => {
    const name = item.type === 'separator' ? '—' : (item.label ?? `(${item.role})`);
    const key = item.accelerator ? ` [${item.accelerator}${item.registerAccelerator === false ? ', page' : ''}]` : '';
    const does = item.command ? ` → ${commandName(item.command)}` : item.action ? ` → main:${item.action}` : item.role && item.label ? ` (${item.role})` : '';
    const check = item.type === 'radio' ? (item.checked ? ' (•)' : ' ( )') : '';
    const line = [...path, name].join(' > ') + key + does + check;
    return [line, ...outline(item.submenu ?? [], [...path, name])];
  });
}

const commandName = (command: AppCommand) => (command.command === 'set-theme' ? `set-theme:${command.theme}` : command.command);
const top = (items: MenuItemModel[]) => items.map((item) => item.label ?? `(${item.role})`);
const submenuOf = (items: MenuItemModel[], label: string) => items.find((item) => item.label === label)?.submenu ?? [];
const roles = (items: MenuItemModel[]): string[] => items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
const commands = (items: MenuItemModel[]): string[] =>
  items.flatMap((item) => [...(item.command ? [commandName(item.command)] : []), ...commands(item.submenu ?? [])]);

describe('the application menu on Linux and Windows', () => {
  for (const platform of ['linux', 'win32'] as const) {
    it(`${platform}: File, Edit, View and Help, with Alt mnemonics, About under Help and Quit under File`, () => {
      expect(outline(appMenuModel(context({ platform })))).toEqual([
        '&File',
        '&File > New session [CmdOrCtrl+N] → new-session',
        '&File > Import session… [CmdOrCtrl+O] → import-session',
        '&File > Export session… [CmdOrCtrl+Shift+S] → export-session',
        '&File > —',
        '&File > Settings… [CmdOrCtrl+,, page] → open-settings',
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
        '&View > Toggle sessions sidebar → toggle-sidebar',
        '&View > Theme',
        '&View > Theme > Match system → set-theme:system (•)',
        '&View > Theme > Light → set-theme:light ( )',
        '&View > Theme > Dark → set-theme:dark ( )',
        '&View > —',
        '&View > (resetZoom)',
        '&View > (zoomIn)',
        '&View > (zoomOut)',
        '&View > —',
        '&View > (togglefullscreen)',
        '&Help',
        '&Help > Keyboard shortcuts [CmdOrCtrl+/, page] → show-shortcuts',
        '&Help > README online → main:open-readme',
        '&Help > —',
        '&Help > Open logs folder → main:open-logs',
        '&Help > —',
        '&Help > About Playground → main:about',
      ]);
    });
  }
});

describe('the application menu on macOS', () => {
  const mac = appMenuModel(context({ platform: 'darwin' }));

  it('starts with the app menu: About, Settings, the system items and Quit', () => {
    expect(top(mac)).toEqual(['Playground', 'File', 'Edit', 'View', '(windowMenu)', 'Help']);
    expect(outline(submenuOf(mac, 'Playground'))).toEqual([
      'About Playground → main:about',
      '—',
      'Settings… [CmdOrCtrl+,, page] → open-settings',
      '—',
      '(services)',
      '—',
      '(hide)',
      '(hideOthers)',
      '(unhide)',
      '—',
      '(quit)',
    ]);
  });

  it('ends File with closing the window, and keeps Settings, Quit and About out of File and Help', () => {
    expect(outline(submenuOf(mac, 'File'))).toEqual([
      'New session [CmdOrCtrl+N] → new-session',
      'Import session… [CmdOrCtrl+O] → import-session',
      'Export session… [CmdOrCtrl+Shift+S] → export-session',
      '—',
      '(close)',
    ]);
    const help = mac.find((item) => item.label === 'Help');
    expect(help?.role).toBe('help');
    expect(outline(help?.submenu ?? [])).toEqual(['Keyboard shortcuts [CmdOrCtrl+/, page] → show-shortcuts', 'README online → main:open-readme', '—', 'Open logs folder → main:open-logs']);
    expect(roles(mac).filter((role) => role === 'quit')).toHaveLength(1);
  });
});

describe('on every platform', () => {
  const platforms = ['linux', 'win32', 'darwin'] as const;

  it('offers the README online only when there is an address for it (package.json’s homepage)', () => {
    for (const platform of platforms) {
      const help = (readme: boolean) => outline(appMenuModel(context({ platform, readme }))).filter((line) => line.includes('README'));
      expect(help(true), platform).toHaveLength(1);
      expect(help(false), platform).toEqual([]);
    }
  });

  it('has the standard Edit roles, so copy and paste work in every field (macOS has no other way)', () => {
    for (const platform of platforms) {
      const edit = appMenuModel(context({ platform })).find((item) => item.label?.replace('&', '') === 'Edit');
      expect(roles(edit?.submenu ?? []), platform).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    }
  });

  it('offers reload and the developer tools only in development, at the end of View', () => {
    for (const platform of platforms) {
      const packaged = appMenuModel(context({ platform, development: false }));
      const dev = appMenuModel(context({ platform, development: true }));
      expect(roles(packaged), platform).not.toEqual(expect.arrayContaining(['reload']));
      expect(roles(packaged).filter((role) => /reload|devtools/i.test(role)), platform).toEqual([]);
      const view = dev.find((item) => item.label?.replace('&', '') === 'View')?.submenu ?? [];
      expect(outline(view.slice(-4)), platform).toEqual(['—', '(reload)', '(forceReload)', '(toggleDevTools)']);
      expect(outline(dev).length - outline(packaged).length, platform).toBe(4);
    }
  });

  it('has one item for each command the window runs', () => {
    for (const platform of platforms) {
      expect(commands(appMenuModel(context({ platform }))).sort(), platform).toEqual(
        ['new-session', 'import-session', 'export-session', 'open-settings', 'toggle-sidebar', 'show-shortcuts', 'set-theme:system', 'set-theme:light', 'set-theme:dark'].sort(),
      );
    }
  });

  it('checks the saved theme, and "Match system" before any is saved', () => {
    const checked = (theme: MenuContext['theme']) =>
      outline(appMenuModel(context({ theme }))).filter((line) => line.endsWith('(•)'));
    expect(checked('dark')).toEqual(['&View > Theme > Dark → set-theme:dark (•)']);
    expect(checked('light')).toEqual(['&View > Theme > Light → set-theme:light (•)']);
    expect(checked(undefined)).toEqual(['&View > Theme > Match system → set-theme:system (•)']);
  });
});

describe('the About box', () => {
  it('names the version, Electron, Chromium, Node.js, V8 and the system', () => {
    const about = aboutContent({
      appName: 'Playground',
      version: '1.2.3',
      versions: { electron: '43.0.1', chrome: '146.0.7680.5', node: '24.4.0', v8: '14.6.1' },
      platform: 'linux',
      arch: 'x64',
      osRelease: '6.8.0',
    });
    expect(about).toEqual({
      title: 'About Playground',
      message: 'Playground 1.2.3',
      detail: 'Version: 1.2.3\nElectron: 43.0.1\nChromium: 146.0.7680.5\nNode.js: 24.4.0\nV8: 14.6.1\nOS: linux x64 6.8.0',
    });
  });

  it('says "unknown" for a version the runtime does not report, rather than leaving a blank', () => {
    const about = aboutContent({ appName: 'P', version: '1.0.0', versions: { node: '20.19.0' }, platform: 'win32', arch: 'arm64', osRelease: '10.0.22631' });
    expect(about.detail.split('\n')).toEqual(['Version: 1.0.0', 'Electron: unknown', 'Chromium: unknown', 'Node.js: 20.19.0', 'V8: unknown', 'OS: win32 arm64 10.0.22631']);
  });
});
