import { DEFAULT_WEBHOOK_PORT, type AlertSources } from '../../../shared/alerts/siteConfig';
import { startWebhookListener } from './webhookListener';
import { drillAlertId } from '../../../shared/drill/scoring';
import type { DutyLevel } from '../../../shared/alerts/schema';
import type { Severity } from '../../../shared/domain/severity';
import { parseAlert } from '../../../shared/alerts/parse';
import { ackOverdue, progressOverdue, resolveTargets, type ResolvedTargets } from '../../../shared/alerts/targets';
import type { Inject } from '../../../shared/drill/scenario';
import { CLOSE_UNDO_MS, DRILL_STOPPED_CODE } from '../../../shared/alerts/closure';
import { ConsoleError } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { SiteFile } from '../../../shared/site/schema';
import { planSteps, type PlanStep } from '../../../shared/site/alertTypes';
import { alertById, alertList, isOpen, type AlertView } from '../../../shared/state/alertsDomain';
import type { NatsLink } from '../bus/natsLink';
import type { JournalService } from '../journal/service';
import type { StateService } from '../state/stateService';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { AlertBusSource } from './alertBus';
import { AlertIngest } from './alertIngest';
import { loadOrCreateWebhookToken, writeWebhookEndpoint } from './webhook';
import { logFailure } from '../support/background';

/** Handling steps an operator can record, with what each needs besides the alert id. */
export type AlertAction =
  | { kind: 'alert.acknowledged' }
  | { kind: 'alert.assigned'; to: string }
  | { kind: 'alert.note'; text: string }
  | { kind: 'alert.dispatched'; to?: string; note?: string }
  | { kind: 'alert.on-scene'; note?: string }
  | { kind: 'alert.reported'; to: string; note?: string }
  | { kind: 'alert.escalated'; reason: string };

/** A handling step that makes no sense for the alert as it stands. */
function conflict(alertId: string, message: string): never {
  throw new ConsoleError('conflict', `alert ${alertId}: ${message}`, [{ path: 'alertId', message }]);
}

/** How often overdue acknowledgements are looked for. */
const ESCALATION_CHECK_MS = 1000;

/**
 * Alerts in the core: the ingest and its sources (bus, MQTT, webhook,
 * drills), the handling steps operators record, and the system escalation
 * of alerts nobody acknowledged in time. Everything is derived from the
 * journal, so a restart neither loses a pending escalation nor repeats one.
 */
export class AlertService {
  readonly ingest: AlertIngest;
  readonly webhookToken: string;
  readonly webhookEnabled: boolean;
  /** The desktop app's loopback webhook listener, when it runs (see listenForWebhook). */
  private listener: { url: string; close(): Promise<void> } | undefined;
  private readonly webhookPort: number;
  private bus: AlertBusSource | undefined;
  private timer: (() => void) | undefined;
  private readonly escalating = new Set<string>();
  private closed = false;

  constructor(
    private readonly deps: {
      journal: JournalService;
      state: StateService;
      site: SiteFile;
      link: NatsLink | undefined;
      dataDir: string;
      clock: Clock;
      /** Uniform in [0, 1): the tail of a manual alarm's id. */
      random: () => number;
      /** The roster's supervisor on duty now (a person id), whom escalations name; undefined when the roster has none. */
      supervisorOnDuty?: () => string | undefined;
      log: Log;
    },
  ) {
    this.ingest = new AlertIngest({ journal: deps.journal, state: deps.state, site: deps.site, clock: deps.clock, log: deps.log });
    const config: AlertSources = deps.site.alerts ?? {};
    this.webhookEnabled = config.webhook?.enabled ?? false;
    this.webhookPort = config.webhook?.port ?? DEFAULT_WEBHOOK_PORT;
    this.webhookToken = loadOrCreateWebhookToken(deps.dataDir);
    if (deps.link && (config.nats || config.mqtt)) {
      this.bus = new AlertBusSource({ link: deps.link, ingest: this.ingest, site: deps.site.id, config, clock: deps.clock, log: deps.log });
    } else if (config.nats || config.mqtt) {
      deps.log.warn('alert sources on the bus are configured but the site has no bus');
    }
  }

  async start(): Promise<void> {
    await this.ingest.start();
    this.bus?.start();
    this.schedule();
  }

