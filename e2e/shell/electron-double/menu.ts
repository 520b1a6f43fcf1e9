// The double's Menu: the application menu a template builds, with the documented rules on templates (known roles,
// accelerators Electron can parse, a submenu under every top-level item), and a click as Electron delivers it —
// radio items checked first, roles carried out by Electron, a click handler given the focused window.
import type { World } from './world';

/** https://www.electronjs.org/docs/latest/api/menu-item#roles */
const ROLES = [
  'undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll', 'reload', 'forceReload', 'toggleDevTools',
  'resetZoom', 'zoomIn', 'zoomOut', 'toggleSpellChecker', 'togglefullscreen', 'window', 'minimize', 'close', 'help', 'about',
  'services', 'hide', 'hideOthers', 'unhide', 'quit', 'showSubstitutions', 'toggleSmartQuotes', 'toggleSmartDashes',
  'toggleTextReplacement', 'startSpeaking', 'stopSpeaking', 'zoom', 'front', 'appMenu', 'fileMenu', 'editMenu', 'viewMenu',
  'shareMenu', 'recentDocuments', 'toggleTabBar', 'selectNextTab', 'selectPreviousTab', 'showAllTabs', 'mergeAllWindows',
  'clearRecentDocuments', 'moveTabToNewWindow', 'windowMenu',
].map((role) => role.toLowerCase());
/** Roles that bring their own submenu. */
const SUBMENU_ROLES = new Set(['appmenu', 'filemenu', 'editmenu', 'viewmenu', 'sharemenu', 'windowmenu', 'recentdocuments']);

/** https://www.electronjs.org/docs/latest/tutorial/keyboard-shortcuts#accelerators */
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set(
  [
    'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter', 'up', 'down',
    'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'volumeup', 'volumedown', 'volumemute', 'medianexttrack',
    'mediaprevioustrack', 'mediastop', 'mediaplaypause', 'printscreen', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
  ],
);
const KEY = /^(?:[0-9a-z]|f(?:[1-9]|1[0-9]|2[0-4])|num[0-9]|[)!@#$%^&*(:;+=<,_\->.?/~`{\]\[|\\}"])$/;

function isAccelerator(accelerator: string): boolean {
  const lower = accelerator.toLowerCase();
  // A "+" after the last separator is the plus key itself ("CmdOrCtrl++").
  const parts = lower.endsWith('++') ? [...lower.slice(0, -2).split('+'), '+'] : lower.split('+');
  const key = parts.pop();
  if (key === undefined || !(NAMED_KEYS.has(key) || KEY.test(key))) return false;
  return parts.every((modifier) => MODIFIERS.has(modifier));
}

export interface Template {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  checked?: boolean;
  id?: string;
  submenu?: Template[];
  click?: (item: FakeMenuItem, window: unknown, event: object) => void;
}

export class FakeMenuItem {
  readonly label: string;
  readonly role: string | undefined;
  readonly type: string;
  readonly accelerator: string | undefined;
  readonly registerAccelerator: boolean;
  checked: boolean;
  readonly submenu: FakeMenu | undefined;
  readonly #click: Template['click'];

  constructor(template: Template, world: World) {
    if (template.role !== undefined && !ROLES.includes(template.role.toLowerCase())) {
      world.rules.break('menu-role', `"${template.role}" is not a menu item role`);
    }
    if (template.accelerator !== undefined && !isAccelerator(template.accelerator)) {
      world.rules.break('menu-accelerator', `"${template.accelerator}" is not an accelerator Electron can parse`);
    }
    this.label = template.label ?? '';
    this.role = template.role;
    this.type = template.type ?? (template.submenu ? 'submenu' : 'normal');
    this.accelerator = template.accelerator;
    this.registerAccelerator = template.registerAccelerator ?? true;
    this.checked = template.checked ?? false;
    this.submenu = template.submenu ? new FakeMenu(template.submenu, world) : undefined;
    this.#click = template.click;
  }

  /** Electron checks a radio item (and so unchecks its group) before the handler runs; a role is Electron's own. */
  click(menu: FakeMenu, world: World): void {
    if (this.type === 'radio') {
      const group = menu.radioGroupOf(this);
      for (const item of group) item.checked = item === this;
    }
    if (this.role) {
      world.record('menu.role', [this.role]);
      return;
    }
    this.#click?.(this, world.focusedWindow(), { triggeredByAccelerator: false });
  }

  describe(): MenuItemData {
    return {
      label: this.label,
      ...(this.role ? { role: this.role } : {}),
      type: this.type,
      ...(this.accelerator ? { accelerator: this.accelerator, registerAccelerator: this.registerAccelerator } : {}),
      ...(this.type === 'radio' || this.type === 'checkbox' ? { checked: this.checked } : {}),
      ...(this.submenu ? { submenu: this.submenu.describe() } : {}),
    };
  }
}

export interface MenuItemData {
  label: string;
  role?: string;
  type: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  checked?: boolean;
  submenu?: MenuItemData[];
}

export class FakeMenu {
  readonly items: FakeMenuItem[];

  constructor(template: Template[], world: World) {
    this.items = template.map((t) => new FakeMenuItem(t, world));
  }

  /** Adjacent radio items form one group, as in Electron. */
  radioGroupOf(item: FakeMenuItem): FakeMenuItem[] {
    const at = this.items.indexOf(item);
    let start = at;
    while (start > 0 && this.items[start - 1]!.type === 'radio') start--;
    let end = at;
    while (end < this.items.length - 1 && this.items[end + 1]!.type === 'radio') end++;
    return this.items.slice(start, end + 1);
  }

  describe(): MenuItemData[] {
    return this.items.map((item) => item.describe());
  }
}

export function createMenuModule(world: World) {
  return {
    buildFromTemplate(template: Template[]): FakeMenu {
      world.record('Menu.buildFromTemplate', [template]);
      return new FakeMenu(template, world);
    },
    /**
     * "When building an application menu in Electron, each top-level array menu item must be a submenu."
     * — https://www.electronjs.org/docs/latest/tutorial/application-menu
     */
    setApplicationMenu(menu: FakeMenu | null): void {
      world.record('Menu.setApplicationMenu', [menu ? menu.describe() : null]);
      for (const item of menu?.items ?? []) {
        if (!item.submenu && !SUBMENU_ROLES.has(item.role?.toLowerCase() ?? '')) {
          world.rules.break('menu-top-level', `top-level item "${item.label || item.role}" of the application menu is not a submenu`);
        }
      }
      world.applicationMenu = menu;
    },
    getApplicationMenu(): FakeMenu | null {
      return world.applicationMenu;
    },
  };
}

/** The item a path of labels (or "(role)") leads to in the application menu, with the menu that holds it. */
export function findMenuItem(root: FakeMenu | null, path: string[]): { item: FakeMenuItem; menu: FakeMenu } {
  let menu = root;
  let found: { item: FakeMenuItem; menu: FakeMenu } | undefined;
  for (const name of path) {
    const item = menu?.items.find((i) => i.label === name || `(${i.role})` === name);
    if (!menu || !item) throw new Error(`no menu item ${path.join(' > ')} (stopped at "${name}")`);
    found = { item, menu };
    menu = item.submenu ?? null;
  }
  if (!found) throw new Error('an empty menu path');
  return found;
}
