// The double enforces the documented rules: each broken rule throws at the call and is recorded.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSandboxedPreload } from './preload-sandbox';
import { World } from './world';

const temp = () => mkdtempSync(join(tmpdir(), 'pg-double-'));
const world = () => new World({ home: temp() });
type Electron = {
  app: World['app'];
  protocol: { registerSchemesAsPrivileged(s: unknown[]): void; handle(s: string, h: () => Response): void };
  session: { defaultSession: unknown };
  BrowserWindow: new (o?: Record<string, unknown>) => { webContents: { send(c: string, p: unknown): void } };
  dialog: { showErrorBox(t: string, c: string): void };
};
const modules = (w: World) => w.electron as unknown as Electron;

function preload(dir: string, name: string, code: string): string {
  const path = join(dir, name);
  writeFileSync(path, code);
  return path;
}

describe('ready-ordering rules', () => {
  it('registers privileged schemes only before ready, and only once', () => {
    const w = world();
    const { protocol, app } = modules(w);
    protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]);
    expect(() => protocol.registerSchemesAsPrivileged([{ scheme: 'b' }])).toThrow('can be called only once');
    const late = world();
    late.app.emitReady();
    expect(() => modules(late).protocol.registerSchemesAsPrivileged([{ scheme: 'app' }])).toThrow(
      "before-ready: protocol.registerSchemesAsPrivileged must be called before the app's ready event",
    );
    expect(late.rules.violations.map((v) => v.rule)).toEqual(['before-ready']);
    expect(app.isReady()).toBe(false);
  });

  it('refuses protocol.handle, BrowserWindow, session and dialogs before ready, but not the error box', () => {
    const { protocol, session, BrowserWindow, dialog } = modules(world());
    expect(() => protocol.handle('app', () => new Response(''))).toThrow('protocol.handle cannot be used before');
    expect(() => new BrowserWindow()).toThrow('new BrowserWindow cannot be used before');
    expect(() => session.defaultSession).toThrow('session.defaultSession cannot be used before');
    expect(() => dialog.showErrorBox('t', 'c')).not.toThrow();
  });

  it('refuses the screen module before ready, and answers with the displays set up after it', () => {
    const w = new World({ home: temp(), displays: [{ bounds: { x: 0, y: 0, width: 1366, height: 768 }, workArea: { x: 0, y: 0, width: 1366, height: 728 } }] });
    const screen = w.electron.screen as { getPrimaryDisplay(): { workArea: object }; getAllDisplays(): unknown[] };
    expect(() => screen.getPrimaryDisplay()).toThrow('screen.getPrimaryDisplay cannot be used before');
    expect(() => screen.getAllDisplays()).toThrow('screen.getAllDisplays cannot be used before');
    w.app.emitReady();
    expect(screen.getPrimaryDisplay().workArea).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    expect(screen.getAllDisplays()).toHaveLength(1);
  });

  it('refuses to move userData after ready, or onto a folder that does not exist', () => {
    const w = world();
    const missing = join(temp(), 'missing');
    expect(() => w.app.setPath('userData', missing)).toThrow(`${missing} is not an existing folder`);
    expect(() => w.app.setPath('userData', 'relative')).toThrow('is not an absolute path');
    w.app.emitReady();
    expect(() => w.app.setPath('userData', temp())).toThrow("app.setPath('userData') must be called before");
  });
});

describe('the sandboxed preload rule', () => {
  const made = (prefs: Record<string, unknown>) => {
    const w = world();
    w.app.emitReady();
    return () => new (modules(w).BrowserWindow)({ webPreferences: prefs });
  };

  it('accepts an existing .cjs file', () => {
    const path = preload(temp(), 'preload.cjs', '');
    expect(made({ preload: path })).not.toThrow();
  });

  it('refuses a missing file, a relative path, an ES module and a .js under "type": "module"', () => {
    const dir = temp();
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    expect(made({ preload: join(dir, 'nope.cjs') })).toThrow('does not exist');
    expect(made({ preload: 'preload.cjs' })).toThrow('must be an absolute path');
    expect(made({ preload: preload(dir, 'p.mjs', '') })).toThrow('is an ES module');
    expect(made({ preload: preload(dir, 'p.js', '') })).toThrow('under "type": "module"');
  });

  it('does not apply to an unsandboxed window', () => {
    expect(made({ sandbox: false, preload: join(temp(), 'p.mjs') })).not.toThrow();
  });
});

