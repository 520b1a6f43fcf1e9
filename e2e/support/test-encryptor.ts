// A reversible stand-in for safeStorage: visibly not the plain text, so tests can tell encrypted from plain.
import type { Encryptor } from '../../src-main/core/ports';

const PREFIX = 'test-enc:';

export function testEncryptor(options: { available?: boolean; backend?: string } = {}): Encryptor {
  return {
    isAvailable: () => options.available ?? true,
    backend: () => options.backend,
    encrypt(plain) {
      const bytes = new TextEncoder().encode(plain).map((b) => b ^ 0x5a);
      return new TextEncoder().encode(PREFIX + Buffer.from(bytes).toString('base64'));
    },
    decrypt(cipher) {
      const text = new TextDecoder().decode(cipher);
      if (!text.startsWith(PREFIX)) throw new Error('not encrypted by this encryptor');
      const bytes = Buffer.from(text.slice(PREFIX.length), 'base64').map((b) => b ^ 0x5a);
      return new TextDecoder().decode(bytes);
    },
  };
}
