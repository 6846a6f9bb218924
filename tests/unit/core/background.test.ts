import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logFailure } from '../../../electron/core/support/background';
import { createMemoryLog } from '../../../electron/core/support/log';
import { repoRoot } from '../../support/paths';

describe('fire-and-forget work', () => {
  it('a failed background promise is logged with what was being done and the stack, not left unhandled', async () => {
    const log = createMemoryLog();
    let unhandled = 0;
    const count = (): void => {
      unhandled += 1;
    };
    process.on('unhandledRejection', count);
    try {
      void Promise.reject(new Error('boom')).catch(logFailure(log, 'relay: the publishing loop failed', { subject: 'wp.x' }));
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', count);
    }
    expect(unhandled).toBe(0);
    const record = log.records.find((r) => r.message === 'relay: the publishing loop failed');
    expect(record).toMatchObject({ level: 'error', subject: 'wp.x', error: expect.stringContaining('Error: boom') });
  });

  it('every fire-and-forget promise in the bus, sync and alert services has a .catch', () => {
    for (const file of ['electron/core/bus/natsLink.ts', 'electron/core/sync/peerReplicator.ts', 'electron/core/sync/relay.ts', 'electron/core/alerts/alertService.ts', 'electron/core/alerts/alertIngest.ts', 'electron/core/alerts/alertBus.ts']) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      // `void <promise>` must be followed by .catch(logFailure(…)): after an async IIFE's `})()`,
      // else before the statement's first `;`.
      const starts = [...text.matchAll(/\bvoid (this\.|\(async)/g)].map((m) => m.index);
      expect(starts.length, file).toBeGreaterThan(0);
      for (const at of starts) {
        const iife = text.startsWith('void (async', at);
        const rest = iife ? text.slice(text.indexOf('})()', at) + 4) : text.slice(at, text.indexOf(';', at));
        expect(iife ? rest.trimStart() : rest, `${file}: ${text.slice(at, at + 60)}`).toMatch(iife ? /^\.catch\(logFailure\(/ : /\.catch\(logFailure\(/);
      }
    }
  });

  it('the desktop main process installs the same last-resort handler as host mode once the core is up', () => {
    const main = readFileSync(join(repoRoot, 'electron/main/index.ts'), 'utf8');
    expect(main).toMatch(/import \{ installLastResort \} from '\.\.\/core\/support\/lastResort'/);
    expect(main).toMatch(/installLastResort\(started\.log\)/);
  });
});
