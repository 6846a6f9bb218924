import { createHash } from 'node:crypto';
import { hashHeader, type JournalEntry, type Mode } from '../../../shared/journal/entry';

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

/** An entry's hash: SHA-256 of hashInput(fields, payloadText), in two updates (no copy of the payload). */
export function entryHash(fields: Omit<JournalEntry, 'payload' | 'hash'>, payloadText: string): string {
  return createHash('sha256').update(hashHeader(fields), 'utf8').update(payloadText, 'utf8').digest('hex');
}

/** Recomputes one row's hash and its link to the previous row; returns the problem, if any. */
export function checkRow(row: JournalRow, prev: JournalRow | undefined, hasher: typeof entryHash = entryHash): string | undefined {
  const expected = hasher(
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
  );
  if (expected !== row.hash) return 'content does not match its hash (changed after it was written)';
  if (prev) {
    if (prev.seq !== row.seq - 1) return `sequence gap after #${prev.seq}`;
    if (row.prev_hash !== prev.hash) return `does not link to entry #${prev.seq} (previous hash differs)`;
  }
  return undefined;
}

/**
 * entryHash for one console's writer, with the JSON of the repeating fields
 * (site, console, kind, actor) computed once: the writer hashes every entry
 * it commits. Produces exactly hashHeader's bytes (tests compare them).
 */
export function createEntryHasher(site: string, consoleId: string): (fields: Omit<JournalEntry, 'payload' | 'hash'>, payloadText: string) => string {
  const siteConsole = `${JSON.stringify(site)},${JSON.stringify(consoleId)},`;
  const json = new Map<string, string>();
  const quoted = (value: string): string => {
    let q = json.get(value);
    if (q === undefined) {
      q = JSON.stringify(value);
      if (json.size < 10_000) json.set(value, q);
    }
    return q;
  };
  return (f, payloadText) => {
    const header =
      'watchpost-entry-v1[' +
      f.seq +
      ',"' +
      f.id +
      '",' +
      (f.site === site && f.console === consoleId ? siteConsole : `${JSON.stringify(f.site)},${JSON.stringify(f.console)},`) +
      quoted(f.kind) +
      ',' +
      f.occurredAt +
      ',"' +
      f.hlc +
      '",' +
      quoted(f.actor) +
      ',"' +
      f.mode +
      '",' +
      (f.ref === null ? '""' : JSON.stringify(f.ref)) +
      ',"' +
      f.prevHash +
      '"]\n';
    return createHash('sha256').update(header, 'utf8').update(payloadText, 'utf8').digest('hex');
  };
}
