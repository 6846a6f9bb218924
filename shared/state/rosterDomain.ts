import type { AttemptResult, CommsMethod, RollCallSummary } from '../roster/kinds';
import { domain } from './domain';

/** One contact attempt as the schedules need it (the journal keeps the full row). */
export interface AttemptRecord {
  readonly id: string;
  readonly at: number;
  readonly method: CommsMethod;
  readonly result: AttemptResult;
  readonly checkId: string | undefined;
  readonly by: string;
  /** The earlier attempt this one amends. */
  readonly amends: string | undefined;
}

/** The escalation of one overdue period of one check for one subject. */
export interface EscalationRecord {
  readonly overdueAt: number;
  /** Steps the console has journaled (comms.escalation), in order. */
  readonly steps: readonly number[];
  readonly acked: { readonly at: number; readonly by: string } | undefined;
}

/** What the journal says about one person, contact or device (subject key, see subjectKey). */
export interface SubjectComms {
  /** The latest attempts (amended ones replaced), oldest first; enough to recompute after an amendment. */
  readonly attempts: readonly AttemptRecord[];
  /** Per check id: its latest escalation. */
  readonly esc: Readonly<Record<string, EscalationRecord>>;
}

export interface RollCall {
  readonly id: string;
  readonly channel: string;
  readonly people: readonly string[];
  readonly answers: Readonly<Record<string, AttemptResult>>;
  readonly startedAt: number;
  readonly by: string;
  readonly endedAt: number | undefined;
  readonly summary: RollCallSummary | undefined;
}

export interface RosterState {
  /** When the journal began: the reference of a check nobody has answered yet. */
  readonly startedAt: number | undefined;
  /**
   * Subjects hashed into fixed buckets, so one new attempt copies a bucket
   * and not a record of every person (500 people, 30 days of history).
   */
  readonly buckets: readonly Readonly<Record<string, SubjectComms>>[];
  /** Per device: last test and last pass. */
  readonly tests: Readonly<Record<string, { readonly at: number; readonly result: 'pass' | 'fail'; readonly lastPass: number | undefined }>>;
  readonly rollcall: RollCall | undefined;
  /** Ended roll calls, newest last (the last 10). */
  readonly rollcalls: readonly RollCall[];
  readonly lastImport: { readonly at: number; readonly rows: number; readonly sha256: string } | undefined;
}

export const BUCKETS = 64;
const KEEP_ATTEMPTS = 20;
const EMPTY: SubjectComms = { attempts: [], esc: {} };

/** Subject key of a device in the buckets (people and contacts use their id). */
export const deviceKey = (device: string): string => `dev:${device}`;

/** Id of the escalation of one overdue period: stable across restarts because it is derived. */
export function escalationIdOf(checkId: string, subject: string, overdueAt: number): string {
  return `${checkId}|${subject}|${overdueAt}`;
}

export function parseEscalationId(id: string): { checkId: string; subject: string; overdueAt: number } | undefined {
  const parts = id.split('|');
  if (parts.length !== 3) return undefined;
  const overdueAt = Number(parts[2]);
  if (!parts[0] || !parts[1] || !Number.isFinite(overdueAt)) return undefined;
  return { checkId: parts[0], subject: parts[1], overdueAt };
}

function bucketOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return (h >>> 0) % BUCKETS;
}

export function subjectOf(state: RosterState, key: string): SubjectComms {
  return state.buckets[bucketOf(key)]?.[key] ?? EMPTY;
}

/** A recent attempt by entry id, with the subject it is filed under. */
export function findAttempt(state: RosterState, id: string): { key: string; attempt: AttemptRecord } | undefined {
  for (const bucket of state.buckets) {
    for (const key of Object.keys(bucket)) {
      const attempt = bucket[key]?.attempts.find((a) => a.id === id);
      if (attempt) return { key, attempt };
    }
  }
  return undefined;
}

function withSubject(state: RosterState, key: string, change: (s: SubjectComms) => SubjectComms): RosterState {
  const b = bucketOf(key);
  const bucket = state.buckets[b] ?? {};
  const next = change(bucket[key] ?? EMPTY);
  const buckets = state.buckets.slice();
  buckets[b] = { ...bucket, [key]: next };
  return { ...state, buckets };
}

function addAttempt(list: readonly AttemptRecord[], record: AttemptRecord): AttemptRecord[] {
  // Attempts may be logged late (observed time): insert in time order; almost always at the end.
  let i = list.length;
  while (i > 0 && (list[i - 1] as AttemptRecord).at > record.at) i--;
  const from = list.length >= KEEP_ATTEMPTS ? 1 : 0;
  if (i < from) return list.slice(); // older than everything kept: the timers do not need it
  const out = list.slice(from, i);
  out.push(record);
  for (let k = i; k < list.length; k++) out.push(list[k] as AttemptRecord);
  return out;
}

