// `npm run bench:site`: consoles of one site on one loopback nats-server.
// 1. Five consoles, each in its own process (each is its own machine on a
//    real site), alerts entering at all of them at 200/s in all: time from the
//    alert entering one console to it being in the site state another console
//    sends its views (goal p95 ≤ 250 ms). The first 5 s of traffic warm the
//    freshly started consoles and are reported apart.
// 2. Two consoles partitioned (a real TCP cut) for ten minutes
//    (BENCH_SITE_PARTITION_MIN) while each writes N entries at an even pace
//    (default 50,000 each, BENCH_SITE_PARTITION), then healed: time until both
//    fold to the identical state (goal ≤ 10 s).
// Prints one JSON document.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NatsServer } from '../support/natsServer';
import { waitFor } from '../support/relayRig';
import { siteOnBus, startConsole, stateHash } from '../support/siteConsoles';
import { TcpProxy } from '../support/tcpProxy';
import type { Report } from './siteConsole';
import { summarize } from './stats';

const here = dirname(fileURLToPath(import.meta.url));

const CONSOLES = 5;
const RATE = Number(process.env.BENCH_SITE_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SITE_SECONDS ?? 30);
/** The same traffic first, unmeasured (reported apart): freshly started consoles compile and warm their caches. */
const WARMUP_SECONDS = Number(process.env.BENCH_SITE_WARMUP_SECONDS ?? 5);
const PARTITION_ENTRIES = Number(process.env.BENCH_SITE_PARTITION ?? 50_000);
const CONVERGE_LIMIT_MS = Number(process.env.BENCH_SITE_CONVERGE_MS ?? 120_000);
/** How long the partition lasts (the figure: ten minutes); BENCH_SITE_PARTITION_MIN shortens it. */
const PARTITION_MS = Number(process.env.BENCH_SITE_PARTITION_MIN ?? 10) * 60_000;
const hr = (): number => performance.timeOrigin + performance.now();

