import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { writeFileAtomic } from './atomicFile';
import { chmodPrivate, mkdirPrivate } from './privateFiles';

/**
 * Where a secret (the journal's signing key) is kept. The core is given one:
 * the desktop app passes the OS keystore (Electron `safeStorage`, through
 * `SealedFileVault`), host mode and plain Node a 0600 file (`FileKeyVault`).
 */
export interface KeyVault {
  /** For messages: "the OS keystore (…)" or the file's path. */
  readonly where: string;
  /** The plain file this vault keeps the secret in, if it is one (then nothing is migrated from it). */
  readonly plainFile?: string;
  /** The secret, or undefined when none is stored yet. */
  load(): Promise<string | undefined>;
  save(secret: string): Promise<void>;
}

/** The secret in a file only its owner may read (0600, folder 0700), written atomically. */
export class FileKeyVault implements KeyVault {
  readonly where: string;
  constructor(readonly plainFile: string) {
    this.where = plainFile;
  }

  async load(): Promise<string | undefined> {
    if (!existsSync(this.plainFile)) return undefined;
    chmodPrivate(this.plainFile);
    return readFileSync(this.plainFile, 'utf8');
  }

  async save(secret: string): Promise<void> {
    mkdirPrivate(dirname(this.plainFile));
    writeFileAtomic(this.plainFile, secret, 'the journal signing key');
  }
}

/** An OS keystore's encryption (Electron safeStorage's encryptStringAsync/decryptStringAsync). */
export interface SecretCipher {
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(sealed: Uint8Array): Promise<string>;
}

/**
 * The secret encrypted by the OS keystore and stored sealed in a file (0600):
 * the file alone, copied off the machine or read by another user, does not
 * give the key.
 */
export class SealedFileVault implements KeyVault {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
    readonly where: string,
  ) {}

  async load(): Promise<string | undefined> {
    if (!existsSync(this.file)) return undefined;
    try {
      return await this.cipher.decrypt(readFileSync(this.file));
    } catch (err) {
      throw new ConsoleError(
        'integrity',
        `the journal signing key sealed in ${this.file} cannot be opened by ${this.where} (${err instanceof Error ? err.message : String(err)}): ` +
          'it was sealed by another user or machine, or the keystore was reset. Restore the key, or start a new journal segment with a supervisor.',
      );
    }
  }

  async save(secret: string): Promise<void> {
    const sealed = await this.cipher.encrypt(secret);
    mkdirPrivate(dirname(this.file));
    writeFileAtomic(this.file, sealed, 'the journal signing key');
  }
}

/**
 * Whether the OS keystore really protects a secret: Linux without a keyring
 * falls back to `basic_text`, a key hard-coded in Chromium — no better than
 * the 0600 file, and it would make the file look protected when it is not.
 */
export function keystoreProtects(available: boolean, platform: NodeJS.Platform, linuxBackend: string | undefined): boolean {
  return available && !(platform === 'linux' && (linuxBackend === 'basic_text' || linuxBackend === 'unknown'));
}

/**
 * The journal signing key (PKCS#8 PEM) from the vault, created there on first
 * use. A plain key file an older version left (`plainFile`) is moved into a
 * vault that is not that file: saved, read back and compared, and only then
 * the plain file removed. A plain file holding another key than the vault's
 * is refused, naming both, and nothing is removed.
 */
export async function openSigningKey(vault: KeyVault, plainFile: string): Promise<{ pem: string; migrated: boolean }> {
  const stored = await vault.load();
  const migrate = vault.plainFile !== plainFile && existsSync(plainFile);
  if (migrate) {
    const plain = readFileSync(plainFile, 'utf8');
    if (stored !== undefined && stored !== plain) {
      throw new ConsoleError('integrity', `two different journal signing keys: ${plainFile} and the one in ${vault.where}. Keep the one the identity file pins and remove the other.`);
    }
    if (stored === undefined) {
      await vault.save(plain);
      if ((await vault.load()) !== plain) throw new ConsoleError('integrity', `the journal signing key did not read back from ${vault.where}; ${plainFile} is kept`);
    }
    rmSync(plainFile);
    return { pem: plain, migrated: true };
  }
  if (stored !== undefined) return { pem: stored, migrated: false };
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await vault.save(pem);
  return { pem, migrated: false };
}
