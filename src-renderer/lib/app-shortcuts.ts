// What a keyboard shortcut does in the window: what the button or menu item it stands for does. App.svelte decides
// whether a key press is a shortcut now (no dialog open, not typing); the parts that need the window's DOM (sending
// with the invalid field brought into view, revealing a new pane, moving the focus) come in as the view.
import type { ShortcutAction } from './shortcuts';
import type { AppState } from './state/app.svelte';

export interface ShortcutView {
  send(target?: 'all'): void;
  addPane(): void;
  focusPane(delta: 1 | -1): void;
}

export function runShortcut(app: AppState, action: ShortcutAction, view: ShortcutView): void {
  const session = app.session;
  switch (action) {
    case 'send-all':
      view.send('all');
      break;
    case 'send-target':
      view.send();
      break;
    case 'stop-all':
      void session.stop();
      break;
    case 'add-pane':
      view.addPane();
      break;
    case 'next-pane':
      view.focusPane(1);
      break;
    case 'previous-pane':
      view.focusPane(-1);
      break;
    case 'compare':
      if (session.panes.length > 1) void app.compare.show();
      break;
    case 'help':
      app.helpOpen = true;
      break;
    case 'settings':
      void app.settings.open();
      break;
    case 'test-cases':
      session.testSet.open = !session.testSet.open;
      break;
  }
}
