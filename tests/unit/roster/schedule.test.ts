import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/entry';
import { dueStates, nextChange, pendingSteps, scheduleContext } from '../../../shared/roster/schedule';
import { dutyAt, rosterWarnings } from '../../../shared/roster/shifts';
import { RosterSchema, type Roster } from '../../../shared/site/roster';
import { foldEntries, initialSiteState } from '../../../shared/state';
import { escalationIdOf } from '../../../shared/state/rosterDomain';
import { makeEntry } from '../../support/entries';
import { FakeClock } from '../../support/fakeClock';

const MIN = 60_000;
const TZ = 'Asia/Shanghai';

const roster: Roster = RosterSchema.parse({
  people: [
    {
      id: 'alpha',
      name: 'Alpha',
      role: 'zone-warden',
      group: 'security',
      supervisor: 'boss',
      backup: 'bravo',
      ladder: [
        { method: 'mobile', rank: 'alternate', number: '13800000001' },
        { method: 'radio', rank: 'primary', callSign: 'Alpha', channel: 'CH2' },
        { method: 'satphone', rank: 'contingency', number: '+8816314412345', network: 'iridium' },
      ],
    },
    { id: 'bravo', name: 'Bravo', role: 'zone-warden', group: 'security', ladder: [{ method: 'radio', rank: 'primary', callSign: 'Bravo', channel: 'CH2' }] },
    { id: 'boss', name: 'Boss', role: 'duty-officer', group: 'command', ladder: [{ method: 'landline', rank: 'primary', number: '02100000001' }] },
  ],
  shifts: [
    { id: 'day', name: 'Day', start: '08:00', hours: 12 },
    { id: 'night', name: 'Night', start: '20:00', hours: 12 },
  ],
  crews: [
    { id: 'a', members: ['alpha'] },
    { id: 'b', members: ['bravo'] },
  ],
  rota: { anchor: '2026-11-01', cycle: [{ day: 'a', night: 'b' }, { day: 'b' }] },
  equipment: [{ id: 'sat-1', kind: 'satphone', label: 'Sat 1', keeper: 'alpha', number: '+8816314412345', network: 'iridium', lastTestAt: '2026-11-01', simExpiry: '2026-12-10' }],
  checks: [
    { id: 'alpha-radio', name: 'Alpha radio', target: { person: 'alpha' }, method: 'radio', everyMin: 30, warnAfterMin: 25, overdueAfterMin: 30, escalationWaitMin: 5 },
    { id: 'sat', name: 'Sat test', target: { group: 'command' }, method: 'satphone', everyMin: 60, warnAfterMin: 60, overdueAfterMin: 120 },
  ],
});

const entry = (kind: string, at: number, payload: Record<string, unknown>, ref: string | null = null, id?: string): JournalEntry =>
  makeEntry({ kind, occurredAt: at, actor: 'op', ref, payload, ...(id === undefined ? {} : { id }) });

const attempt = (at: number, result: string, extra: Record<string, unknown> = {}, ref: string | null = null, id?: string): JournalEntry =>
  entry('comms.attempt', at, { to: 'alpha', method: 'radio', result, ...extra }, ref, id);

function alphaRadio(entries: JournalEntry[], now: number) {
  const state = foldEntries(initialSiteState(), entries).roster;
  const s = dueStates(state, roster, TZ, now).find((d) => d.checkId === 'alpha-radio');
  if (!s) throw new Error('no state');
  return s;
}

