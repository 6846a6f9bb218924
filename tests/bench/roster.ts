// Comms checks at scale: 500 people, 50 check schedules, 30 days of contact
// attempts in a real journal (SQLite through the journal's worker). Measures
// what a console does at start-up — fold the journal into the site state,
// then compute every check's due state — and per new check result: fold one
// attempt and recompute the due states it can change. Prints JSON.
import { performance } from 'node:perf_hooks';
import { StateService } from '../../electron/core/state/stateService';
import { attemptResults } from '../../shared/roster/kinds';
import { dueStates, dueStatesFor, scheduleContext } from '../../shared/roster/schedule';
import { groups, RosterSchema, type Roster } from '../../shared/site/roster';
import { foldEntries, foldEntry, initialSiteState } from '../../shared/state';
import type { JournalEntry } from '../../shared/journal/entry';
import { FakeClock } from '../support/fakeClock';
import { openTestJournal } from '../support/journal';
import { summarize } from './stats';

const PEOPLE = 500;
const CHECKS = 50;
const DAYS = 30;
/** One attempt per person every this many hours over the 30 days. */
const EVERY_H = Number(process.env.BENCH_ROSTER_EVERY_H ?? 3);
const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

function buildRoster(): Roster {
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `p${i}`,
    name: { en: `Person ${i}`, 'zh-CN': `人员${i}` },
    role: i % 10 === 0 ? 'duty-officer' : 'security',
    group: groups[i % groups.length],
    ...(i >= 10 ? { supervisor: `p${i % 10}`, backup: `p${i + 1 < PEOPLE ? i + 1 : 10}` } : {}),
    ladder: [
      { method: 'radio', rank: 'primary', callSign: `U${i}`, channel: `CH${(i % 8) + 1}` },
      { method: 'mobile', rank: 'alternate', number: `1380000${String(i).padStart(4, '0')}` },
      { method: 'satphone', rank: 'contingency', number: '+8816314412345', network: 'iridium' },
    ],
  }));
  const crews = Array.from({ length: 3 }, (_, c) => ({ id: `c${c}`, members: people.slice(c * 150, c * 150 + 150).map((p) => p.id) }));
  const checks = Array.from({ length: CHECKS }, (_, i) => {
    const base = { id: `k${i}`, name: `Check ${i}`, method: 'radio', everyMin: 30, warnAfterMin: 35, overdueAfterMin: 45 };
    if (i < 40) return { ...base, target: { person: `p${i * 12}` } };
    if (i < 45) return { ...base, target: { group: groups[i - 40] } };
    if (i < 49) return { ...base, target: { onDuty: true } };
    return { ...base, method: 'any', everyMin: 20160, warnAfterMin: 20160, overdueAfterMin: 21600, target: { equipment: 'all' } };
  });
  const equipment = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, kind: 'radio', label: `Radio ${i}`, keeper: `p${i}`, radioId: `R-${i}` }));
  return RosterSchema.parse({
    people,
    crews,
    shifts: [
      { id: 'day', name: 'Day', start: '08:00', hours: 8 },
      { id: 'evening', name: 'Evening', start: '16:00', hours: 8 },
      { id: 'night', name: 'Night', start: '00:00', hours: 8 },
    ],
    rota: { anchor: '2026-01-01', cycle: [{ day: 'c0', evening: 'c1', night: 'c2' }] },
    equipment,
    checks,
  });
}

const roster = buildRoster();
const end = Date.UTC(2026, 10, 22, 8, 0, 0);
const start = end - DAYS * 24 * HOUR;
const clock = new FakeClock(start);
const { journal } = await openTestJournal({ clock, site: 'bench-site' });

// 30 days of history: every person called every EVERY_H hours, mostly answered.
const writeStarted = performance.now();
let written = 0;
let batch: { kind: string; payload: unknown; occurredAt: number }[] = [];
const flush = async (): Promise<void> => {
  if (batch.length === 0) return;
  await journal.appendMany(batch, { actor: 'duty-liu' });
  written += batch.length;
  batch = [];
};
for (let t = start; t < end; t += EVERY_H * HOUR) {
  clock.set(t);
  for (let i = 0; i < PEOPLE; i++) {
    const at = t + ((i * 7919) % (EVERY_H * HOUR - 1000));
    const result = attemptResults[(i + Math.floor(t / HOUR)) % 10 === 0 ? 1 : 0] ?? 'answered';
    batch.push({ kind: 'comms.attempt', payload: { to: `p${i}`, method: 'radio', channel: `CH${(i % 8) + 1}`, result }, occurredAt: at });
    if (batch.length >= 2000) await flush();
  }
}
await flush();
const writeMs = performance.now() - writeStarted;
clock.set(end);

