import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { JournalEntry } from '../../../shared/journal/entry';
import { isKind } from '../../../shared/journal/kinds';
import type { PeerStoreResult } from '../journal/store';
import { appendFileDurable, writeFileAtomic } from '../support/atomicFile';
import type { Log } from '../support/log';
import { chmodPrivate, mkdirPrivate } from '../support/privateFiles';

/** Hashes of the newest entries witnessed per console kept in memory (older ones are answered by the checkpoints). */
const RECENT_HASHES = 10_000;
/** The kept-apart file stops growing here (a divergent peer keeps publishing); what follows stays on the bus stream, counted. */
const MAX_APART_BYTES = 64 * 1024 * 1024;

/** A peer whose new entries contradict what this console already witnessed of its journal. */
export interface PeerDivergence {
  readonly console: string;
  /** The sequence number both sides claim. */
  readonly seq: number;
  /** What this console witnessed at `seq` (an entry's hash, or the hash a signed checkpoint covers); '' when only the stored copy knows it. */
  readonly heldHash: string;
  /** What the peer sent for `seq` now. */
  readonly receivedHash: string;
  readonly at: number;
}

const StateSchema = z.strictObject({
  consoles: z.record(
    z.string(),
    z.strictObject({
      head: z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string() }).optional(),
      /** Signed checkpoints received: upToSeq -> headHash. */
      checkpoints: z.record(z.string(), z.string()),
      divergence: z
        .strictObject({ console: z.string(), seq: z.number().int(), heldHash: z.string(), receivedHash: z.string(), at: z.number() })
        .optional(),
    }),
  ),
});

interface Witnessed {
  head: { seq: number; hash: string } | undefined;
  checkpoints: Map<number, string>;
  recent: Map<number, string>;
  divergence: PeerDivergence | undefined;
}

/**
 * The site's other consoles as witnesses of each other's journals (issue 13
 * §2). For every peer console it keeps what it has witnessed: the newest
 * entry (seq and hash), every signed checkpoint received (the seq it covers
 * and that hash) and the hashes of recent entries. What a peer sends next is
 * compared with that before it is stored: an entry at a sequence already
 * witnessed with another hash, a checkpoint covering a witnessed sequence
 * with another hash, or the entry after the witnessed head not linking to it
 * (a restart at a lower sequence, an older copy restored, a rewrite) makes
 * the peer divergent. From then on its entries are not folded: the
 * contradicting ones (and every later one) are kept apart in
 * `<data>/peers/divergent-<site>.jsonl`, and the divergence (console, seq,
 * both hashes) is kept in `<data>/peers/witness-<site>.json`, so a restart
 * still knows it.
 */
const SAVE_EVERY_MS = 2_000;

export class PeerWitness {
  private readonly stateFile: string;
  private readonly apartFile: string;
  private readonly consoles = new Map<string, Witnessed>();
  /** A divergence not yet on disk: saved before the entries that showed it are passed. */
  private dirty = false;
  /** Heads and checkpoints witnessed since the last save (written within SAVE_EVERY_MS, and at close). */
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private apartBytes = 0;
  /** Entries not written because the kept-apart file is full. */
  notKept = 0;

  constructor(private readonly deps: { dataDir: string; site: string; log: Log; now: () => number }) {
    const dir = join(deps.dataDir, 'peers');
    mkdirPrivate(dir);
    this.stateFile = join(dir, `witness-${deps.site}.json`);
    this.apartFile = join(dir, `divergent-${deps.site}.jsonl`);
    if (existsSync(this.stateFile)) this.load();
    if (existsSync(this.apartFile)) this.apartBytes = statSync(this.apartFile).size;
  }

  private load(): void {
    const parsed = StateSchema.safeParse(safeJson(readFileSync(this.stateFile, 'utf8')));
    if (!parsed.success) {
      // Witnessing starts again from what arrives; the peer copies themselves still refuse a changed entry.
      this.deps.log.error('peer witness: the witness file is not valid; starting from what arrives', { file: this.stateFile });
      return;
    }
    for (const [id, c] of Object.entries(parsed.data.consoles)) {
      this.consoles.set(id, {
        head: c.head,
        checkpoints: new Map(Object.entries(c.checkpoints).map(([seq, hash]) => [Number(seq), hash])),
        recent: new Map(),
        divergence: c.divergence,
      });
    }
  }

