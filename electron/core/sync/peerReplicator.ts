import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { JournalEntrySchema, type JournalEntry } from '../../../shared/journal/entry';
import { payloadProblem } from '../../../shared/journal/kinds';
import type { NatsLink } from '../bus/natsLink';
import type { JournalService } from '../journal/service';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { isSubjectOf, JOURNAL_HEADERS, journalStreamName, sealRequestSubject, sealSubject } from './subjects';
import { logFailure } from '../support/background';
import type { PeerWitness } from './peerWitness';
import { SealSchema } from '../../../shared/sync/peers';
import { enrolmentIn, type ConsoleEnrolment } from './enrolment';
import type { KeptApartStore } from './keptApart';
import { SignedCopies, type KeptRow } from './signedCopies';

/** During a catch-up, stream messages stored together (at most this many, or this many entries). */
const GATHER_MESSAGES = 64;
const GATHER_ENTRIES = 5_000;
/** Quiet this long while the stream has more than we hold: the consumer is stuck. */
const STALL_MS = 5_000;

/**
 * Keeps copies of the site's other consoles' journals: reads the site's
 * journal stream from where it left off (an ordered consumer from the last
 * stream sequence it stored), checks every entry (hash, link to the previous
 * one), stores it beside our own journal, and hands the new ones on to the
 * site state. A restarted console resumes from the stream; one that was cut
 * off catches up when the link returns.
 */
export class PeerReplicator {
  private running: ConsumerMessages | undefined;
  private stopped = false;
  private generation = 0;
  private readonly problems = new Map<string, string>();
  /** Stored peer entries whose payload does not fit their kind: kept (the chain stays whole), never folded. */
  private readonly unfit = new Set<string>();
  private readonly unfitCount = new Map<string, number>();
  private readonly held = new Map<string, number>();
  /** Where in the site's stream this console has read to (per site: a command centre reads several). */
  private readonly streamSeqKey: string;
  /** Set when the site enrols its consoles: entries wait for a signature by the enrolled key (signedCopies.ts). */
  private readonly signed: SignedCopies | undefined;
  /** The newest stream message read (the stored position may stay behind it while entries wait for a signature). */
  private readTo = 0;
  /** Stores and settles one at a time: the consumer and arriving seals both store. */
  private serial: Promise<void> = Promise.resolve();
  private sealSub: { unsubscribe(): void } | undefined;

  constructor(
    private readonly deps: {
      journal: JournalService;
      link: NatsLink;
      site: string;
      consoleId: string;
      clock: Clock;
      log: Log;
      /** New peer entries, stored and checked, for the site state; `more` says whether the stream has more right behind them. */
      onEntries: (entries: readonly JournalEntry[], more: boolean) => void;
      /** Compares what peers send with what was witnessed of their journals (peerWitness.ts); a divergent peer's entries are kept apart. */
      witness?: PeerWitness;
      /** Which consoles count; absent or open: every peer's entries count as they arrive. */
      enrolment?: ConsoleEnrolment;
      /** Where entries that do not count are kept (required with an enrolment that is not open). */
      keptApart?: KeptApartStore;
    },
  ) {
    this.streamSeqKey = `peers.streamSeq.${deps.site}`;
    this.signed = deps.enrolment && !deps.enrolment.open && deps.keptApart ? new SignedCopies(deps.enrolment) : undefined;
  }

  /** Entries of this console waiting for a signature by its enrolled key. */
  unsignedOf(consoleId: string): number {
    return this.signed?.unsigned(consoleId) ?? 0;
  }

  private inOrder(work: () => Promise<void>): Promise<void> {
    const next = this.serial.then(work);
    this.serial = next.catch(() => undefined);
    return next;
  }

  /** Signed heads of the site's consoles (plain NATS); a new connection asks everyone for theirs. */
  private listenForSeals(nc: NatsConnection): void {
    const signed = this.signed;
    if (!signed) return;
    this.sealSub?.unsubscribe();
    this.sealSub = nc.subscribe(sealSubject(this.deps.site, '*'), {
      callback: (err, msg) => {
        if (err) return;
        const parsed = SealSchema.safeParse(safeJson(msg.string()));
        if (!parsed.success || parsed.data.site !== this.deps.site || msg.subject !== sealSubject(this.deps.site, parsed.data.console)) return;
        const seal = parsed.data;
        // Nothing to prove at or below what is held: skip the signature check (a flood of old seals costs nothing).
        if (seal.seq <= (this.held.get(seal.console) ?? 0)) return;
        if (!signed.seal(seal.console, seal.seq, seal.hash, seal.signature)) {
          if (this.deps.enrolment?.keyOf(seal.console) !== undefined) this.deps.log.warn('seal not signed by the enrolled key; ignored', { console: seal.console, seq: seal.seq });
          return;
        }
        void this.inOrder(() => this.settle(false)).catch(logFailure(this.deps.log, 'peer replication: storing signed entries failed; they are stored with the next message'));
      },
    });
    try {
      nc.publish(sealRequestSubject(this.deps.site), '');
    } catch (err) {
      this.deps.log.debug('seal request failed', { error: String(err) });
    }
  }

