// Start-up failures in the built main process: an error box naming the problem and the log file, the lock given
// up, exit code 1, and the reason in main.log — and a window that never says it is ready is shown anyway.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTUP_ERROR_TITLE } from '../../src-main/core/startup';
import { READY_TO_SHOW_TIMEOUT_MS } from '../../src-main/core/window-lifecycle';
import { bootShell, type ShellProcess } from './electron-double/launch';

async function failedStart(shell: ShellProcess) {
  const { code, snapshot } = await shell.exited;
  expect(code).toBe(1);
  expect(snapshot?.violations).toEqual([]);
  expect(snapshot?.hasLock).toBe(false);
  const calls = snapshot!.calls.map((c) => c.api);
  // The box first, then the lock, then the exit: the person is told before the process goes.
  expect(calls.slice(-3)).toEqual(['dialog.showErrorBox', 'app.releaseSingleInstanceLock', 'app.exit']);
  expect(snapshot?.errorBoxes).toHaveLength(1);
  return snapshot!.errorBoxes[0]!;
}

describe('a start-up that fails', () => {
  it('shows an error box naming the problem and the log file, gives up the lock and exits 1', async () => {
    const shell = await bootShell({ double: { browserWindowError: 'GPU process isn’t usable. Goodbye.' } });
    const box = await failedStart(shell);
    const logFile = join(shell.userData, 'logs', 'main.log');
    expect(box).toEqual({
      title: STARTUP_ERROR_TITLE,
      content: `GPU process isn’t usable. Goodbye.\n\nDetails are in the log file:\n${logFile}`,
    });
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/ERROR app: start-up failed .*GPU process isn’t usable\. Goodbye\./);
  });

  it('when the data folder cannot be made, says so after ready (Linux shows no box before it)', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'pg-shell-')), 'a-file');
    writeFileSync(blocker, '');
    const shell = await bootShell({ env: { PG_USER_DATA_DIR: join(blocker, 'data') } });
    const box = await failedStart(shell);
    expect(box.content).toMatch(/^ENOTDIR: not a directory, mkdir '.*a-file\/data'\n\n/);
    const { snapshot } = await shell.exited;
    const calls = snapshot!.calls.map((c) => c.api);
    expect(calls.indexOf('dialog.showErrorBox')).toBeGreaterThan(snapshot!.calls.findIndex((c) => c.api === 'app.emit' && c.args[0] === 'ready'));
    expect(calls).not.toContain('app.setPath');
    expect(calls).not.toContain('new BrowserWindow');
  });

  it('when the page cannot load, says which Chromium error it was', async () => {
    const shell = await bootShell({ double: { loadError: 'ERR_FILE_NOT_FOUND' } });
    const box = await failedStart(shell);
    expect(box.content.split('\n\n')[0]).toBe("The app's page could not be loaded (ERR_FILE_NOT_FOUND).");
  });

  it('takes a load replaced by another (ERR_ABORTED) calmly', async () => {
    const shell = await bootShell({ double: { loadError: 'ERR_ABORTED', readyToShow: false } });
    const s = await shell.until((s) => s.windows.length === 1, 'the window');
    expect(s.exitCode).toBeUndefined();
    expect(s.errorBoxes).toEqual([]);
    const log = readFileSync(join(shell.userData, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('WARN window: a page load was replaced by another');
    shell.kill();
  });
});

describe('a window that never says it is ready', () => {
  it('is shown anyway after the timeout, and the log says why', async () => {
    const shell = await bootShell({ double: { readyToShow: false } });
    const s = await shell.until((s) => s.windows.some((w) => w.visible), 'the window to be shown', READY_TO_SHOW_TIMEOUT_MS * 3);
    expect(s.windows[0]!.actions).toEqual(['show']);
    expect(s.exitCode).toBeUndefined();
    const log = readFileSync(join(shell.userData, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/WARN window: not ready to show in time; shown anyway \{"timeoutMs":5000\}/);
    shell.kill();
  }, READY_TO_SHOW_TIMEOUT_MS * 4);
});
