// Bytes across the harness's Playwright binding, which carries JSON only (a Uint8Array would arrive as
// {"0":137,"1":80,…}): the page replaces each Uint8Array by { __pgBytes: "<base64>" } (bridge-entry.ts) and
// the harness turns it back into a Uint8Array before the IPC router — as Electron's structured clone does.
// Runs in the page and in Node, so it uses btoa/atob only.
export const BYTES_MARKER = '__pgBytes';

interface EncodedBytes {
  [BYTES_MARKER]: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes its arguments on the stack: go in slices.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isEncoded(value: object): value is EncodedBytes {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === BYTES_MARKER && typeof (value as Record<string, unknown>)[BYTES_MARKER] === 'string';
}

/** Page side: every Uint8Array inside `value` becomes a marked base64 string; the rest is copied as is. */
export function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_MARKER]: toBase64(value) };
  if (value instanceof Date) return value; // structured clone keeps a Date, and both transports carry one
  if (Array.isArray(value)) return value.map(encodeBytes);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeBytes(item)]));
  }
  return value;
}

/** Harness side: the inverse of encodeBytes. */
export function decodeBytes(value: unknown): unknown {
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(decodeBytes);
  if (value !== null && typeof value === 'object') {
    if (isEncoded(value)) return fromBase64(value[BYTES_MARKER]);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeBytes(item)]));
  }
  return value;
}
