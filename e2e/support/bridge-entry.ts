// Runs in the page before the app: the production bridge over a Playwright transport
// (exposeBinding for renderer → main, page.evaluate into __pgDispatch for main → renderer).
// The binding carries JSON, so bytes (addMedia) travel base64-encoded (bytes-codec.ts). Each argument is first
// structured-cloned, as ipcRenderer.invoke does: JSON would quietly drop a function or flatten a $state proxy that
// Electron refuses with a DataCloneError.
// Large values go through the harness's IPC worker (ipc-worker.ts), so the page pays one structured clone for them as
// under Electron, not the tens of milliseconds Playwright's binding or page.evaluate cost it for a megabyte:
// - a large argument (a session saved, an image) is posted to the worker, which POSTs it to the harness, and the
//   binding then names the upload. Calls still reach main in the order they were made, as on one IPC channel:
//   while an upload is on its way, later calls wait for it.
// - a large batch of main's events is fetched by the worker when the harness names it (__pgDispatchFetched), and
//   batches that come meanwhile are dispatched after it, in the order main sent them.
import { createBridge, type BridgeTransport } from '../../src-shared/bridge';
import type { IpcResult } from '../../src-shared/contract';
import { encodeBytes } from './bytes-codec';
import type { IpcAck, IpcJob } from './ipc-worker';
import { isLarge } from './wire-json';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __pgInvoke(channel: string, arg: unknown): Promise<IpcResult<unknown>>;
  __pgInvokeUploaded(channel: string, upload: number): Promise<IpcResult<unknown>>;
  __pgCloneFailure(message: string): Promise<void>;
  __pgDispatch(batch: [string, unknown][], now?: boolean): void;
  __pgDispatchFetched(id: number): void;
  playground: unknown;
}

const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();

function dispatch(batch: [string, unknown][]): void {
  for (const [channel, payload] of batch) listeners.get(channel)?.forEach((listener) => listener(payload));
}

/** Batches waiting behind one being fetched, in the order main sent them. */
let dispatching: Promise<unknown> = Promise.resolve();
let queued = 0;

function inTurn(batch: Promise<[string, unknown][]>): void {
  queued++;
  dispatching = dispatching
    .then(() => batch)
    .then(
      (ready) => w.__pgDispatch(ready, true),
      (error: unknown) => console.error(`harness: a batch of main's events was lost: ${String(error)}`),
    )
    .finally(() => queued--);
}

// `now`: its turn has come (a wrapper put on __pgDispatch, as bench/browser-kit.ts puts one, sees every batch).
w.__pgDispatch = (batch, now = false) => {
  if (now || queued === 0) dispatch(batch);
  else inTurn(Promise.resolve(batch));
};
w.__pgDispatchFetched = (id) => inTurn(job({ kind: 'download', id }) as Promise<[string, unknown][]>);

let worker: Worker | undefined;
const acks = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

/** Gives `job` to the IPC worker; posting throws DataCloneError at once, as ipcRenderer.invoke does, for what cannot be cloned. */
function job(task: IpcJob): Promise<unknown> {
  if (!worker) {
    worker = new Worker('/__pg/ipc-worker.js', { name: 'harness IPC' });
    worker.onmessage = ({ data }: MessageEvent<IpcAck>) => {
      const key = `${data.kind}:${data.id}`;
      const ack = acks.get(key);
      acks.delete(key);
      if (data.error === undefined) ack?.resolve(data.value);
      else ack?.reject(new Error(`${key} failed: ${data.error}`));
    };
    worker.onerror = () => {
      for (const ack of acks.values()) ack.reject(new Error('the harness IPC worker did not start'));
      acks.clear();
    };
  }
  const key = `${task.kind}:${task.id}`;
  const done = new Promise<unknown>((resolve, reject) => acks.set(key, { resolve, reject }));
  try {
    worker.postMessage(task);
  } catch (error) {
    acks.delete(key);
    throw error;
  }
  return done;
}

/** Electron refuses what it cannot clone with a DataCloneError; the harness also lists it for close(). */
function cloneFailed(channel: string, error: unknown): Promise<never> {
  void w.__pgCloneFailure(`argument of ${channel} could not be cloned for IPC: ${(error as Error).message}`);
  return Promise.reject(error);
}

/** Settles once the last upload reached the harness; calls made meanwhile go after it. */
let inFlight: Promise<void> | undefined;
let uploads = 0;

function inOrder<T>(call: () => Promise<T>): Promise<T> {
  return inFlight ? inFlight.then(call) : call();
}

function upload(channel: string, arg: unknown): Promise<IpcResult<unknown>> {
  const id = ++uploads;
  let uploaded: Promise<unknown>;
  try {
    uploaded = job({ kind: 'upload', id, value: arg });
  } catch (error) {
    return cloneFailed(channel, error);
  }
  const sent = inOrder(() => uploaded);
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
    if (isLarge(arg)) return upload(channel, arg);
    let copy: unknown;
    try {
      copy = structuredClone(arg);
    } catch (error) {
      return cloneFailed(channel, error);
    }
    const encoded = encodeBytes(copy);
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
