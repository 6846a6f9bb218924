import { localize, type Locale } from '../i18n/locale';
import type { CommsCheck, ContactRoute, Person, Roster } from '../site/roster';
import { ladderRanks } from '../site/roster';
import { deviceKey, escalationIdOf, subjectOf, type AttemptRecord, type RosterState, type SubjectComms } from '../state/rosterDomain';
import type { AttemptResult, CommsMethod } from './kinds';
import { isLegible } from './kinds';
import { dutyAt, siteLastTest, type DutyNow } from './shifts';

const MIN = 60_000;

/** `failed`: the latest call for this check went unanswered (or was illegible) and it is not yet overdue. */
export type Stage = 'ok' | 'warn' | 'failed' | 'overdue';

export interface EscalationStep {
  readonly index: number;
  readonly at: number;
  readonly kind: 'ladder' | 'backup' | 'supervisor';
  /** Person to try at this step. */
  readonly target: string;
  readonly method: CommsMethod;
  /** Call sign and channel, or the number, or the runner's post. */
  readonly route: string;
}

export interface EscalationView {
  /** Stable id derived from check, subject and overdue time (see escalationIdOf). */
  readonly id: string;
  readonly steps: readonly EscalationStep[];
  /** Index of the latest step that is due (-1 before the first). */
  readonly current: number;
  /** Steps already journaled as comms.escalation. */
  readonly sent: readonly number[];
  readonly acked: { readonly at: number; readonly by: string } | undefined;
}

export interface DueState {
  readonly checkId: string;
  /** Key of the subject: a person id, or deviceKey(device). */
  readonly subject: string;
  /** The person to reach (the keeper for a device). */
  readonly person: string;
  readonly device: string | undefined;
  /** Last legible contact (or passed test) counted by this check. */
  readonly lastContact: number | undefined;
  /** The instant the clock of this check runs from: last contact, or journal start, or shift start. */
  readonly since: number;
  readonly dueAt: number;
  readonly warnAt: number;
  readonly overdueAt: number;
  readonly stage: Stage;
  /** The latest call's result when it failed since the last contact (a check's state follows its latest result). */
  readonly failed: AttemptResult | undefined;
  readonly escalation: EscalationView | undefined;
}

/** Ladder routes in rank order (primary, alternate, contingency, emergency). */
export function orderedLadder(ladder: readonly ContactRoute[]): ContactRoute[] {
  return [...ladder].sort((a, b) => ladderRanks.indexOf(a.rank) - ladderRanks.indexOf(b.rank));
}

/** One line for a route; runner posts in the given language (escalation entries use English). */
export function routeText(route: ContactRoute, locale: Locale = 'en'): string {
  switch (route.method) {
    case 'radio':
      return [route.callSign, route.channel, route.talkgroup].filter(Boolean).join(' ');
    case 'satphone':
      return `${route.number} (${route.network})`;
    case 'mobile':
    case 'landline':
      return route.number;
    case 'runner':
      return localize(route.post, locale);
  }
}

/**
 * Whether a legible attempt counts for a check. Any legible contact resets a
 * person's check (ANCHORS: "any legible contact resets the timer"), except a
 * satellite-phone check, which tests the phone and its SIM: only a call on
 * the satellite phone proves that. An attempt made for this very check always counts.
 */
/** Whether an attempt is a call this check would count, whatever its result. */
function callFor(check: CommsCheck, a: AttemptRecord): boolean {
  if (a.checkId === check.id) return true;
  return check.method !== 'satphone' || a.method === 'satphone';
}

function counts(check: CommsCheck, a: AttemptRecord): boolean {
  return isLegible(a.result) && callFor(check, a);
}

/** The result of the latest call for this check after `after`, when it went unanswered or was illegible. */
function failedSince(check: CommsCheck, subject: SubjectComms, after: number): AttemptResult | undefined {
  let latest: AttemptRecord | undefined;
  for (const a of subject.attempts) if (callFor(check, a) && a.at > after && (latest === undefined || a.at >= latest.at)) latest = a;
  return latest && !isLegible(latest.result) ? latest.result : undefined;
}