  /** The drill hook: an alert inject raised through the one ingest path, in DRILL mode, with the id scoring looks for (drillAlertId). */
  async raiseDrillAlert(inject: Extract<Inject, { kind: 'alert' }>, injectEntry: JournalEntry): Promise<void> {
    const result = await this.ingest.submit(
      {
        id: drillAlertId(injectEntry.ref ?? injectEntry.id, inject.id),
        type: inject.type,
        ...(inject.severity ? { severity: inject.severity } : {}),
        ...(inject.floor ? { floor: inject.floor } : {}),
        ...(inject.position ? { x: inject.position[0], y: inject.position[1] } : {}),
        ...(inject.zone ? { zone: inject.zone } : {}),
        ...(inject.camera ? { camera: inject.camera } : {}),
        occurredAt: injectEntry.occurredAt,
        mode: 'DRILL',
        payload: { inject: inject.id },
      },
      'drill',
    );
    if (result.status === 'quarantined') this.deps.log.warn('drill alert quarantined', { inject: inject.id, reason: result.reason });
  }

  targetsFor(alert: Pick<AlertView, 'severity' | 'type'>): ResolvedTargets {
    return resolveTargets(
      this.deps.site.responseTargets,
      alert.severity,
      this.deps.site.alertTypes.find((t) => t.code === alert.type),
    );
  }

  /** Records one handling step, refusing those that make no sense for the alert as it stands. */
  async act(alertId: string, action: AlertAction, actor: string): Promise<JournalEntry> {
    const alert = this.held(alertId);
    const open = isOpen(alert);
    const refuse = (message: string): never => conflict(alertId, message);
    switch (action.kind) {
      case 'alert.acknowledged':
        if (!open) refuse(`already closed (${alert.status})`);
        if (alert.ackBy !== undefined) refuse(`already acknowledged by ${alert.ackBy}`);
        break;
      case 'alert.note':
      case 'alert.reported':
        break;
      default:
        if (!open) refuse(`already closed (${alert.status})`);
    }
    const { kind, ...rest } = action;
    const payload = kind === 'alert.escalated' ? { alertId, ...rest, by: 'operator' } : { alertId, ...rest };
    return this.deps.journal.append({ kind, payload, mode: alert.mode }, { actor, mode: alert.mode });
  }

  /** The response plan of an alert's type, each step with its id. */
  planOf(alert: Pick<AlertView, 'type'>): PlanStep[] {
    return planSteps(this.deps.site.alertTypes.find((t) => t.code === alert.type)?.checklist ?? []);
  }

  /** Ticks one plan step of an acknowledged, open alarm; the entry carries the step's text as the plan says it now. */
  async tickStep(alertId: string, stepId: string, actor: string): Promise<JournalEntry> {
    const alert = this.held(alertId);
    const plan = this.planOf(alert);
    const step = plan.find((s) => s.id === stepId);
    if (!step) {
      const known = plan.length > 0 ? `its steps are ${plan.map((s) => s.id).join(', ')}` : 'it has no steps';
      throw new ConsoleError('invalid-argument', `step: "${stepId}" is not a step of the ${alert.type} response plan (${known})`, [{ path: 'step', message: 'unknown step' }]);
    }
    if (!isOpen(alert)) conflict(alertId, `already closed (${alert.status})`);
    if (alert.ackBy === undefined) conflict(alertId, 'not acknowledged yet: acknowledge it, then work its plan');
    const done = alert.steps?.[stepId];
    if (done) conflict(alertId, `step ${stepId} was already done by ${done.by}`);
    return this.deps.journal.append({ kind: 'alert.step-done', payload: { alertId, step: step.id, text: step.text }, mode: alert.mode }, { actor, mode: alert.mode });
  }

  /**
   * Closes an alert with one of the site's closure codes. Refused, naming
   * why: an unknown code, a missing comment the code requires, an alert
   * already closed, one nobody acknowledged (a close is never the first
   * thing done to an alarm, so one key cannot end an alarm nobody looked at),
   * or, for a code that resolves it, a mandatory plan step not yet done (a
   * false alarm needs no plan).
   */
  async closeAlert(alertId: string, code: string, note: string | undefined, actor: string): Promise<JournalEntry> {
    const alert = this.held(alertId);
    const codes = this.deps.site.closureCodes;
    const entry = codes.find((c) => c.code === code);
    if (!entry) {
      const known = codes.map((c) => c.code).join(', ');
      throw new ConsoleError('invalid-argument', `code: "${code}" is not one of this site's closure codes (${known})`, [{ path: 'code', message: 'unknown closure code' }]);
    }
    const comment = note?.trim();
    if (entry.commentRequired && !comment) {
      throw new ConsoleError('invalid-argument', `note: closure code "${code}" needs a comment saying what happened`, [{ path: 'note', message: 'a comment is required for this closure code' }]);
    }
    if (!isOpen(alert)) conflict(alertId, `already closed (${alert.status})`);
    if (alert.ackBy === undefined) conflict(alertId, 'not acknowledged yet: acknowledge it, then close it');
    if (entry.closes === 'resolved') {
      const missing = this.planOf(alert).filter((s) => s.mandatory && alert.steps?.[s.id] === undefined);
      if (missing.length > 0) conflict(alertId, `the response plan's mandatory steps are not done yet (${missing.map((s) => s.id).join(', ')})`);
    }
    const kind = entry.closes === 'false-alarm' ? 'alert.false-alarm' : 'alert.resolved';
    return this.deps.journal.append({ kind, payload: { alertId, code, ...(comment ? { note: comment } : {}) }, mode: alert.mode }, { actor, mode: alert.mode });
  }

