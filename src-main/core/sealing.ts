// Secrets at rest through the Encryptor port (safeStorage): the API key (secrets.ts) and MCP server headers
// (mcp-secrets.ts) are stored as base64 ciphertext, and only where encryption deserves the name.
import type { KeyStatus } from '../../src-shared/domain';
import type { Encryptor } from './ports';

/** Why a secret entered in the app is kept in memory for this run only. */
export type SealWarning = NonNullable<KeyStatus['warning']>;

/** Linux's `basic_text` backend only obfuscates with a hard-coded password: not worth calling encryption. */
const WEAK_BACKENDS = new Set(['basic_text']);

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function backendOf(encryptor: Encryptor): string | undefined {
  try {
    return encryptor.backend();
  } catch {
    return undefined;
  }
}

/** Undefined when a secret may be written to disk encrypted; otherwise why not. */
export function whyNotSealable(encryptor: Encryptor): SealWarning | undefined {
  if (!encryptor.isAvailable()) return 'encryption-unavailable';
  const backend = backendOf(encryptor);
  if (backend !== undefined && WEAK_BACKENDS.has(backend)) return 'weak-encryption';
  return undefined;
}

/** The base64 ciphertext of `plain`; throws when the backend fails or cannot give the text back. */
export function seal(encryptor: Encryptor, plain: string): string {
  const bytes = encryptor.encrypt(plain);
  // A backend that cannot give the secret back is no place to keep it.
  if (encryptor.decrypt(bytes) !== plain) throw new Error('round trip mismatch');
  return Buffer.from(bytes).toString('base64');
}

/** Whether a stored value can be ciphertext at all (anything else is dropped without asking the keyring). */
export function isCiphertext(raw: unknown): raw is string {
  return typeof raw === 'string' && raw !== '' && BASE64.test(raw);
}

/** The plain text of stored ciphertext; throws when it does not decrypt (another keyring, damaged). */
export function unseal(encryptor: Encryptor, cipher: string): string {
  return encryptor.decrypt(Buffer.from(cipher, 'base64'));
}

/** Only the error's class name: a message could, in theory, quote what was being processed. */
export function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}
