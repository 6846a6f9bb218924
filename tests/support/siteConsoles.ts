import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core';
import type { Clock } from '../../electron/core/support/clock';
import { createMemoryLog } from '../../electron/core/support/log';
import { canonicalJson } from '../../shared/journal/canonical';
import { createHash } from 'node:crypto';
import type { Station } from '../../shared/contract';
import { sourceWorkers } from './journal';
import { tempDir } from './paths';
import { copyDemoSite } from './siteCopy';

/** A demo site whose bus is the given servers. */
export function siteOnBus(servers: string[]): string {
  return copyDemoSite((s) => {
    s.bus = { servers };
  });
}

/** A whole console core in this process, with its own data folder, on a site file. */
export async function startConsole(
  siteFile: string,
  station: Station = 'desk',
  dataDir = tempDir('console'),
  clock?: Clock,
): Promise<Core & { dataDir: string }> {
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
