// Runs in the page before the app: the production bridge over a Playwright transport
// (exposeBinding for renderer → main, page.evaluate into __pgDispatch for main → renderer).
// The binding carries JSON, so bytes (addMedia) travel base64-encoded (bytes-codec.ts). Each argument is first
// structured-cloned, as ipcRenderer.invoke does: JSON would quietly drop a function or flatten a $state proxy that
// Electron refuses with a DataCloneError.
// A large argument (a session saved, an image) is POSTed to the harness first and the binding names it: through
// the binding itself a 1 MB save cost the page 25–45 ms (the CDP message is built on its thread), where Electron's
// clone and message copy cost a few. Calls still reach main in the order they were made, as on one IPC channel:
// while an upload is on its way, later calls wait for it.
import { createBridge, type BridgeTransport } from '../../src-shared/bridge';
import type { IpcResult } from '../../src-shared/contract';
import { encodeBytes } from './bytes-codec';
import { toWire } from './wire-json';

/** Over this many characters of JSON an argument goes as a POST body (see above). */
const UPLOAD_OVER = 64 * 1024;

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __pgInvoke(channel: string, arg: unknown): Promise<IpcResult<unknown>>;
  __pgInvokeUploaded(channel: string, upload: number): Promise<IpcResult<unknown>>;
  __pgCloneFailure(message: string): Promise<void>;
  __pgDispatch(batch: [string, unknown][]): void;
  playground: unknown;
}

const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();

w.__pgDispatch = (batch) => {
  for (const [channel, payload] of batch) listeners.get(channel)?.forEach((listener) => listener(payload));
};

/** Settles once the last upload reached the harness; calls made meanwhile go after it. */
let inFlight: Promise<void> | undefined;
let uploads = 0;

function inOrder<T>(call: () => Promise<T>): Promise<T> {
  return inFlight ? inFlight.then(call) : call();
}

function upload(channel: string, text: string): Promise<IpcResult<unknown>> {
  const id = ++uploads;
  const sent = inOrder(async () => {
    const response = await fetch(`/__pg/upload/${id}`, { method: 'POST', body: text });
    if (!response.ok) throw new Error(`the harness refused upload ${id}: ${response.status}`);
  });
  // Registered before `inFlight` below, so this call is made before any that waits for the upload.
  const call = sent.then(() => w.__pgInvokeUploaded(channel, id));
  const gate = sent.then(
    () => undefined,
    () => undefined,
  );
  inFlight = gate;
  void gate.then(() => {
    if (inFlight === gate) inFlight = undefined;
  });
  return call;
}

const transport: BridgeTransport = {
  invoke(channel, arg) {
    let copy: unknown;
    try {
      copy = structuredClone(arg);
    } catch (error) {
      void w.__pgCloneFailure(`argument of ${channel} could not be cloned for IPC: ${(error as Error).message}`);
      return Promise.reject(error);
    }
    const encoded = encodeBytes(copy);
    const text = toWire(encoded);
    if (text.length > UPLOAD_OVER) return upload(channel, text);
    return inOrder(() => w.__pgInvoke(channel, encoded));
  },
  on(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
};

w.playground = Object.freeze(createBridge(transport));
