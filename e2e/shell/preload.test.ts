// The built preload, run as a sandboxed renderer runs it: it exposes exactly the contract — one function per
// method of INVOKE_CHANNELS plus `on` — each on its own channel, and event listeners never see Electron's event.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type ApiMethod } from '../../src-shared/contract';
import { BUILT_MAIN } from './electron-double/launch';
import { runSandboxedPreload, type PreloadRun } from './electron-double/preload-sandbox';

const PRELOAD = join(BUILT_MAIN, '..', '..', 'preload', 'preload.cjs');
const METHODS = Object.keys(INVOKE_CHANNELS) as ApiMethod[];

describe('the built preload in a sandboxed renderer', () => {
  let run: PreloadRun;
  let api: Record<string, (...args: unknown[]) => unknown>;

  beforeAll(() => {
    if (!existsSync(PRELOAD)) throw new Error(`No built preload at ${PRELOAD}: run \`npm run build\` first.`);
    run = runSandboxedPreload(PRELOAD, async (channel, args) => ({ ok: true, value: { channel, args } }));
    api = run.exposed.get('playground') as typeof api;
  });

  it('runs as a CommonJS script that requires only what a sandboxed preload may', () => {
    expect(run.rules.violations).toEqual([]);
    expect(run.required).toEqual(['electron']);
  });

  it('exposes one object, window.playground, with exactly the contract’s methods and `on`', () => {
    expect([...run.exposed.keys()]).toEqual(['playground']);
    expect(Object.keys(api).sort()).toEqual([...METHODS, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof api[key], key).toBe('function');
  });

  it('sends each method on its own channel, with its argument as a structured clone', async () => {
    for (const method of METHODS) {
      const arg = { probe: method, bytes: new Uint8Array([1, 2, 3]) };
      await expect(api[method]!(arg), method).resolves.toEqual({ ok: true, value: { channel: INVOKE_CHANNELS[method], args: [arg] } });
    }
    expect(run.ipcRenderer.invoked.map((c) => c.channel)).toEqual(METHODS.map((m) => INVOKE_CHANNELS[m]));
    expect(run.ipcRenderer.sent).toEqual([]);
  });

  it('hands events to listeners without Electron’s event object, and unsubscribes', () => {
    for (const [event, channel] of Object.entries(EVENT_CHANNELS)) {
      const seen: unknown[][] = [];
      const off = api.on!(event, (...args: unknown[]) => seen.push(args)) as () => void;
      run.ipcRenderer.deliver(channel, { type: 'delta', text: 'hi' });
      expect(seen, event).toEqual([[{ type: 'delta', text: 'hi' }]]);
      off();
      expect(run.ipcRenderer.listenerCount(channel), event).toBe(0);
    }
  });
});
