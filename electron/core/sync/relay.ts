import { headers, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { JournalEntry, Mode } from '../../../shared/journal/entry';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { UpstreamStatus } from '../../../shared/journal/status';
import type { NatsLink } from '../bus/natsLink';
import type { JournalService } from '../journal/service';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { journalStreamName, journalSubject, JOURNAL_HEADERS } from './subjects';
import { logFailure } from '../support/background';

/** Entries per upstream message, and the byte budget of one message (NATS default max is 1 MiB). */
const MAX_BATCH = 1000;
const MAX_BATCH_BYTES = 512 * 1024;
/** How long to wait for a publish acknowledgement before treating it as lost (then the position is re-read). */
export const PUBLISH_TIMEOUT_MS = 5000;
const WRONG_LAST_SEQUENCE = 10071;

interface Position {
  /** Stream sequence of the last message on our subject (what the next publish expects). */
  readonly streamSeq: number;
  /** The last journal sequence number stored upstream. */
  readonly journalSeq: number;
}

/** The upstream holds another history than ours on this subject (UpstreamStatus `divergence`). */
export type Divergence = NonNullable<Extract<UpstreamStatus, { configured: true }>['divergence']>;

/**
 * Publishes one subject's entries (LIVE or DRILL) to JetStream exactly once,
 * in order, with no gaps. The journal is the outbox; the guarantee rests on
 * our own sequence and the stream's last-subject-sequence, not on the
 * duplicate window:
 *  - every message carries a contiguous run of entries and says which;
 *  - every publish expects the subject's last stream sequence to be the one
 *    we last saw, so a message can only land directly after its predecessor;
 *  - whenever we are unsure (a lost acknowledgement, a restart, a "wrong last
 *    sequence" refusal), we read the subject's last message back and resume
 *    after the journal sequence it names.
 * Memory stays flat during outages: the relay pages from the journal file.
 */
class SubjectRelay {
  private position: Position | undefined;
  private running = false;
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private attempt = 0;
  lastError: string | undefined;
  lastAck: { seq: number; at: number } | null = null;
  behind = 0;
  /**
   * Set when the upstream's last entry is not ours (a sequence beyond our head, or another hash at the same
   * sequence): nothing more is published on this subject until a (re)connect finds the histories agree again.
   */
  divergence: Divergence | undefined;
  private recheckWanted = false;
  /** The next page, read from the journal while the previous batch is on its way upstream. */
  private prefetched: { after: number; page: Promise<JournalEntry[]> } | undefined;
  /** The acknowledged position is written behind the loop, newest wins (recovery never trusts it: it reads the stream). */
  private ackToStore: { seq: number; at: number } | undefined;
  private storingAck = false;

  constructor(
    readonly subject: string,
    private readonly mode: Mode,
    private readonly stream: string,
    private readonly deps: { journal: JournalService; link: NatsLink; clock: Clock; random: () => number; log: Log; onProgress: () => void; replicas?: number },
  ) {}

  async init(): Promise<void> {
    this.lastAck = await this.deps.journal.getSync(this.subject).then((s) => (s ? { seq: s.ackedSeq, at: s.ackedAt } : null));
    this.behind = await this.deps.journal.countAfter(this.lastAck?.seq ?? 0, this.mode);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop().catch(logFailure(this.deps.log, 'relay: the publishing loop failed; upstream publishing stopped until restart', { subject: this.subject }));
  }

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** The link came back: read where upstream is again and compare it with our journal (a divergence is re-checked). */
  reconnected(): void {
    this.position = undefined;
    this.recheckWanted = true;
    this.wake();
  }

  /** New entries, or the link came back: try now instead of waiting. */
  wake(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  private sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const cancel = ms === undefined ? undefined : this.deps.clock.setTimeout(() => done(), ms);
      const done = (): void => {
        cancel?.();
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const nc = this.deps.link.connection();
      if (!nc) {
        this.position = undefined;
        await this.sleep(undefined);
        continue;
      }
      if (this.divergence && !this.recheckWanted) {
        // Never publish over a history upstream holds and we do not: wait for the next (re)connect to look again.
        await this.sleep(undefined);
        continue;
      }
      try {
        const progressed = await this.step(nc);
        if (!progressed) await this.sleep(undefined);
      } catch (err) {
        this.position = undefined;
        const code = (err as { code?: unknown }).code;
        if (code === WRONG_LAST_SEQUENCE) {
          // Someone (an earlier incarnation of us, or a publish whose ack we lost) got there first: re-read and go on.
          this.deps.log.info('relay: upstream already ahead; re-reading position', { subject: this.subject });
          continue;
        }
        this.lastError = err instanceof Error ? err.message : String(err);
        this.deps.onProgress();
        const wait = Math.min(30_000, 250 * 2 ** this.attempt) * (0.75 + this.deps.random() * 0.5);
        this.attempt += 1;
        this.deps.log.warn('relay: publish failed; will retry', { subject: this.subject, error: this.lastError, waitMs: Math.round(wait) });
        await this.sleep(wait);
      }
    }
    this.running = false;
  }

  /** Publishes one batch if there is one; returns whether it did. */
  private async step(nc: NatsConnection): Promise<boolean> {
    const js = jetstream(nc, { timeout: PUBLISH_TIMEOUT_MS });
    if (!this.position) {
      this.recheckWanted = false;
      const found = await this.recover(await jetstreamManager(nc, { timeout: PUBLISH_TIMEOUT_MS }));
      const divergence = await this.compare(found);
      if (divergence) {
        if (!this.divergence || this.divergence.upstreamSeq !== divergence.upstreamSeq || this.divergence.upstreamHash !== divergence.upstreamHash || this.divergence.localHash !== divergence.localHash) {
          this.deps.log.error('relay: the upstream holds a different history of this journal; publishing on this subject stopped', { ...divergence });
        }
        this.divergence = divergence;
        this.deps.onProgress();
        return false;
      }
      if (this.divergence) this.deps.log.info('relay: the upstream agrees with this journal again; publishing resumes', { subject: this.subject, upstreamSeq: found.journalSeq });
      this.divergence = undefined;
      this.position = { streamSeq: found.streamSeq, journalSeq: found.journalSeq };
    }
    const position = this.position;
    const page = await this.readPage(position.journalSeq);
    if (page.length === 0) {
      this.behind = 0;
      this.lastError = undefined;
      this.deps.onProgress();
      return false;
    }
    const batch = takeBatch(page);
    const first = batch.entries[0];
    const last = batch.entries[batch.entries.length - 1];
    if (!first || !last) return false;
    const h = headers();
    h.set(JOURNAL_HEADERS.console, first.console);
    h.set(JOURNAL_HEADERS.mode, this.mode);
    h.set(JOURNAL_HEADERS.firstSeq, String(first.seq));
    h.set(JOURNAL_HEADERS.lastSeq, String(last.seq));
    h.set(JOURNAL_HEADERS.count, String(batch.entries.length));
    const more = page.length === MAX_BATCH || batch.entries.length < page.length;
    if (more) this.prefetch(last.seq);
    const ack = await publishExpecting(js, this.subject, batch.body, h, `${first.console}:${first.seq}-${last.seq}`, position.streamSeq);
    if (ack.duplicate) {
      // Inside the duplicate window the server answers an old publish without storing it twice; re-read to be sure of the position.
      this.position = undefined;
      return true;
    }
    this.position = { streamSeq: ack.seq, journalSeq: last.seq };
    const now = this.deps.clock.now();
    this.lastAck = { seq: last.seq, at: now };
    this.storeAck(this.lastAck);
    // Counted down rather than re-counted in the file on every batch (appends count it up); a short page is exact.
    this.behind = more ? Math.max(0, this.behind - batch.entries.length) : page.length - batch.entries.length;
    this.lastError = undefined;
    this.attempt = 0;
    this.deps.onProgress();
    return true;
  }

  private readPage(after: number): Promise<JournalEntry[]> {
    const ready = this.prefetched;
    this.prefetched = undefined;
    if (ready && ready.after === after) return ready.page;
    return this.deps.journal.pageAfter(after, this.mode, MAX_BATCH);
  }

  private prefetch(after: number): void {
    const page = this.deps.journal.pageAfter(after, this.mode, MAX_BATCH);
    // A failure surfaces when the page is used; a page never used must not be an unhandled rejection.
    page.catch(() => undefined);
    this.prefetched = { after, page };
  }

  private storeAck(ack: { seq: number; at: number }): void {
    this.ackToStore = ack;
    if (this.storingAck) return;
    this.storingAck = true;
    void (async () => {
      try {
        for (let next = this.ackToStore; next; next = this.ackToStore) {
          this.ackToStore = undefined;
          await this.deps.journal.setSync(this.subject, next.seq, next.at).catch((err: unknown) => {
            this.deps.log.warn('relay: could not store the acknowledged position', { subject: this.subject, error: String(err) });
          });
        }
      } finally {
        this.storingAck = false;
      }
    })().catch(logFailure(this.deps.log, 'relay: storing the acknowledged position failed', { subject: this.subject }));
  }

  /** Reads the subject's last message back: where upstream really is, and the hash of the last entry it holds. */
  private async recover(jsm: JetStreamManager): Promise<Position & { hash: string | undefined }> {
    await ensureStream(jsm, this.stream, this.subject, this.deps.replicas ?? 1);
    const last = await jsm.streams.getMessage(this.stream, { last_by_subj: this.subject }).catch((err: unknown) => {
      if ((err as { code?: unknown }).code === 10037) return null;
      throw err;
    });
    if (!last) return { streamSeq: 0, journalSeq: 0, hash: undefined };
    const journalSeq = Number(last.header?.get(JOURNAL_HEADERS.lastSeq) ?? '');
    if (!Number.isSafeInteger(journalSeq) || journalSeq < 0) {
      throw new Error(`the last message on ${this.subject} (stream seq ${last.seq}) has no valid ${JOURNAL_HEADERS.lastSeq} header`);
    }
    const entry = lastEntryOf(last.string());
    if (entry?.seq !== journalSeq) {
      throw new Error(`the last message on ${this.subject} (stream seq ${last.seq}) does not end with entry #${journalSeq}, as its ${JOURNAL_HEADERS.lastSeq} header says`);
    }
    return { streamSeq: last.seq, journalSeq, hash: entry.hash };
  }

  /**
   * The upstream witness: the last entry upstream holds must be ours, the same
   * sequence with the same hash (the chain makes the hash stand for every entry
   * before it). A sequence beyond our head is a tail we lost (a cut file, an
   * older copy restored); another hash is a history rewritten on either side.
   */
  private async compare(upstream: { journalSeq: number; hash: string | undefined }): Promise<Divergence | undefined> {
    if (upstream.journalSeq === 0 || upstream.hash === undefined) return undefined;
    const [local] = await this.deps.journal.entriesAfter(upstream.journalSeq - 1, 1);
    if (local?.seq === upstream.journalSeq && local.hash === upstream.hash) return undefined;
    // A new segment after a local break (the old file kept under segments/) starts right after the recorded head
    // and links to it: when that head is upstream's last entry, the histories agree.
    if (local?.seq === upstream.journalSeq + 1 && local.prevHash === upstream.hash) return undefined;
    const head = this.deps.journal.status();
    const at = this.deps.clock.now();
    const base = { subject: this.subject, upstreamSeq: upstream.journalSeq, upstreamHash: upstream.hash, at };
    if (local?.seq === upstream.journalSeq) return { ...base, localSeq: local.seq, localHash: local.hash };
    return { ...base, localSeq: head.headSeq, localHash: head.headHash };
  }

  async refreshBehind(): Promise<void> {
    const after = this.position?.journalSeq ?? this.lastAck?.seq ?? 0;
    this.behind = await this.deps.journal.countAfter(after, this.mode);
  }
}

async function publishExpecting(
  js: JetStreamClient,
  subject: string,
  body: string,
  h: ReturnType<typeof headers>,
  msgID: string,
  lastSubjectSequence: number,
): Promise<{ seq: number; duplicate: boolean }> {
  const ack = await js.publish(subject, body, { msgID, headers: h, expect: { lastSubjectSequence }, timeout: PUBLISH_TIMEOUT_MS });
  return { seq: ack.seq, duplicate: ack.duplicate };
}

/** The journal sequence and hash of the last JSON line of a message body (undefined when it is not an entry). */
function lastEntryOf(body: string): { seq: number; hash: string } | undefined {
  const lines = body.split('\n').filter((l) => l !== '');
  const line = lines[lines.length - 1];
  if (line === undefined) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { seq, hash } = value as { seq?: unknown; hash?: unknown };
    return typeof seq === 'number' && typeof hash === 'string' ? { seq, hash } : undefined;
  } catch {
    return undefined;
  }
}

