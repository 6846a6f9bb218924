import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostServer } from '../../../electron/host/server';
import { startTestHost } from '../../support/hostRig';
import { freshSeed, hostStillServes, runHostFuzz } from '../../support/hostFuzz';

// The short form of the fuzz (bench:trust runs the long one). The host runs in
// this process, so any throw the host lets escape fails the run as an
// unhandled error, which is stricter than watching a child process survive.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : freshSeed();

let server: HostServer;
const token = 'fuzz-token-0123456789';

let host: Awaited<ReturnType<typeof startTestHost>>;

beforeAll(async () => {
  host = await startTestHost(token);
  ({ server } = host);
});

afterAll(async () => {
  await host.close();
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
