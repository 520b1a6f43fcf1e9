// The built app asks the system's proxy settings (session.resolveProxy) for the API's origin and goes through the
// proxy they name, unless the environment names one: a local recording proxy shows what reached it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../src-shared/contract';
import { APP_ENTRY_URL } from '../../src-main/core/window-policy';
import { startRecordingProxy, type RecordingProxy } from '../../test-support/main/recording-proxy';
import { bootShell, type ShellProcess } from './electron-double/launch';

const MAIN_FRAME = { url: APP_ENTRY_URL, frame: 'main' } as const;
const KEY = 'AIzaShellProxyTestKey';
const API = 'https://generativelanguage.googleapis.com';
/** No proxy from the environment this test runs in: each case names its own. */
const NO_ENV_PROXY = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '' };

describe('the system proxy in the built app', () => {
  let proxy: RecordingProxy;
  let shell: ShellProcess | undefined;

  beforeEach(async () => {
    proxy = await startRecordingProxy();
  });
  afterEach(async () => {
    shell?.kill();
    shell = undefined;
    await proxy.close();
  });

  async function listModelsWith(env: Record<string, string>, systemProxy: string) {
    shell = await bootShell({ env: { ...NO_ENV_PROXY, GEMINI_BASE_URL: API, GEMINI_API_KEY: KEY, ...env }, double: { systemProxy } });
    await shell.until((s) => s.windows.some((w) => w.visible), 'the window to show');
    const answer = await shell.invoke(INVOKE_CHANNELS.listModels, undefined, MAIN_FRAME);
    return { answer, asked: (await shell.snapshot()).calls.filter((c) => c.api === 'session.resolveProxy').map((c) => c.args[0]) };
  }

  it('asks it for the API origin and tunnels through the proxy it names', async () => {
    const { asked } = await listModelsWith({}, `PROXY ${new URL(proxy.url).host}; DIRECT`);
    expect(new Set(asked)).toEqual(new Set([`${API}/`]));
    expect(new Set(proxy.seen)).toEqual(new Set(['CONNECT generativelanguage.googleapis.com:443']));
    expect(proxy.seen.join('\n')).not.toContain(KEY);
  }, 30_000);

  it('goes directly when it says DIRECT', async () => {
    const { asked } = await listModelsWith({}, 'DIRECT');
    expect(asked.length).toBeGreaterThan(0);
    expect(proxy.seen).toEqual([]);
  }, 30_000);

  it('is not asked when HTTPS_PROXY names a proxy, which is used instead', async () => {
    const { asked } = await listModelsWith({ HTTPS_PROXY: proxy.url }, 'PROXY 127.0.0.1:9; DIRECT');
    expect(asked).toEqual([]);
    expect(new Set(proxy.seen)).toEqual(new Set(['CONNECT generativelanguage.googleapis.com:443']));
  }, 30_000);
});
