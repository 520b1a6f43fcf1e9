// The Encryptor port over Electron's safeStorage (OS keychain / DPAPI / libsecret, kwallet, or basic_text).
import { safeStorage } from 'electron';
import type { Encryptor } from '../core/ports';

export function createSafeStorageEncryptor(): Encryptor {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    // Only Linux has a choice of backends; basic_text there means a hard-coded password (SecretsService refuses it).
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher)),
  };
}
