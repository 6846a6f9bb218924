import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointStatement } from '../../../shared/journal/entry';
import { canonicalJson } from '../../../shared/journal/canonical';
import { readIdentity } from '../../../electron/core/identity';
import { entryHash, type JournalRow } from '../../../electron/core/journal/chain';
import { keyFingerprint } from '../../../electron/core/journal/signer';
import { verifyJournalFile } from '../../../electron/core/journal/verify';
import { bundleEntry } from '../../support/bundle';
import { openTestJournal } from '../../support/journal';
import { waitFor } from '../../support/relayRig';

// Issue 13 §2: a record that an attacker with the data folder cannot rewrite unnoticed.

type Opened = Awaited<ReturnType<typeof openTestJournal>>;

async function journalWith(count: number, options: Parameters<typeof openTestJournal>[0] = {}): Promise<{ dataDir: string; file: string }> {
  const { journal, dataDir } = await openTestJournal({ checkpointEvery: 10, ...options });
  for (let i = 1; i <= count; i++) await journal.append({ kind: 'note', payload: { text: `note ${i} MARK-${i}-END` } }, { actor: 'duty-liu' });
  await journal.close();
  return { dataDir, file: join(dataDir, 'journal', 'journal.sqlite') };
}

const spki = (key: KeyObject): string => createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');

/**
 * The attack of the security review: entry `seq` rewritten, every later entry
 * re-hashed, the segment's key replaced by the attacker's and every checkpoint
 * re-signed with it. The file is then self-consistent.
 */
function rewriteAndResign(file: string, seq: number, text: string): KeyObject {
  const attacker = generateKeyPairSync('ed25519').privateKey;
  const db = new Database(file);
  db.exec('DROP TRIGGER entries_no_update');
  const rows = db.prepare('SELECT * FROM entries ORDER BY seq').all() as JournalRow[];
  const update = db.prepare('UPDATE entries SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  let prevHash: string | undefined;
  db.transaction(() => {
    for (const row of rows) {
      let payload = JSON.parse(row.payload) as Record<string, unknown>;
      if (row.kind === 'journal.segment') payload = { ...payload, publicKey: spki(attacker) };
      if (row.seq === seq) payload = { text };
      if (row.kind === 'journal.checkpoint' && prevHash) {
        const upToSeq = row.seq - 1;
        payload = { upToSeq, headHash: prevHash, signature: sign(null, Buffer.from(checkpointStatement(row.site, row.console, upToSeq, prevHash)), attacker).toString('base64') };
      }
      const payloadText = canonicalJson(payload);
      const fields = { seq: row.seq, id: row.id, site: row.site, console: row.console, kind: row.kind, occurredAt: row.occurred_at, hlc: row.hlc, actor: row.actor, mode: row.mode, ref: row.ref, prevHash: prevHash ?? row.prev_hash };
      const hash = entryHash(fields, payloadText);
      update.run(payloadText, fields.prevHash, hash, row.seq);
      prevHash = hash;
    }
  })();
  db.close();
  return attacker;
}

let cli = '';
beforeAll(async () => {
  cli = await bundleEntry('electron/core/journal/cli.ts', 'journal-cli');
}, 60_000);

function runCli(file: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [cli, 'verify', file], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function keptFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'journal', 'segments');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sqlite')) : [];
}

async function withJournal(dataDir: string, run: (o: Opened) => Promise<void>, options: Parameters<typeof openTestJournal>[0] = {}): Promise<void> {
  const opened = await openTestJournal({ dataDir, ...options });
  try {
    await run(opened);
  } finally {
    await opened.journal.close();
  }
}

