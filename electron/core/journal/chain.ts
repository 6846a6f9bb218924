import { createHash } from 'node:crypto';
import { hashInput, type JournalEntry, type Mode } from '../../../shared/journal/entry';

/** A row of the entries table, as SQLite returns it. */
export type JournalRow = {
  seq: number;
  id: string;
  site: string;
  console: string;
  kind: string;
  occurred_at: number;
  hlc: string;
  actor: string;
  mode: Mode;
  ref: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
};

export const COLUMNS = 'seq, id, site, console, kind, occurred_at, hlc, actor, mode, ref, payload, prev_hash, hash';

export function rowToEntry(row: JournalRow): JournalEntry {
  return {
    seq: row.seq,
    id: row.id,
    site: row.site,
    console: row.console,
    kind: row.kind,
    occurredAt: row.occurred_at,
    hlc: row.hlc,
    actor: row.actor,
    mode: row.mode,
    ref: row.ref,
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Recomputes one row's hash and its link to the previous row; returns the problem, if any. */
export function checkRow(row: JournalRow, prev: JournalRow | undefined): string | undefined {
  const expected = sha256Hex(
    hashInput(
      {
        seq: row.seq,
        id: row.id,
        site: row.site,
        console: row.console,
        kind: row.kind,
        occurredAt: row.occurred_at,
        hlc: row.hlc,
        actor: row.actor,
        mode: row.mode,
        ref: row.ref,
        prevHash: row.prev_hash,
      },
      row.payload,
    ),
  );
  if (expected !== row.hash) return 'content does not match its hash (changed after it was written)';
  if (prev) {
    if (prev.seq !== row.seq - 1) return `sequence gap after #${prev.seq}`;
    if (row.prev_hash !== prev.hash) return `does not link to entry #${prev.seq} (previous hash differs)`;
  }
  return undefined;
}
