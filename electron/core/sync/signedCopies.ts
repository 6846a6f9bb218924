import { canonicalJson } from '../../../shared/journal/canonical';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { KeptApartWhy } from '../../../shared/sync/peers';
import { entryHash } from '../journal/chain';
import type { ConsoleEnrolment } from './enrolment';

export type KeptRow = { entry: JournalEntry; why: KeptApartWhy; reason: string; streamSeq: number };
type Candidate = { entry: JournalEntry; streamSeq: number };

/** Unsigned entries held per enrolled console, at most; beyond it they are kept apart (a flood under a console's name). */
const MAX_PENDING = 100_000;

/**
 * What "signed by an enrolled console" means for entries that arrive one by
 * one on the bus. Entries are hash-chained and a signature covers a head: the
 * checkpoint statement (site, console, seq, hash) signed with the console's
 * enrolled key — in a `journal.checkpoint` entry of its journal, or in a seal
 * it publishes after its appends. A verified signature over (S, H) proves the
 * entry #S whose hash is H and, through each entry's prevHash, every entry
 * before it. So an enrolled console's entry counts once a verified head at
 * or after it is reached by an unbroken chain from that head down to what
 * this console already holds; until then it waits here (not stored as a
 * copy, not folded). An entry a verified chain shows is not the console's
 * (another entry at its place was signed), and every entry under an id the
 * site has not enrolled, are kept apart.
 */
export class SignedCopies {
  /** Per console: seq → candidates by hash (a forger may offer another entry at the same place). */
  private readonly pending = new Map<string, Map<number, Map<string, Candidate>>>();
  private readonly pendingCount = new Map<string, number>();
  /** Per console: verified heads not yet reached by a chain, highest first. */
  private readonly heads = new Map<string, { seq: number; hash: string }[]>();

  constructor(private readonly enrolment: ConsoleEnrolment) {}

  /**
   * Sorts one message's entries (already checked for shape and console):
   * returns those kept apart now; the others wait for a signature.
   */
  admit(consoleId: string, onOwnSubject: boolean, entries: readonly JournalEntry[], streamSeq: number): KeptRow[] {
    if (!this.enrolment.enrolled(consoleId)) return entries.map((entry) => ({ entry, streamSeq, why: 'not-enrolled' as const, reason: 'not a console this site has enrolled' }));
    if (!onOwnSubject) return entries.map((entry) => ({ entry, streamSeq, why: 'foreign-subject' as const, reason: "published on another console's subject" }));
    const kept: KeptRow[] = [];
    let bySeq = this.pending.get(consoleId);
    if (!bySeq) this.pending.set(consoleId, (bySeq = new Map()));
    for (const entry of entries) {
      // Checked here, not only when stored: a forgery claiming a genuine entry's hash must not take its place.
      const { hash, payload, ...fields } = entry;
      if (entryHash(fields, canonicalJson(payload)) !== hash) {
        kept.push({ entry, streamSeq, why: 'bad-hash', reason: 'content does not match its hash' });
        continue;
      }
      if (entry.kind === 'journal.checkpoint') this.checkpoint(entry);
      const count = this.pendingCount.get(consoleId) ?? 0;
      let at = bySeq.get(entry.seq);
      if (at?.has(entry.hash)) continue;
      if (count >= MAX_PENDING) {
        kept.push({ entry, streamSeq, why: 'too-many-unsigned', reason: `more than ${MAX_PENDING} entries not signed by the enrolled key` });
        continue;
      }
      if (!at) bySeq.set(entry.seq, (at = new Map()));
      at.set(entry.hash, { entry, streamSeq });
      this.pendingCount.set(consoleId, count + 1);
    }
    return kept;
  }

  /** A checkpoint in the console's own journal: a signed head, if its signature is the enrolled key's. */
  private checkpoint(entry: JournalEntry): void {
    const p = entry.payload as { upToSeq?: unknown; headHash?: unknown; signature?: unknown } | null;
    if (typeof p !== 'object' || p === null) return;
    const { upToSeq, headHash, signature } = p;
    if (typeof upToSeq === 'number' && typeof headHash === 'string' && typeof signature === 'string') this.seal(entry.console, upToSeq, headHash, signature);
  }