describe('the public key pinned outside the journal', () => {
  it('pins the key when it is first created; a rewrite re-signed with another key fails verification, library and CLI', async () => {
    const { dataDir, file } = await journalWith(30);
    const pinned = readIdentity(join(dataDir, 'console.json'))?.journalKey;
    expect(pinned).toBeDefined();
    rewriteAndResign(file, 12, 'nothing happened');
    // The attack of the review: against the key the journal names itself, it passes…
    expect(verifyJournalFile(file).ok).toBe(true);
    // …against the pinned key it does not.
    const report = verifyJournalFile(file, { pinnedKey: pinned! });
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ seq: 1, problem: expect.stringContaining(keyFingerprint(pinned!)) as string });
    const out = runCli(file);
    expect(out.status).toBe(1);
    expect(out.out).toContain('FIRST BAD ENTRY: #1');
    expect(out.out).toContain(`${keyFingerprint(pinned!)}, pinned in`);
  });

  it('the console does not start "ok" on a re-signed journal: the break is shown and logging goes on in a new segment', async () => {
    const { dataDir, file } = await journalWith(30);
    rewriteAndResign(file, 12, 'nothing happened');
    await withJournal(dataDir, async ({ journal }) => {
      await waitFor(() => (journal.status().detail ?? '').includes('new segment after a break'), 10_000, 'the break');
      // The recorded head catches it first (its hash is not the one recorded); without it, the pinned key does (first test).
      expect(journal.status()).toMatchObject({ state: 'recovered', detail: expect.stringMatching(/history was replaced|pinned key/) as string });
      const next = await journal.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-liu' });
      expect(next.seq).toBeGreaterThan(34);
    });
    expect(keptFiles(dataDir)).toHaveLength(1);
  });

  it('a replaced signing key file is refused at open with both fingerprints and the way forward; a supervisor starts a new segment', async () => {
    const { dataDir } = await journalWith(5);
    const identityPath = join(dataDir, 'console.json');
    const pinned = readIdentity(identityPath)!.journalKey!;
    const keyFile = join(dataDir, 'keys', 'journal-ed25519.pem');
    const other = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(keyFile, other.export({ type: 'pkcs8', format: 'pem' }).toString());
    await withJournal(dataDir, async ({ journal }) => {
      const status = journal.status();
      expect(status.state).toBe('broken');
      expect(status.detail).toContain(keyFile);
      expect(status.detail).toContain(`expected ${keyFingerprint(pinned)}`);
      expect(status.detail).toContain(`found ${keyFingerprint(spki(other))}`);
      expect(status.detail).toContain('Restore the original key file, or start a new journal segment with a supervisor');
      const refused = await journal.append({ kind: 'note', payload: { text: 'x' } }, { actor: 'duty-liu' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'integrity' });
      // The supervisor's choice: the new key is pinned, the old file kept.
      expect((await journal.startNewSegment()).state).toBe('ok');
      expect(readIdentity(identityPath)!.journalKey).toBe(spki(other));
      await journal.append({ kind: 'note', payload: { text: 'signed with the new key' } }, { actor: 'duty-liu' });
    });
    expect(keptFiles(dataDir)).toHaveLength(1);
  });
});