  /** Undoes a close: only the person who closed it, only within CLOSE_UNDO_MS (after that a mistake is corrected by a note and a new alarm, as the record stands). */
  async reopenAlert(alertId: string, actor: string): Promise<JournalEntry> {
    const alert = this.held(alertId);
    const closure = alert.closure;
    if (isOpen(alert) || !closure) conflict(alertId, 'is not closed');
    if (closure.by !== actor) conflict(alertId, `was closed by ${closure.by}; only they can undo it`);
    const age = this.deps.clock.now() - closure.at;
    if (age > CLOSE_UNDO_MS) conflict(alertId, `was closed ${Math.round(age / 1000)} s ago; a close can be undone within ${CLOSE_UNDO_MS / 1000} s`);
    return this.deps.journal.append({ kind: 'alert.reopened', payload: { alertId, closedEntry: closure.entryId }, mode: alert.mode }, { actor, mode: alert.mode });
  }

  /**
   * The real-emergency stop of a drill: every open DRILL alert is closed with
   * the console's own code, in one transaction, so none keeps a wall slot or a
   * place in the queue ahead of what is real.
   */
  async closeDrillAlerts(actor: string): Promise<number> {
    const open = alertList(this.deps.state.current().alerts).filter((a) => a.mode === 'DRILL' && isOpen(a));
    if (open.length === 0) return 0;
    const drafts = open.map((a) => ({ kind: 'alert.resolved', payload: { alertId: a.id, code: DRILL_STOPPED_CODE }, mode: 'DRILL' as const }));
    return (await this.deps.journal.appendMany(drafts, { actor, mode: 'DRILL' })).length;
  }

  /** An alarm reported by phone, radio or in person, entered by `actor`; refused with the ingest's reason when the site does not know its type or zone. */
  async raiseManual(report: { type: string; zone: string; severity?: Severity | undefined; via: 'phone' | 'radio' | 'in-person'; reporter: string; note?: string | undefined }, actor: string): Promise<{ alertId: string }> {
    const now = this.deps.clock.now();
    // A slip at the desk (a type or zone the site does not have) is refused as input, not journaled as a quarantined device message.
    const checked = parseAlert({ id: 'manual-check', type: report.type, zone: report.zone, occurredAt: now }, this.deps.site, 'manual');
    if (!checked.ok) throw new ConsoleError('invalid-argument', checked.reason, [{ path: checked.reason.split(':')[0] ?? '', message: checked.reason }]);
    const id = `manual-${now.toString(36)}-${Math.floor(this.deps.random() * 36 ** 4).toString(36).padStart(4, '0')}`;
    const result = await this.ingest.submit(
      {
        id,
        type: report.type,
        zone: report.zone,
        ...(report.severity ? { severity: report.severity } : {}),
        occurredAt: now,
        payload: { reportedVia: report.via, reporter: report.reporter, ...(report.note ? { note: report.note } : {}) },
      },
      'manual',
      actor,
    );
    if (result.status === 'quarantined') throw new ConsoleError('invalid-argument', result.reason, [{ path: result.reason.split(':')[0] ?? '', message: result.reason }]);
    return { alertId: result.alertId };
  }

  /**
   * Silences this console's tone for the alarms named, with a reason: one
   * `alert.silenced` per mode (a drill alarm's silence is a drill entry). Every
   * alarm must be held and open; one that is not refuses the whole call.
   */
  async silence(alertIds: readonly string[], reason: string, actor: string): Promise<JournalEntry[]> {
    const alerts = [...new Set(alertIds)].map((id) => this.held(id));
    const closed = alerts.find((a) => !isOpen(a));
    if (closed) conflict(closed.id, 'it is closed; a closed alarm does not sound');
    const drafts = (['LIVE', 'DRILL'] as const)
      .map((mode) => ({ mode, ids: alerts.filter((a) => a.mode === mode).map((a) => a.id) }))
      .filter((g) => g.ids.length > 0)
      .map((g) => ({ kind: 'alert.silenced', payload: { alertIds: g.ids, reason }, mode: g.mode }));
    const out: JournalEntry[] = [];
    // One mode per transaction (appendMany takes the batch's mode).
    for (const d of drafts) out.push(...(await this.deps.journal.appendMany([d], { actor, mode: d.mode })));
    return out;
  }