function lastLegible(check: CommsCheck, subject: SubjectComms): number | undefined {
  let last: number | undefined;
  for (const a of subject.attempts) if (counts(check, a) && (last === undefined || a.at > last)) last = a.at;
  return last;
}

/** The escalation plan of a person: rest of their ladder, then their backup, then their supervisor. */
export function escalationPlan(check: CommsCheck, person: Person | undefined, people: ReadonlyMap<string, Person>, overdueAt: number, wholeLadder: boolean): EscalationStep[] {
  if (!person) return [];
  const wait = check.escalationWaitMin * MIN;
  const steps: Omit<EscalationStep, 'index' | 'at'>[] = [];
  const ladder = orderedLadder(person.ladder);
  // The route the check itself uses has failed: walk on from the next one.
  const failed = wholeLadder ? -1 : Math.max(0, ladder.findIndex((r) => check.method === 'any' || r.method === check.method));
  ladder.forEach((route, i) => {
    if (i !== failed) steps.push({ kind: 'ladder', target: person.id, method: route.method, route: routeText(route) });
  });
  for (const kind of ['backup', 'supervisor'] as const) {
    const other = person[kind] !== undefined ? people.get(person[kind]) : undefined;
    const first = other ? orderedLadder(other.ladder)[0] : undefined;
    if (other && first) steps.push({ kind, target: other.id, method: first.method, route: routeText(first) });
  }
  // Unacknowledged, the walk starts again from the top, escalationRepeat more times.
  const walked = Array.from({ length: check.escalationRepeat + 1 }, () => steps).flat();
  return walked.map((s, index) => ({ ...s, index, at: overdueAt + index * wait }));
}

/** What a check is about at `now`: people (by id, group or duty) or every device. */
function subjectsOf(check: CommsCheck, roster: Roster, duty: DutyNow): { key: string; person: string; device: string | undefined }[] {
  const t = check.target;
  if ('person' in t) return [{ key: t.person, person: t.person, device: undefined }];
  if ('group' in t) return roster.people.filter((p) => p.group === t.group).map((p) => ({ key: p.id, person: p.id, device: undefined }));
  if ('onDuty' in t) return duty.onDuty.map((id) => ({ key: id, person: id, device: undefined }));
  return roster.equipment.map((e) => ({ key: deviceKey(e.id), person: e.keeper, device: e.id }));
}

export interface ScheduleContext {
  readonly roster: Roster;
  readonly timeZone: string;
  readonly people: ReadonlyMap<string, Person>;
  readonly duty: DutyNow;
  /** Escalation plans by check and person, relative to the overdue time: the same for every overdue period. */
  readonly plans: Map<string, readonly EscalationStep[]>;
}

/** Precomputes what every check needs at `now` (people by id, who is on duty). */
export function scheduleContext(roster: Roster, timeZone: string, now: number): ScheduleContext {
  return { roster, timeZone, people: new Map(roster.people.map((p) => [p.id, p])), duty: dutyAt(roster, timeZone, now), plans: new Map() };
}

