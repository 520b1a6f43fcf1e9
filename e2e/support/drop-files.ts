// Files handed to the page as a person does: dropped (a real DataTransfer through dragenter, dragover, drop) or
// pasted (a ClipboardEvent whose clipboard holds them). The bytes cross into the page base64-encoded.
import type { Locator } from '@playwright/test';

export interface FileSpec {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const encoded = (files: FileSpec[]) => files.map((f) => ({ name: f.name, type: f.type, b64: b64(f.bytes) }));

/** dragenter, dragover, drop on `target` with a DataTransfer built in the page holding `files`. */
export async function dropFiles(target: Locator, files: FileSpec[]): Promise<void> {
  await target.evaluate((el, files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, encoded(files));
}

/** A paste into `target` whose clipboard holds `files`. */
export async function pasteFiles(target: Locator, files: FileSpec[]): Promise<void> {
  await target.evaluate((el, files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, encoded(files));
}
