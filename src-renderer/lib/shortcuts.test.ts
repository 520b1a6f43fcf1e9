// Which key presses trigger which action, on Linux/Windows and on macOS.
import { describe, expect, it } from 'vitest';
import { matchShortcut, shortcutList, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const pc = { mac: false, typing: false };
const mac = { mac: true, typing: false };

describe('matchShortcut', () => {
  it('Ctrl+Enter sends to all, Ctrl+Shift+Enter to the chosen pane; Cmd on macOS', () => {
    expect(matchShortcut(key('Enter', { ctrlKey: true }), pc)).toBe('send-all');
    expect(matchShortcut(key('Enter', { ctrlKey: true, shiftKey: true }), pc)).toBe('send-target');
    expect(matchShortcut(key('Enter', { metaKey: true }), mac)).toBe('send-all');
    expect(matchShortcut(key('Enter', { ctrlKey: true }), mac)).toBeUndefined();
    expect(matchShortcut(key('Enter'), pc)).toBeUndefined();
  });

  it('Esc stops, but not with modifiers', () => {
    expect(matchShortcut(key('Escape'), pc)).toBe('stop-all');
    expect(matchShortcut(key('Escape', { ctrlKey: true }), pc)).toBeUndefined();
  });

  it('adds a pane, moves focus between panes and opens the comparison', () => {
    expect(matchShortcut(key('N', { ctrlKey: true, shiftKey: true }), pc)).toBe('add-pane');
    expect(matchShortcut(key(']', { ctrlKey: true }), pc)).toBe('next-pane');
    expect(matchShortcut(key('[', { metaKey: true }), mac)).toBe('previous-pane');
    expect(matchShortcut(key('ü', { code: 'BracketRight', ctrlKey: true }), pc)).toBe('next-pane');
    expect(matchShortcut(key('D', { ctrlKey: true, shiftKey: true }), pc)).toBe('compare');
  });

  it('"?" opens help only outside text fields; Ctrl+/ everywhere', () => {
    expect(matchShortcut(key('?', { shiftKey: true }), pc)).toBe('help');
    expect(matchShortcut(key('?', { shiftKey: true }), { mac: false, typing: true })).toBeUndefined();
    expect(matchShortcut(key('/', { ctrlKey: true }), { mac: false, typing: true })).toBe('help');
  });

  it('Ctrl+, (⌘, on macOS) opens Settings, in a text field too', () => {
    expect(matchShortcut(key(',', { ctrlKey: true }), { mac: false, typing: true })).toBe('settings');
    expect(matchShortcut(key(',', { metaKey: true }), mac)).toBe('settings');
    expect(matchShortcut(key(';', { code: 'Comma', ctrlKey: true }), pc)).toBe('settings');
    expect(matchShortcut(key(','), pc)).toBeUndefined();
    expect(matchShortcut(key(',', { ctrlKey: true }), mac)).toBeUndefined();
    expect(shortcutList(false).find((s) => s.action === 'settings')!.keys).toEqual(['Ctrl+,']);
  });

  it('Ctrl+Shift+E (⌘ Shift E) shows or hides the test cases', () => {
    expect(matchShortcut(key('E', { ctrlKey: true, shiftKey: true }), { mac: false, typing: true })).toBe('test-cases');
    expect(matchShortcut(key('E', { metaKey: true, shiftKey: true }), mac)).toBe('test-cases');
    expect(matchShortcut(key('e', { ctrlKey: true }), pc)).toBeUndefined();
    expect(shortcutList(false).find((s) => s.action === 'test-cases')!.keys).toEqual(['Ctrl+Shift+E']);
  });

  it('ignores key presses during IME composition', () => {
    expect(matchShortcut(key('Enter', { ctrlKey: true, isComposing: true }), pc)).toBeUndefined();
  });

  it('lists every action once, with platform keys', () => {
    const list = shortcutList(true);
    expect(new Set(list.map((s) => s.action)).size).toBe(list.length);
    expect(list.find((s) => s.action === 'send-all')!.keys).toEqual(['⌘ Enter']);
    expect(shortcutList(false).find((s) => s.action === 'send-all')!.keys).toEqual(['Ctrl+Enter']);
  });
});
