// `npm run bench:site`: consoles of one site on one loopback nats-server.
// 1. Five consoles, alerts entering at all of them at 200/s: time from an
//    alert's journal commit at one console to it being in another console's
//    site state (goal p95 ≤ 250 ms).
// 2. Two consoles partitioned (a real TCP cut) for ten minutes
//    (BENCH_SITE_PARTITION_MIN) while each writes N entries at an even pace
//    (default 50,000 each, BENCH_SITE_PARTITION), then healed: time until both
//    fold to the identical state (goal ≤ 10 s).
// Prints one JSON document.
import type { Core } from '../../electron/core';
import { alertById } from '../../shared/state/alertsDomain';
import { NatsServer } from '../support/natsServer';
import { waitFor } from '../support/relayRig';
import { siteOnBus, startConsole, stateHash } from '../support/siteConsoles';
import { TcpProxy } from '../support/tcpProxy';
import { summarize } from './stats';

const CONSOLES = 5;
const RATE = Number(process.env.BENCH_SITE_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SITE_SECONDS ?? 30);
const PARTITION_ENTRIES = Number(process.env.BENCH_SITE_PARTITION ?? 50_000);
const CONVERGE_LIMIT_MS = Number(process.env.BENCH_SITE_CONVERGE_MS ?? 120_000);
/** How long the partition lasts (the figure: ten minutes); BENCH_SITE_PARTITION_MIN shortens it. */
const PARTITION_MS = Number(process.env.BENCH_SITE_PARTITION_MIN ?? 10) * 60_000;
const hr = (): number => performance.timeOrigin + performance.now();

async function latency(): Promise<Record<string, unknown>> {
  const nats = await NatsServer.start();
  const site = siteOnBus([nats.url]);
  const consoles: Core[] = [];
  try {
    for (let i = 0; i < CONSOLES; i++) consoles.push(await startConsole(site, i === 0 ? 'wall' : 'desk'));
    await waitFor(() => consoles.every((c) => c.relay?.status().lastAck !== undefined), 30_000, 'every console upstream');
    // When each alert entered its origin console, and when it was first in each other console's state.
    const committed = new Map<string, { at: number; origin: number }>();
    const seen: number[] = [];
    const pending = new Map<string, Set<number>>();
    // Visible = in the site-state change a console sends its views (the renderer's own event, after
    // pacing): an append names its entries; a reset (a late entry slotted in) carries the whole state,
    // so the alerts still awaited there are looked up.
    consoles.forEach((c, idx) => {
      const sawIt = (id: string, now: number): void => {
        const info = committed.get(id);
        const waiting = pending.get(id);
        if (!info || !waiting || info.origin === idx || !waiting.has(idx)) return;
        waiting.delete(idx);
        if (waiting.size === 0) pending.delete(id);
        seen.push(now - info.at);
      };
      c.events.subscribe('onSiteState', (change) => {
        const now = hr();
        if (change.kind === 'append') {
          for (const e of change.entries) if (e.kind === 'alert.raised') sawIt((e.payload as { alertId: string }).alertId, now);
          return;
        }
        for (const [id, waiting] of pending) if (waiting.has(idx) && alertById(change.state.alerts, id)) sawIt(id, now);
      });
    });
    const total = RATE * SECONDS;
    const start = hr();
    const inflight: Promise<void>[] = [];
    for (let n = 0; n < total; n++) {
      const due = start + (n * 1000) / RATE;
      const wait = due - hr();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const origin = n % CONSOLES;
      const id = `bench-${n}`;
      pending.set(id, new Set(consoles.map((_, i) => i).filter((i) => i !== origin)));
      const c = consoles[origin] as Core;
      // The action is the alert entering its console (ingest, journal, relay, peer's copy, peer's fold all count).
      committed.set(id, { at: hr(), origin });
      inflight.push(c.alerts.ingest.submit({ id, type: 'door-held', zone: 'gate', occurredAt: Date.now(), mode: 'LIVE' }, 'webhook').then(() => undefined));
    }
    await Promise.all(inflight);
    await waitFor(() => [...pending.values()].every((s) => s.size === 0), 120_000, 'every alert on every console').catch(() => undefined);
    const missing = [...pending.values()].reduce((sum, s) => sum + s.size, 0);
    const last = consoles[0] as Core;
    return {
      consoles: CONSOLES,
      rate: RATE,
      seconds: SECONDS,
      alerts: total,
      deliveries: seen.length,
      missing,
      actionToVisibleOnPeerMs: summarize(seen),
      heldOnConsole0: alertById(last.state.current().alerts, `bench-${total - 1}`) !== undefined,
    };
  } finally {
    for (const c of consoles) await c.close();
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
