import { parseAlert, type AlertSite } from '../../../shared/alerts/parse';
import { ALERT_MAX_DEPTH, DEVICE_TIME_BOUNDS, QUARANTINE_RAW_MAX_BYTES, type AlertRaised, type AlertSource } from '../../../shared/alerts/schema';
import { ConsoleError } from '../../../shared/errors';
import { canonicalJson, CanonicalJsonDepthError, CanonicalJsonError, utf8Length } from '../../../shared/journal/canonical';
import { MAX_PAYLOAD_BYTES, type EntryDraft, type JournalEntry } from '../../../shared/journal/entry';
import type { JournalService } from '../journal/service';
import type { StateService } from '../state/stateService';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { logFailure } from '../support/background';
import { alertFingerprint, SeenAlerts } from './duplicates';
import { alertById, type AlertsState } from '../../../shared/state/alertsDomain';

export type IngestResult =
  | { readonly status: 'raised'; readonly alertId: string; readonly entry: JournalEntry }
  | { readonly status: 'duplicate'; readonly alertId: string }
  /** The id was raised before with different content: this alarm is kept too, under `alertId`. */
  | { readonly status: 'conflict'; readonly alertId: string; readonly conflictOf: string; readonly entry: JournalEntry }
  | { readonly status: 'quarantined'; readonly reason: string };

interface Pending {
  readonly raw: unknown;
  readonly source: AlertSource;
  /** Who enters it: 'system' for devices and drills, the signed-in operator for an alarm reported by phone, radio or in person. */
  readonly actor: string;
  readonly resolve: (result: IngestResult) => void;
  readonly reject: (err: unknown) => void;
}

/** Messages folded into one journal transaction at most. */
const BATCH = 500;

/**
 * The one ingest path of every alert source (bus, MQTT, webhook, drills):
 * validate against the site → absorb duplicate ids → place (zone, cameras) →
 * journal `alert.raised`, or `alert.quarantined` with the reason and the raw
 * message. Nothing is dropped silently. Messages that arrive together are
 * journaled in one transaction (a storm of a thousand a second costs a few
 * commits, not a thousand). A promise resolves only after the entry is
 * committed, so a source acknowledges only what is safely stored.
 */
