// What `import … from 'electron'` gives the app under test (hooks.mjs points the specifier here): the modules of
// the world installed by child.ts.
import { currentWorld } from './world';

const electron = currentWorld().electron;

export const app = electron.app;
export const BrowserWindow = electron.BrowserWindow;
export const protocol = electron.protocol;
export const session = electron.session;
export const ipcMain = electron.ipcMain;
export const dialog = electron.dialog;
export const shell = electron.shell;
export const nativeTheme = electron.nativeTheme;
export const safeStorage = electron.safeStorage;
export const screen = electron.screen;
export const Menu = electron.Menu;
export default electron;
