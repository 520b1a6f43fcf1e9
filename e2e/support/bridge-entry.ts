// Runs in the page before the app: the production bridge over a Playwright transport
// (exposeBinding for renderer → main, page.evaluate into __pgDispatch for main → renderer).
// The binding carries JSON, so bytes (addMedia) travel base64-encoded (bytes-codec.ts). Each argument is first
// structured-cloned, as ipcRenderer.invoke does: JSON would quietly drop a function or flatten a $state proxy that
// Electron refuses with a DataCloneError.
// A large argument (a session saved, an image) is posted to an uploader worker (upload-worker.ts), which POSTs it to
// the harness, and the binding then names the upload. Through the binding itself a 1 MB save cost the page 25–45 ms
// (the CDP message is built on its thread); posted to a worker it costs the page one structured clone, as Electron's
// IPC does. Calls still reach main in the order they were made, as on one IPC channel: while an upload is on its
// way, later calls wait for it.
import { createBridge, type BridgeTransport } from '../../src-shared/bridge';
import type { IpcResult } from '../../src-shared/contract';
import { encodeBytes } from './bytes-codec';
import type { UploadAck, UploadJob } from './upload-worker';
import { roughSize, UPLOAD_OVER } from './wire-json';

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
let uploader: Worker | undefined;
const acks = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

function inOrder<T>(call: () => Promise<T>): Promise<T> {
  return inFlight ? inFlight.then(call) : call();
}

/** Posts `value` to the uploader; throws DataCloneError at once, as ipcRenderer.invoke does, for what cannot be cloned. */
function post(id: number, value: unknown): Promise<void> {
  if (!uploader) {
    uploader = new Worker('/__pg/uploader.js', { name: 'harness uploader' });
    uploader.onmessage = ({ data }: MessageEvent<UploadAck>) => {
      const ack = acks.get(data.id);
      acks.delete(data.id);
      if (data.error === undefined) ack?.resolve();
      else ack?.reject(new Error(`upload ${data.id} failed: ${data.error}`));
    };
    uploader.onerror = () => {
      for (const ack of acks.values()) ack.reject(new Error('the harness uploader did not start'));
      acks.clear();
    };
  }
  const done = new Promise<void>((resolve, reject) => acks.set(id, { resolve, reject }));
  try {
    uploader.postMessage({ id, value } satisfies UploadJob);
  } catch (error) {
    acks.delete(id);
    throw error;
  }
  return done;
}

function upload(channel: string, arg: unknown): Promise<IpcResult<unknown>> {
  const id = ++uploads;
  let uploaded: Promise<void>;
  try {
    uploaded = post(id, arg);
  } catch (error) {
    void w.__pgCloneFailure(`argument of ${channel} could not be cloned for IPC: ${(error as Error).message}`);
    return Promise.reject(error);
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
    if (roughSize(arg, UPLOAD_OVER) > UPLOAD_OVER) return upload(channel, arg);
    let copy: unknown;
    try {
      copy = structuredClone(arg);
    } catch (error) {
      void w.__pgCloneFailure(`argument of ${channel} could not be cloned for IPC: ${(error as Error).message}`);
      return Promise.reject(error);
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
