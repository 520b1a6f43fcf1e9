// The application menu as data: which items there are on each platform and in development, their labels, keys and
// roles, and what each one does. platform/menu.ts turns it into Electron's menu; tests read it as it is.
import { DEFAULT_PREFERENCES, THEMES, type ThemeChoice } from '../../src-shared/app-settings';
import type { AppCommand } from '../../src-shared/contract';

/** Electron's built-in menu roles this menu uses: the OS and Chromium carry them out (copy and paste included). */
export type MenuRole =
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'windowMenu'
  | 'help';

/** What main does itself, with no window involved. */
export type MenuAction = 'about' | 'open-readme' | 'open-logs';

export interface MenuItemModel {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'radio';
  checked?: boolean;
  accelerator?: string;
  /**
   * false: the page already answers this key (src-renderer/lib/shortcuts.ts). Shown in the menu but not registered
   * on Linux and Windows, so one press is not handled twice; macOS and Chromium give the page the key first anyway.
   */
  registerAccelerator?: false;
  /** A command the focused window runs as its own button would, or an action of main's. */
  command?: AppCommand;
  action?: MenuAction;
  submenu?: MenuItemModel[];
}

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Not packaged (`npm start`, `npm run dev`): reload and the developer tools are offered. */
  development: boolean;
  appName: string;
  /** The theme the settings hold now, checked in View → Theme. */
  theme: ThemeChoice | undefined;
  /** package.json names the project's homepage: Help offers the README there (a link to nowhere is worse than none). */
  readme: boolean;
}

const SEPARATOR: MenuItemModel = { type: 'separator' };

const THEME_LABELS: Record<ThemeChoice, string> = { system: 'Match system', light: 'Light', dark: 'Dark' };

/** Windows and Linux underline the letter after "&" and open the menu with Alt and it; macOS has no such keys. */
function topLabel(label: string, mac: boolean): string {
  return mac ? label : `&${label}`;
}

export function appMenuModel(context: MenuContext): MenuItemModel[] {
  const mac = context.platform === 'darwin';
  const about: MenuItemModel = { label: `About ${context.appName}`, action: 'about' };
  // The page's own keys (shortcuts.ts): Ctrl/Cmd+, and Ctrl/Cmd+/.
  const settings: MenuItemModel = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', registerAccelerator: false, command: { command: 'open-settings' } };
  const shortcuts: MenuItemModel = { label: 'Keyboard shortcuts', accelerator: 'CmdOrCtrl+/', registerAccelerator: false, command: { command: 'show-shortcuts' } };
  const current = context.theme ?? DEFAULT_PREFERENCES.theme;

  const appMenu: MenuItemModel = {
    label: context.appName,
    submenu: [about, SEPARATOR, settings, SEPARATOR, { role: 'services' }, SEPARATOR, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, SEPARATOR, { role: 'quit' }],
  };
  const file: MenuItemModel = {
    label: topLabel('File', mac),
    submenu: [
      { label: 'New session', accelerator: 'CmdOrCtrl+N', command: { command: 'new-session' } },
      { label: 'Import session…', accelerator: 'CmdOrCtrl+O', command: { command: 'import-session' } },
      { label: 'Export session…', accelerator: 'CmdOrCtrl+Shift+S', command: { command: 'export-session' } },
      SEPARATOR,
      // On macOS Settings and Quit live in the app menu, and File ends with closing the window.
      ...(mac ? [{ role: 'close' } satisfies MenuItemModel] : [settings, SEPARATOR, { role: 'quit' } satisfies MenuItemModel]),
    ],
  };
  const edit: MenuItemModel = {
    label: topLabel('Edit', mac),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      SEPARATOR,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      SEPARATOR,
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemModel = {
    label: topLabel('View', mac),
    submenu: [
      { label: 'Toggle sessions sidebar', command: { command: 'toggle-sidebar' } },
      {
        label: 'Theme',
        submenu: THEMES.map((theme) => ({ label: THEME_LABELS[theme], type: 'radio', checked: theme === current, command: { command: 'set-theme', theme } })),
      },
      SEPARATOR,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEPARATOR,
      { role: 'togglefullscreen' },
      // A packaged app has no use for them, and the developer tools would let anyone at the keyboard run code in the
      // page that holds the conversation.
      ...(context.development ? [SEPARATOR, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] satisfies MenuItemModel[] : []),
    ],
  };
  const help: MenuItemModel = {
    label: topLabel('Help', mac),
    // macOS adds its search field to the menu with this role.
    ...(mac ? { role: 'help' as const } : {}),
    submenu: [
      shortcuts,
      ...(context.readme ? [{ label: 'README online', action: 'open-readme' }] satisfies MenuItemModel[] : []),
      SEPARATOR,
      { label: 'Open logs folder', action: 'open-logs' },
      ...(mac ? [] : [SEPARATOR, about]),
    ],
  };
  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}

export interface VersionInfo {
  appName: string;
  version: string;
  /** process.versions as Electron fills it. */
  versions: { electron?: string; chrome?: string; node?: string; v8?: string };
  platform: string;
  arch: string;
  osRelease: string;
}

/** The About box: enough to name the build in a bug report. */
export function aboutContent(info: VersionInfo): { title: string; message: string; detail: string } {
  const line = (name: string, value: string | undefined) => `${name}: ${value ?? 'unknown'}`;
  return {
    title: `About ${info.appName}`,
    message: `${info.appName} ${info.version}`,
    detail: [
      line('Version', info.version),
      line('Electron', info.versions.electron),
      line('Chromium', info.versions.chrome),
      line('Node.js', info.versions.node),
      line('V8', info.versions.v8),
      line('OS', `${info.platform} ${info.arch} ${info.osRelease}`),
    ].join('\n'),
  };
}