describe('IPC rules', () => {
  it('refuses a second handler for a channel until the first is removed', () => {
    const w = world();
    w.ipcMain.handle('pg:x', () => 1);
    expect(() => w.ipcMain.handle('pg:x', () => 2)).toThrow("Attempted to register a second handler for 'pg:x'");
    w.ipcMain.removeHandler('pg:x');
    expect(() => w.ipcMain.handle('pg:x', () => 3)).not.toThrow();
  });

  it('refuses arguments, answers and events that do not survive structured cloning', async () => {
    const w = world();
    w.app.emitReady();
    const win = new (modules(w).BrowserWindow)();
    w.ipcMain.handle('pg:echo', (_e, arg) => arg);
    w.ipcMain.handle('pg:fn', () => ({ run: () => 1 }));
    const from = { url: 'app://playground/index.html', frame: 'main' } as const;
    await expect(w.invoke('pg:echo', { bytes: new Uint8Array([1]), when: new Date(0) }, from)).resolves.toEqual({ bytes: new Uint8Array([1]), when: new Date(0) });
    await expect(w.invoke('pg:echo', { listener: () => 1 }, from)).rejects.toThrow("ipcRenderer.invoke('pg:echo') argument could not be cloned");
    await expect(w.invoke('pg:fn', undefined, from)).rejects.toThrow("the answer to 'pg:fn' could not be cloned");
    expect(() => win.webContents.send('pg:event:turn', { done: Promise.resolve() })).toThrow("webContents.send('pg:event:turn') payload could not be cloned");
    expect(w.rules.violations.map((v) => v.rule)).toEqual(['structured-clone', 'structured-clone', 'structured-clone']);
  });
});

describe('runSandboxedPreload', () => {
  const reply = async () => ({ ok: true, value: null });

  it('refuses a require of anything but electron, events, timers and url', () => {
    const path = preload(temp(), 'p.cjs', "require('events'); require('node:url'); require('fs');");
    expect(() => runSandboxedPreload(path, reply)).toThrow('module not found: fs');
  });

  it('refuses an ES module preload', () => {
    const path = preload(temp(), 'p.cjs', "import { contextBridge } from 'electron';");
    expect(() => runSandboxedPreload(path, reply)).toThrow('does not run as a CommonJS script');
  });

  it('refuses to expose the same key twice', () => {
    const path = preload(temp(), 'p.cjs', "const { contextBridge } = require('electron'); contextBridge.exposeInMainWorld('a', {}); contextBridge.exposeInMainWorld('a', {});");
    expect(() => runSandboxedPreload(path, reply)).toThrow('Cannot bind an API on top of an existing property');
  });
});

describe('the application menu', () => {
  type MenuModule = { buildFromTemplate(t: object[]): object; setApplicationMenu(m: object | null): void };
  const menuOf = (w: World) => w.electron.Menu as MenuModule;

  it('refuses a role Electron does not have, an accelerator it cannot parse, and a top-level item without a submenu', () => {
    const w = world();
    const Menu = menuOf(w);
    expect(() => Menu.buildFromTemplate([{ label: 'E', submenu: [{ role: 'copy' }, { role: 'pasteandmatchstyle' }] }])).not.toThrow();
    expect(() => Menu.buildFromTemplate([{ label: 'E', submenu: [{ role: 'kopy' }] }])).toThrow('menu-role: "kopy" is not a menu item role');
    for (const good of ['CmdOrCtrl+,', 'CmdOrCtrl+Shift+S', 'Alt+F4', 'CommandOrControl++', 'Ctrl+Plus', 'Shift+Escape', 'F12']) {
      expect(() => Menu.buildFromTemplate([{ label: good, accelerator: good }]), good).not.toThrow();
    }
    for (const bad of ['CmdOrCtrl+', 'Ctrl+Shift', 'Hyper+K', 'Ctrl+F25']) {
      expect(() => Menu.buildFromTemplate([{ label: bad, accelerator: bad }]), bad).toThrow('is not an accelerator Electron can parse');
    }
    const flat = Menu.buildFromTemplate([{ label: 'Quit', role: 'quit' }]);
    expect(() => Menu.setApplicationMenu(flat)).toThrow('menu-top-level: top-level item "Quit" of the application menu is not a submenu');
    expect(() => Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'windowMenu' }, { label: 'Help', submenu: [] }]))).not.toThrow();
  });

  it('checks a clicked radio item and unchecks its group, then calls its handler with the focused window', () => {
    const w = world();
    w.app.emitReady();
    const clicks: unknown[] = [];
    const Menu = menuOf(w);
    const radio = (label: string, checked: boolean) => ({ label, type: 'radio', checked, click: (_item: unknown, win: unknown) => clicks.push([label, win]) });
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ label: 'View', submenu: [radio('A', true), radio('B', false), { type: 'separator' }, radio('C', true)] }]));
    const win = new (modules(w).BrowserWindow)();
    (win as unknown as { show(): void }).show();
    w.clickMenu(['View', 'B']);
    expect(w.snapshot().menu?.[0]?.submenu?.map((i) => i.checked)).toEqual([false, true, undefined, true]);
    expect(clicks).toEqual([['B', win]]);
    w.focused = undefined;
    w.clickMenu(['View', 'A']);
    expect(clicks.at(-1)).toEqual(['A', undefined]);
    expect(() => w.clickMenu(['View', 'D'])).toThrow('no menu item View > D');
  });
});
