import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalEntry } from '../../../shared/journal/entry';
import { KeptApartWhySchema, type KeptApartWhy } from '../../../shared/sync/peers';
import { keyFingerprint } from '../journal/signer';
import { appendFileDurable } from '../support/atomicFile';
import type { Log } from '../support/log';
import { chmodPrivate, mkdirPrivate } from '../support/privateFiles';

/** The file stops growing here (a flood from the bus must not fill the disk); further entries are only counted. */
const MAX_BYTES = 64 * 1024 * 1024;

export type KeptApartSummary = { count: number; why: KeptApartWhy; claimedKey?: string };

/**
 * Entries from the site bus that do not count — from a console the site has
 * not enrolled, or under an enrolled console's name but not signed by its
 * key — stored so nothing is lost, never folded: one JSON line each in
 * `<data>/peers/kept-apart-<site>.jsonl` ({ receivedAt, streamSeq, why, reason,
 * entry }), flushed before the stream position passes them. Not the journal,
 * and not its peer copies (which the site state folds).
 */
export class KeptApartStore {
  private readonly file: string;
  private readonly seen = new Set<string>();
  private readonly byConsole = new Map<string, KeptApartSummary>();
  private bytes = 0;
  private full = false;

  constructor(dataDir: string, site: string, private readonly log: Log) {
    const dir = join(dataDir, 'peers');
    mkdirPrivate(dir);
    this.file = join(dir, `kept-apart-${site}.jsonl`);
    if (existsSync(this.file)) this.load();
  }

  private load(): void {
    const text = readFileSync(this.file, 'utf8');
    this.bytes = statSync(this.file).size;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const row = JSON.parse(line) as { why?: unknown; entry: JournalEntry } | { released: string };
        if ('released' in row) this.forget(row.released);
        else this.count(row.entry, KeptApartWhySchema.catch('not-signed').parse(row.why));
      } catch {
        // A line cut by a crash mid-write: the entry is still on the bus and is kept again when read.
      }
    }
  }

  private count(entry: JournalEntry, why: KeptApartWhy): boolean {
    const key = `${entry.console}|${entry.seq}|${entry.hash}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const prev = this.byConsole.get(entry.console);
    const claimed = claimedKey(entry) ?? prev?.claimedKey;
    this.byConsole.set(entry.console, { count: (prev?.count ?? 0) + 1, why, ...(claimed ? { claimedKey: claimed } : {}) });
    return true;
  }

  /** Keeps these entries apart (duplicates of ones already kept are skipped); flushed to disk before it returns. */
  keep(rows: readonly { entry: JournalEntry; why: KeptApartWhy; reason: string; streamSeq: number }[], receivedAt: number): void {
    let text = '';
    for (const r of rows) {
      if (!this.count(r.entry, r.why)) continue;
      this.log.warn('peer entry kept apart', { console: r.entry.console, seq: r.entry.seq, kind: r.entry.kind, reason: r.reason });
      if (!this.full) text += `${JSON.stringify({ receivedAt, streamSeq: r.streamSeq, why: r.why, reason: r.reason, entry: r.entry })}\n`;
    }
    if (text === '') return;
    if (this.bytes + text.length > MAX_BYTES) {
      this.full = true;
      this.log.error('kept-apart file full: further entries are counted, not stored (they stay on the bus stream)', { file: this.file });
      return;
    }
    this.append(text);
  }

  private forget(consoleId: string): void {
    this.byConsole.delete(consoleId);
    for (const key of this.seen) if (key.startsWith(`${consoleId}|`)) this.seen.delete(key);
  }

  /**
   * A console enrolled since: its entries kept so far, to be judged again
   * (they count once its key's signature covers them). A marker line says
   * they were handed back, so they no longer show as kept apart.
   */
  release(consoleId: string): { entry: JournalEntry; streamSeq: number }[] {
    if (!this.byConsole.has(consoleId)) return [];
    const rows: { entry: JournalEntry; streamSeq: number }[] = [];
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (line === '') continue;
        try {
          const row = JSON.parse(line) as { entry?: JournalEntry; streamSeq?: number; released?: string };
          if (row.released === consoleId) rows.length = 0;
          else if (row.entry?.console === consoleId) rows.push({ entry: row.entry, streamSeq: row.streamSeq ?? 0 });
        } catch {
          // a cut line: see load()
        }
      }
    }
    this.forget(consoleId);
    this.append(`${JSON.stringify({ released: consoleId })}\n`);
    return rows;
  }

  private append(text: string): void {
    this.bytes += appendFileDurable(this.file, text);
    chmodPrivate(this.file);
  }

  summary(consoleId: string): KeptApartSummary | undefined {
    return this.byConsole.get(consoleId);
  }

  consoles(): string[] {
    return [...this.byConsole.keys()];
  }
}

/** The fingerprint of the key a journal.segment entry names, if it is one. */
function claimedKey(entry: JournalEntry): string | undefined {
  if (entry.kind !== 'journal.segment' || typeof entry.payload !== 'object' || entry.payload === null) return undefined;
  const key = (entry.payload as { publicKey?: unknown }).publicKey;
  return typeof key === 'string' ? keyFingerprint(key) : undefined;
}
