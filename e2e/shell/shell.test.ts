// The built main process (out/main/index.js) booted against the Electron double: the documented rules, the window's
// security settings, the app:// protocol, the guards, IPC sender checks, a second launch, and quitting.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src-shared/contract';
import { pngBytes } from '../../test-support/main/images';
import { APP_ENTRY_URL, BLOB_CACHE_CONTROL, CONTENT_SECURITY_POLICY, mimeTypeFor } from '../../src-main/core/window-policy';
import { BUILT_MAIN, BUILT_RENDERER, bootShell, type ShellProcess, type ShellSnapshot } from './electron-double/launch';

const PRELOAD = join(BUILT_MAIN, '..', '..', 'preload', 'preload.cjs');
const MAIN_FRAME = { url: APP_ENTRY_URL, frame: 'main' } as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const apis = (s: ShellSnapshot) => s.calls.map((c) => c.api);
const visibleWindow = (s: ShellSnapshot) => s.windows.some((w) => w.visible);

describe('the built main process against the Electron double', () => {
  let shell: ShellProcess;
  let booted: ShellSnapshot;

  beforeAll(async () => {
    shell = await bootShell();
    booted = await shell.until((s) => visibleWindow(s) || s.exitCode !== undefined, 'the window to show');
  }, 30_000);

  afterAll(() => shell?.kill());

  it('starts with no broken rule, no error box and nothing unhandled', () => {
    expect(booted.violations).toEqual([]);
    expect(booted.unhandled).toEqual([]);
    expect(booted.errorBoxes).toEqual([]);
    expect(booted.exitCode).toBeUndefined();
  });

  it('registers app:// as a privileged scheme before ready, and serves it after', () => {
    const order = apis(booted);
    const ready = booted.calls.findIndex((c) => c.api === 'app.emit' && c.args[0] === 'ready');
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
    expect(order.indexOf('protocol.handle')).toBeGreaterThan(ready);
    expect(booted.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true } }]);
    expect(booted.protocolHandlers).toEqual(['app']);
  });

  it('creates the data folder before app.setPath, and keeps its logs inside it', () => {
    expect(booted.calls.filter((c) => c.api === 'app.setPath')).toEqual([{ api: 'app.setPath', args: ['userData', shell.userData] }]);
    expect(booted.calls.filter((c) => c.api === 'app.setAppLogsPath')).toEqual([{ api: 'app.setAppLogsPath', args: [join(shell.userData, 'logs')] }]);
    expect(statSync(shell.userData).isDirectory()).toBe(true);
  });

  it('makes one window, hidden until ready, with the secure webPreferences and the CommonJS preload', () => {
    expect(booted.windows).toHaveLength(1);
    const [win] = booted.windows;
    expect(win!.options.show).toBe(false);
    expect(win!.options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: PRELOAD,
    });
    expect(win!.url).toBe(APP_ENTRY_URL);
    expect(win!.actions).toEqual(['show']);
  });

  it('serves every file of the built renderer with its type and the security headers', async () => {
    const files = filesUnder(BUILT_RENDERER);
    expect(files.map((f) => relative(BUILT_RENDERER, f))).toContain('index.html');
    for (const file of files) {
      const url = `app://playground/${relative(BUILT_RENDERER, file).split(sep).map(encodeURIComponent).join('/')}`;
      const response = await shell.fetch(url);
      expect(response.status, url).toBe(200);
      expect(Buffer.from(response.body).equals(readFileSync(file)), url).toBe(true);
      expect(response.headers, url).toMatchObject({
        'content-type': mimeTypeFor(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      });
    }
    expect((await shell.fetch('app://playground/')).status).toBe(200);
  });

  it('answers 404, still with the CSP, to traversal, other hosts, other methods and missing files', async () => {
    const refused = [
      'app://playground/..%2f..%2fpackage.json',
      'app://playground/assets%2f..%2f..%2fpackage.json',
      'app://playground/..%5c..%5cpackage.json',
      'app://playground/%2e%2e/%2e%2e/package.json',
      'app://playground//etc/passwd',
      'app://playground/index.html%00.png',
      'app://other/index.html',
      'app://playground.evil/index.html',
      'app://playground/no-such-file.js',
      `app://playground/blobs/${'0'.repeat(64)}`,
    ];
    for (const url of refused) {
      const response = await shell.fetch(url);
      expect(response.status, url).toBe(404);
      expect(response.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await shell.fetch(APP_ENTRY_URL, 'POST')).status).toBe(404);
    expect(existsSync(join(BUILT_RENDERER, '..', '..', 'package.json'))).toBe(true);
  });

  it('serves an attached image at /blobs/<sha256>, immutable and cached', async () => {
    const bytes = pngBytes(0x33);
    const added = (await shell.invoke(INVOKE_CHANNELS.addMedia, { name: 'dot.png', bytes }, MAIN_FRAME)) as { ok: boolean; value: { sha256: string } };
    expect(added.ok).toBe(true);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(added.value.sha256).toBe(sha256);
    const response = await shell.fetch(`app://playground/blobs/${sha256}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(response.body).equals(Buffer.from(bytes))).toBe(true);
    expect(response.headers).toMatchObject({ 'content-type': 'image/png', 'cache-control': BLOB_CACHE_CONTROL, 'content-security-policy': CONTENT_SECURITY_POLICY });
    expect(BLOB_CACHE_CONTROL).toContain('immutable');
  });

  it('refuses navigation away from the app and webviews', async () => {
    for (const kind of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html']) {
        expect(await shell.call('navigate', { kind, url }), `${kind} ${url}`).toBe(true);
      }
    }
    expect(await shell.call('navigate', { kind: 'will-attach-webview', url: 'https://evil.example/' })).toBe(true);
  });

  it('never opens a window: validated web links go to the system browser, anything else nowhere', async () => {
    const open = (url: string) => shell.call<{ action: string }>('openWindow', { url });
    expect(await open('https://example.com/docs?q=1')).toEqual({ action: 'deny' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com/', 'app://playground/index.html']) {
      expect(await open(url), url).toEqual({ action: 'deny' });
    }
    const s = await shell.until((s) => s.openedExternally.length > 0, 'openExternal');
    expect(s.openedExternally).toEqual(['https://example.com/docs?q=1']);
  });

  it('grants clipboard writing to the app’s main frame only, and no other permission', async () => {
    const request = (permission: string, requestingUrl: string, isMainFrame: boolean) =>
      shell.call<boolean>('requestPermission', { permission, details: { requestingUrl, isMainFrame } });
    const check = (permission: string, origin: string, isMainFrame: boolean) =>
      shell.call<boolean>('checkPermission', { permission, origin, details: { isMainFrame } });
    expect(booted.permissionHandlers).toEqual({ request: true, check: true });
    expect(await request('clipboard-sanitized-write', APP_ENTRY_URL, true)).toBe(true);
    expect(await check('clipboard-sanitized-write', 'app://playground', true)).toBe(true);
    expect(await request('clipboard-sanitized-write', APP_ENTRY_URL, false)).toBe(false);
    expect(await check('clipboard-sanitized-write', 'app://playground', false)).toBe(false);
    expect(await request('clipboard-sanitized-write', 'https://evil.example/', true)).toBe(false);
    expect(await check('clipboard-sanitized-write', 'https://evil.example', true)).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal']) {
      expect(await request(permission, APP_ENTRY_URL, true), permission).toBe(false);
      expect(await check(permission, 'app://playground', true), permission).toBe(false);
    }
  });

  it('registers exactly one IPC handler per channel of the contract', () => {
    expect([...booted.ipcHandlers].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('answers IPC from the app’s main frame and refuses other frames and origins', async () => {
    const status = (from: { url: string; frame: 'main' | 'sub' | 'gone' }) => shell.invoke(INVOKE_CHANNELS.getKeyStatus, undefined, from);
    expect(await status(MAIN_FRAME)).toMatchObject({ ok: true, value: { configured: false } });
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    expect(await status({ url: APP_ENTRY_URL, frame: 'sub' })).toMatchObject(forbidden);
    expect(await status({ url: 'https://evil.example/', frame: 'main' })).toMatchObject(forbidden);
    expect(await status({ url: 'file:///tmp/x.html', frame: 'main' })).toMatchObject(forbidden);
    expect(await status({ url: APP_ENTRY_URL, frame: 'gone' })).toMatchObject(forbidden);
  });

  it('brings the window back when the app is launched again', async () => {
    await shell.call('minimize');
    await shell.call('secondInstance', { argv: ['playground'] });
    const [win] = (await shell.snapshot()).windows;
    expect(win!.actions.slice(-3)).toEqual(['minimize', 'restore', 'focus']);
  });

  it('asks the page to save before it quits, then removes every IPC handler and ends with code 0', async () => {
    await shell.call('quit').catch(() => undefined);
    // Main waits for the page's answer (close-gate.ts) with the window and the IPC still there.
    const asked = await shell.until((s) => s.sent.some((m) => m.channel === EVENT_CHANNELS.closing), 'the page to be asked to save');
    expect(asked.sent.map((m) => m.channel)).toContain(EVENT_CHANNELS.closing);
    expect(asked.windows).toHaveLength(1);
    expect(asked.ipcHandlers).toContain(INVOKE_CHANNELS.closeReady);
    expect(await shell.invoke(INVOKE_CHANNELS.closeReady, { saved: true }, MAIN_FRAME)).toMatchObject({ ok: true });
    const { code, snapshot } = await shell.exited;
    expect(code).toBe(0);
    expect(snapshot?.ipcHandlers).toEqual([]);
    expect(snapshot?.violations).toEqual([]);
    expect(snapshot?.unhandled).toEqual([]);
  });
});

describe('a second launch while the app runs', () => {
  it('quits at once: no window, no protocol, no handlers', async () => {
    const second = await bootShell({ double: { lockHeldByAnother: true } });
    const { code, snapshot } = await second.exited;
    expect(code).toBe(0);
    expect(snapshot).toMatchObject({ windows: [], protocolHandlers: [], privilegedSchemes: [], ipcHandlers: [], errorBoxes: [], violations: [] });
    expect(snapshot?.calls.map((c) => c.api)).toContain('app.quit');
  });
});
