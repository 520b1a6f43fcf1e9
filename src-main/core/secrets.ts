// The API key service: stores the key encrypted over the Encryptor port, answers only a KeyStatus outward.
import type { KeyStatus, UnreadableKey } from '../../src-shared/domain';
import { AppFailure } from './failure';
import type { Encryptor, KeyValueStore, Logger } from './ports';
import { backendOf, errorName, isCiphertext, seal, unseal, whyNotSealable } from './sealing';
import { errnoCode } from './storage/files';
import { storageFailure, type StorageWording } from './storage/storage-failure';

/** The store key under which the base64 ciphertext lives (in its own 0600 file, opened by the caller). */
export const STORED_KEY_FIELD = 'encryptedApiKey';

/** An API key goes into an HTTP header: printable ASCII without spaces, so no header injection either. */
const KEY_PATTERN = /^[\x21-\x7e]+$/;

export interface SecretsServiceDeps {
  encryptor: Encryptor;
  store: KeyValueStore;
  env: Record<string, string | undefined>;
  logger: Logger;
  /**
   * Told (once a run) when a saved key exists but cannot be used, worded for people: without it the key would
   * just seem gone, and the person would not know it comes back with the keyring.
   */
  onUnusable?: (message: string) => void;
}

type Entered = { key: string; source: 'stored' | 'memory'; warning?: KeyStatus['warning'] };

export class SecretsService {
  readonly #encryptor: Encryptor;
  readonly #store: KeyValueStore;
  readonly #env: Record<string, string | undefined>;
  readonly #logger: Logger;
  readonly #onUnusable: ((message: string) => void) | undefined;
  /** The key entered in the app (decrypted from the store, or kept in memory for this run). */
  #entered: Entered | undefined;
  /** The store is read lazily once, so a locked keyring is touched only when the key is first needed. */
  #loaded = false;
  #warnedLocked = false;
  /** Why a saved key is kept but not used this run: the status says so, or the person would see no key at all. */
  #unreadable: UnreadableKey | undefined;
  /**
   * Keys replaced or cleared this run: a call that started with one may still be running and log or fail with
   * it, so redaction keeps hunting them until the process ends (a handful of short strings at most).
   */
  readonly #replaced = new Set<string>();

  constructor(deps: SecretsServiceDeps) {
    this.#encryptor = deps.encryptor;
    this.#store = deps.store;
    this.#env = deps.env;
    this.#logger = deps.logger;
    this.#onUnusable = deps.onUnusable;
  }

