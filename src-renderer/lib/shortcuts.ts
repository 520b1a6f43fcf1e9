// Keyboard shortcuts: which key press means which action, and the list the help overlay shows.

export type ShortcutAction =
  | 'send-all'
  | 'send-target'
  | 'stop-all'
  | 'add-pane'
  | 'next-pane'
  | 'previous-pane'
  | 'compare'
  | 'test-cases'
  | 'settings'
  | 'help';

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/**
 * `typing` is true while focus is in a text field, where a bare "?" is text, not a shortcut.
 * Ctrl is Cmd on macOS; the other modifier must be up so system and editing shortcuts still work.
 */
export function matchShortcut(event: KeyLike, options: { mac: boolean; typing: boolean }): ShortcutAction | undefined {
  if (event.isComposing) return undefined;
  const mod = options.mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  const none = !event.ctrlKey && !event.metaKey && !event.altKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey) {
    if (key === 'Enter') return event.shiftKey ? 'send-target' : 'send-all';
    if (event.shiftKey && (key === 'n' || event.code === 'KeyN')) return 'add-pane';
    if (event.shiftKey && (key === 'd' || event.code === 'KeyD')) return 'compare';
    if (event.shiftKey && (key === 'e' || event.code === 'KeyE')) return 'test-cases';
    if (!event.shiftKey && (key === ']' || event.code === 'BracketRight')) return 'next-pane';
    if (!event.shiftKey && (key === '[' || event.code === 'BracketLeft')) return 'previous-pane';
    if (key === '/' || event.code === 'Slash') return 'help';
    // The usual place of an app's settings on macOS (⌘,), and on Linux and Windows in many apps.
    if (!event.shiftKey && (key === ',' || event.code === 'Comma')) return 'settings';
  }
  if (none && !event.shiftKey && key === 'Escape') return 'stop-all';
  if (none && key === '?' && !options.typing) return 'help';
  return undefined;
}

export interface ShortcutInfo {
  action: ShortcutAction;
  keys: string[];
  description: string;
}

export function shortcutList(mac: boolean): ShortcutInfo[] {
  const mod = mac ? '⌘' : 'Ctrl';
  const join = (...keys: string[]) => (mac ? keys.join(' ') : keys.join('+'));
  return [
    { action: 'send-all', keys: [join(mod, 'Enter')], description: 'Send the prompt to all panes' },
    { action: 'send-target', keys: [join(mod, 'Shift', 'Enter')], description: 'Send to the pane chosen next to Send' },
    { action: 'stop-all', keys: ['Esc'], description: 'Stop every answer' },
    { action: 'add-pane', keys: [join(mod, 'Shift', 'N')], description: 'Add a pane' },
    { action: 'next-pane', keys: [join(mod, ']')], description: 'Focus the next pane' },
    { action: 'previous-pane', keys: [join(mod, '[')], description: 'Focus the previous pane' },
    { action: 'compare', keys: [join(mod, 'Shift', 'D')], description: 'Compare the latest answers' },
    { action: 'test-cases', keys: [join(mod, 'Shift', 'E')], description: 'Show or hide the test cases' },
    { action: 'settings', keys: [join(mod, ',')], description: 'Open Settings' },
    { action: 'help', keys: ['?', join(mod, '/')], description: 'Show these shortcuts' },
  ];
}
