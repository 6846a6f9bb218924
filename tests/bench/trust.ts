// Trust: the long form of the host fuzz (tests/support/hostFuzz.ts) against
// host mode as a user runs it (`node out/main/host.js`, its own process), while
// a second, well-behaved client makes contract calls. Prints JSON; fails (exit 1)
// if the host process died or stopped serving, whatever the figures.
//   BENCH_TRUST_FUZZ   requests to send (10,000)
//   BENCH_TRUST_SEED   the seed (random otherwise; printed either way)
//   BENCH_TRUST_MAX_S  stop sending after this many seconds (600)
// Then the journal's trust figures (issue 13 §2), on a journal of
// BENCH_TRUST_ENTRIES entries: the full re-verification rate, the append p99
// while a re-verification runs against without, and the time from rewriting
// an entry in the file under a running console to the status showing it.
//   BENCH_TRUST_PARTS    fuzz,journal (both)
//   BENCH_TRUST_ENTRIES  journal size (1,000,000)
//   BENCH_TRUST_APPENDS  appends timed in each phase of the p99 comparison (2,000)
//   BENCH_TRUST_REWALK_MS  the re-verification schedule for rewriteDetectedSec (240,000: the default)
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../../shared/journal/canonical';
import { journalKinds } from '../../shared/journal/kinds';
import { JournalService, journalPaths } from '../../electron/core/journal/service';
import { loadOrCreateSigner } from '../../electron/core/journal/signer';
import { JournalStore } from '../../electron/core/journal/store';
import { ChainVerifier } from '../../electron/core/journal/verify';
import { systemClock } from '../../electron/core/support/clock';
import { createMemoryLog } from '../../electron/core/support/log';
import { freshSeed, hostStillServes, runHostFuzz } from '../support/hostFuzz';
import { startHost } from '../support/hostProcess';
import { sourceWorker } from '../support/journal';
import { tempDir } from '../support/paths';
import { summarize } from './stats';

const PARTS = (process.env.BENCH_TRUST_PARTS ?? 'fuzz,journal').split(',');
const ENTRIES = Number(process.env.BENCH_TRUST_ENTRIES ?? 1_000_000);
const APPENDS = Number(process.env.BENCH_TRUST_APPENDS ?? 2000);
const REWALK_MS = Number(process.env.BENCH_TRUST_REWALK_MS ?? 240_000);

async function journalFigures(): Promise<Record<string, unknown>> {
  const dataDir = tempDir('bench-trust');
  const paths = journalPaths(dataDir);
  const site = 'bench-site';
  const consoleId = 'c-benchconsole';
  mkdirSync(dirname(paths.file), { recursive: true });
  // The journal is written through the store in large batches (the worker's group commit, without the thread hop).
  const store = JournalStore.open({ file: paths.file, site, consoleId, signer: loadOrCreateSigner(paths.keyFile) }, systemClock.now());
  const fillStarted = performance.now();
  for (let done = 1; done < ENTRIES; ) {
    const n = Math.min(5000, ENTRIES - done);
    const now = systemClock.now();
    store.append(
      Array.from({ length: n }, (_, i) => ({
        kind: 'note',
        payloadText: canonicalJson({ text: `bench entry ${done + i} on the night shift` }),
        text: `bench entry ${done + i}`,
        ref: null,
        occurredAt: undefined,
        actor: 'bench',
        mode: 'LIVE' as const,
        now,
      })),
    );
    done = store.status().head.seq;
  }
  const entries = store.status().head.seq;
  store.close();
  const fillSec = (performance.now() - fillStarted) / 1000;

  // The walk itself, on its own connection: the rate the worker's steps are bound by.
  const db = new Database(paths.file, { readonly: true });
  const verifier = new ChainVerifier(db);
  const walkStarted = performance.now();
  while (verifier.step(5000)) {
    // walking
  }
  const offlineSec = (performance.now() - walkStarted) / 1000;
  db.close();

  const open = (fullVerifyEveryMs: number): Promise<JournalService> =>
    JournalService.open({ paths, worker: sourceWorker, site, consoleId, kinds: journalKinds, clock: systemClock, log: createMemoryLog(), fullVerifyEveryMs });
  const idle = async (journal: JournalService): Promise<void> => {
    while (journal.status().verifying) await new Promise((r) => setTimeout(r, 50));
  };
  const timedAppends = async (journal: JournalService, count: number, until?: () => boolean): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < count && (until === undefined || !until()); i++) {
      const t = performance.now();
      await journal.append({ kind: 'note', payload: { text: `timed append ${i}` } }, { actor: 'bench' });
      times.push(performance.now() - t);
    }
    return times;
  };

  // Re-verification in the worker (verifyJournal: a walk from #1 now), then append latency with and without one running.
  const journal = await open(24 * 3600_000);
  let reverifySec: number;
  let without: number[];
  let during: number[];
  try {
    await idle(journal);
    const t = performance.now();
    await journal.verifyNow();
    reverifySec = (performance.now() - t) / 1000;
    await timedAppends(journal, Math.min(200, APPENDS)); // warm-up
    without = await timedAppends(journal, APPENDS);
    await idle(journal);
    let walking = true;
    const walk = journal.verifyNow().finally(() => {
      walking = false;
    });
    during = await timedAppends(journal, APPENDS, () => !walking);
    await walk;
  } finally {
    await journal.close();
  }
  const p99Without = summarize(without).p99;
  const p99During = summarize(during).p99;

  // A rewrite under a running console, with the re-verification schedule as configured.
  const running = await open(REWALK_MS);
  let rewriteDetectedSec: number;
  try {
    await idle(running);
    const target = Math.min(500, entries - 1);
    const tamper = new Database(paths.file);
    tamper.exec(`DROP TRIGGER IF EXISTS entries_no_update; UPDATE entries SET payload = '{"text":"nothing happened"}' WHERE seq = ${target};`);
    tamper.close();
    const t = performance.now();
    while (!(running.status().detail ?? '').includes(`entry #${target}`)) await new Promise((r) => setTimeout(r, 100));
    rewriteDetectedSec = (performance.now() - t) / 1000;
  } finally {
    await running.close();
  }
  return {
    journalEntries: entries,
    journalFillSec: Math.round(fillSec * 10) / 10,
    reverifyEntriesPerSec: Math.round(entries / reverifySec),
    reverifyOfflineEntriesPerSec: Math.round(entries / offlineSec),
    appendP99WithoutMs: p99Without,
    appendP99DuringReverifyMs: p99During,
    appendsDuringReverify: during.length,
    appendP99IncreasePct: Math.round(((p99During - p99Without) / p99Without) * 1000) / 10,
    rewriteDetectedSec: Math.round(rewriteDetectedSec * 10) / 10,
    rewalkScheduleMs: REWALK_MS,
  };
}

const REQUESTS = Number(process.env.BENCH_TRUST_FUZZ ?? 10_000);
const SEED = process.env.BENCH_TRUST_SEED ? Number(process.env.BENCH_TRUST_SEED) : freshSeed();
const MAX_S = Number(process.env.BENCH_TRUST_MAX_S ?? 600);

let result: Record<string, unknown> = {};
let ok = true;
if (PARTS.includes('fuzz')) {
process.stderr.write(`bench:trust seed ${SEED} (replay with BENCH_TRUST_SEED=${SEED}), ${REQUESTS} requests\n`);
const host = await startHost();
const { port } = new URL(host.url);
ok = false;
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
}
if (PARTS.includes('journal')) result = { ...result, ...(await journalFigures()) };
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(ok ? 0 : 1);
