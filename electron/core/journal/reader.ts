import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { canonicalJson } from '../../../shared/journal/canonical';
import { JournalEntrySchema, type JournalEntry } from '../../../shared/journal/entry';
import { rowToEntry, type JournalRow } from './chain';

export type { JournalRow } from './chain';
/** A row read by the reader as the entry it stores (parses its payload). */
export const entryOfRow: (row: JournalRow) => JournalEntry = rowToEntry;
import { migrate } from './migrations';
import { SQL } from './sql';
import { ChainVerifier } from './verify';

/** The outcome of checking a file's own chain: every entry's hash and link, segment and checkpoints. */
export interface ChainCheck {
  readonly verified: boolean;
  readonly problem: string | undefined;
}

/**
 * A journal file opened read-only, for replay: its own entries and its copies
 * of other consoles' in merge order, through the store's statements and
 * row conversion. Rows of its own read in order from the first are checked
 * by the store's ChainVerifier on the way, so one pass both folds and verifies.
 * A bundle (an exported range) is loaded into a temporary file first, which
 * close() removes.
 */
export class JournalReader {
  private readonly stmts;
  private readonly verifier: ChainVerifier;
  /** The temporary folder of a loaded bundle. */
  private readonly removeOnClose: string | undefined;

  private constructor(
    private readonly db: Database.Database,
    options: { readonly midway?: boolean; readonly removeOnClose?: string },
  ) {
    const hasPeers = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'peer_entries'").pluck().get() === 1;
    this.stmts = {
      ownAfter: db.prepare(SQL.ownAfter),
      ownUpTo: db.prepare(SQL.ownUpTo),
      peersAfter: hasPeers ? db.prepare(SQL.peersAfter) : undefined,
      peersUpTo: hasPeers ? db.prepare(SQL.peersUpTo) : undefined,
    };
    this.verifier = new ChainVerifier(db, options.midway ? { midway: true } : {});
    this.removeOnClose = options.removeOnClose;
  }

  /** A journal file as it is (never written to). */
  static open(file: string): JournalReader {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return new JournalReader(db, {});
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /**
   * An exported range (entries.jsonl + manifest.json): the file must match the
   * manifest's SHA-256 and its entries form a chain (ChainVerifier, from
   * wherever the range starts); it is loaded into a temporary journal file,
   * removed on close() or as soon as the bundle is refused. `tempRoot` is
   * where that copy is made (the system's temporary folder; tests pass their own).
   */
  static fromBundle(dir: string, tempRoot: string = tmpdir()): JournalReader {
    const fail = (message: string): never => {
      throw new ConsoleError('invalid-argument', `bundle ${dir}: ${message}`, [{ path: 'source.path', message }]);
    };
    let manifest: { fileSha256?: string; file?: string };
    let body: Buffer;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as typeof manifest;
      body = readFileSync(join(dir, basename(manifest.file ?? 'entries.jsonl')));
    } catch (err) {
      return fail(`not a journal export (${(err as Error).message})`);
    }
    if (createHash('sha256').update(body).digest('hex') !== manifest.fileSha256) fail('entries.jsonl does not match the SHA-256 in manifest.json');
    const tempDir = mkdtempSync(join(tempRoot, 'watchpost-replay-'));
    try {
      const file = join(tempDir, 'bundle.sqlite');
      loadEntries(file, body, fail);
      const reader = new JournalReader(new Database(file, { readonly: true, fileMustExist: true }), { midway: true, removeOnClose: tempDir });
      const check = reader.verification();
      if (!check.verified) {
        reader.close();
        fail(check.problem ?? 'the entries do not form a chain');
      }
      return reader;
    } catch (err) {
      rmSync(tempDir, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * This file's own rows after a sequence number, oldest first. Rows, not
   * entries: a page is read whole but a seek stops part-way through it, so
   * the caller parses (`entryOfRow`) only the rows it uses.
   */
  ownAfter(afterSeq: number, limit: number): readonly JournalRow[] {
    const rows = this.stmts.ownAfter.all(afterSeq, limit) as JournalRow[];
    const checkedTo = this.verifier.verifiedTo;
    if (!this.verifier.done && afterSeq <= checkedTo) this.verifier.feed(afterSeq === checkedTo ? rows : rows.filter((r) => r.seq > checkedTo), rows.length < limit);
    return rows;
  }

  /** Rows of a site's other consoles' copies after a merge key (HLC, then console), in merge order. */
  peersAfter(site: string, afterHlc: string, afterConsole: string, limit: number): readonly JournalRow[] {
    return this.stmts.peersAfter ? (this.stmts.peersAfter.all(site, afterHlc, afterConsole, limit) as JournalRow[]) : [];
  }

  /**
   * The `limit` newest entries at or before a point of the merge order (own
   * entries up to a sequence number, a site's copies up to a merge key),
   * newest first. Only those are parsed.
   */
  newestUpTo(ownSeq: number, site: string, peerKey: readonly [string, string], limit: number): JournalEntry[] {
    const own = this.stmts.ownUpTo.all(ownSeq, limit) as JournalRow[];
    const peers = this.stmts.peersUpTo ? (this.stmts.peersUpTo.all(site, peerKey[0], peerKey[1], limit) as JournalRow[]) : [];
    const newestFirst = (a: JournalRow, b: JournalRow): number => (a.hlc > b.hlc || (a.hlc === b.hlc && a.console > b.console) ? -1 : 1);
    return [...own, ...peers].sort(newestFirst).slice(0, limit).map(rowToEntry);
  }

  /** The chain check of this file's own entries, finishing the walk where the reads did not reach. */
  verification(): ChainCheck {
    while (this.verifier.step(20_000)) {
      // keep walking
    }
    const problem = this.verifier.problem;
    return problem ? { verified: false, problem: `entry #${problem.seq}: ${problem.problem}` } : { verified: true, problem: undefined };
  }

  fileSize(): number {
    try {
      return statSync(this.db.name).size;
    } catch {
      return 0;
    }
  }

  close(): void {
    this.db.close();
    if (this.removeOnClose) rmSync(this.removeOnClose, { recursive: true, force: true });
  }
}

/** Writes a bundle's lines into a new journal file with the store's schema and columns (each line a journal entry). */
function loadEntries(file: string, body: Buffer, fail: (message: string) => never): void {
  const db = new Database(file);
  try {
    migrate(db, file);
    const insert = db.prepare(SQL.insertOwn);
    const lines = body.toString('utf8').split('\n').filter((l) => l !== '');
    db.transaction(() => {
      lines.forEach((line, i) => {
        const parsed = JournalEntrySchema.safeParse(safeJson(line));
        if (!parsed.success) fail(`line ${i + 1} is not a journal entry`);
        const e = parsed.data as JournalEntry;
        try {
          insert.run(e.seq, e.id, e.site, e.console, e.kind, e.occurredAt, e.hlc, e.actor, e.mode, e.ref, canonicalJson(e.payload), e.prevHash, e.hash);
        } catch (err) {
          fail(`line ${i + 1} (entry #${e.seq}) cannot be loaded: ${(err as Error).message}`);
        }
      });
    })();
  } finally {
    db.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
