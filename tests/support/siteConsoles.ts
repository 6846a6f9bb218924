import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core';
import type { Clock } from '../../electron/core/support/clock';
import { createMemoryLog } from '../../electron/core/support/log';
import { canonicalJson } from '../../shared/journal/canonical';
import { createHash } from 'node:crypto';
import type { Station } from '../../shared/contract';
import { sourceWorkers } from './journal';
import { seedAccounts } from './operators';
import { tempDir } from './paths';
import { copyDemoSite } from './siteCopy';

/** A demo site whose bus is the given servers; `consoles` enrols those consoles (only their signed entries count). */
export function siteOnBus(servers: string[], consoles?: readonly EnrolledConsoleDir[]): string {
  return copyDemoSite((s) => {
    s.bus = { servers };
    if (consoles) s.consoles = consoles.map((c) => ({ id: c.id, publicKey: c.publicKey }));
  });
}

export interface EnrolledConsoleDir {
  readonly dataDir: string;
  readonly id: string;
  /** The journal key's public half (SPKI DER, base64), as the site file lists it. */
  readonly publicKey: string;
}

/**
 * A data folder made ready before its console first starts, so its id and
 * key are known for the site file's `consoles` list: console.json (id,
 * pinned key) and the journal key, as a console writes them on first start.
 */
export function enrolledConsoleDir(id: string): EnrolledConsoleDir {
  const dataDir = tempDir('console');
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'keys', 'journal-ed25519.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  writeFileSync(join(dataDir, 'console.json'), `${JSON.stringify({ consoleId: id, createdAt: new Date().toISOString(), journalKey: publicKey }, null, 2)}\n`, { mode: 0o600 });
  return { dataDir, id, publicKey };
}

/** A whole console core in this process, with its own data folder, on a site file. */
export async function startConsole(
  siteFile: string,
  station: Station = 'desk',
  dataDir = tempDir('console'),
  clock?: Clock,
  options: { accounts?: boolean } = {},
): Promise<Core & { dataDir: string }> {
  // The test accounts (tests/support/operators.ts), unless the test is about a console with none yet.
  if ((options.accounts ?? true) && !existsSync(join(dataDir, 'accounts.json'))) await seedAccounts(dataDir);
  const rendererDir = tempDir('renderer');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const core = await createCore({
    paths: { siteFile, dataDir },
    rendererDir,
    workers: sourceWorkers,
    station,
    shell: 'host',
    version: 'test',
    random: Math.random,
    log: createMemoryLog(),
    ...(clock ? { clock } : {}),
  });
  return Object.assign(core, { dataDir });
}

/** A fingerprint of a console's site state, to compare consoles. */
export function stateHash(core: Core): string {
  return createHash('sha256').update(canonicalJson(core.state.current())).digest('hex');
}
