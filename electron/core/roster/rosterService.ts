import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConsoleError } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import { exportRosterCsv, importRosterCsv, type CsvRowError } from '../../../shared/roster/csv';
import { rosterChanges } from '../../../shared/roster/importChanges';
import type { RosterImportPreview } from '../../../shared/roster/contract';
import type { LocalizedText } from '../../../shared/i18n/locale';
import { fileStamp } from '../../../shared/time/format';
import type { AttemptResult, CommsAttempt, RollCallSummary } from '../../../shared/roster/kinds';
import { renderRosterHtml } from '../../../shared/roster/print';
import { dueStates, nextChange, pendingSteps, scheduleContext } from '../../../shared/roster/schedule';
import { PersonSchema, type Person, type Roster } from '../../../shared/site/roster';
import type { SiteFile } from '../../../shared/site/schema';
import { findAttempt, type RollCall } from '../../../shared/state/rosterDomain';
import type { SiteState } from '../../../shared/state';
import type { JournalService } from '../journal/service';
import type { StateService } from '../state/stateService';
import { writeFileAtomic } from '../support/atomicFile';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { mkdirPrivate } from '../support/privateFiles';

/** The imported people, kept in the data folder over the site file's roster. */
const OverlaySchema = z.strictObject({ importedAt: z.number().int(), sha256: z.string(), rows: z.number().int(), people: z.array(PersonSchema) });

/** Longest wait between checks of the schedule: a safety net should a change not be noticed (clock jumps). */
const MAX_WAIT_MS = 60_000;

export type ImportResult = { readonly imported: true; readonly rows: number; readonly sha256: string } | { readonly imported: false; readonly errors: CsvRowError[] };

/**
 * The contact roster at run time. The roster is the site file's, with the
 * people replaced by the last CSV import (stored atomically in the data
 * folder). Comms checks are evaluated from the journal fold only; this
 * service's timer merely notices when an escalation step has become due and
 * journals it once (`comms.escalation`). After a restart it evaluates the
 * folded journal again, so no deadline is lost and no step is repeated.
 */
