import { safeStorage } from 'electron';
import { FileKeyVault, keystoreProtects, SealedFileVault, type KeyVault } from '../core/support/keyVault';

/**
 * The journal signing key's vault in the desktop app: sealed by the OS
 * keystore (Electron safeStorage: Keychain, DPAPI, libsecret/kwallet) beside
 * the old key file's path, which is moved into it once; the 0600 key file
 * where no keystore protects it. Call after the app is ready.
 */
export async function journalKeyVault(keyFile: string): Promise<KeyVault> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  if (!keystoreProtects(available, process.platform, backend)) return new FileKeyVault(keyFile);
  return new SealedFileVault(
    `${keyFile}.sealed`,
    {
      encrypt: (plain) => safeStorage.encryptStringAsync(plain),
      decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed))).result,
    },
    `the OS keystore (Electron safeStorage${backend ? `, ${backend}` : ''})`,
  );
}