  divergenceOf(consoleId: string): PeerDivergence | undefined {
    return this.consoles.get(consoleId)?.divergence;
  }

  divergent(): PeerDivergence[] {
    return [...this.consoles.values()].flatMap((c) => (c.divergence ? [c.divergence] : []));
  }

  /** A line for the peer's status (the desk shows the translated form from `divergenceOf`). */
  problemOf(consoleId: string): string | undefined {
    const d = this.divergenceOf(consoleId);
    return d ? `divergent: entry #${d.seq} received with hash ${d.receivedHash}, witnessed here as ${d.heldHash || '(the copy held)'}; its entries are kept apart, not folded` : undefined;
  }

  private of(consoleId: string): Witnessed {
    let c = this.consoles.get(consoleId);
    if (!c) {
      c = { head: undefined, checkpoints: new Map(), recent: new Map(), divergence: undefined };
      this.consoles.set(consoleId, c);
    }
    return c;
  }

  private witnessedHash(c: Witnessed, seq: number): string | undefined {
    if (c.head?.seq === seq) return c.head.hash;
    return c.recent.get(seq) ?? c.checkpoints.get(seq);
  }

  /**
   * Before peer entries are stored: splits off those of divergent consoles,
   * and finds new contradictions with what was witnessed. Returns the
   * entries to store; the others are kept apart (on disk before it returns).
   */
  screen(entries: readonly JournalEntry[]): JournalEntry[] {
    const pass: JournalEntry[] = [];
    const apart: JournalEntry[] = [];
    /** Where each console's chain will stand once what passes is stored (the store may still refuse some). */
    const heads = new Map<string, { seq: number; hash: string } | undefined>();
    for (const e of entries) {
      const c = this.of(e.console);
      if (c.divergence) {
        apart.push(e);
        continue;
      }
      const head = heads.has(e.console) ? heads.get(e.console) : c.head;
      const contradiction = this.contradiction(c, head, e);
      if (contradiction) {
        c.divergence = { console: e.console, ...contradiction, at: this.deps.now() };
        this.dirty = true;
        this.deps.log.error('peer witness: a console contradicts what was witnessed of its journal; its entries are kept apart', { ...c.divergence });
        apart.push(e);
        continue;
      }
      if (!head || e.seq > head.seq) heads.set(e.console, { seq: e.seq, hash: e.hash });
      pass.push(e);
    }
    this.keepApart(apart);
    return pass;
  }

  private contradiction(c: Witnessed, head: { seq: number; hash: string } | undefined, e: JournalEntry): Omit<PeerDivergence, 'console' | 'at'> | undefined {
    const held = this.witnessedHash(c, e.seq);
    if (held !== undefined && held !== e.hash) return { seq: e.seq, heldHash: held, receivedHash: e.hash };
    if (head && e.seq === head.seq + 1 && e.prevHash !== head.hash) return { seq: head.seq, heldHash: head.hash, receivedHash: e.prevHash };
    if (isKind(e, 'journal.checkpoint')) {
      const covered = this.witnessedHash(c, e.payload.upToSeq);
      if (covered !== undefined && covered !== e.payload.headHash) return { seq: e.payload.upToSeq, heldHash: covered, receivedHash: e.payload.headHash };
    }
    return undefined;
  }

