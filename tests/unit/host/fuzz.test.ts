import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core';
import { createMemoryLog } from '../../../electron/core/support/log';
import { startHostServer, type HostServer } from '../../../electron/host/server';
import { freshSeed, hostStillServes, runHostFuzz } from '../../support/hostFuzz';
import { sourceWorkers } from '../../support/journal';
import { demoSiteFile, tempDir } from '../../support/paths';

// The short form of the fuzz (bench:trust runs the long one). The host runs in
// this process, so any throw the host lets escape fails the run as an
// unhandled error, which is stricter than watching a child process survive.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : freshSeed();

let core: Core;
let server: HostServer;
const token = 'fuzz-token-0123456789';

beforeAll(async () => {
  const rendererDir = tempDir('renderer');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  core = await createCore({ paths: { siteFile: demoSiteFile, dataDir: tempDir('data') }, rendererDir, workers: sourceWorkers, station: 'desk', shell: 'host', version: 'test', random: Math.random, log: createMemoryLog() });
  server = await startHostServer(core, { port: 0, token });
});

afterAll(async () => {
  await server.close();
  await core.close();
});

describe('host fuzz (short form)', () => {
  it(`survives ${REQUESTS} random and mutated requests and frames while a second client is answered`, async () => {
    console.log(`host fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const report = await runHostFuzz({ port: server.port, token, seed: SEED, requests: REQUESTS, timeLimitMs: 90_000 });
    console.log(`host fuzz: ${JSON.stringify(report)}`);
    expect(report.requests, `seed ${SEED}`).toBeGreaterThan(0);
    expect(report.secondClient.calls, `seed ${SEED}`).toBeGreaterThan(0);
    expect(report.secondClient.failures, `seed ${SEED}`).toBe(0);
    expect(await hostStillServes(server.port, token), `seed ${SEED}`).toBe(true);
  }, 150_000);
});
