import { COLUMNS } from './chain';

/**
 * The statements the writer (store.ts), its verifier and the read-only reader
 * (reader.ts) share: one text for each way a journal file is read or loaded.
 * Peer copies have the same columns as our own entries (plus received_at).
 */
export const SQL = {
  insertOwn: `INSERT INTO entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ownAfter: `SELECT ${COLUMNS} FROM entries WHERE seq > ? ORDER BY seq LIMIT ?`,
  ownUpTo: `SELECT ${COLUMNS} FROM entries WHERE seq <= ? ORDER BY seq DESC LIMIT ?`,
  peersAfter: `SELECT ${COLUMNS} FROM peer_entries WHERE site = ? AND (hlc, console) > (?, ?) ORDER BY hlc, console LIMIT ?`,
  peersUpTo: `SELECT ${COLUMNS} FROM peer_entries WHERE site = ? AND (hlc, console) <= (?, ?) ORDER BY hlc DESC, console DESC LIMIT ?`,
} as const;