function takeBatch(page: readonly JournalEntry[]): { entries: JournalEntry[]; body: string } {
  const entries: JournalEntry[] = [];
  const lines: string[] = [];
  let bytes = 0;
  for (const entry of page) {
    const line = canonicalJson(entry);
    if (entries.length > 0 && bytes + line.length > MAX_BATCH_BYTES) break;
    entries.push(entry);
    lines.push(line);
    bytes += line.length + 1;
  }
  return { entries, body: lines.join('\n') };
}

const ensured = new WeakSet<JetStreamManager>();
async function ensureStream(jsm: JetStreamManager, stream: string, subject: string, replicas: number): Promise<void> {
  if (ensured.has(jsm)) return;
  const site = subject.split('.')[1] ?? '';
  try {
    await jsm.streams.info(stream);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 10059 && !/stream not found/i.test(String(err))) throw err;
    // The journal is evidence: keep everything, on disk.
    await jsm.streams.add({ name: stream, subjects: [`wp.${site}.journal.*`, `wp.${site}.drill.*`], storage: StorageType.File, max_age: 0, num_replicas: replicas });
  }
  ensured.add(jsm);
}

/**
 * The journal's upstream relay: one SubjectRelay for live entries and one
 * for drill entries (drills never reach the live subject), sharing the site
 * bus connection. Reports connected / offline since T / behind by N, and
 * a divergence when the upstream holds a history that is not this journal's.
 */
