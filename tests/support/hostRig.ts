import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core';
import { createMemoryLog } from '../../electron/core/support/log';
import { startHostServer, type HostServer } from '../../electron/host/server';
import { sourceWorkers } from './journal';
import { seedAccounts } from './operators';
import { demoSiteFile, tempDir } from './paths';

/** A desk core on the demo site behind a host server on a free loopback port, in this process (host tests). */
export async function startTestHost(token: string): Promise<{ core: Core; server: HostServer; close(): Promise<void> }> {
  const rendererDir = tempDir('renderer');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  const dataDir = tempDir('data');
  await seedAccounts(dataDir);
  const core = await createCore({ paths: { siteFile: demoSiteFile, dataDir }, rendererDir, workers: sourceWorkers, station: 'desk', shell: 'host', version: 'test', random: Math.random, log: createMemoryLog() });
  const server = await startHostServer(core, { port: 0, token });
  return {
    core,
    server,
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}
