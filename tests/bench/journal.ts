// `npm run bench:journal`: the journal's figures on a 1,000,000-entry file,
// in one run, printed as JSON. Sizes are env-configurable for quick runs:
// BENCH_ENTRIES (default 1e6), BENCH_BURST_SECONDS (60), BENCH_SYNC_ENTRIES (1e5).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { journalKinds } from '../../shared/journal/kinds';
import { spaceCjk } from '../../shared/journal/searchText';
import { JournalService, journalPaths } from '../../electron/core/journal/service';
import { migrate } from '../../electron/core/journal/migrations';
import { verifyJournalFile } from '../../electron/core/journal/verify';
import { systemClock } from '../../electron/core/support/clock';
import { createLog } from '../../electron/core/support/log';
import { NatsLink } from '../../electron/core/bus/natsLink';
import { JournalRelay } from '../../electron/core/sync/relay';
import { NatsServer } from '../support/natsServer';
import { repoRoot, tempDir } from '../support/paths';
import { summarize } from './stats';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const BURST_SECONDS = Number(process.env.BENCH_BURST_SECONDS ?? 60);
const SYNC_ENTRIES = Number(process.env.BENCH_SYNC_ENTRIES ?? 100_000);
const BATCH = 2000;
const worker = { file: join(repoRoot, 'out', 'main', 'journal-worker.js') };
const log = createLog({ level: 'error' });

const places = ['北侧围墙', '东院', '大门', '卡口', '配电室', '隔离西区', '隔离东区', '机房', 'lobby', 'gate 2', 'east fence', 'stores'];
const events = ['巡逻正常', '门磁报警已复位', '人员聚集已劝散', 'visitor registered', 'patrol completed', '发热人员已转运', 'camera wiped', '设备故障已报修'];
function noteText(i: number): string {
  const rare = i % 10_000 === 0 ? ' 可疑包裹' : '';
  return `${places[i % places.length]} ${events[(i * 7) % events.length]} 第${i}次${rare}`;
}

async function open(dataDir: string): Promise<JournalService> {
  return JournalService.open({ paths: journalPaths(dataDir), worker, site: 'bench-site', consoleId: 'c-benchconsole', kinds: journalKinds, clock: systemClock, log });
}

const hr = (): number => Number(process.hrtime.bigint()) / 1e6;

