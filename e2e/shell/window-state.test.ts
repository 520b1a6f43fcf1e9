// The built main process places its window from the saved state and the double's displays: within a 1366×768
// screen (the window used to be 1440×900 whatever the screen), on a monitor left of the primary, back on the primary
// when its monitor is gone, maximized again; and what the person did to the window is there at the next start.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WINDOW_STATE_STORE } from '../../src-main/core/window-state';
import { bootShell, type ShellProcess, type ShellSnapshot } from './electron-double/launch';
import type { DisplaySetup } from './electron-double/screen';

const LAPTOP: DisplaySetup = { bounds: { x: 0, y: 0, width: 1366, height: 768 }, workArea: { x: 0, y: 0, width: 1366, height: 728 } };
const LEFT_OF_PRIMARY: DisplaySetup = { bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, workArea: { x: -1920, y: 0, width: 1920, height: 1050 } };

const shells: ShellProcess[] = [];
afterEach(() => {
  for (const shell of shells.splice(0)) shell.kill();
});

/** A data folder holding `state` as the saved window state, as the app wrote it last time. */
function profileWith(state: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-shell-profile-'));
  writeFileSync(join(dir, `${WINDOW_STATE_STORE}.json`), JSON.stringify({ main: state }));
  return dir;
}

async function boot(displays: DisplaySetup[], profile?: string): Promise<{ shell: ShellProcess; shown: ShellSnapshot }> {
  const shell = await bootShell({ double: { displays }, ...(profile ? { env: { PG_USER_DATA_DIR: profile } } : {}) });
  shells.push(shell);
  const shown = await shell.until((s) => s.windows.some((w) => w.visible) || s.exitCode !== undefined, 'the window to show');
  expect(shown.violations).toEqual([]);
  expect(shown.unhandled).toEqual([]);
  expect(shown.windows).toHaveLength(1);
  return { shell, shown };
}

const created = (s: ShellSnapshot) => {
  const { x, y, width, height, minWidth, minHeight } = s.windows[0]!.options;
  return { x, y, width, height, minWidth, minHeight };
};

describe('the window placed from the saved state and the displays there are', () => {
  it('first start on a 1366×768 screen: 90 % of its work area, centred, and asks the screen only after ready', async () => {
    const { shown } = await boot([LAPTOP]);
    expect(created(shown)).toEqual({ x: 68, y: 36, width: 1229, height: 655, minWidth: 720, minHeight: 480 });
    const apis = shown.calls.map((c) => c.api);
    expect(apis.indexOf('screen.getPrimaryDisplay')).toBeGreaterThan(shown.calls.findIndex((c) => c.api === 'app.emit' && c.args[0] === 'ready'));
    expect(apis.indexOf('screen.getPrimaryDisplay')).toBeLessThan(apis.indexOf('new BrowserWindow'));
    expect(shown.windows[0]!.actions).toEqual(['show']);
  });

  it('saved at 1440×900 and maximized on a larger screen: shrunk to the 1366×768 work area, and maximized before it shows', async () => {
    const { shown } = await boot([LAPTOP], profileWith({ bounds: { x: 240, y: 70, width: 1440, height: 900 }, maximized: true }));
    expect(created(shown)).toEqual({ x: 0, y: 0, width: 1366, height: 728, minWidth: 720, minHeight: 480 });
    expect(shown.windows[0]).toMatchObject({ maximized: true, visible: true, actions: ['maximize', 'show'] });
  });

  it('saved on a monitor left of the primary: reopens there, at its negative coordinates', async () => {
    const bounds = { x: -1800, y: 100, width: 1500, height: 900 };
    const { shown } = await boot([LAPTOP, LEFT_OF_PRIMARY], profileWith({ bounds, maximized: false }));
    expect(created(shown)).toEqual({ ...bounds, minWidth: 720, minHeight: 480 });
  });

  it('saved on that monitor, now unplugged: back on the primary at the first-start place', async () => {
    const { shown } = await boot([LAPTOP], profileWith({ bounds: { x: -1800, y: 100, width: 1500, height: 900 }, maximized: false }));
    expect(created(shown)).toEqual({ x: 68, y: 36, width: 1229, height: 655, minWidth: 720, minHeight: 480 });
  });

  it('a damaged state file: the first-start place, and the app starts as usual', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'pg-shell-profile-'));
    writeFileSync(join(profile, `${WINDOW_STATE_STORE}.json`), '{"main": {"bounds": ');
    const { shown } = await boot([LAPTOP], profile);
    expect(created(shown)).toMatchObject({ x: 68, y: 36, width: 1229, height: 655 });
    expect(shown.errorBoxes).toEqual([]);
  });

  it('moved, resized and maximized by the person, then quit: the next start opens as it was left', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'pg-shell-profile-'));
    const first = await boot([LAPTOP, LEFT_OF_PRIMARY], profile);
    await first.shell.call('setWindowBounds', { bounds: { x: -1500, y: 200, width: 1000, height: 700 } });
    await first.shell.call('maximize');
    await first.shell.call('quit');
    const { code } = await first.shell.exited;
    expect(code).toBe(0);
    const saved = JSON.parse(readFileSync(join(profile, `${WINDOW_STATE_STORE}.json`), 'utf8')) as unknown;
    expect(saved).toEqual({ main: { bounds: { x: -1500, y: 200, width: 1000, height: 700 }, maximized: true } });
    const second = await boot([LAPTOP, LEFT_OF_PRIMARY], profile);
    expect(created(second.shown)).toEqual({ x: -1500, y: 200, width: 1000, height: 700, minWidth: 720, minHeight: 480 });
    expect(second.shown.windows[0]).toMatchObject({ maximized: true, actions: ['maximize', 'show'] });
  });
});