/** Contact roster: attempts per person, escalations, roll calls, device tests. */
export const rosterDomain = domain<RosterState>({
  init: () => ({ startedAt: undefined, buckets: Array.from({ length: BUCKETS }, () => ({})), tests: {}, rollcall: undefined, rollcalls: [], lastImport: undefined }),
  // The journal's first entry, of any kind, is the reference of checks nobody has answered yet.
  every: (state, entry) => (state.startedAt === undefined ? { ...state, startedAt: entry.occurredAt } : state),
  on: {
    'comms.attempt': (state, p, entry) => {
      const record: AttemptRecord = { id: entry.id, at: entry.occurredAt, method: p.method, result: p.result, checkId: p.checkId, by: entry.actor, amends: entry.ref ?? undefined };
      let next = state;
      if (entry.ref) {
        // An amendment replaces the attempt it names, wherever it was filed (the amendment may correct `to`).
        const ref = entry.ref;
        const found = findAttempt(next, ref);
        if (found) next = withSubject(next, found.key, (s) => ({ ...s, attempts: s.attempts.filter((a) => a.id !== ref) }));
      }
      return withSubject(next, p.to, (s) => ({ ...s, attempts: addAttempt(s.attempts, record) }));
    },
    'comms.escalation': (state, p) => {
      const id = parseEscalationId(p.escalationId);
      if (!id) return state;
      const step = p.step;
      return withSubject(state, id.subject, (s) => {
        const before = s.esc[id.checkId];
        const current: EscalationRecord = before && before.overdueAt === id.overdueAt ? before : { overdueAt: id.overdueAt, steps: [], acked: undefined };
        if (before && before.overdueAt > id.overdueAt) return s;
        if (current.steps.includes(step)) return s;
        return { ...s, esc: { ...s.esc, [id.checkId]: { ...current, steps: [...current.steps, step].sort((a, b) => a - b) } } };
      });
    },
    'comms.ack': (state, p, entry) => {
      const id = parseEscalationId(p.escalationId);
      if (!id) return state;
      return withSubject(state, id.subject, (s) => {
        const before = s.esc[id.checkId];
        if (before && before.overdueAt > id.overdueAt) return s;
        const current: EscalationRecord = before && before.overdueAt === id.overdueAt ? before : { overdueAt: id.overdueAt, steps: [], acked: undefined };
        if (current.acked) return s;
        return { ...s, esc: { ...s.esc, [id.checkId]: { ...current, acked: { at: entry.occurredAt, by: entry.actor } } } };
      });
    },
    'rollcall.started': (state, p, entry) => {
      const rollcall: RollCall = { id: entry.id, channel: p.channel, people: p.people, answers: {}, startedAt: entry.occurredAt, by: entry.actor, endedAt: undefined, summary: undefined };
      return { ...state, rollcall };
    },
    'rollcall.answer': (state, p, entry) => {
      const { person, result } = p;
      let next = state;
      if (next.rollcall && next.rollcall.id === p.rollcallId) {
        next = { ...next, rollcall: { ...next.rollcall, answers: { ...next.rollcall.answers, [person]: result } } };
      }
      // A roll call answer is a radio contact like any other: it resets that person's radio checks.
      const record: AttemptRecord = { id: entry.id, at: entry.occurredAt, method: 'radio', result, checkId: undefined, by: entry.actor, amends: undefined };
      return withSubject(next, person, (s) => ({ ...s, attempts: addAttempt(s.attempts, record) }));
    },
    'rollcall.ended': (state, p, entry) => {
      const active = state.rollcall && state.rollcall.id === p.rollcallId ? state.rollcall : undefined;
      if (!active) return state;
      const ended: RollCall = { ...active, endedAt: entry.occurredAt, summary: p.summary };
      return { ...state, rollcall: undefined, rollcalls: [...state.rollcalls, ended].slice(-10) };
    },
    'equipment.tested': (state, p, entry) => {
      const { device, result } = p;
      const before = state.tests[device];
      const lastPass = result === 'pass' ? Math.max(entry.occurredAt, before?.lastPass ?? -Infinity) : before?.lastPass;
      return { ...state, tests: { ...state.tests, [device]: { at: entry.occurredAt, result, lastPass } } };
    },
    'roster.imported': (state, p, entry) => ({ ...state, lastImport: { at: entry.occurredAt, rows: p.rows, sha256: p.sha256 } }),
  },
});