async function latency(): Promise<Record<string, unknown>> {
  const nats = await NatsServer.start();
  const site = siteOnBus([nats.url]);
  const consoles: ChildProcess[] = [];
  // When each alert entered its origin console, and when each other console first had it in its views' state.
  const acted = new Map<string, { at: number; origin: number }>();
  const seenAt = new Map<string, Map<number, number>>();
  const ready = new Set<number>();
  const closed = new Set<number>();
  try {
    for (let i = 0; i < CONSOLES; i++) {
      const child = fork(join(here, 'siteConsole.ts'), [site, i === 0 ? 'wall' : 'desk'], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_SITE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SITE_PROF}`] : [])], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.on('message', (report: Report) => {
        if ('ready' in report) ready.add(i);
        else if ('closed' in report) closed.add(i);
        else {
          for (const [id, at] of report.acted) acted.set(id, { at, origin: i });
          for (const [id, at] of report.seen) {
            let byConsole = seenAt.get(id);
            if (!byConsole) seenAt.set(id, (byConsole = new Map()));
            byConsole.set(i, at);
          }
        }
      });
      consoles.push(child);
    }
    await waitFor(() => ready.size === CONSOLES, 60_000, 'every console up and upstream');
    const warmup = RATE * WARMUP_SECONDS;
    const total = warmup + RATE * SECONDS;
    const start = hr();
    for (let n = 0; n < total; n++) {
      const wait = start + (n * 1000) / RATE - hr();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      consoles[n % CONSOLES]?.send({ submit: `bench-${n}` });
    }
    const everywhere = (): boolean => seenAt.size === total && [...seenAt.values()].every((m) => m.size === CONSOLES);
    await waitFor(everywhere, 120_000, 'every alert on every console').catch(() => undefined);
    const latencies: number[] = [];
    const warming: number[] = [];
    // The measured latencies by five-second window: a start-up tail and a steady one read differently.
    const windows: number[][] = [];
    let missing = 0;
    for (let n = 0; n < total; n++) {
      const id = `bench-${n}`;
      const action = acted.get(id);
      const seen = seenAt.get(id);
      const w = Math.floor((n - warmup) / (RATE * 5));
      for (let i = 0; i < CONSOLES; i++) {
        if (i === action?.origin) continue;
        const at = seen?.get(i);
        if (!action || at === undefined) missing += 1;
        else if (n < warmup) warming.push(at - action.at);
        else {
          latencies.push(at - action.at);
          (windows[w] ??= []).push(at - action.at);
        }
      }
    }
    return {
      consoles: CONSOLES,
      processes: 'one per console',
      rate: RATE,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      alerts: total,
      deliveries: latencies.length + warming.length,
      missing,
      actionToVisibleOnPeerMs: summarize(latencies),
      warmupActionToVisibleMs: summarize(warming),
      p95By5sMs: windows.map((w) => Math.round(summarize(w).p95)),
    };
  } finally {
    for (const c of consoles) c.send({ close: true });
    await waitFor(() => closed.size === consoles.length, 30_000, 'consoles to close').catch(() => consoles.forEach((c) => c.kill()));
    await nats.stop();
  }
}

async function partition(): Promise<Record<string, unknown>> {
  const nats = await NatsServer.start();
  const proxy = new TcpProxy(nats.port);
  await proxy.start();
  const a = await startConsole(siteOnBus([proxy.url]));
  const b = await startConsole(siteOnBus([nats.url]));
  try {
    await a.journal.append({ kind: 'note', payload: { text: 'before the partition' } }, { actor: 'duty-liu' });
    await waitFor(() => stateHash(a) === stateHash(b), 30_000, 'first sync');
    const cutAt = hr();
    proxy.partition();
    await waitFor(() => a.link?.current().state === 'offline', 30_000, 'A to notice the partition');
    // Both sides write at an even pace for the whole partition, in small groups every 100 ms (as desks do, not one bulk load).
    const writeStart = hr();
    const ticks = Math.max(1, Math.round(PARTITION_MS / 100));
    let done = 0;
    for (let tick = 1; tick <= ticks; tick++) {
      const upTo = Math.round((PARTITION_ENTRIES * tick) / ticks);
      const n = upTo - done;
      const wait = writeStart + (tick * PARTITION_MS) / ticks - hr();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (n <= 0) continue;
      const from = done;
      await Promise.all([
        a.journal.appendMany(Array.from({ length: n }, (_, k) => ({ kind: 'note', payload: { text: `A 分区期间 ${from + k}` } })), { actor: 'duty-liu' }),
        b.journal.appendMany(Array.from({ length: n }, (_, k) => ({ kind: 'note', payload: { text: `B 分区期间 ${from + k}` } })), { actor: 'duty-sun' }),
      ]);
      done = upTo;
    }
    const writeMs = hr() - writeStart;
    const healAt = hr();
    proxy.heal();
    await waitFor(() => stateHash(a) === stateHash(b), CONVERGE_LIMIT_MS, 'convergence');
    const convergeMs = hr() - healAt;
    return { entriesPerSide: PARTITION_ENTRIES, partitionMs: Math.round(healAt - cutAt), writeMs: Math.round(writeMs), convergeMs: Math.round(convergeMs), identical: stateHash(a) === stateHash(b) };
  } finally {
    proxy.heal();
    await a.close();
    await b.close();
    await proxy.stop();
    await nats.stop();
  }
}

/** A part that fails still reports what went wrong, beside the other part's figures. */
async function part(run: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  try {
    return await run();
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

async function main(): Promise<void> {
  // BENCH_SITE_PARTS=live or =partition runs one part alone (while working on it).
  const only = process.env.BENCH_SITE_PARTS;
  const live = only === 'partition' ? { skipped: true } : await part(latency);
  const split = only === 'live' ? { skipped: true } : await part(partition);
  process.stdout.write(`${JSON.stringify({ live, partition: split, goals: { actionToVisibleP95Ms: 250, convergeMs: 10_000 } })}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