  /** Where the enrolments learned from peers' journals are kept between runs (our own are read from our journal). */
  private get learnedKey(): string {
    return `peers.enrolled.${this.deps.site}`;
  }

  /** Consoles enrolled at a desk: ours from our own journal, the peers' as learned, then every new one as it is appended or folded. */
  private async loadEnrolments(): Promise<void> {
    const enrolment = this.deps.enrolment;
    if (!enrolment || !this.signed) return;
    const own = await this.deps.journal.query({ kinds: ['console.enrolled'], limit: 500 });
    const learned = safeJson((await this.deps.journal.getMeta(this.learnedKey)) ?? '[]');
    const all = [...own.entries.map(enrolmentIn), ...(Array.isArray(learned) ? learned.map((p: unknown) => enrolmentIn({ kind: 'console.enrolled', payload: p })) : [])];
    for (const e of all) if (e) enrolment.enroll(e.consoleId, e.publicKey);
    this.deps.journal.onAppended((entries) => {
      for (const e of entries) {
        const found = enrolmentIn(e);
        if (found) void this.inOrder(() => this.enrolled(found, false)).catch(logFailure(this.deps.log, 'peer replication: taking in an enrolled console failed'));
      }
    });
  }

  /**
   * A console enrolled at a desk (ours, or a counted peer's entry): what was
   * kept apart under its id is judged again — it counts once its key's
   * signature covers it — and every console is asked for its signed head.
   */
  private async enrolled(found: { consoleId: string; publicKey: string }, fromPeer: boolean): Promise<void> {
    const signed = this.signed;
    if (!signed || !this.deps.enrolment?.enroll(found.consoleId, found.publicKey)) return;
    this.deps.log.info('console enrolled', { console: found.consoleId, fromPeer });
    if (fromPeer) {
      const learned = safeJson((await this.deps.journal.getMeta(this.learnedKey)) ?? '[]');
      const list = [...(Array.isArray(learned) ? learned : []), found];
      await this.deps.journal.storePeers([], { key: this.learnedKey, value: JSON.stringify(list) });
    }
    const rows = this.deps.keptApart?.release(found.consoleId) ?? [];
    for (const r of rows) this.keepApart(signed.admit(found.consoleId, true, [r.entry], r.streamSeq));
    const nc = this.deps.link.connection();
    try {
      nc?.publish(sealRequestSubject(this.deps.site), '');
    } catch (err) {
      this.deps.log.debug('seal request failed', { error: String(err) });
    }
    await this.settle(false);
  }

  async start(): Promise<void> {
    await this.loadEnrolments();
    for (const h of await this.deps.journal.peerHeads(this.deps.site)) this.held.set(h.console, h.seq);
    this.deps.link.onChange((state, nc) => {
      if (state.state === 'connected' && nc) this.listenForSeals(nc);
      if (state.state === 'connected' && nc) void this.consume(nc).catch(logFailure(this.deps.log, 'peer replication: the consumer failed; it restarts on the next connection'));
      else this.halt();
    });
    const nc = this.deps.link.connection();
    if (nc) this.listenForSeals(nc);
    if (nc) void this.consume(nc).catch(logFailure(this.deps.log, 'peer replication: the consumer failed; it restarts on the next connection'));
  }

  /** The newest entry held per peer console, and any problem found in a peer's copy. */
  heldHeads(): ReadonlyMap<string, number> {
    return this.held;
  }

  problemOf(consoleId: string): string | undefined {
    return this.deps.witness?.problemOf(consoleId) ?? this.problems.get(consoleId);
  }

  private halt(): void {
    this.generation += 1;
    const running = this.running;
    this.running = undefined;
    running?.stop();
  }

