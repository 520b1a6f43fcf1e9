// A reversible stand-in for safeStorage: visibly not the plain text, so tests can tell encrypted from plain.
import type { Encryptor } from '../../src-main/core/ports';

/** As safeStorage words it, so code that tells failures apart meets the real one. */
const UNDECRYPTABLE = 'Error while decrypting the ciphertext provided to safeStorage.decryptString.';

/**
 * `keyring` names the keyring that seals: what one sealed, another cannot open — safeStorage under another keyring
 * than the one that saved a key (another profile, a session where Chromium picked another) is available, yet
 * fails to decrypt. Without it, the one keyring every test shares.
 */
export function testEncryptor(options: { available?: boolean; backend?: string; keyring?: string } = {}): Encryptor {
  const prefix = options.keyring === undefined ? 'test-enc:' : `test-enc-${options.keyring}:`;
  return {
    isAvailable: () => options.available ?? true,
    backend: () => options.backend,
    encrypt(plain) {
      const bytes = new TextEncoder().encode(plain).map((b) => b ^ 0x5a);
      return new TextEncoder().encode(prefix + Buffer.from(bytes).toString('base64'));
    },
    decrypt(cipher) {
      const text = new TextDecoder().decode(cipher);
      if (!text.startsWith(prefix)) throw new Error(UNDECRYPTABLE);
      const bytes = Buffer.from(text.slice(prefix.length), 'base64').map((b) => b ^ 0x5a);
      return new TextDecoder().decode(bytes);
    },
  };
}
