import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyJournalFile } from '../../../electron/core/journal/verify';
import { bundleEntry } from '../../support/bundle';
import { journalKinds } from '../../../shared/journal/kinds';
import { JournalService, journalPaths } from '../../../electron/core/journal/service';
import { systemClock } from '../../../electron/core/support/clock';
import { createMemoryLog } from '../../../electron/core/support/log';
import { journalSubject } from '../../../electron/core/sync/subjects';
import { NatsServer } from '../../support/natsServer';
import { startRelayFor, waitFor } from '../../support/relayRig';
import { tempDir } from '../../support/paths';
import { readUpstream } from '../../support/upstream';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 200);
let child = '';
let worker = '';

beforeAll(async () => {
  child = await bundleEntry('tests/support/crashChild.ts', 'crash-child');
  worker = await bundleEntry('electron/core/journal/worker.ts', 'journal-worker');
}, 60_000);

/** Runs the writer until `killAfterMs` after it is ready, then SIGKILLs it; returns what it reported as logged. */
function runAndKill(dataDir: string, killAfterMs: number, natsUrl?: string): Promise<{ logged: Map<number, string>; readyHead: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dataDir, worker, ...(natsUrl ? [natsUrl] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    const logged = new Map<number, string>();
    let readyHead = -1;
    let buffer = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, a, b] = line.split(' ');
        if (word === 'ready') {
          readyHead = Number(a);
          setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
        } else if (word === 'logged' && a && b) logged.set(Number(a), b);
      }
    });
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (${code}): ${stderr}`));
      else resolve({ logged, readyHead });
    });
  });
}

describe('crash safety', () => {
  it(`loses nothing reported as logged across ${CYCLES} kill -9s at random points`, async () => {
    const dataDir = tempDir('crash');
    const everLogged = new Map<number, string>();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { logged, readyHead } = await runAndKill(dataDir, Math.floor(Math.random() * 60));
      // Every restart opens a journal that still holds everything logged before.
      const maxLogged = Math.max(0, ...everLogged.keys());
      expect(readyHead).toBeGreaterThanOrEqual(maxLogged);
      for (const [seq, hash] of logged) everLogged.set(seq, hash);
    }
    const file = join(dataDir, 'journal', 'journal.sqlite');
    const report = verifyJournalFile(file, { quickCheck: true });
    expect(report.firstBad).toBeUndefined();
    expect(report.quickCheck).toBe('ok');
    expect(report.ok).toBe(true);
    const db = new Database(file, { readonly: true });
    const hashOf = db.prepare('SELECT hash FROM entries WHERE seq = ?').pluck();
    for (const [seq, hash] of everLogged) expect(hashOf.get(seq), `entry #${seq}`).toBe(hash);
    db.close();
    expect(everLogged.size).toBeGreaterThan(CYCLES);
  }, 600_000);
});

describe('crash safety with the upstream relay running', () => {
  it('keeps upstream exactly-once when the whole console is killed mid-publish', async () => {
    const server = await NatsServer.start();
    const dataDir = tempDir('crash-relay');
    try {
      for (let cycle = 0; cycle < 20; cycle++) await runAndKill(dataDir, 20 + Math.floor(Math.random() * 80), server.url);
      // Start the console once more and let its relay finish the backlog.
      const journal = await JournalService.open({
        paths: journalPaths(dataDir),
        worker: { file: worker },
        site: 'crash-site',
        consoleId: 'c-crashconsole',
        kinds: journalKinds,
        clock: systemClock,
        log: createMemoryLog(),
      });
      const rig = await startRelayFor(journal, server.url, 'crash-site', 'c-crashconsole');
      try {
        await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 60_000, 'final catch-up');
        const local: { seq: number; hash: string }[] = [];
        for (let after = 0; ; ) {
          const page = await journal.pageAfter(after, 'LIVE', 5000);
          if (page.length === 0) break;
          local.push(...page.map((e) => ({ seq: e.seq, hash: e.hash })));
          after = page[page.length - 1]!.seq;
        }
        const upstream = await readUpstream(server.url, 'crash-site', journalSubject('crash-site', 'c-crashconsole', 'LIVE'));
        expect(upstream.entries.map((e) => e.seq)).toEqual(local.map((e) => e.seq));
        expect(upstream.entries.map((e) => e.hash)).toEqual(local.map((e) => e.hash));
        expect(upstream.messages).toBeGreaterThan(1);
      } finally {
        await rig.stop();
        await journal.close();
      }
    } finally {
      await server.stop();
    }
  }, 300_000);
});