export class RosterService {
  private roster: Roster;
  private cancelTimer: (() => void) | undefined;
  private chain: Promise<void> = Promise.resolve();
  private checking = false;
  private again = false;
  /** The roster part of the site state the last evaluation saw (the fold keeps its identity while nothing in it changes). */
  private checkedState: SiteState['roster'] | undefined;
  private closed = false;
  private readonly listeners = new Set<(roster: Roster) => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly deps: {
      site: SiteFile;
      journal: JournalService;
      state: StateService;
      dataDir: string;
      consoleId: string;
      clock: Clock;
      log: Log;
      /**
       * Whether this console journals escalation steps. Only desks do: a wall
       * console showing the same site state would otherwise write every step twice.
       */
      escalate: boolean;
    },
  ) {
    this.roster = this.withOverlay();
  }

  private get overlayFile(): string {
    return join(this.deps.dataDir, 'roster', 'overlay.json');
  }

  private withOverlay(): Roster {
    const base = this.deps.site.roster;
    if (!existsSync(this.overlayFile)) return base;
    try {
      const overlay = OverlaySchema.parse(JSON.parse(readFileSync(this.overlayFile, 'utf8')));
      return { ...base, people: overlay.people };
    } catch (err) {
      // A damaged overlay must not stop the console: the site file's roster still stands.
      this.deps.log.error('imported roster unreadable; using the site roster', { file: this.overlayFile, error: String(err) });
      return base;
    }
  }

  current(): Roster {
    return this.roster;
  }

  onChange(listener: (roster: Roster) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching the schedule: now (journal already folded) and on every change of the site state. */
  start(): void {
    // Only a change of the roster's part of the state can move a due time; alerts and the wall cannot.
    this.unsubscribe = this.deps.state.onChange(() => {
      if (this.deps.state.current().roster !== this.checkedState) this.schedule();
    });
    this.schedule();
  }

  /** Evaluates again soon; calls arriving while an evaluation runs fold into one more pass. */
  private schedule(): void {
    if (this.closed) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    this.chain = this.chain
      .then(() => this.check())
      .catch((err: unknown) => this.deps.log.error('comms check failed', { error: String(err) }))
      .finally(() => {
        this.checking = false;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  /**
   * Resolves once no evaluation runs or is asked for: every clock and state
   * change so far has been looked at and its steps journaled. Tests wait on
   * this instead of sleeping before they say that nothing was escalated.
   */
  async settled(): Promise<void> {
    while (this.checking) await this.chain;
  }

  private async check(): Promise<void> {
    if (this.closed) return;
    const now = this.deps.clock.now();
    const state = this.deps.state.current().roster;
    this.checkedState = state;
    const states = dueStates(state, this.roster, this.deps.site.timezone, now);
    const pending = this.deps.escalate ? pendingSteps(states) : [];
    if (pending.length) {
      await this.deps.journal.appendMany(
        pending.map(({ state: s, step }) => ({
          kind: 'comms.escalation',
          payload: {
            escalationId: s.escalation?.id ?? '',
            checkId: s.checkId,
            person: s.person,
            step: step.index,
            kind: step.kind,
            target: step.target,
            method: step.method,
            route: step.route.slice(0, 200),
          },
        })),
        { actor: 'system', allowSystem: true },
      );
      this.deps.log.info('comms escalation steps journaled', { steps: pending.length });
    }
    this.arm(nextChange(states, now, scheduleContext(this.roster, this.deps.site.timezone, now).duty), now);
  }

  private arm(next: number | undefined, now: number): void {
    this.cancelTimer?.();
    const wait = next === undefined ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, Math.max(0, next - now));
    this.cancelTimer = this.deps.clock.setTimeout(() => this.schedule(), wait);
  }

  /** Checks that `to` is a person or an external contact of the roster. */
  private known(id: string, field: string): void {
    if (!this.roster.people.some((p) => p.id === id) && !this.roster.units.some((u) => u.id === id)) {
      throw new ConsoleError('invalid-argument', `unknown person or contact "${id}"`, [{ path: field, message: 'not in the roster' }]);
    }
  }

  /** One attempt, at the console's time (a client cannot date it). */
  async logAttempt(attempt: CommsAttempt & { amends?: string | undefined }, actor: string): Promise<JournalEntry> {
    this.known(attempt.to, 'to');
    if (attempt.checkId !== undefined && !this.roster.checks.some((c) => c.id === attempt.checkId)) {
      throw new ConsoleError('invalid-argument', `unknown check "${attempt.checkId}"`, [{ path: 'checkId', message: 'not a check of this site' }]);
    }
    const { amends, ...payload } = attempt;
    if (amends !== undefined && !findAttempt(this.deps.state.current().roster, amends)) {
      // Only recent attempts can be amended: the timers depend on those; older ones take a correction entry.
      throw new ConsoleError('not-found', 'the attempt to amend is not among the recent attempts', [{ path: 'amends', message: 'unknown or too old' }]);
    }
    return this.deps.journal.append({ kind: 'comms.attempt', payload, ...(amends ? { ref: amends } : {}) }, { actor });
  }

  async ack(escalationId: string, actor: string): Promise<JournalEntry> {
    const now = this.deps.clock.now();
    const open = dueStates(this.deps.state.current().roster, this.roster, this.deps.site.timezone, now).find((s) => s.escalation?.id === escalationId);
    if (!open) throw new ConsoleError('not-found', 'no such open escalation (the check may have been answered)', [{ path: 'escalationId', message: 'not open' }]);
    if (open.escalation?.acked) throw new ConsoleError('conflict', 'already acknowledged');
    return this.deps.journal.append({ kind: 'comms.ack', payload: { escalationId } }, { actor });
  }

  /** Everyone on duty now with a radio route on the channel, in roster order. */
  rollCallPeople(channel: string): Person[] {
    const now = this.deps.clock.now();
    const onDuty = new Set(scheduleContext(this.roster, this.deps.site.timezone, now).duty.onDuty);
    return this.roster.people.filter((p) => onDuty.has(p.id) && p.ladder.some((r) => r.method === 'radio' && r.channel === channel));
  }

  async startRollCall(channel: string, actor: string): Promise<RollCall> {
    if (this.deps.state.current().roster.rollcall) throw new ConsoleError('conflict', 'a roll call is running; end it first');
    const people = this.rollCallPeople(channel).map((p) => p.id);
    if (people.length === 0) throw new ConsoleError('invalid-argument', `nobody on duty has a radio on ${channel}`, [{ path: 'channel', message: 'nobody to call' }]);
    const entry = await this.deps.journal.append({ kind: 'rollcall.started', payload: { channel, people } }, { actor });
    const rollcall = this.deps.state.current().roster.rollcall;
    if (!rollcall || rollcall.id !== entry.id) throw new ConsoleError('internal', 'the roll call did not appear in the site state');
    return rollcall;
  }

  async answerRollCall(person: string, result: AttemptResult, actor: string): Promise<RollCall> {
    const rollcall = this.deps.state.current().roster.rollcall;
    if (!rollcall) throw new ConsoleError('conflict', 'no roll call is running');
    if (!rollcall.people.includes(person)) throw new ConsoleError('invalid-argument', `${person} is not in this roll call`, [{ path: 'person', message: 'not called' }]);
    await this.deps.journal.append({ kind: 'rollcall.answer', ref: rollcall.id, payload: { rollcallId: rollcall.id, person, result } }, { actor });
    const after = this.deps.state.current().roster.rollcall;
    if (!after) throw new ConsoleError('conflict', 'the roll call has ended');
    return after;
  }

  /**
   * Ends the roll call. Someone with no result recorded was never called
   * (calling someone who does not answer is recorded as "no answer"), so a
   * roll call ended early counts them as not called, not as silent.
   */
  async endRollCall(actor: string): Promise<RollCallSummary> {
    const rollcall = this.deps.state.current().roster.rollcall;
    if (!rollcall) throw new ConsoleError('conflict', 'no roll call is running');
    const summary = { answered: 0, noAnswer: 0, badSignal: 0, relayed: 0, notCalled: 0 };
    for (const person of rollcall.people) {
      const r = rollcall.answers[person];
      if (r === undefined) summary.notCalled++;
      else if (r === 'answered') summary.answered++;
      else if (r === 'no-answer') summary.noAnswer++;
      else if (r === 'bad-signal') summary.badSignal++;
      else summary.relayed++;
    }
    await this.deps.journal.append({ kind: 'rollcall.ended', ref: rollcall.id, payload: { rollcallId: rollcall.id, summary } }, { actor });
    return summary;
  }

  async recordTest(device: string, result: 'pass' | 'fail', actor: string): Promise<JournalEntry> {
    if (!this.roster.equipment.some((e) => e.id === device)) throw new ConsoleError('invalid-argument', `unknown device "${device}"`, [{ path: 'device', message: 'not in the roster' }]);
    return this.deps.journal.append({ kind: 'equipment.tested', payload: { device, result } }, { actor });
  }

  /** What importing this CSV would change (every problem, or the people added, removed and changed); nothing is applied. */
  previewCsv(text: string): RosterImportPreview {
    const parsed = importRosterCsv(text, this.deps.site.roster);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const changes = rosterChanges(this.roster.people, parsed.people);
    const named = new Map([...this.roster.people, ...parsed.people].map((p) => [p.id, p.name]));
    const names: Record<string, LocalizedText> = {};
    for (const id of [...changes.added, ...changes.removed, ...changes.changed]) {
      const name = named.get(id);
      if (name) names[id] = name;
    }
    return {
      ok: true,
      rows: parsed.rows,
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      added: [...changes.added],
      removed: [...changes.removed],
      changed: [...changes.changed],
      unchanged: changes.unchanged,
      names,
      warnings: parsed.warnings,
    };
  }

  /**
   * Imports people from CSV. Every row is validated first; with any bad row
   * nothing changes. A good file is written atomically over the previous
   * import, then journaled with its hash (the file is the record of what was imported).
   */
  async importCsv(text: string, actor: string, approvedBy?: string): Promise<ImportResult> {
    const parsed = importRosterCsv(text, this.deps.site.roster);
    if (!parsed.ok) return { imported: false, errors: parsed.errors };
    // Formula-like cells are imported as text; said in the log so whoever handed over the file can be asked about it.
    if (parsed.warnings.length > 0) this.deps.log.warn('roster CSV has cells that start like spreadsheet formulas', { count: parsed.warnings.length, first: parsed.warnings.slice(0, 5) });
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    mkdirPrivate(join(this.deps.dataDir, 'roster'));
    writeFileAtomic(this.overlayFile, JSON.stringify({ importedAt: this.deps.clock.now(), sha256, rows: parsed.rows, people: parsed.people }, null, 1));
    this.roster = { ...this.deps.site.roster, people: parsed.people };
    await this.deps.journal.append({ kind: 'roster.imported', payload: { rows: parsed.rows, sha256, ...(approvedBy !== undefined ? { approvedBy } : {}) } }, { actor, allowSystem: true });
    for (const l of this.listeners) l(this.roster);
    this.schedule();
    return { imported: true, rows: parsed.rows, sha256 };
  }

  exportCsv(): string {
    return exportRosterCsv(this.roster.people);
  }

  /** Writes the print-ready roster under reports/, where the asset router serves it; returns its URL and file. */
  print(): { url: string; file: string } {
    const now = this.deps.clock.now();
    const html = renderRosterHtml({ siteName: this.deps.site.name, roster: this.roster, timeZone: this.deps.site.timezone, consoleId: this.deps.consoleId, generatedAt: now });
    const dir = join(this.deps.dataDir, 'reports');
    mkdirPrivate(dir);
    const name = `roster-${fileStamp(now, this.deps.site.timezone)}.html`;
    const file = join(dir, name);
    writeFileAtomic(file, html);
    return { url: `reports/${name}`, file };
  }

  /** Stops the timer and waits for an escalation being journaled, so nothing is appended after the journal closes. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    this.unsubscribe?.();
    await this.chain;
  }
}