describe('comms check schedules', () => {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 2, 0, 0)); // 10:00 in Shanghai
  const t0 = clock.now();

  it('runs from the journal start, warns then goes overdue', () => {
    const journal = [entry('note', t0, { text: 'start' })];
    expect(alphaRadio(journal, t0).stage).toBe('ok');
    clock.set(t0 + 25 * MIN);
    expect(alphaRadio(journal, clock.now()).stage).toBe('warn');
    clock.set(t0 + 30 * MIN);
    const s = alphaRadio(journal, clock.now());
    expect(s.stage).toBe('overdue');
    expect(s.overdueAt).toBe(t0 + 30 * MIN);
    expect(s.dueAt).toBe(t0 + 30 * MIN);
  });

  it("a check's state follows its latest result: a failed call shows until a legible contact", () => {
    const journal = [entry('note', t0, { text: 'start' }), attempt(t0 + 2 * MIN, 'answered')];
    expect(alphaRadio(journal, t0 + 5 * MIN)).toMatchObject({ stage: 'ok', failed: undefined });
    journal.push(attempt(t0 + 6 * MIN, 'no-answer'));
    expect(alphaRadio(journal, t0 + 7 * MIN)).toMatchObject({ stage: 'failed', failed: 'no-answer' });
    journal.push(attempt(t0 + 8 * MIN, 'bad-signal'));
    expect(alphaRadio(journal, t0 + 9 * MIN)).toMatchObject({ stage: 'failed', failed: 'bad-signal' });
    // Still the time that counts once it runs out: overdue, as from the last legible contact.
    expect(alphaRadio(journal, t0 + 32 * MIN)).toMatchObject({ stage: 'overdue', overdueAt: t0 + 32 * MIN });
    journal.push(attempt(t0 + 10 * MIN, 'answered'));
    expect(alphaRadio(journal, t0 + 11 * MIN)).toMatchObject({ stage: 'ok', failed: undefined });
  });

  it('a legible contact resets the timer; no-answer and bad signal do not', () => {
    const journal = [entry('note', t0, { text: 'start' }), attempt(t0 + 20 * MIN, 'no-answer'), attempt(t0 + 21 * MIN, 'bad-signal')];
    expect(alphaRadio(journal, t0 + 30 * MIN).stage).toBe('overdue');
    journal.push(attempt(t0 + 22 * MIN, 'relayed'));
    const s = alphaRadio(journal, t0 + 30 * MIN);
    expect(s.stage).toBe('ok');
    expect(s.lastContact).toBe(t0 + 22 * MIN);
    expect(s.overdueAt).toBe(t0 + 52 * MIN);
  });

  it('an amended attempt recomputes the timer', () => {
    const first = attempt(t0 + 10 * MIN, 'answered', {}, null, '01900000000aa');
    const journal = [entry('note', t0, { text: 'start' }), first];
    expect(alphaRadio(journal, t0 + 30 * MIN).overdueAt).toBe(t0 + 40 * MIN);
    // The operator logged it wrongly: it was no answer. The timer falls back to the journal start.
    journal.push(attempt(t0 + 10 * MIN, 'no-answer', {}, first.id));
    const s = alphaRadio(journal, t0 + 30 * MIN);
    expect(s.lastContact).toBeUndefined();
    expect(s.stage).toBe('overdue');
  });

  it('an attempt logged late (earlier observed time) takes its place in time order; older history is trimmed', () => {
    const journal = [entry('note', t0, { text: 'start' })];
    for (let i = 0; i < 30; i++) journal.push(attempt(t0 + (i + 1) * MIN, i % 2 ? 'answered' : 'no-answer'));
    journal.push(attempt(t0 + 5 * MIN + 30_000, 'answered'));
    const state = foldEntries(initialSiteState(), journal).roster;
    const bucket = state.buckets.find((b) => b.alpha);
    const times = bucket?.alpha?.attempts.map((a) => a.at) ?? [];
    expect(times).toHaveLength(20);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(alphaRadio(journal, t0 + 31 * MIN).lastContact).toBe(t0 + 30 * MIN);
  });

  it('a satellite check counts only satellite calls', () => {
    const boss = (entries: JournalEntry[], now: number) =>
      dueStates(foldEntries(initialSiteState(), entries).roster, roster, TZ, now).find((d) => d.checkId === 'sat' && d.person === 'boss');
    const journal = [entry('note', t0, { text: 'start' }), entry('comms.attempt', t0 + 60 * MIN, { to: 'boss', method: 'landline', result: 'answered' })];
    expect(boss(journal, t0 + 120 * MIN)?.stage).toBe('overdue');
    journal.push(entry('comms.attempt', t0 + 61 * MIN, { to: 'boss', method: 'satphone', result: 'answered' }));
    expect(boss(journal, t0 + 120 * MIN)?.stage).toBe('ok');
  });
});