  /**
   * After the store: what it refused as differing from the copy held is a
   * contradiction too (a sequence this witness had no hash for in memory),
   * and what it stored is now witnessed. Returns the stored entries that count.
   */
  observe(sent: readonly JournalEntry[], result: PeerStoreResult): JournalEntry[] {
    for (const p of result.problems) {
      if (!/^differs from the copy already held|^does not link to entry/.test(p.problem)) continue;
      const c = this.of(p.console);
      const entry = sent.find((e) => e.console === p.console && e.seq === p.seq);
      if (!entry) continue;
      if (!c.divergence) {
        const linking = p.problem.startsWith('does not link');
        const seq = linking ? p.seq - 1 : p.seq;
        c.divergence = { console: p.console, seq, heldHash: this.witnessedHash(c, seq) ?? '', receivedHash: linking ? entry.prevHash : entry.hash, at: this.deps.now() };
        this.deps.log.error('peer witness: a console contradicts its copy held here; its entries are kept apart', { ...c.divergence });
      }
      this.dirty = true;
      this.keepApart([entry]);
    }
    const counted: JournalEntry[] = [];
    const late: JournalEntry[] = [];
    for (const e of result.stored) {
      const c = this.of(e.console);
      if (c.divergence && e.seq > c.divergence.seq) {
        // Stored in the same transaction as the contradiction was found: kept in the peer copy (its chain) but not folded.
        late.push(e);
        continue;
      }
      this.witness(c, e);
      counted.push(e);
    }
    this.keepApart(late);
    if (this.dirty) this.save();
    else if (result.stored.length > 0) this.saveSoon();
    return counted;
  }

  private witness(c: Witnessed, e: JournalEntry): void {
    c.recent.set(e.seq, e.hash);
    if (c.recent.size > RECENT_HASHES) {
      const oldest = c.recent.keys().next().value;
      if (oldest !== undefined) c.recent.delete(oldest);
    }
    if (!c.head || e.seq > c.head.seq) c.head = { seq: e.seq, hash: e.hash };
    if (isKind(e, 'journal.checkpoint')) c.checkpoints.set(e.payload.upToSeq, e.payload.headHash);
  }

  /**
   * What was witnessed goes to disk within a few seconds, not per batch: a
   * write and fsync per bus message on the core's thread delayed every peer's
   * entries reaching the views (bench:site). A crash loses only heads the
   * peer copies hold anyway; a divergence is always saved at once.
   */
  private saveSoon(): void {
    if (this.saveTimer) return;
    // A real timer (pacing disk writes, not the site's time).
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      try {
        this.save();
      } catch (err) {
        this.deps.log.error('peer witness: cannot save the witness file; trying again with the next entries', { error: err instanceof Error ? err.message : String(err) });
      }
    }, SAVE_EVERY_MS);
    this.saveTimer.unref?.();
  }

  /** Writes what is pending (at close). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.save();
  }

  private save(): void {
    const consoles: z.infer<typeof StateSchema>['consoles'] = {};
    for (const [id, c] of this.consoles) {
      consoles[id] = {
        ...(c.head ? { head: c.head } : {}),
        checkpoints: Object.fromEntries([...c.checkpoints].map(([seq, hash]) => [String(seq), hash])),
        ...(c.divergence ? { divergence: c.divergence } : {}),
      };
    }
    writeFileAtomic(this.stateFile, JSON.stringify({ consoles }), 'the peer witness file');
    chmodPrivate(this.stateFile);
    this.dirty = false;
  }

  /** One JSON line per entry ({ receivedAt, reason, entry }), flushed before the stream position passes them. */
  private keepApart(entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    const receivedAt = this.deps.now();
    let text = '';
    for (const entry of entries) {
      const d = this.divergenceOf(entry.console);
      text += `${JSON.stringify({ receivedAt, reason: d ? `divergent at #${d.seq}` : 'divergent', entry })}\n`;
    }
    if (this.apartBytes + text.length > MAX_APART_BYTES) {
      if (this.notKept === 0) this.deps.log.error('peer witness: the kept-apart file is full; further divergent entries stay on the bus stream only', { file: this.apartFile });
      this.notKept += entries.length;
      if (this.dirty) this.save();
      return;
    }
    this.apartBytes += appendFileDurable(this.apartFile, text);
    chmodPrivate(this.apartFile);
    if (this.dirty) this.save();
  }

  /** What was kept apart, for a supervisor (and tests). */
  keptApart(): { receivedAt: number; reason: string; entry: JournalEntry }[] {
    if (!existsSync(this.apartFile)) return [];
    return readFileSync(this.apartFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .flatMap((l) => {
        const row = safeJson(l) as { receivedAt: number; reason: string; entry: JournalEntry } | undefined;
        return row ? [row] : [];
      });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