export class AlertIngest {
  /** Every alert id in the journal (ours and the peers' copies) with its content: copies are absorbed, different alarms under one id kept. */
  private readonly seen = new SeenAlerts();
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly deps: {
      journal: JournalService;
      state: StateService;
      site: AlertSite;
      clock: Clock;
      log: Log;
    },
  ) {}

  /** Learns the ids already raised: our journal's alerts, then every new entry (peers' included). */
  async start(): Promise<void> {
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await this.deps.journal.query({ kinds: ['alert.raised'], limit: 500, ...(beforeSeq ? { beforeSeq } : {}) });
      for (const e of page.entries) this.remember(e);
      if (page.nextBeforeSeq === null || page.entries.length === 0) break;
      beforeSeq = page.nextBeforeSeq;
    }
    // Peers' alerts reach us through the site state; the state holds the recent ones.
    this.rememberState(this.deps.state.current().alerts);
    this.deps.state.onChange((change) => {
      if (change.kind === 'append') for (const e of change.entries) this.remember(e);
      else this.rememberState(change.state.alerts);
    });
  }

  private remember(e: JournalEntry): void {
    if (e.kind !== 'alert.raised') return;
    // Journal entries were checked against their kind's payload when written or received: no second parse.
    // Our own alerts arrive twice (after the append, then as a state change): the second costs a lookup only.
    const p = e.payload as AlertRaised;
    if (typeof p.alertId !== 'string' || this.seen.knows(p.alertId)) return;
    this.seen.remember(p.alertId, alertFingerprint(p), p.conflictOf);
  }

  private rememberState(alerts: AlertsState): void {
    // A reset (a peer's entry slotted in a moment late: the normal case with several consoles) repeats the alerts
    // already held: an id held with its content keeps it, so only the others are looked at and fingerprinted.
    for (const id of alerts.order) {
      if (this.seen.knows(id)) continue;
      const view = alertById(alerts, id);
      this.seen.remember(id, view ? alertFingerprint(view) : undefined, view?.conflictOf);
    }
  }

  has(alertId: string): boolean {
    return this.seen.has(alertId);
  }

  /** Ingests one message: JSON text or a parsed value. Rejects only when the journal cannot store it (the source should retry). */
  submit(raw: unknown, source: AlertSource, actor = 'system'): Promise<IngestResult> {
    return new Promise<IngestResult>((resolve, reject) => {
      this.queue.push({ raw, source, actor, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let the messages that arrive in this turn join the batch.
        setImmediate(() => void this.flush().catch(logFailure(this.deps.log, 'alerts: an ingest batch failed')));
      }
    });
  }

  /** Quarantines a message refused before parsing (too big to read, say), with the reason. */
  async quarantine(source: AlertSource, reason: string, raw: string): Promise<IngestResult> {
    await this.appendAll([quarantineDraft(source, reason, raw)]);
    return { status: 'quarantined', reason };
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // One actor per transaction: a run of device alerts, or one entered by a person.
        const actor = this.queue[0]?.actor ?? 'system';
        let n = 0;
        while (n < this.queue.length && n < BATCH && this.queue[n]?.actor === actor) n++;
        await this.process(this.queue.splice(0, n), actor);
      }
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) {
        this.flushing = true;
        setImmediate(() => void this.flush().catch(logFailure(this.deps.log, 'alerts: an ingest batch failed')));
      }
    }
  }

  private async process(batch: readonly Pending[], actor: string): Promise<void> {
    const work: { item: Pending; draft: EntryDraft; result: (entry: JournalEntry) => IngestResult }[] = [];
    const inBatch = new SeenAlerts();
    for (const item of batch) {
      const parsed = parseAlert(item.raw, this.deps.site, item.source);
      if (!parsed.ok) {
        work.push({ item, draft: quarantineDraft(item.source, parsed.reason, item.raw), result: () => ({ status: 'quarantined', reason: parsed.reason }) });
        continue;
      }
      const alert = stampMode(boundDeviceTime(parsed.alert, this.deps.clock.now()), this.deps.state.current().drill.active !== undefined);
      const unstorable = whyUnstorable(alert);
      if (unstorable !== undefined) {
        work.push({ item, draft: quarantineDraft(item.source, unstorable, item.raw), result: () => ({ status: 'quarantined', reason: unstorable }) });
        continue;
      }
      const fingerprint = alertFingerprint(alert);
      const seen = this.seen.classify(alert.alertId, fingerprint, inBatch);
      if (seen.kind === 'duplicate') {
        item.resolve({ status: 'duplicate', alertId: seen.of });
        continue;
      }
      if (seen.kind === 'conflict') {
        // Not absorbed: a device that reuses ids (a counter reset by a reboot) must not lose real alarms.
        const kept: AlertRaised = { ...alert, alertId: seen.id, conflictOf: alert.alertId };
        inBatch.remember(kept.alertId, fingerprint, alert.alertId);
        work.push({ item, draft: raisedDraft(kept), result: (entry) => ({ status: 'conflict', alertId: kept.alertId, conflictOf: alert.alertId, entry }) });
        continue;
      }
      inBatch.remember(alert.alertId, fingerprint, undefined);
      work.push({ item, draft: raisedDraft(alert), result: (entry) => ({ status: 'raised', alertId: alert.alertId, entry }) });
    }
    if (work.length === 0) return;
    try {
      const entries = await this.appendAll(work.map((w) => w.draft), actor);
      work.forEach((w, i) => {
        const entry = entries[i];
        if (entry) this.remember(entry);
        if (entry) w.item.resolve(w.result(entry));
        else w.item.reject(new ConsoleError('internal', 'the journal returned fewer entries than appended'));
      });
    } catch (err) {
      if (err instanceof ConsoleError && err.code === 'invalid-argument') {
        // The journal refuses a draft for good (it will never fit): one such message must not
        // sink the batch, and a batch of one must end in quarantine, not be retried forever.
        // Go one by one.
        for (const w of work) await this.processOne(w.item, w.draft, w.result);
        return;
      }
      for (const w of work) w.item.reject(err);
    }
  }

  private async processOne(item: Pending, draft: EntryDraft, result: (entry: JournalEntry) => IngestResult): Promise<void> {
    try {
      const [entry] = await this.appendAll([draft], item.actor);
      if (!entry) throw new ConsoleError('internal', 'the journal returned no entry');
      this.remember(entry);
      item.resolve(result(entry));
    } catch (err) {
      if (err instanceof ConsoleError && err.code === 'invalid-argument' && draft.kind === 'alert.raised') {
        const reason = `journal refused the alert: ${err.message}`;
        try {
          await this.appendAll([quarantineDraft(item.source, reason, item.raw)]);
          item.resolve({ status: 'quarantined', reason });
        } catch (again) {
          item.reject(again);
        }
        return;
      }
      if (err instanceof ConsoleError && err.code === 'invalid-argument' && draft.kind === 'alert.quarantined') {
        // Even the quarantine entry is refused (its raw text, say): keep the reason without the raw.
        const reason = (draft.payload as { reason: string }).reason;
        try {
          await this.appendAll([quarantineDraft(item.source, reason, `[raw not kept: ${err.message}]`)]);
          item.resolve({ status: 'quarantined', reason });
        } catch (again) {
          item.reject(again);
        }
        return;
      }
      item.reject(err);
    }
  }

  /** Appends drafts of both modes in order: LIVE and DRILL alerts go in separate runs (an append has one mode). */
  private async appendAll(drafts: readonly EntryDraft[], actor = 'system'): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    let run: EntryDraft[] = [];
    const flushRun = async (): Promise<void> => {
      if (run.length === 0) return;
      const mode = run[0]?.mode ?? 'LIVE';
      out.push(...(await this.deps.journal.appendMany(run, { actor, mode, allowSystem: true })));
      run = [];
    };
    for (const d of drafts) {
      if (run.length > 0 && run[0]?.mode !== d.mode) await flushRun();
      run.push(d);
    }
    await flushRun();
    return out;
  }
}