  private async consume(nc: NatsConnection): Promise<void> {
    this.halt();
    const generation = this.generation;
    let backoff = 250;
    while (!this.stopped && generation === this.generation) {
      try {
        const after = Number((await this.deps.journal.getMeta(this.streamSeqKey)) ?? '0');
        const js = jetstream(nc);
        const consumer = await js.consumers.get(journalStreamName(this.deps.site), {
          ...(after > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 } : { deliver_policy: DeliverPolicy.All }),
        });
        const messages = await consumer.consume({ max_messages: 64 });
        this.running = messages;
        const watchdog = this.watchStall(nc, messages);
        try {
          let gathered: JournalEntry[] = [];
          let count = 0;
          for await (const m of messages) {
            if (generation !== this.generation) break;
            watchdog.touch();
            const consoleId = m.headers?.get(JOURNAL_HEADERS.console) ?? '';
            const entries = this.parse(m.subject, m.seq, consoleId, m.string());
            if (this.signed && entries.length > 0) this.keepApart(this.signed.admit(consoleId, isSubjectOf(m.subject, this.deps.site, consoleId), entries, m.seq));
            else for (const e of entries) gathered.push(e);
            this.readTo = Math.max(this.readTo, m.seq);
            count += 1;
            // The stream holds more right behind this one (a catch-up): store many small messages in one
            // transaction and hand them on together. The last message, or a full batch, is stored at once.
            const more = m.info.pending > 0;
            if (more && count < GATHER_MESSAGES && gathered.length < GATHER_ENTRIES) continue;
            const batch = gathered;
            await this.inOrder(() => (this.signed ? this.settle(more, m.seq) : this.store(batch, m.seq, more)));
            gathered = [];
            count = 0;
          }
        } finally {
          watchdog.stop();
        }
        // The consumer ended without a halt (a stall, or the server dropped it): start again from what is stored.
        if (generation !== this.generation || this.stopped) return;
        backoff = 250;
      } catch (err) {
        if (generation !== this.generation || this.stopped) return;
        const message = err instanceof Error ? err.message : String(err);
        // No stream yet (no console has published): wait for one.
        this.deps.log.debug('peer replication waiting', { error: message });
        await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, backoff));
        backoff = Math.min(10_000, backoff * 2);
      }
    }
  }

  /**
   * An ordered consumer can go quiet without an error when the stream's
   * leader moves (a cluster node died) while our connection stays up. If
   * nothing arrived for a while but the stream holds more than we stored,
   * the consumer is stopped so the loop recreates it from the stored position.
   */
  private watchStall(nc: NatsConnection, messages: ConsumerMessages): { touch(): void; stop(): void } {
    // Counted in ticks of real time, not read from the clock: a test's fake clock must not fake a stall.
    let quietTicks = 0;
    let checking = false;
    const timer = setInterval(() => {
      quietTicks += 1;
      if (checking || quietTicks < 2) return;
      checking = true;
      void (async () => {
        try {
          const info = await (await jetstreamManager(nc)).streams.info(journalStreamName(this.deps.site));
          const stored = Math.max(this.readTo, Number((await this.deps.journal.getMeta(this.streamSeqKey)) ?? '0'));
          if (info.state.last_seq > stored) {
            this.deps.log.warn('peer replication stalled; recreating the consumer', { stored, streamLast: info.state.last_seq });
            messages.stop();
          } else quietTicks = 0;
        } catch {
          // The stream is unreachable right now (leader election): look again on the next tick.
        } finally {
          checking = false;
        }
      })().catch(logFailure(this.deps.log, 'peer replication: the stall check failed'));
    }, STALL_MS / 2);
    timer.unref?.();
    return {
      touch: () => {
        quietTicks = 0;
      },
      stop: () => clearInterval(timer),
    };
  }

  /** The checked entries of one stream message (none for our own: they come back too, and only move the position). */
  private parse(subject: string, streamSeq: number, consoleId: string, body: string): JournalEntry[] {
    if (consoleId === this.deps.consoleId || !subject.startsWith(`wp.${this.deps.site}.`)) return [];
    const entries: JournalEntry[] = [];
    for (const line of body.split('\n')) {
      if (line === '') continue;
      const parsed = JournalEntrySchema.safeParse(safeJson(line));
      if (parsed.success && parsed.data.console === consoleId && parsed.data.site === this.deps.site) {
        const entry = parsed.data as JournalEntry;
        entries.push(entry);
        this.checkPayload(entry);
      } else {
        this.problems.set(consoleId, `stream message ${streamSeq} holds an entry that is not valid`);
        this.deps.log.warn('peer entry refused', { console: consoleId, streamSeq });
      }
    }
    return entries;
  }

  /**
   * The envelope schema says nothing of the payload: it is checked against
   * its kind here, once, as own entries are on append. An entry that fails is
   * still stored (the peer's hash chain must stay whole) but is not handed to
   * the site state, and the peer's status names it at the desk.
   */
  private checkPayload(entry: JournalEntry): void {
    const problem = payloadProblem(entry);
    if (problem === undefined) return;
    this.unfit.add(entry.id);
    const count = (this.unfitCount.get(entry.console) ?? 0) + 1;
    this.unfitCount.set(entry.console, count);
    this.problems.set(entry.console, `${count} ${count === 1 ? 'entry' : 'entries'} not folded, payload does not fit the kind (latest #${entry.seq} ${entry.kind}: ${problem})`);
    this.deps.log.warn('peer entry payload refused by its kind', { console: entry.console, seq: entry.seq, kind: entry.kind, problem });
  }

  private keepApart(rows: readonly KeptRow[]): void {
    if (rows.length === 0) return;
    this.deps.keptApart?.keep(rows, this.deps.clock.now());
    for (const r of rows) this.unfit.delete(r.entry.id);
  }

  /**
   * Enrolled consoles: stores what a verified signature now covers, keeps
   * apart what it proves forged, and moves the stored stream position up to
   * `streamSeq` but never past a message still holding a waiting entry (a
   * restart reads those again).
   */
  private async settle(more: boolean, streamSeq?: number): Promise<void> {
    const signed = this.signed;
    if (!signed) return;
    const ready: JournalEntry[] = [];
    const recheck: JournalEntry[] = [];
    for (const consoleId of signed.consolesWaiting()) {
      const out = signed.settle(consoleId, this.held.get(consoleId) ?? 0);
      ready.push(...out.ready);
      this.keepApart(out.kept);
      recheck.push(...out.held.map((c) => c.entry));
    }
    if (recheck.length > 0) {
      // Already held places: the same entry again (a re-read), or another one under that console's name.
      const result = await this.deps.journal.storePeers(recheck);
      const differs = new Set(result.problems.map((p) => `${p.console}|${p.seq}`));
      this.keepApart(recheck.filter((e) => differs.has(`${e.console}|${e.seq}`)).map((entry) => ({ entry, streamSeq: 0, why: 'not-signed' as const, reason: 'not signed by the enrolled key: differs from the signed copy held' })));
    }
    const oldest = signed.oldestStreamSeq();
    const stored = Number((await this.deps.journal.getMeta(this.streamSeqKey)) ?? '0');
    const target = Math.max(stored, Math.min(streamSeq ?? this.readTo, oldest === undefined ? Number.POSITIVE_INFINITY : oldest - 1));
    await this.store(ready, target, more, target !== stored || streamSeq !== undefined);
  }

  /** Stores entries and the stream position they reach in one transaction, then hands the new ones on (those that fit their kind). */
  private async store(entries: readonly JournalEntry[], streamSeq: number, more: boolean, writePosition = true): Promise<void> {
    const meta = { key: this.streamSeqKey, value: String(streamSeq) };
    if (entries.length === 0 && !writePosition) return;
    const screened = this.deps.witness?.screen(entries) ?? entries;
    const result = await this.deps.journal.storePeers(screened, writePosition ? meta : undefined);
    for (const p of result.problems) {
      this.problems.set(p.console, `entry #${p.seq}: ${p.problem}`);
      this.deps.log.error('peer journal copy failed its check', { ...p });
    }
    for (const e of result.stored) this.held.set(e.console, Math.max(this.held.get(e.console) ?? 0, e.seq));
    const counted = this.deps.witness?.observe(screened, result) ?? result.stored;
    let fit = counted;
    if (this.unfit.size > 0) {
      fit = counted.filter((e) => !this.unfit.has(e.id));
      // Waiting entries (enrolled consoles) keep their mark until they are stored.
      if (this.signed) for (const e of result.stored) this.unfit.delete(e.id);
      else this.unfit.clear();
    }
    if (result.stored.length > 0 || !more) this.deps.onEntries(fit, more);
    if (this.signed) {
      for (const e of fit) {
        const found = enrolmentIn(e);
        // Queued behind this store: it runs inside the serial chain already.
        if (found) void this.inOrder(() => this.enrolled(found, true)).catch(logFailure(this.deps.log, 'peer replication: taking in an enrolled console failed'));
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.sealSub?.unsubscribe();
    this.halt();
    try {
      this.deps.witness?.flush();
    } catch (err) {
      this.deps.log.error('peer witness: cannot save at stop', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