describe('an emptied, deleted, cut or older journal is detected', () => {
  it('a deleted journal does not start again at #1: a new segment names the last known head', async () => {
    const { dataDir, file } = await journalWith(25);
    const head = readIdentity(join(dataDir, 'console.json'))!.journalHead!;
    expect(head.seq).toBe(28); // 1 segment, 25 notes, 2 checkpoints
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    await withJournal(dataDir, async ({ journal }) => {
      await waitFor(() => journal.status().headSeq > 0 && (journal.status().detail ?? '').includes('new segment'), 10_000, 'the new segment');
      expect(journal.status().detail).toContain(`journal file missing; last known head #28 ${head.hash.slice(0, 12)}`);
      const next = await journal.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-liu' });
      expect(next.seq).toBe(30);
      const segment = (await journal.query({ kinds: ['journal.segment'] })).entries[0]!;
      expect(segment).toMatchObject({ seq: 29, prevHash: head.hash, payload: { reason: 'after-break' } });
    });
  });

  it('an emptied file is kept renamed and the journal goes on after the last known head', async () => {
    const { dataDir, file } = await journalWith(25);
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    truncateSync(file, 0);
    await withJournal(dataDir, async ({ journal }) => {
      await waitFor(() => (journal.status().detail ?? '').includes('journal file empty; last known head #28'), 10_000, 'the empty file named');
      expect((await journal.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-liu' })).seq).toBe(30);
    });
    expect(keptFiles(dataDir)).toHaveLength(1);
  });

  it('a cut tail or an older copy restored: "behind the last known head", old file kept unchanged', async () => {
    const { dataDir, file } = await journalWith(25);
    const db = new Database(file);
    db.exec('DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq > 15;');
    db.close();
    const size = statSync(file).size;
    await withJournal(dataDir, async ({ journal }) => {
      await waitFor(() => (journal.status().detail ?? '').includes('head #15 is behind the last known #28'), 10_000, 'the cut named');
      expect(journal.status().detail).toContain('an older copy was restored or the tail was cut');
      expect((await journal.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-liu' })).seq).toBe(30);
      expect((await journal.startNewSegment()).state).toBe('ok');
    });
    const kept = keptFiles(dataDir);
    expect(kept).toHaveLength(1);
    expect(statSync(join(dataDir, 'journal', 'segments', kept[0]!)).size).toBe(size);
  });
});

describe('periodic full re-verification', () => {
  it('a rewrite under a running console is found by the next walk from #1; appends go on; verify never answers a stale ok', async () => {
    const { dataDir, file } = await journalWith(40);
    await withJournal(
      dataDir,
      async ({ journal }) => {
        await waitFor(() => !journal.status().verifying, 10_000, 'the start-up walk');
        expect((await journal.verifyNow()).detail).toMatch(/^last full verification .*: \d+ entries, ok$/);
        // Rewritten while the console runs (the file's own connection from another process's view).
        const db = new Database(file);
        db.exec(`DROP TRIGGER entries_no_update; UPDATE entries SET payload = '{"text":"nothing happened"}' WHERE seq = 8;`);
        db.close();
        // Found by the walk (broken), then logging goes on in a new segment (recovered) with the finding shown.
        await waitFor(() => journal.status().state === 'recovered' && (journal.status().detail ?? '').includes('full re-verification: entry #8'), 10_000, 'the next walk to find it');
        expect((await journal.append({ kind: 'note', payload: { text: 'alert still logged' } }, { actor: 'system' })).seq).toBeGreaterThan(45);
      },
      { fullVerifyEveryMs: 200 },
    );
  });

  it('verifyJournal walks the whole chain now: a rewrite is reported without waiting for the schedule', async () => {
    const { dataDir, file } = await journalWith(40);
    await withJournal(dataDir, async ({ journal }) => {
      await waitFor(() => !journal.status().verifying, 10_000, 'the start-up walk');
      const db = new Database(file);
      db.exec(`DROP TRIGGER entries_no_update; UPDATE entries SET payload = '{"text":"nothing happened"}' WHERE seq = 9;`);
      db.close();
      const status = await journal.verifyNow();
      // The walk's answer is the break itself, or, if the new segment already started, the notice naming it.
      expect(['broken', 'recovered']).toContain(status.state);
      expect(status.detail).toContain('entry #9');
    });
  });
});

describe('verification under traffic that never pauses', () => {
  it('the start-up walk gets through the journal while appends keep coming every few milliseconds (it yields to them, never starves)', async () => {
    const { dataDir } = await openTestJournal({ checkpointEvery: 100 }).then(async ({ journal, dataDir }) => {
      for (let i = 0; i < 4; i++) await journal.appendMany(Array.from({ length: 500 }, (_, k) => ({ kind: 'note', payload: { text: `before ${i}-${k}` } })), { actor: 'duty-liu' });
      await journal.close();
      return { dataDir };
    });
    await withJournal(dataDir, async ({ journal }) => {
      const deadline = Date.now() + 20_000;
      let appended = 0;
      // Never more than a few ms between requests: verification's idle wait (50 ms) is never met.
      // The 2,000 entries written before (and their checkpoints) are verified while the appends go on.
      while (journal.status().verifiedTo < 2000 && Date.now() < deadline) {
        await journal.append({ kind: 'note', payload: { text: `during ${appended}` } }, { actor: 'duty-liu' });
        appended += 1;
      }
      console.log(JSON.stringify(journal.status()), appended);
      expect(journal.status().verifiedTo).toBeGreaterThanOrEqual(2000);
      expect(appended).toBeGreaterThan(0);
    });
  });
});

describe('quick_check at start and after an I/O error', () => {
  it('a half-truncated file: named, kept as it is, and the console keeps logging in a new segment', async () => {
    const { dataDir, file } = await journalWith(400, { checkpointEvery: 1000 });
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const cutSize = statSync(file).size;
    await withJournal(dataDir, async ({ journal }) => {
      await waitFor(() => (journal.status().detail ?? '').includes('new segment'), 10_000, 'the new segment');
      const detail = journal.status().detail ?? '';
      expect(detail).toContain(file);
      expect(detail).toContain('kept read-only');
      expect((await journal.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-liu' })).seq).toBeGreaterThan(401);
    });
    const kept = keptFiles(dataDir);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/-damaged\.sqlite$/);
    expect(statSync(join(dataDir, 'journal', 'segments', kept[0]!)).size).toBe(cutSize);
  });

  it('corrupt pages in the middle: quick_check at open names the file and a new segment starts', async () => {
    const { dataDir, file } = await journalWith(400, { checkpointEvery: 1000 });
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    // Garbage over a few pages past the schema (never page 1, which says what the file is).
    for (let at = pageSize * 3; at < Math.min(bytes.length, pageSize * 6); at++) bytes[at] = (at * 31) & 0xff;
    writeFileSync(file, bytes);
    await withJournal(dataDir, async ({ journal }) => {
      await waitFor(() => (journal.status().detail ?? '').includes('new segment'), 10_000, 'the new segment');
      expect(journal.status().detail).toContain(file);
      await journal.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-liu' });
    });
    expect(keptFiles(dataDir)).toHaveLength(1);
  });

  it('damaged pages only quick_check reads (an index, not the chain): found by the page check beside the writer', async () => {
    const { journal, dataDir } = await openTestJournal({ checkpointEvery: 1000 });
    for (let i = 0; i < 30; i++) await journal.appendMany(Array.from({ length: 100 }, (_, k) => ({ kind: 'note', payload: { text: `note ${i * 100 + k}` } })), { actor: 'duty-liu' });
    await journal.close();
    const file = join(dataDir, 'journal', 'journal.sqlite');
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    // The oldest leaf of the occurred-at index: the chain walk reads only the entries table, and new entries go to the newest leaf.
    const db = new Database(file, { readonly: true });
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'entries_occurred' AND pagetype = 'leaf' ORDER BY path").pluck().all() as number[];
    db.close();
    expect(leaves.length).toBeGreaterThan(2);
    const bytes = readFileSync(file);
    const at = (leaves[0]! - 1) * pageSize;
    for (let i = at; i < at + pageSize; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(file, bytes);
    await withJournal(dataDir, async ({ journal: reopened }) => {
      await waitFor(() => (reopened.status().detail ?? '').includes('quick_check'), 10_000, 'the page check to find it');
      expect(reopened.status().detail).toContain(file);
      await reopened.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-liu' });
    });
    expect(keptFiles(dataDir)).toHaveLength(1);
  });
});