async function main(): Promise<void> {
  const dataDir = tempDir('bench-journal');
  const journal = await open(dataDir);

  // 1. Batched throughput: build the 1M-entry journal through the real path (validation, hashing, worker, group commit).
  // Two batches in flight, as concurrent producers would have: the core prepares one while the writer commits the other.
  const buildStart = hr();
  let pending: Promise<unknown> | undefined;
  for (let done = 0; done < ENTRIES; done += BATCH) {
    const n = Math.min(BATCH, ENTRIES - done);
    const next = journal.appendMany(Array.from({ length: n }, (_, k) => ({ kind: 'note', payload: { text: noteText(done + k) } })), { actor: 'duty-liu' });
    if (pending) await pending;
    pending = next;
  }
  await pending;
  const buildMs = hr() - buildStart;
  const journalRate = ENTRIES / (buildMs / 1000);

  // 2. Bare better-sqlite3: the same rows into the same schema with the same pragmas, same batch size.
  const bareFile = join(tempDir('bench-bare'), 'bare.sqlite');
  const bare = new Database(bareFile);
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  migrate(bare, bareFile);
  const src = new Database(journalPaths(dataDir).file, { readonly: true });
  const insert = bare.prepare('INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertFts = bare.prepare('INSERT INTO entries_fts (rowid, text) VALUES (?, ?)');
  const page = src.prepare('SELECT * FROM entries WHERE seq > ? ORDER BY seq LIMIT ?').raw();
  const all: unknown[][] = [];
  for (let after = 0; ; ) {
    const batch = page.all(after, 50_000) as unknown[][];
    if (batch.length === 0) break;
    all.push(...batch);
    after = batch[batch.length - 1]?.[0] as number;
  }
  src.close();
  const bareStart = hr();
  for (let i = 0; i < all.length; i += BATCH) {
    const chunk = all.slice(i, i + BATCH);
    bare.transaction(() => {
      for (const r of chunk) {
        insert.run(...r);
        const text = JSON.parse(String(r[10])) as { text?: string };
        if (text.text) insertFts.run(r[0], spaceCjk(text.text));
      }
    })();
  }
  const bareMs = hr() - bareStart;
  bare.close();
  const bareRate = all.length / (bareMs / 1000);

  // 3. Durable single appends on the full journal, one at a time — once the start-up page check
  // (a quick_check of every page, in a thread of its own since issue 13) is over: it reads the
  // whole file once per start, and on two cores it and the writer share the machine meanwhile.
  const checkWait = hr();
  await journal.whenPagesChecked();
  const pageCheckWaitMs = hr() - checkWait;
  const single: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = hr();
    await journal.append({ kind: 'note', payload: { text: `single ${i}` } }, { actor: 'duty-liu' });
    single.push(hr() - t0);
  }

  // 4. A burst of 1,000 entries/s: ten every 10 ms, each timed to "logged".
  const burst: number[] = [];
  const burstStart = hr();
  const inflight: Promise<void>[] = [];
  for (let tick = 0; tick < BURST_SECONDS * 100; tick++) {
    const due = burstStart + tick * 10;
    const wait = due - hr();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let k = 0; k < 10; k++) {
      const t0 = hr();
      inflight.push(journal.append({ kind: 'note', payload: { text: `burst ${tick}-${k}` } }, { actor: 'duty-liu' }).then(() => void burst.push(hr() - t0)));
    }
  }
  await Promise.all(inflight);
  const burstSeconds = (hr() - burstStart) / 1000;

  // 5. Reads on the full journal, through the worker as the UI asks.
  const latest: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = hr();
    await journal.query({ limit: 100 });
    latest.push(hr() - t0);
  }
  const search: number[] = [];
  let hits = 0;
  for (const term of ['可疑包裹', '配电室 报警', 'east fence', '隔离西区', '劝散']) {
    for (let i = 0; i < 10; i++) {
      const t0 = hr();
      const r = await journal.query({ text: term, limit: 100 });
      search.push(hr() - t0);
      hits = Math.max(hits, r.entries.length);
    }
  }
  const total = journal.status().headSeq;
  await journal.close();

  // 6. Verification rate (the CLI's path: read-only file, every hash and link, every checkpoint signature).
  const verifyStart = hr();
  const report = verifyJournalFile(journalPaths(dataDir).file);
  const verifySeconds = (hr() - verifyStart) / 1000;

  // 7. Sync catch-up: a 100,000-entry backlog to a loopback nats-server.
  const syncDir = tempDir('bench-sync');
  const syncJournal = await open(syncDir);
  for (let done = 0; done < SYNC_ENTRIES; done += BATCH) {
    const n = Math.min(BATCH, SYNC_ENTRIES - done);
    await syncJournal.appendMany(Array.from({ length: n }, (_, k) => ({ kind: 'note', payload: { text: noteText(done + k) } })), { actor: 'duty-liu' });
  }
  const backlog = syncJournal.status().headSeq;
  const nats = await NatsServer.start();
  const link = new NatsLink({ servers: [nats.url], name: 'bench', clock: systemClock, random: Math.random, log });
  const relay = new JournalRelay({ journal: syncJournal, link, site: 'bench-site', consoleId: 'c-benchconsole', clock: systemClock, random: Math.random, log });
  await relay.start();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const syncStart = hr();
  link.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    const s = relay.status();
    if (s.state === 'connected' && s.behind === 0 && (s.lastAck?.seq ?? 0) >= backlog) break;
    if (hr() - syncStart > 600_000) throw new Error('sync did not finish in 10 minutes');
  }
  const syncSeconds = (hr() - syncStart) / 1000;
  relay.stop();
  await link.close();
  await syncJournal.close();
  await nats.stop();

  const result = {
    entries: total,
    batchedThroughput: {
      journalEntriesPerSec: Math.round(journalRate),
      bareSqliteEntriesPerSec: Math.round(bareRate),
      overheadRatio: Math.round((bareRate / journalRate) * 100) / 100,
      note: 'journal: 2000-entry appendMany calls, two in flight, through validation, canonical JSON, the writer thread, hashing, checkpoints. bare: the same rows inserted with raw better-sqlite3 into the same schema (indexes and FTS rows included), same pragmas (WAL, synchronous=FULL), same 2000-row transactions',
      goal: 'overheadRatio <= 1.5',
    },
    singleAppendMs: { ...summarize(single), goal: 'p99 <= 5', note: 'after the start-up page check (pageCheckWaitMs: how long the bench waited for it)' },
    pageCheckWaitMs: Math.round(pageCheckWaitMs),
    burst: { ratePerSec: Math.round(burst.length / burstSeconds), seconds: Math.round(burstSeconds), latencyMs: summarize(burst), goal: 'p99 <= 20' },
    latest100Ms: { ...summarize(latest), goal: 'p95 <= 5' },
    ftsSearchMs: { ...summarize(search), maxHits: hits, goal: 'p95 <= 50' },
    verification: { ok: report.ok, entries: report.entries, seconds: Math.round(verifySeconds * 100) / 100, entriesPerSec: Math.round(report.entries / verifySeconds), goal: '>= 150000' },
    syncCatchUp: {
      backlog,
      seconds: Math.round(syncSeconds * 100) / 100,
      entriesPerSec: Math.round(backlog / syncSeconds),
      rssGrowthMB: Math.round(((rssPeak - rssBefore) / 1e6) * 10) / 10,
      goal: '>= 10000',
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