// Start-up: a fresh fold of the whole journal (what createCore does), then every due state.
const startup: { foldMs: number; dueMs: number }[] = [];
let state = new StateService('bench-site');
for (let run = 0; run < 3; run++) {
  state = new StateService('bench-site');
  const f0 = performance.now();
  await state.load(journal);
  const f1 = performance.now();
  const all = dueStates(state.current().roster, roster, TZ, end);
  const f2 = performance.now();
  if (all.length === 0) throw new Error('no due states');
  startup.push({ foldMs: f1 - f0, dueMs: f2 - f1 });
}
const subjects = dueStates(state.current().roster, roster, TZ, end).length;

// The fold alone, from entries already in memory (start-up minus reading SQLite).
const entries: JournalEntry[] = [];
for (let after = 0; ; ) {
  const page = await journal.entriesAfter(after, 5000);
  if (page.length === 0) break;
  entries.push(...page);
  after = page[page.length - 1]?.seq ?? after;
}
// CPU time next to wall time: on a shared two-core machine wall time mostly measures waiting for a core.
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
const foldOnly: number[] = [];
const foldOnlyCpu: number[] = [];
for (let run = 0; run < 3; run++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  foldEntries(initialSiteState(), entries);
  foldOnly.push(performance.now() - t0);
  foldOnlyCpu.push(cpuMs(c0));
}
const dueCpu: number[] = [];
for (let run = 0; run < 5; run++) {
  const c0 = process.cpuUsage();
  dueStates(state.current().roster, roster, TZ, end);
  dueCpu.push(cpuMs(c0));
}

// Per check result: one new attempt entry folded, then the due states it can change (and, for comparison, all of them).
let site = state.current();
const incremental: number[] = [];
const full: number[] = [];
const ctx = scheduleContext(roster, TZ, end);
for (let n = 0; n < 300; n++) {
  const to = `p${(n * 37) % PEOPLE}`;
  const entry: JournalEntry = {
    seq: 10_000_000 + n,
    id: `0190${String(n).padStart(8, '0')}`,
    site: 'bench-site',
    console: 'bench',
    kind: 'comms.attempt',
    occurredAt: end + n,
    hlc: `${end + n}`,
    actor: 'duty-liu',
    mode: 'LIVE',
    ref: null,
    payload: { to, method: 'radio', result: 'answered' },
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
  const t0 = performance.now();
  site = foldEntry(site, entry);
  dueStatesFor(site.roster, ctx, to, end + n);
  const t1 = performance.now();
  dueStates(site.roster, roster, TZ, end + n);
  const t2 = performance.now();
  incremental.push(t1 - t0);
  full.push(t2 - t1);
}
await journal.close();

const best = (k: 'foldMs' | 'dueMs'): number => Math.round(Math.min(...startup.map((s) => s[k])) * 1000) / 1000;
process.stdout.write(
  `${JSON.stringify({
    people: PEOPLE,
    checks: CHECKS,
    days: DAYS,
    attempts: written,
    dueSubjects: subjects,
    journalWriteMs: Math.round(writeMs),
    startup: {
      dueStatesMs: best('dueMs'),
      foldJournalMs: best('foldMs'),
      foldInMemoryMs: Math.round(Math.min(...foldOnly)),
      cpu: { dueStatesMs: Math.round(Math.min(...dueCpu) * 1000) / 1000, foldInMemoryMs: Math.round(Math.min(...foldOnlyCpu)) },
      runs: startup.map((s) => ({ foldMs: Math.round(s.foldMs), dueMs: Math.round(s.dueMs * 1000) / 1000 })),
      goalMs: 100,
    },
    perCheckResult: { foldAndDueForSubjectMs: summarize(incremental), allDueStatesMs: summarize(full), goalMs: 5 },
    loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    note: 'dueStatesMs: every check for every subject from the folded journal (goal 100 ms). foldJournalMs: reading and folding the whole journal into the site state at start-up, all domains; foldInMemoryMs: the same fold from entries already read. perCheckResult: fold one attempt and recompute that subject (goal 5 ms); allDueStatesMs recomputes every check.',
  })}\n`,
);
process.exit(0);
