import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { identityFile, loadOrCreateIdentity, readIdentity, updateIdentity } from '../../../electron/core/identity';
import { tempDir } from '../../support/paths';

describe('the identity file pins the journal key and records its head', () => {
  it('keeps the console id and creation time when the journal records in it', () => {
    const dir = tempDir('identity');
    const created = loadOrCreateIdentity(dir, () => 0);
    const file = identityFile(dir);
    updateIdentity(file, { consoleId: 'c-ignoredignore', now: 5 }, { journalKey: 'S0VZ' });
    updateIdentity(file, { consoleId: 'c-ignoredignore', now: 5 }, { journalHead: { seq: 42, hash: 'a'.repeat(64) } });
    expect(loadOrCreateIdentity(dir, () => 9)).toEqual({ ...created, journalKey: 'S0VZ', journalHead: { seq: 42, hash: 'a'.repeat(64) } });
  });

  it('creates the file for a journal opened without one (tools, tests), naming its console', () => {
    const file = join(tempDir('identity'), 'console.json');
    expect(readIdentity(file)).toBeUndefined();
    updateIdentity(file, { consoleId: 'c-abcdefabcdef', now: 0 }, { journalKey: 'S0VZ' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ consoleId: 'c-abcdefabcdef', createdAt: new Date(0).toISOString(), journalKey: 'S0VZ' });
  });

  it('a damaged head record stops the console rather than being dropped', () => {
    const dir = tempDir('identity');
    loadOrCreateIdentity(dir, () => 0);
    const file = identityFile(dir);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), journalHead: { seq: -1, hash: 'x' } }));
    expect(() => loadOrCreateIdentity(dir, () => 0)).toThrow(ConsoleError);
  });
});
