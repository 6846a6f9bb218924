import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { LATEST_SCHEMA, migrate, migrations } from '../../../electron/core/journal/migrations';
import { tempDir } from '../../support/paths';

function freshDb(): { db: Database.Database; file: string } {
  const file = join(tempDir('mig'), 'journal.sqlite');
  return { db: new Database(file), file };
}

describe('journal migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA).toBe(migrations.length);
  });

  it('1: creates STRICT entries with append-only triggers, the full-text index and sync state', () => {
    const { db, file } = freshDb();
    expect(migrate(db, file)).toEqual({ from: 0, to: LATEST_SCHEMA });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')").all() as { name: string; sql: string }[];
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['entries', 'entries_fts', 'sync_state', 'meta', 'entries_no_update', 'entries_no_delete']));
    expect(tables.find((t) => t.name === 'entries')?.sql).toMatch(/STRICT/);
    db.prepare(
      "INSERT INTO entries VALUES (1, 'id', 's', 'c', 'note', 0, '000000000000000.000000', 'a', 'LIVE', NULL, '{}', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE entries SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM entries').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO entries VALUES (2, 'id2', 's', 'c', 'note', 0, 'x', 'a', 'BOTH', NULL, '{}', 'p', 'h')").run()).toThrow(/CHECK/);
    // Running again changes nothing.
    expect(migrate(db, file)).toEqual({ from: LATEST_SCHEMA, to: LATEST_SCHEMA });
    db.close();
  });

  it('refuses a journal written by a newer console, and leaves it untouched', () => {
    const { db, file } = freshDb();
    db.pragma('user_version = 99');
    let error: unknown;
    try {
      migrate(db, file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).message).toContain('schema version 99, newer than this console understands');
    expect(db.pragma('user_version', { simple: true })).toBe(99);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'entries'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 2: copies of peer journals', () => {
  it('creates an append-only peer_entries table keyed by console and sequence', () => {
    const { db, file } = freshDb();
    migrate(db, file);
    const insert = db.prepare(
      "INSERT INTO peer_entries VALUES ('c-b', 1, 'id', 's', 'note', 0, '000000000000001.000000', 'a', 'LIVE', NULL, '{}', 'p', 'h', 0)",
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare("UPDATE peer_entries SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM peer_entries').run()).toThrow(/append-only/);
    db.close();
  });

  it('upgrades a version-1 journal in place, keeping its entries', () => {
    const { db, file } = freshDb();
    const first = migrations[0];
    if (!first) throw new Error('no migration 1');
    db.transaction(() => {
      first.up(db);
      db.pragma('user_version = 1');
    })();
    db.prepare("INSERT INTO entries VALUES (1, 'id', 's', 'c', 'note', 0, '000000000000000.000000', 'a', 'LIVE', NULL, '{}', 'p', 'h')").run();
    expect(migrate(db, file)).toEqual({ from: 1, to: LATEST_SCHEMA });
    expect(db.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'peer_entries'").pluck().get()).toBe(1);
    db.close();
  });
});

describe('migration 3: idempotency keys of client appends', () => {
  it('creates an append-only append_keys table, one row per key, naming an entry', () => {
    const { db, file } = freshDb();
    migrate(db, file);
    db.prepare("INSERT INTO entries VALUES (1, 'id', 's', 'c', 'note', 0, '000000000000000.000000', 'a', 'LIVE', NULL, '{}', 'p', 'h')").run();
    const insert = db.prepare("INSERT INTO append_keys VALUES ('key-00000001', 1)");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare("UPDATE append_keys SET seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM append_keys').run()).toThrow(/append-only/);
    db.close();
  });

  it('upgrades a version-2 journal in place, keeping its entries', () => {
    const { db, file } = freshDb();
    db.transaction(() => {
      for (const m of migrations.filter((m) => m.version <= 2)) m.up(db);
      db.pragma('user_version = 2');
    })();
    db.prepare("INSERT INTO entries VALUES (1, 'id', 's', 'c', 'note', 0, '000000000000000.000000', 'a', 'LIVE', NULL, '{}', 'p', 'h')").run();
    expect(migrate(db, file)).toEqual({ from: 2, to: LATEST_SCHEMA });
    expect(db.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'append_keys'").pluck().get()).toBe(1);
    db.close();
  });
});