export class JournalRelay {
  private readonly live: SubjectRelay;
  private readonly drill: SubjectRelay;
  private offs: (() => void)[] = [];
  private statusTimer: (() => void) | undefined;

  constructor(
    /** `random`: uniform in [0, 1), the jitter of retry waits. */
    private readonly deps: { journal: JournalService; link: NatsLink; site: string; consoleId: string; clock: Clock; random: () => number; log: Log; replicas?: number },
  ) {
    const stream = journalStreamName(deps.site);
    const shared = { ...deps, onProgress: () => this.scheduleStatus() };
    this.live = new SubjectRelay(journalSubject(deps.site, deps.consoleId, 'LIVE'), 'LIVE', stream, shared);
    this.drill = new SubjectRelay(journalSubject(deps.site, deps.consoleId, 'DRILL'), 'DRILL', stream, shared);
  }

  async start(): Promise<void> {
    await this.live.init();
    await this.drill.init();
    this.offs.push(
      this.deps.journal.onAppended((entries) => {
        for (const e of entries) (e.mode === 'LIVE' ? this.live : this.drill).behind += 1;
        this.live.wake();
        this.drill.wake();
        this.scheduleStatus();
      }),
      this.deps.link.onChange((state) => {
        if (state.state === 'connected') {
          // Every (re)connect compares upstream's last entry with ours again.
          this.live.reconnected();
          this.drill.reconnected();
        }
        this.scheduleStatus();
      }),
    );
    this.live.start();
    this.drill.start();
    this.publishStatus();
  }

  /** Status updates are coalesced: at most four a second during a catch-up. */
  private scheduleStatus(): void {
    if (this.statusTimer) return;
    this.statusTimer = this.deps.clock.setTimeout(() => {
      this.statusTimer = undefined;
      this.publishStatus();
    }, 250);
  }

  private publishStatus(): void {
    this.deps.journal.setUpstream(this.status());
  }

  status(): Extract<UpstreamStatus, { configured: true }> {
    const link = this.deps.link.current();
    const error = this.live.lastError ?? link.error;
    const divergence = this.live.divergence ?? this.drill.divergence;
    return {
      configured: true,
      state: link.state,
      since: link.since,
      behind: this.live.behind,
      lastAck: this.live.lastAck,
      subject: this.live.subject,
      ...(error ? { error } : {}),
      ...(divergence ? { divergence } : {}),
    };
  }

  /** Stops publishing (what is in flight may or may not land; the next start finds out). */
  stop(): void {
    this.live.stop();
    this.drill.stop();
    this.statusTimer?.();
    for (const off of this.offs) off();
    this.offs = [];
  }
}
