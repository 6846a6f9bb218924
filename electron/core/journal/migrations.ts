import type Database from 'better-sqlite3';
import { ConsoleError } from '../../../shared/errors';

/**
 * Numbered schema migrations, tracked in PRAGMA user_version, one
 * transaction each (tests/unit/core/journal-migrations.test.ts has one test
 * per migration). A journal written by a newer console is refused, never
 * opened and "fixed".
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'entries, append-only triggers, full-text index, sync state',
    up(db) {
      db.exec(`
        CREATE TABLE entries (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          site TEXT NOT NULL,
          console TEXT NOT NULL,
          kind TEXT NOT NULL,
          occurred_at INTEGER NOT NULL,
          hlc TEXT NOT NULL,
          actor TEXT NOT NULL,
          mode TEXT NOT NULL CHECK (mode IN ('LIVE', 'DRILL')),
          ref TEXT,
          payload TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        ) STRICT;
        CREATE INDEX entries_kind ON entries (kind, seq);
        CREATE INDEX entries_occurred ON entries (occurred_at, seq);
        CREATE INDEX entries_ref ON entries (ref) WHERE ref IS NOT NULL;
        CREATE INDEX entries_mode ON entries (mode, seq);

        CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
          BEGIN SELECT RAISE(ABORT, 'the journal is append-only: entries cannot be changed; append a correction'); END;
        CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
          BEGIN SELECT RAISE(ABORT, 'the journal is append-only: entries cannot be deleted'); END;

        -- Words to search, with CJK characters spaced (shared/journal/searchText.ts).
        -- Contentless: only the index is kept; the text itself lives in the hashed payload.
        CREATE VIRTUAL TABLE entries_fts USING fts5 (text, content = '', tokenize = 'unicode61 remove_diacritics 2');

        -- Upstream progress per subject: the only table that is updated.
        CREATE TABLE sync_state (
          subject TEXT PRIMARY KEY,
          acked_seq INTEGER NOT NULL,
          acked_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'copies of the other consoles\' journals of this site',
    up(db) {
      // Entries of the site's other consoles, as received from the site bus: each
      // console keeps its own journal, and the site state folds all of them.
      // Kept here so a console restarted without the bus still has its peers' history.
      db.exec(`
        CREATE TABLE peer_entries (
          console TEXT NOT NULL,
          seq INTEGER NOT NULL,
          id TEXT NOT NULL,
          site TEXT NOT NULL,
          kind TEXT NOT NULL,
          occurred_at INTEGER NOT NULL,
          hlc TEXT NOT NULL,
          actor TEXT NOT NULL,
          mode TEXT NOT NULL CHECK (mode IN ('LIVE', 'DRILL')),
          ref TEXT,
          payload TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL,
          received_at INTEGER NOT NULL,
          PRIMARY KEY (console, seq)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX peer_entries_hlc ON peer_entries (hlc, console);
        CREATE TRIGGER peer_entries_no_update BEFORE UPDATE ON peer_entries
          BEGIN SELECT RAISE(ABORT, 'peer journal copies are append-only'); END;
        CREATE TRIGGER peer_entries_no_delete BEFORE DELETE ON peer_entries
          BEGIN SELECT RAISE(ABORT, 'peer journal copies are append-only'); END;
      `);
    },
  },
  {
    version: 3,
    name: 'idempotency keys of client appends',
    up(db) {
      // A client that retries appendEntry after a dropped connection sends the same key:
      // the entry already recorded answers it, across restarts too. A key names one of
      // our own entries; like the entries it is never changed or removed.
      db.exec(`
        CREATE TABLE append_keys (
          key TEXT PRIMARY KEY,
          seq INTEGER NOT NULL REFERENCES entries (seq)
        ) STRICT, WITHOUT ROWID;
        CREATE TRIGGER append_keys_no_update BEFORE UPDATE ON append_keys
          BEGIN SELECT RAISE(ABORT, 'append keys are append-only'); END;
        CREATE TRIGGER append_keys_no_delete BEFORE DELETE ON append_keys
          BEGIN SELECT RAISE(ABORT, 'append keys are append-only'); END;
      `);
    },
  },
];

export const LATEST_SCHEMA = migrations[migrations.length - 1]?.version ?? 0;

export function migrate(db: Database.Database, file: string): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > LATEST_SCHEMA) {
    throw new ConsoleError(
      'integrity',
      `journal ${file} has schema version ${from}, newer than this console understands (${LATEST_SCHEMA}). ` +
        'It was written by a newer Watchpost: run that version, or open the file read-only with `npm run journal -- verify`.',
    );
  }
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: LATEST_SCHEMA };
}