/** The entry's own time is the console's (the writer stamps it); the device's time stays in the payload. */
function raisedDraft(alert: AlertRaised): EntryDraft {
  return { kind: 'alert.raised', payload: alert, mode: alert.mode };
}

/**
 * A device time outside DEVICE_TIME_BOUNDS of receipt is a clock fault: the
 * alert is raised all the same (a real alarm from a device reset to 1970 is
 * still an alarm), with the receipt time as its time and the reported one
 * kept in `deviceTime` with the reason.
 */
export function boundDeviceTime(alert: AlertRaised, receivedAt: number): AlertRaised {
  const reported = alert.occurredAt;
  const ahead = reported - receivedAt;
  let reason: string | undefined;
  if (ahead > DEVICE_TIME_BOUNDS.futureMs) reason = `device time ${iso(reported)} is ${hours(ahead)} h after receipt (more than ${hours(DEVICE_TIME_BOUNDS.futureMs)} h ahead)`;
  else if (-ahead > DEVICE_TIME_BOUNDS.pastMs) reason = `device time ${iso(reported)} is ${hours(-ahead)} h before receipt (more than ${hours(DEVICE_TIME_BOUNDS.pastMs) / 24} days behind)`;
  if (reason === undefined) return alert;
  return { ...alert, occurredAt: receivedAt, deviceTime: { reported, reason: `${reason}; the receipt time stands instead` } };
}

/**
 * The console, not the device, decides whether an alert is a drill: DRILL
 * only while a drill runs here. A device that says DRILL outside one (a test
 * switch left on, a spoofed message) raises a live alert, its claim kept in
 * `deviceMode`: a real alarm is never hidden as an exercise.
 */
export function stampMode(alert: AlertRaised, drillRunning: boolean): AlertRaised {
  if (alert.mode !== 'DRILL' || drillRunning) return alert;
  return { ...alert, mode: 'LIVE', deviceMode: { reported: 'DRILL', reason: 'the device marked it DRILL but no drill is running: handled as live' } };
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

function hours(ms: number): number {
  return Math.round(ms / 3_600_000);
}

/**
 * Why a valid alert can never be journaled (nested too deep, payload over the
 * journal's limit), checked before it reaches the journal so it is quarantined
 * at once with the reason; undefined when it fits.
 */
function whyUnstorable(alert: AlertRaised): string | undefined {
  let text: string;
  try {
    text = canonicalJson(alert, ALERT_MAX_DEPTH);
  } catch (err) {
    if (err instanceof CanonicalJsonDepthError) return `payload: nested deeper than ${err.limit} levels (at ${err.path})`;
    if (err instanceof CanonicalJsonError) return `payload: ${err.message}`;
    throw err;
  }
  const bytes = utf8Length(text);
  if (bytes > MAX_PAYLOAD_BYTES) return `payload: the alert is ${bytes} bytes as stored; the journal's limit is ${MAX_PAYLOAD_BYTES} (64 KiB)`;
  return undefined;
}

function quarantineDraft(source: AlertSource, reason: string, raw: unknown): EntryDraft {
  return { kind: 'alert.quarantined', payload: { source, reason: reason.slice(0, 2000), raw: rawText(raw) }, mode: 'LIVE' };
}

/** The raw message as text, cut to what the journal can hold (a cut is marked). */
export function rawText(raw: unknown): string {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else {
    try {
      text = JSON.stringify(raw) ?? String(raw);
    } catch {
      text = String(raw);
    }
  }
  // Escapes in canonical JSON can grow a string: measure and cut in UTF-8 bytes with room to spare.
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= QUARANTINE_RAW_MAX_BYTES / 2) return text;
  const cut = bytes.subarray(0, QUARANTINE_RAW_MAX_BYTES / 2).toString('utf8').replace(/\uFFFD$/, '');
  return `${cut}… [cut: ${bytes.length} bytes in all]`;
}
