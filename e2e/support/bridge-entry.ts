// Runs in the page before the app: the production bridge over a Playwright transport
// (exposeBinding for renderer → main, page.evaluate into __pgDispatch for main → renderer).
// The binding carries JSON, so bytes (addMedia) travel base64-encoded (bytes-codec.ts). Each argument is first
// structured-cloned, as ipcRenderer.invoke does: JSON would quietly drop a function or flatten a $state proxy that
// Electron refuses with a DataCloneError.
import { createBridge, type BridgeTransport } from '../../src-shared/bridge';
import type { IpcResult } from '../../src-shared/contract';
import { encodeBytes } from './bytes-codec';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __pgInvoke(channel: string, arg: unknown): Promise<IpcResult<unknown>>;
  __pgCloneFailure(message: string): Promise<void>;
  __pgDispatch(batch: [string, unknown][]): void;
  playground: unknown;
}

const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();

w.__pgDispatch = (batch) => {
  for (const [channel, payload] of batch) listeners.get(channel)?.forEach((listener) => listener(payload));
};

const transport: BridgeTransport = {
  invoke(channel, arg) {
    let copy: unknown;
    try {
      copy = structuredClone(arg);
    } catch (error) {
      void w.__pgCloneFailure(`argument of ${channel} could not be cloned for IPC: ${(error as Error).message}`);
      return Promise.reject(error);
    }
    return w.__pgInvoke(channel, encodeBytes(copy));
  },
  on(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
};

w.playground = Object.freeze(createBridge(transport));
