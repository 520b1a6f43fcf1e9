// The application menu in Electron: core/menu-model.ts's items, each command sent to the focused window (whose page
// runs it as its own button would) and each action done here: the About box, the README, the logs folder.
import { release } from 'node:os';
import { app, BrowserWindow, dialog, Menu, shell, type BaseWindow, type MenuItemConstructorOptions, type MessageBoxOptions } from 'electron';
import type { ThemeChoice } from '../../src-shared/app-settings';
import type { AppCommand } from '../../src-shared/contract';
import { aboutContent, appMenuModel, type MenuAction, type MenuItemModel } from '../core/menu-model';
import type { Logger } from '../core/ports';
import { logsFolder, openLogsFolder } from './logs';

/** As electron-builder's productName and the window's title; app.name is package.json's name. */
const PRODUCT_NAME = 'Gemini Prompt Playground';

export interface AppMenuOptions {
  development: boolean;
  /** package.json's homepage, where the README is online; none: Help has no README item. */
  readmeUrl: string | undefined;
  logger: Logger;
  /** Where a command goes when no window has the focus (macOS keeps its menu bar without one). */
  mainWindow(): BrowserWindow | undefined;
  /** Sends a command to a window's page (the contract's `command` event). */
  sendCommand(window: BrowserWindow, command: AppCommand): void;
  /** The theme in the saved settings, the one checked under View → Theme. */
  savedTheme(): Promise<ThemeChoice | undefined>;
}

export interface AppMenu {
  /** Builds the menu again with the saved theme checked; call it after the settings changed. */
  refresh(): Promise<void>;
}

export function installAppMenu(options: AppMenuOptions): AppMenu {
  const windowFor = (focused: BaseWindow | undefined) => (focused instanceof BrowserWindow ? focused : options.mainWindow());
  const toTemplate = (item: MenuItemModel): MenuItemConstructorOptions => {
    const { command, action, submenu, ...rest } = item;
    const template: MenuItemConstructorOptions = { ...rest };
    if (submenu) template.submenu = submenu.map(toTemplate);
    if (command) {
      template.click = (_item, focused) => {
        const target = windowFor(focused);
        if (target && !target.isDestroyed()) options.sendCommand(target, command);
        // Electron has already checked the clicked theme; until the page has saved it (it may not: a dialog is open,
        // the save is refused) the menu shows the saved one.
        if (item.type === 'radio') void refresh();
      };
    }
    if (action) template.click = (_item, focused) => void runAction(action, windowFor(focused), options);
    return template;
  };
  const build = (theme: ThemeChoice | undefined) => {
    const model = appMenuModel({ platform: process.platform, development: options.development, appName: PRODUCT_NAME, theme, readme: options.readmeUrl !== undefined });
    Menu.setApplicationMenu(Menu.buildFromTemplate(model.map(toTemplate)));
  };
  const refresh = () =>
    options.savedTheme().then(build, (error: unknown) => options.logger.warn('menu: the saved theme could not be read', { error: String(error) }));
  // At once, so that Electron's default menu (with the developer tools) is never the window's; the theme follows.
  build(undefined);
  void refresh();
  return { refresh };
}

async function runAction(action: MenuAction, window: BrowserWindow | undefined, options: AppMenuOptions): Promise<void> {
  const { logger } = options;
  const messageBox = (box: MessageBoxOptions) =>
    window && !window.isDestroyed() ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box);
  try {
    switch (action) {
      case 'about': {
        const about = aboutContent({ appName: PRODUCT_NAME, version: app.getVersion(), versions: process.versions, platform: process.platform, arch: process.arch, osRelease: release() });
        await messageBox({ type: 'info', buttons: ['OK'], noLink: true, ...about });
        return;
      }
      case 'open-readme':
        if (options.readmeUrl) await shell.openExternal(options.readmeUrl);
        return;
      case 'open-logs': {
        const problem = await openLogsFolder();
        if (!problem) return;
        logger.warn('menu: the logs folder did not open', { problem });
        // The path is in the box, so the person can go there another way.
        await messageBox({ type: 'warning', buttons: ['OK'], noLink: true, title: 'Open logs folder', message: 'The logs folder could not be opened.', detail: `${problem}\n\n${logsFolder()}` });
        return;
      }
    }
  } catch (error) {
    logger.warn(`menu: ${action} failed`, { error: String(error) });
  }
}