  private held(alertId: string): AlertView {
    const alert = alertById(this.deps.state.current().alerts, alertId);
    if (!alert) throw new ConsoleError('not-found', `alertId: no alert "${alertId}" is held at this console`, [{ path: 'alertId', message: 'unknown alert' }]);
    return alert;
  }

  async setDutyLevel(level: DutyLevel, reason: string, actor: string, approvedBy?: string): Promise<JournalEntry> {
    if (this.deps.state.current().alerts.dutyLevel === level) {
      throw new ConsoleError('conflict', `level: the duty level is already ${level}`, [{ path: 'level', message: 'unchanged' }]);
    }
    return this.deps.journal.append({ kind: 'duty-level.changed', payload: { level, reason, ...(approvedBy !== undefined ? { approvedBy } : {}) } }, { actor, mode: 'LIVE', allowSystem: true });
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = this.deps.clock.setTimeout(() => {
      void this.escalateOverdue()
        .catch(logFailure(this.deps.log, 'alerts: the escalation check failed; it runs again on the next tick'))
        .finally(() => this.schedule());
    }, ESCALATION_CHECK_MS);
  }

  /**
   * The console's own escalations, from journal times only (a restart neither
   * loses one nor repeats one): one `alert.escalated` to the supervisor for
   * each open alert whose acknowledgement is overdue, and one
   * `alert.progress-due` for each acknowledged alert with no handling step
   * for its `progressEverySec`.
   */
  async escalateOverdue(): Promise<number> {
    const now = this.deps.clock.now();
    const due: { alert: AlertView; targets: ResolvedTargets; kind: 'alert.escalated' | 'alert.progress-due' }[] = [];
    for (const a of alertList(this.deps.state.current().alerts)) {
      if (this.escalating.has(a.id)) continue;
      const targets = this.targetsFor(a);
      if (ackOverdue(a, targets, now) && !a.history.some((h) => h.kind === 'alert.escalated' && h.by === 'system')) due.push({ alert: a, targets, kind: 'alert.escalated' });
      else if (progressOverdue(a, targets, now)) due.push({ alert: a, targets, kind: 'alert.progress-due' });
    }
    if (due.length === 0) return 0;
    const person = this.supervisor();
    const to = { role: 'supervisor' as const, ...(person !== undefined ? { person } : {}) };
    // One transaction per mode: a storm of unacknowledged alerts escalates in a few commits.
    let count = 0;
    for (const mode of ['LIVE', 'DRILL'] as const) {
      const batch = due.filter((d) => d.alert.mode === mode);
      if (batch.length === 0) continue;
      for (const d of batch) this.escalating.add(d.alert.id);
      try {
        const drafts = batch.map(({ alert, targets, kind }) =>
          kind === 'alert.escalated'
            ? { kind, payload: { alertId: alert.id, reason: `not acknowledged within ${targets.acknowledgeSec} s`, by: 'system', to }, mode }
            : { kind, payload: { alertId: alert.id, afterSec: targets.progressEverySec, to }, mode },
        );
        count += (await this.deps.journal.appendMany(drafts, { actor: 'system', mode, allowSystem: true })).length;
      } catch (err) {
        this.deps.log.error('system escalation not recorded', { alerts: batch.length, error: String(err) });
      } finally {
        for (const d of batch) this.escalating.delete(d.alert.id);
      }
    }
    return count;
  }

  /** The roster's supervisor on duty; a failing lookup escalates to the role alone rather than not at all. */
  private supervisor(): string | undefined {
    try {
      return this.deps.supervisorOnDuty?.();
    } catch (err) {
      this.deps.log.warn('alerts: no supervisor on duty could be found; escalating to the role', { error: String(err) });
      return undefined;
    }
  }

  /** Desktop app only: serve the webhook on 127.0.0.1 (host mode serves it on its own server). A busy port is logged, not fatal. */
  async listenForWebhook(): Promise<void> {
    if (!this.webhookEnabled || this.listener) return;
    try {
      this.listener = await startWebhookListener({ ingest: this.ingest, token: this.webhookToken, port: this.webhookPort, log: this.deps.log });
      this.deps.log.info('alert webhook listening', { url: this.listener.url });
      writeWebhookEndpoint(this.deps.dataDir, this.listener.url);
    } catch (err) {
      this.deps.log.warn('alert webhook could not listen; local integrations cannot post alerts', { port: this.webhookPort, error: String(err) });
    }
  }

  get webhookUrl(): string | undefined {
    return this.listener?.url;
  }

  close(): void {
    this.closed = true;
    this.timer?.();
    this.bus?.stop();
    void this.listener?.close().catch(logFailure(this.deps.log, 'alerts: the webhook listener did not close cleanly'));
    this.listener = undefined;
  }
}
