import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { JournalEntrySchema, type JournalEntry } from '../../../shared/journal/entry';
import { payloadProblem } from '../../../shared/journal/kinds';
import type { NatsLink } from '../bus/natsLink';
import type { JournalService } from '../journal/service';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { JOURNAL_HEADERS, journalStreamName } from './subjects';
import { logFailure } from '../support/background';

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
    },
  ) {
    this.streamSeqKey = `peers.streamSeq.${deps.site}`;
  }

  async start(): Promise<void> {
    for (const h of await this.deps.journal.peerHeads(this.deps.site)) this.held.set(h.console, h.seq);
    this.deps.link.onChange((state, nc) => {
      if (state.state === 'connected' && nc) void this.consume(nc).catch(logFailure(this.deps.log, 'peer replication: the consumer failed; it restarts on the next connection'));
      else this.halt();
    });
    const nc = this.deps.link.connection();
    if (nc) void this.consume(nc).catch(logFailure(this.deps.log, 'peer replication: the consumer failed; it restarts on the next connection'));
  }

  /** The newest entry held per peer console, and any problem found in a peer's copy. */
  heldHeads(): ReadonlyMap<string, number> {
    return this.held;
  }

  problemOf(consoleId: string): string | undefined {
    return this.problems.get(consoleId);
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
            for (const e of this.parse(m.subject, m.seq, m.headers?.get(JOURNAL_HEADERS.console) ?? '', m.string())) gathered.push(e);
            count += 1;
            // The stream holds more right behind this one (a catch-up): store many small messages in one
            // transaction and hand them on together. The last message, or a full batch, is stored at once.
            const more = m.info.pending > 0;
            if (more && count < GATHER_MESSAGES && gathered.length < GATHER_ENTRIES) continue;
            await this.store(gathered, m.seq, more);
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
          const stored = Number((await this.deps.journal.getMeta(this.streamSeqKey)) ?? '0');
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

  /** Stores entries and the stream position they reach in one transaction, then hands the new ones on (those that fit their kind). */
  private async store(entries: readonly JournalEntry[], streamSeq: number, more: boolean): Promise<void> {
    const meta = { key: this.streamSeqKey, value: String(streamSeq) };
    const result = await this.deps.journal.storePeers(entries, meta);
    for (const p of result.problems) {
      this.problems.set(p.console, `entry #${p.seq}: ${p.problem}`);
      this.deps.log.error('peer journal copy failed its check', { ...p });
    }
    for (const e of result.stored) this.held.set(e.console, Math.max(this.held.get(e.console) ?? 0, e.seq));
    let fit = result.stored;
    if (this.unfit.size > 0) {
      fit = result.stored.filter((e) => !this.unfit.has(e.id));
      this.unfit.clear();
    }
    if (result.stored.length > 0 || !more) this.deps.onEntries(fit, more);
  }

  stop(): void {
    this.stopped = true;
    this.halt();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
