// What an application menu item does in the window: exactly what the button it stands for does. While a dialog is
// open the buttons behind it are out of reach, and so are the menu's commands: a second Settings would throw away
// what is typed in the first, a new session would change what the dialog is about.
import type { AppCommand } from '../../src-shared/contract';
import type { AppState } from './state/app.svelte';
import { toAppError } from './state/errors';

export interface CommandView {
  /** Whether the sessions sidebar is showing now (it also hides itself when the window is narrow). */
  sidebarShown: boolean;
}

export function runAppCommand(app: AppState, command: AppCommand, view: CommandView): void {
  if (app.modalOpen) return;
  const sessions = app.sessions;
  switch (command.command) {
    case 'new-session':
      void sessions.create();
      break;
    case 'import-session':
      void sessions.importFile();
      break;
    case 'export-session':
      void sessions.exportFile();
      break;
    case 'open-settings':
      void app.settings.open();
      break;
    case 'toggle-sidebar':
      sessions.sidebarChoice = !view.sidebarShown;
      break;
    case 'show-shortcuts':
      app.helpOpen = true;
      break;
    case 'set-theme':
      app.settings.chooseTheme(command.theme).catch((e: unknown) => {
        sessions.notice = { kind: 'error', message: `The theme was not saved: ${toAppError(e).message}` };
      });
      break;
  }
}