/** The due state of one check for one subject. */
export function dueStateOf(
  state: RosterState,
  ctx: ScheduleContext,
  check: CommsCheck,
  subject: { key: string; person: string; device: string | undefined },
  now: number,
): DueState {
  const comms = subjectOf(state, subject.key);
  let lastContact: number | undefined;
  if (subject.device !== undefined) {
    const device = ctx.roster.equipment.find((e) => e.id === subject.device);
    const fromJournal = state.tests[subject.device]?.lastPass;
    const fromSite = device ? siteLastTest(device, ctx.timeZone) : undefined;
    lastContact = fromJournal === undefined ? fromSite : fromSite === undefined ? fromJournal : Math.max(fromJournal, fromSite);
  } else {
    lastContact = lastLegible(check, comms);
  }
  let since = state.startedAt ?? now;
  if ('onDuty' in check.target) {
    // A person's duty check runs from the start of their shift: contact before it does not count.
    const slot = ctx.duty.now.find((s) => s.people.includes(subject.person));
    if (slot) since = Math.max(since, slot.start);
  }
  const from = lastContact !== undefined && lastContact > since ? lastContact : since;
  const dueAt = from + check.everyMin * MIN;
  const warnAt = from + check.warnAfterMin * MIN;
  const overdueAt = from + check.overdueAfterMin * MIN;
  const failed = subject.device === undefined ? failedSince(check, comms, lastContact ?? Number.NEGATIVE_INFINITY) : undefined;
  const stage: Stage = now >= overdueAt ? 'overdue' : failed !== undefined ? 'failed' : now >= warnAt ? 'warn' : 'ok';
  let escalation: EscalationView | undefined;
  if (stage === 'overdue') {
    const key = `${check.id}|${subject.person}|${subject.device === undefined ? 'p' : 'd'}`;
    let plan = ctx.plans.get(key);
    if (!plan) {
      plan = escalationPlan(check, ctx.people.get(subject.person), ctx.people, 0, subject.device !== undefined);
      ctx.plans.set(key, plan);
    }
    const steps = plan.map((step) => ({ ...step, at: step.at + overdueAt }));
    const record = comms.esc[check.id];
    const same = record && record.overdueAt === overdueAt ? record : undefined;
    let current = -1;
    for (const s of steps) if (s.at <= now) current = s.index;
    escalation = { id: escalationIdOf(check.id, subject.key, overdueAt), steps, current, sent: same?.steps ?? [], acked: same?.acked };
  }
  return { checkId: check.id, subject: subject.key, person: subject.person, device: subject.device, lastContact, since, dueAt, warnAt, overdueAt, stage, failed, escalation };
}

/** Every check's state for every subject at `now`: pure, derived from the journal fold and the roster. */
export function dueStates(state: RosterState, roster: Roster, timeZone: string, now: number): DueState[] {
  const ctx = scheduleContext(roster, timeZone, now);
  const out: DueState[] = [];
  for (const check of roster.checks) for (const subject of subjectsOf(check, roster, ctx.duty)) out.push(dueStateOf(state, ctx, check, subject, now));
  return out;
}

/** The due states of one subject only: what a single new attempt can change. */
export function dueStatesFor(state: RosterState, ctx: ScheduleContext, key: string, now: number): DueState[] {
  const out: DueState[] = [];
  for (const check of ctx.roster.checks) {
    for (const subject of subjectsOf(check, ctx.roster, ctx.duty)) if (subject.key === key) out.push(dueStateOf(state, ctx, check, subject, now));
  }
  return out;
}

/** Escalation steps that are due, not acknowledged and not yet journaled: what the console must record now. */
export function pendingSteps(states: readonly DueState[]): { state: DueState; step: EscalationStep }[] {
  const out: { state: DueState; step: EscalationStep }[] = [];
  for (const s of states) {
    const e = s.escalation;
    if (!e || e.acked) continue;
    for (const step of e.steps) if (step.index <= e.current && !e.sent.includes(step.index)) out.push({ state: s, step });
  }
  return out;
}

/** The next instant any state changes by time alone (a stage or an escalation step), after `now`. */
export function nextChange(states: readonly DueState[], now: number, duty: DutyNow): number | undefined {
  let next: number | undefined;
  const consider = (t: number): void => {
    if (t > now && (next === undefined || t < next)) next = t;
  };
  for (const s of states) {
    consider(s.warnAt);
    consider(s.overdueAt);
    if (s.escalation && !s.escalation.acked) for (const step of s.escalation.steps) consider(step.at);
  }
  // Who is on duty changes at shift boundaries, and with it the on-duty checks.
  for (const slot of duty.now) consider(slot.end);
  if (duty.next) consider(duty.next.start);
  return next;
}
