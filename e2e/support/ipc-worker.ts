// The harness's IPC worker, started by the page (bridge-entry.ts), for values too large for Playwright's transport
// to carry cheaply: building or reading a CDP message of a megabyte costs the page's thread tens of milliseconds,
// where Electron's IPC costs it one structured clone. Here the page pays only that clone (postMessage to or from this
// worker), as under Electron; the JSON and the HTTP to the harness happen on this thread.
//   upload:   a large argument from the page → POST /__pg/upload/<id>; the page then names it through the binding.
//   download: a large batch of main's events  ← GET /__pg/download/<id>; the page dispatches it in its turn.
import { decodeBytes, encodeBytes } from './bytes-codec';
import { fromWire, toWire } from './wire-json';

export type IpcJob = { kind: 'upload'; id: number; value: unknown } | { kind: 'download'; id: number };

export type IpcAck = { kind: IpcJob['kind']; id: number; value?: unknown; error?: string };

const scope = self as unknown as { onmessage: ((event: MessageEvent<IpcJob>) => void) | null; postMessage(ack: IpcAck): void };

async function run(job: IpcJob): Promise<IpcAck> {
  if (job.kind === 'upload') {
    const response = await fetch(`/__pg/upload/${job.id}`, { method: 'POST', body: toWire(encodeBytes(job.value)) });
    return { kind: job.kind, id: job.id, ...(response.ok ? {} : { error: `the harness answered ${response.status}` }) };
  }
  const response = await fetch(`/__pg/download/${job.id}`);
  if (!response.ok) return { kind: job.kind, id: job.id, error: `the harness answered ${response.status}` };
  return { kind: job.kind, id: job.id, value: decodeBytes(fromWire(await response.text())) };
}

scope.onmessage = ({ data }) => {
  void run(data).then(
    (ack) => scope.postMessage(ack),
    (error: unknown) => scope.postMessage({ kind: data.kind, id: data.id, error: String(error) }),
  );
};