  status(): KeyStatus {
    const entered = this.#load();
    if (entered) {
      const status: KeyStatus = { configured: true, source: entered.source, persisted: entered.source === 'stored' };
      addHint(status, entered.key);
      if (entered.warning) status.warning = entered.warning;
      return status;
    }
    const envKey = this.#envKey();
    const status: KeyStatus = envKey
      ? addHint({ configured: true, source: 'env', persisted: false }, envKey)
      : { configured: false, source: 'none', persisted: false };
    if (this.#unreadable) status.unreadable = this.#unreadable;
    return status;
  }

  /**
   * Replaces any key entered before; persisted only when real encryption is available. When the key file
   * cannot be written, nothing changes and a STORAGE failure says so: an old key must not come back after
   * a restart while the person believes it replaced.
   */
  setKey(key: string): KeyStatus {
    const trimmed = key.trim();
    if (!trimmed) throw new AppFailure('BAD_REQUEST', 'Enter a key');
    if (!KEY_PATTERN.test(trimmed)) {
      throw new AppFailure('BAD_REQUEST', 'An API key has no spaces, line breaks or non-ASCII characters; check what was pasted');
    }
    const unavailable = whyNotSealable(this.#encryptor);
    if (unavailable) {
      this.#removeStored('replace the key saved before', 'Nothing was changed.');
      this.#logger.warn('secrets: key kept in memory for this run only', { reason: unavailable, backend: backendOf(this.#encryptor) });
      return this.#use({ key: trimmed, source: 'memory', warning: unavailable });
    }
    let cipher: string;
    try {
      cipher = seal(this.#encryptor, trimmed);
    } catch (e) {
      this.#removeStored('replace the key saved before', 'Nothing was changed.');
      this.#logger.warn('secrets: encryption failed, key kept in memory for this run only', { error: errorName(e) });
      return this.#use({ key: trimmed, source: 'memory', warning: 'encryption-unavailable' });
    }
    // One atomic write replaces the old ciphertext: if it fails, the old one is still there, whole.
    this.#write('save the key', () => this.#store.set(STORED_KEY_FIELD, cipher), { then: 'Nothing was changed.' });
    this.#logger.info('secrets: key stored encrypted');
    return this.#use({ key: trimmed, source: 'stored' });
  }

  /** Forgets the key entered in the app; an environment key, if any, takes over. */
  clearKey(): KeyStatus {
    this.#removeStored('remove the saved key', 'Nothing was changed: the key stays saved and will be used after a restart.');
    this.#logger.info('secrets: key cleared');
    return this.#use(undefined);
  }

  /** The only way to read the key: for the Gemini client in main, never for IPC. */
  getKey(): string | undefined {
    return this.#load()?.key ?? this.#envKey();
  }

  /**
   * The keys in memory now and those replaced this run, for redaction (redact.ts): read without loading the store,
   * since loading may log and the logger asks this. A key not yet loaded has not been sent, so it cannot be in any
   * text yet.
   */
  held(): string[] {
    return [this.#entered?.key, this.#envKey(), ...this.#replaced].filter((key): key is string => key !== undefined);
  }

  #load(): Entered | undefined {
    if (this.#loaded) return this.#entered;
    this.#unreadable = undefined;
    const raw = this.#store.get(STORED_KEY_FIELD);
    if (raw === undefined) {
      this.#loaded = true;
      return undefined;
    }
    if (!isCiphertext(raw)) {
      this.#logger.warn('secrets: stored key is not valid ciphertext; dropped');
      this.#deleteStored();
      this.#loaded = true;
      return undefined;
    }
    const unusable = whyNotSealable(this.#encryptor);
    if (unusable) {
      // A locked keyring, or Linux's basic_text fallback when the keyring is absent this run (encryption then still
      // reports available): the ciphertext was sealed by a real keyring that may be back next run, so it is neither
      // decrypted nor deleted, and asked about again at the next call.
      if (!this.#warnedLocked) {
        this.#logger.warn('secrets: a stored key exists but the keyring is not available; kept, not used', { reason: unusable, backend: backendOf(this.#encryptor) });
        this.#onUnusable?.(unusable === 'weak-encryption' ? KEYRING_ABSENT : KEYRING_LOCKED);
      }
      this.#warnedLocked = true;
      this.#unreadable = unusable === 'weak-encryption' ? 'keyring-absent' : 'keyring-locked';
      return undefined;
    }
    this.#loaded = true;
    try {
      const key = unseal(this.#encryptor, raw);
      if (!key || !KEY_PATTERN.test(key)) throw new Error('decrypted value is not a key');
      this.#entered = { key, source: 'stored' };
    } catch (e) {
      this.#unreadable = 'other-keyring';
      // Sealed under another keyring (a profile or keyring Chromium did not pick this run): that one may come back,
      // so the ciphertext stays until the person sets a key in its place.
      this.#logger.warn('secrets: stored key could not be decrypted; kept', { error: errorName(e), backend: backendOf(this.#encryptor) });
      this.#onUnusable?.(UNDECRYPTABLE);
    }
    return this.#entered;
  }

  #envKey(): string | undefined {
    for (const name of ['GEMINI_API_KEY', 'GOOGLE_API_KEY']) {
      const value = this.#env[name]?.trim();
      if (value) return value;
    }
    return undefined;
  }

  #use(entered: Entered | undefined): KeyStatus {
    if (this.#entered && this.#entered.key !== entered?.key) this.#replaced.add(this.#entered.key);
    this.#loaded = true;
    this.#entered = entered;
    // Only called once the saved ciphertext is replaced or removed: no unreadable key is left behind.
    this.#unreadable = undefined;
    return this.status();
  }

  /** Removes the ciphertext for good, or throws STORAGE (with what this means, `then`) and changes nothing. */
  #removeStored(action: string, then: string): void {
    // Deleting rewrites the whole file: not worth failing over when there is nothing to delete.
    if (this.#store.get(STORED_KEY_FIELD) === undefined) return;
    this.#write(action, () => this.#store.delete(STORED_KEY_FIELD), { then });
  }

  #write(action: string, write: () => void, wording: StorageWording): void {
    try {
      write();
    } catch (e) {
      this.#logger.error(`secrets: could not ${action}`, { error: errorName(e), code: errnoCode(e) });
      throw storageFailure(action, e, wording);
    }
  }

  /** Best effort, for a stored value that is not ciphertext at all: if it stays, it is dropped again next time. */
  #deleteStored(): void {
    try {
      this.#store.delete(STORED_KEY_FIELD);
    } catch (e) {
      this.#logger.error('secrets: could not delete the stored key', { error: errorName(e) });
    }
  }
}

const KEEP = 'It is kept, and used again once that keyring is back (restart the app then); setting a key replaces it.';
const KEYRING_LOCKED = `Your saved API key was not used: the system keyring is locked or not available. ${KEEP}`;
const KEYRING_ABSENT =
  `Your saved API key was not used: the system keyring (Secret Service or KWallet) was not found this run, only weak obfuscation. ${KEEP}`;
const UNDECRYPTABLE = `Your saved API key could not be decrypted: the system keyring is not the one it was saved with. ${KEEP}`;

/** "…abcd" — only for keys long enough that four characters reveal little. */
export function keyHint(key: string): string | undefined {
  return key.length >= 8 ? `…${key.slice(-4)}` : undefined;
}

function addHint(status: KeyStatus, key: string): KeyStatus {
  const hint = keyHint(key);
  if (hint) status.hint = hint;
  return status;
}
