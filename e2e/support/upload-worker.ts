// The harness's uploader, a worker the page starts (bridge-entry.ts): a large IPC argument arrives here as the page
// posted it (structured-cloned, as Electron's IPC clones it), and is encoded and POSTed to the harness off the page's
// thread. The page then names the upload through the binding.
import { encodeBytes } from './bytes-codec';
import { toWire } from './wire-json';

export interface UploadJob {
  id: number;
  value: unknown;
}

export interface UploadAck {
  id: number;
  error?: string;
}

const scope = self as unknown as { onmessage: ((event: MessageEvent<UploadJob>) => void) | null; postMessage(ack: UploadAck): void };

scope.onmessage = ({ data }) => {
  void fetch(`/__pg/upload/${data.id}`, { method: 'POST', body: toWire(encodeBytes(data.value)) }).then(
    (response) => scope.postMessage({ id: data.id, ...(response.ok ? {} : { error: `the harness answered ${response.status}` }) }),
    (error: unknown) => scope.postMessage({ id: data.id, error: String(error) }),
  );
};
