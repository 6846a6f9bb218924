// Trust: the long form of the host fuzz (tests/support/hostFuzz.ts) against
// host mode as a user runs it (`node out/main/host.js`, its own process), while
// a second, well-behaved client makes contract calls. Prints JSON; fails (exit 1)
// if the host process died or stopped serving, whatever the figures.
//   BENCH_TRUST_FUZZ   requests to send (10,000)
//   BENCH_TRUST_SEED   the seed (random otherwise; printed either way)
//   BENCH_TRUST_MAX_S  stop sending after this many seconds (600)
import { freshSeed, hostStillServes, runHostFuzz } from '../support/hostFuzz';
import { startHost } from '../support/hostProcess';

const REQUESTS = Number(process.env.BENCH_TRUST_FUZZ ?? 10_000);
const SEED = process.env.BENCH_TRUST_SEED ? Number(process.env.BENCH_TRUST_SEED) : freshSeed();
const MAX_S = Number(process.env.BENCH_TRUST_MAX_S ?? 600);

process.stderr.write(`bench:trust seed ${SEED} (replay with BENCH_TRUST_SEED=${SEED}), ${REQUESTS} requests\n`);
const host = await startHost();
const { port } = new URL(host.url);
let result: Record<string, unknown>;
let ok = false;
try {
  const report = await runHostFuzz({ port: Number(port), token: host.token, seed: SEED, requests: REQUESTS, timeLimitMs: MAX_S * 1000 });
  const alive = host.child.exitCode === null && host.child.signalCode === null;
  const serving = alive && (await hostStillServes(Number(port), host.token));
  ok = serving && report.secondClient.failures === 0 && report.secondClient.calls > 0;
  result = {
    fuzzRequests: report.requests,
    fuzzRequestsPerSec: report.requestsPerSec,
    fuzzSecondClientP99Ms: report.secondClient.p99Ms,
    fuzzSecondClientP50Ms: report.secondClient.p50Ms,
    fuzzSecondClientMaxMs: report.secondClient.maxMs,
    fuzzSecondClientCalls: report.secondClient.calls,
    fuzzSecondClientFailures: report.secondClient.failures,
    fuzzWebsocketSessions: report.websocketSessions,
    fuzzStatuses: report.statuses,
    fuzzDurationMs: report.durationMs,
    seed: SEED,
    hostAlive: alive,
    hostServing: serving,
    // Throws only the last-resort handler caught: each one is a bug to fix, though the host kept serving.
    lastResortCaught: (host.output().match(/the console keeps serving/g) ?? []).length,
  };
  if (!ok) process.stderr.write(`bench:trust: the host ${alive ? 'stopped serving' : 'died'}; its output:\n${host.output().slice(-4000)}\n`);
} finally {
  await host.stop();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(ok ? 0 : 1);
