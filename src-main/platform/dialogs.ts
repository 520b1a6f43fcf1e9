// The Dialogs port over Electron's dialog, modal to the main window when there is one.
import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Dialogs } from '../core/ports';

export function createElectronDialogs(getWindow: () => BrowserWindow | undefined): Dialogs {
  const parent = () => {
    const win = getWindow();
    return win && !win.isDestroyed() ? win : undefined;
  };
  return {
    async showSaveDialog({ title, defaultName, filters }) {
      const options: SaveDialogOptions = {
        title,
        defaultPath: join(app.getPath('documents'), defaultName),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const result = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
    async showOpenDialog({ title, filters, folder }) {
      const options: OpenDialogOptions = { title, filters, properties: folder ? ['openDirectory', 'createDirectory'] : ['openFile'] };
      const win = parent();
      const result = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
      return result.canceled ? undefined : result.filePaths[0];
    },
    async confirm({ title, message, detail, confirmLabel }) {
      // Cancel first and default: Enter, Escape or closing the box never says yes.
      const options: MessageBoxOptions = { type: 'warning', title, message, detail, buttons: ['Cancel', confirmLabel], defaultId: 0, cancelId: 0, noLink: true };
      const win = parent();
      const result = await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
      return result.response === 1;
    },
  };
}
