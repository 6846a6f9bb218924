import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalPaths } from '../../../electron/core/journal/service';
import { readIdentity } from '../../../electron/core/identity';
import { FileKeyVault, keystoreProtects, openSigningKey, SealedFileVault, type KeyVault, type SecretCipher } from '../../../electron/core/support/keyVault';
import { openTestJournal } from '../../support/journal';
import { tempDir } from '../../support/paths';

/** A stand-in for the OS keystore: reversible, and the sealed bytes do not show the secret. */
const fakeKeystore: SecretCipher = {
  encrypt: async (plain) => Buffer.from(`sealed:${Buffer.from(plain, 'utf8').reverse().toString('base64')}`),
  decrypt: async (sealed) => {
    const text = Buffer.from(sealed).toString('utf8');
    if (!text.startsWith('sealed:')) throw new Error('not sealed by this keystore');
    return Buffer.from(text.slice('sealed:'.length), 'base64').reverse().toString('utf8');
  },
};

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the file key vault (host mode, plain Node)', () => {
  it('keeps the secret in a 0600 file in a 0700 folder, and answers undefined when there is none', async () => {
    const file = join(tempDir('vault'), 'keys', 'journal-ed25519.pem');
    const vault = new FileKeyVault(file);
    expect(await vault.load()).toBeUndefined();
    await vault.save('secret');
    expect(await vault.load()).toBe('secret');
    expect(mode(file)).toBe(0o600);
    expect(mode(join(file, '..'))).toBe(0o700);
  });
});

describe('the signing key in a keystore vault', () => {
  const setup = (): { plainFile: string; sealedFile: string; vault: SealedFileVault } => {
    const plainFile = join(tempDir('vault'), 'keys', 'journal-ed25519.pem');
    const sealedFile = `${plainFile}.sealed`;
    return { plainFile, sealedFile, vault: new SealedFileVault(sealedFile, fakeKeystore, 'the test keystore') };
  };

  it('creates the key in the vault on first use and writes no plain key file', async () => {
    const { plainFile, sealedFile, vault } = setup();
    const first = await openSigningKey(vault, plainFile);
    expect(first.pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(existsSync(plainFile)).toBe(false);
    expect(readFileSync(sealedFile, 'utf8')).not.toContain('PRIVATE KEY');
    expect(mode(sealedFile)).toBe(0o600);
    expect(await openSigningKey(vault, plainFile)).toEqual({ pem: first.pem, migrated: false });
  });

  it('moves a plain key file an older version left into the vault, then removes it', async () => {
    const { plainFile, vault } = setup();
    const old = await openSigningKey(new FileKeyVault(plainFile), plainFile);
    expect(existsSync(plainFile)).toBe(true);
    expect(await openSigningKey(vault, plainFile)).toEqual({ pem: old.pem, migrated: true });
    expect(existsSync(plainFile)).toBe(false);
    expect(await vault.load()).toBe(old.pem);
  });

  it('refuses a plain file holding another key than the vault, and removes nothing', async () => {
    const { plainFile, sealedFile, vault } = setup();
    const inVault = await openSigningKey(vault, plainFile);
    writeFileSync(plainFile, 'another key');
    await expect(openSigningKey(vault, plainFile)).rejects.toMatchObject({ code: 'integrity', message: expect.stringContaining('two different journal signing keys') as string });
    expect(readFileSync(plainFile, 'utf8')).toBe('another key');
    expect(await vault.load()).toBe(inVault.pem);
    expect(existsSync(sealedFile)).toBe(true);
  });

  it('keeps the plain file when the vault does not give the key back', async () => {
    const { plainFile } = setup();
    await openSigningKey(new FileKeyVault(plainFile), plainFile);
    const forgetful: KeyVault = { where: 'a forgetful keystore', load: async () => undefined, save: async () => undefined };
    await expect(openSigningKey(forgetful, plainFile)).rejects.toMatchObject({ code: 'integrity', message: expect.stringContaining('did not read back') as string });
    expect(existsSync(plainFile)).toBe(true);
  });

  it('a sealed key another keystore cannot open is refused with the way forward', async () => {
    const { plainFile, sealedFile } = setup();
    await openSigningKey(new SealedFileVault(sealedFile, fakeKeystore, 'the test keystore'), plainFile);
    writeFileSync(sealedFile, 'garbage');
    await expect(new SealedFileVault(sealedFile, fakeKeystore, 'the test keystore').load()).rejects.toMatchObject({
      code: 'integrity',
      message: expect.stringContaining('Restore the key, or start a new journal segment') as string,
    });
  });

  it('a journal that signed with a plain key file goes on with the same key from the vault: pinned key kept, file removed', async () => {
    const dataDir = tempDir('vault-journal');
    const paths = journalPaths(dataDir);
    const before = await openTestJournal({ dataDir, checkpointEvery: 2 });
    for (let i = 0; i < 3; i++) await before.journal.append({ kind: 'note', payload: { text: `before ${i}` } }, { actor: 'duty-liu' });
    await before.journal.close();
    const pinned = readIdentity(paths.identityFile)?.journalKey;
    expect(pinned).toBeDefined();
    expect(existsSync(paths.keyFile)).toBe(true);

    const vault = new SealedFileVault(`${paths.keyFile}.sealed`, fakeKeystore, 'the test keystore');
    const after = await openTestJournal({ dataDir, checkpointEvery: 2, keyVault: vault });
    try {
      expect(existsSync(paths.keyFile)).toBe(false);
      for (let i = 0; i < 3; i++) await after.journal.append({ kind: 'note', payload: { text: `after ${i}` } }, { actor: 'duty-liu' });
      const status = await after.journal.verifyNow();
      expect(status.state).toBe('ok');
      expect(readIdentity(paths.identityFile)?.journalKey).toBe(pinned);
    } finally {
      await after.journal.close();
    }
  });
});

describe('which keystore protects the key (desktop app)', () => {
  it('uses the OS keystore when it is available and not Linux\'s plain-text fallback', () => {
    expect(keystoreProtects(true, 'darwin', undefined)).toBe(true);
    expect(keystoreProtects(true, 'win32', undefined)).toBe(true);
    expect(keystoreProtects(true, 'linux', 'gnome_libsecret')).toBe(true);
    expect(keystoreProtects(true, 'linux', 'basic_text')).toBe(false);
    expect(keystoreProtects(false, 'darwin', undefined)).toBe(false);
  });
});