  /** A signed head from the bus or a checkpoint; ignored unless the console's enrolled key signed it. Returns whether it counted. */
  seal(consoleId: string, seq: number, hash: string, signature: string): boolean {
    if (this.enrolment.open || !this.enrolment.verifies(consoleId, seq, hash, signature)) return false;
    const list = this.heads.get(consoleId) ?? [];
    if (!list.some((h) => h.seq === seq)) {
      list.push({ seq, hash });
      list.sort((a, b) => b.seq - a.seq);
      this.heads.set(consoleId, list.slice(0, 64));
    }
    return true;
  }

  /**
   * The entries of a console a verified head now covers, oldest first, ready
   * to be stored as its copy; those that head proves not to be the console's
   * (kept apart); and waiting entries at or below what is held, to be checked
   * against the held copy.
   */
  settle(consoleId: string, heldSeq: number): { ready: JournalEntry[]; kept: KeptRow[]; held: Candidate[] } {
    const bySeq = this.pending.get(consoleId);
    const out = { ready: [] as JournalEntry[], kept: [] as KeptRow[], held: [] as Candidate[] };
    if (!bySeq) return out;
    const heads = this.heads.get(consoleId) ?? [];
    // A verified head names the one entry at its place: any other waiting there is not the console's,
    // even before the chain down to it has arrived (a forger's entries may stall the console's relay).
    for (const head of heads) {
      const at = bySeq.get(head.seq);
      for (const [hash, c] of at ?? []) {
        if (hash === head.hash) continue;
        out.kept.push({ entry: c.entry, streamSeq: c.streamSeq, why: 'not-signed', reason: `not signed by the enrolled key: differs from #${head.seq} that console signed` });
        at?.delete(hash);
        this.pendingCount.set(consoleId, (this.pendingCount.get(consoleId) ?? 0) - 1);
      }
    }
    let reached = heldSeq;
    for (const head of heads) {
      if (head.seq <= heldSeq) break;
      const chain: JournalEntry[] = [];
      let expected = head.hash;
      for (let seq = head.seq; seq > heldSeq; seq -= 1) {
        const c = bySeq.get(seq)?.get(expected);
        if (!c) break;
        chain.push(c.entry);
        expected = c.entry.prevHash;
      }
      if (chain.length !== head.seq - heldSeq) continue;
      out.ready = chain.reverse();
      reached = head.seq;
      // Whatever else waits at these places is not what the console signed.
      for (const e of out.ready) {
        for (const c of bySeq.get(e.seq)?.values() ?? []) {
          if (c.entry.hash !== e.hash) out.kept.push({ entry: c.entry, streamSeq: c.streamSeq, why: 'not-signed', reason: `not signed by the enrolled key: differs from #${e.seq} that console signed` });
        }
      }
      break;
    }
    for (const [seq, at] of bySeq) {
      if (seq > reached) continue;
      if (seq <= heldSeq) out.held.push(...at.values());
      bySeq.delete(seq);
      this.pendingCount.set(consoleId, (this.pendingCount.get(consoleId) ?? 0) - at.size);
    }
    this.heads.set(
      consoleId,
      heads.filter((h) => h.seq > reached),
    );
    return out;
  }

  consolesWaiting(): string[] {
    return [...this.pending.keys()].filter((c) => (this.pendingCount.get(c) ?? 0) > 0);
  }

  /** Entries of this console waiting for a signature. */
  unsigned(consoleId: string): number {
    return this.pendingCount.get(consoleId) ?? 0;
  }

  /** The first stream message still holding a waiting entry: the stored stream position must not pass it. */
  oldestStreamSeq(): number | undefined {
    let oldest: number | undefined;
    for (const bySeq of this.pending.values()) {
      for (const at of bySeq.values()) for (const c of at.values()) if (oldest === undefined || c.streamSeq < oldest) oldest = c.streamSeq;
    }
    return oldest;
  }
}