describe('escalation', () => {
  const t0 = Date.UTC(2026, 10, 22, 2, 0, 0);
  const start = [entry('note', t0, { text: 'start' })];

  it('walks the rest of the ladder, then the backup, then the supervisor, with waits', () => {
    const s = alphaRadio(start, t0 + 30 * MIN);
    const e = s.escalation;
    expect(e?.steps.map((x) => `${x.kind}:${x.target}:${x.method}`)).toEqual(['ladder:alpha:mobile', 'ladder:alpha:satphone', 'backup:bravo:radio', 'supervisor:boss:landline']);
    expect(e?.steps.map((x) => (x.at - s.overdueAt) / MIN)).toEqual([0, 5, 10, 15]);
    expect(e?.current).toBe(0);
    expect(alphaRadio(start, t0 + 41 * MIN).escalation?.current).toBe(2);
  });

  it('loops: an unacknowledged escalation walks again when the check says so', () => {
    const looping = { ...roster, checks: roster.checks.map((c) => (c.id === 'alpha-radio' ? { ...c, escalationRepeat: 1 } : c)) };
    const state = foldEntries(initialSiteState(), start).roster;
    const s = dueStates(state, looping, TZ, t0 + 30 * MIN).find((d) => d.checkId === 'alpha-radio');
    expect(s?.escalation?.steps.map((x) => x.kind)).toEqual(['ladder', 'ladder', 'backup', 'supervisor', 'ladder', 'ladder', 'backup', 'supervisor']);
    expect(s?.escalation?.steps.at(-1)?.at).toBe(t0 + 30 * MIN + 35 * MIN);
  });

  it('journaled steps are pending no more; an acknowledgement stops the rest', () => {
    const now = t0 + 41 * MIN;
    const id = escalationIdOf('alpha-radio', 'alpha', t0 + 30 * MIN);
    const journal = [...start, entry('comms.escalation', t0 + 30 * MIN, { escalationId: id, checkId: 'alpha-radio', person: 'alpha', step: 0, kind: 'ladder', target: 'alpha', method: 'mobile', route: 'x' })];
    const state = foldEntries(initialSiteState(), journal).roster;
    expect(pendingSteps(dueStates(state, roster, TZ, now)).map((p) => p.step.index)).toEqual([1, 2]);
    const acked = foldEntries(initialSiteState(), [...journal, entry('comms.ack', t0 + 36 * MIN, { escalationId: id })]).roster;
    const states = dueStates(acked, roster, TZ, now);
    expect(pendingSteps(states)).toEqual([]);
    const s = states.find((d) => d.checkId === 'alpha-radio');
    expect(s?.stage).toBe('overdue');
    expect(s?.escalation?.acked?.by).toBe('op');
  });

  it('a legible contact on any rung stops the escalation', () => {
    const journal = [...start, attempt(t0 + 36 * MIN, 'answered', { method: 'mobile' })];
    const s = alphaRadio(journal, t0 + 41 * MIN);
    expect(s.stage).toBe('ok');
    expect(s.escalation).toBeUndefined();
  });

  it('restart recovery: folding the same journal from scratch gives the same due times and pending steps', () => {
    const clock = new FakeClock(t0);
    const journal = [...start, attempt(t0 + 5 * MIN, 'answered'), attempt(t0 + 40 * MIN, 'no-answer')];
    clock.advance(50 * MIN);
    const before = dueStates(foldEntries(initialSiteState(), journal).roster, roster, TZ, clock.now());
    // "Restart": a fresh fold of the same entries, with time having moved on while the console was down.
    const after = dueStates(foldEntries(initialSiteState(), [...journal]).roster, roster, TZ, clock.now());
    expect(after).toEqual(before);
    const s = after.find((d) => d.checkId === 'alpha-radio');
    expect(s?.overdueAt).toBe(t0 + 35 * MIN);
    expect(pendingSteps(after).filter((p) => p.state.checkId === 'alpha-radio').map((p) => p.step.index)).toEqual([0, 1, 2, 3]);
  });

  it('next change is the next stage or step', () => {
    const now = t0 + 31 * MIN;
    const states = dueStates(foldEntries(initialSiteState(), start).roster, roster, TZ, now);
    expect(nextChange(states, now, scheduleContext(roster, TZ, now).duty)).toBe(t0 + 35 * MIN);
  });
});

describe('shifts and warnings', () => {
  it('knows who is on duty now and next in the site time zone', () => {
    // 2026-11-22 10:00 Shanghai: day 21 of the rota (odd) uses cycle[1]: day → crew b.
    const now = Date.UTC(2026, 10, 22, 2, 0, 0);
    const duty = dutyAt(roster, TZ, now);
    expect(duty.now.map((s) => `${s.date} ${s.shift.id} ${s.crew ?? '-'}`)).toEqual(['2026-11-22 day b']);
    expect(duty.onDuty).toEqual(['bravo']);
    expect(duty.next?.shift.id).toBe('night');
    expect(duty.next?.people).toEqual([]);
  });

  it('warns for long shifts, uncovered shifts in 7 days, untested devices and expiring SIMs', () => {
    const now = Date.UTC(2026, 10, 22, 2, 0, 0);
    const w = rosterWarnings(roster, TZ, now, () => undefined);
    expect(w.filter((x) => x.kind === 'long-shift').map((x) => x.kind === 'long-shift' && x.shift)).toEqual(['day', 'night']);
    const uncovered = w.filter((x) => x.kind === 'uncovered');
    expect(uncovered.length).toBeGreaterThanOrEqual(3);
    expect(uncovered.every((x) => x.kind === 'uncovered' && x.shift === 'night')).toBe(true);
    expect(w.some((x) => x.kind === 'untested' && x.device === 'sat-1')).toBe(true);
    expect(w.some((x) => x.kind === 'sim-expiry' && x.device === 'sat-1' && x.days <= 30)).toBe(true);
    const tested = rosterWarnings(roster, TZ, now, () => now - 86_400_000);
    expect(tested.some((x) => x.kind === 'untested')).toBe(false);
  });
});
