import { NatsLink } from '../../electron/core/bus/natsLink';
import type { JournalService } from '../../electron/core/journal/service';
import { createMemoryLog } from '../../electron/core/support/log';
import { systemClock } from '../../electron/core/support/clock';
import { JournalRelay } from '../../electron/core/sync/relay';
import { journalSubject } from '../../electron/core/sync/subjects';

/** A journal relay on a real connection, with the system clock (real timers for backoff and reconnects). */
export function startRelay(journal: JournalService, url: string): Promise<{ relay: JournalRelay; link: NatsLink; stop(): Promise<void> }> {
  return startRelayFor(journal, url, 'test-site', 'c-testconsole1');
}

export async function startRelayFor(
  journal: JournalService,
  url: string,
  site: string,
  consoleId: string,
): Promise<{ relay: JournalRelay; link: NatsLink; stop(): Promise<void> }> {
  const log = createMemoryLog();
  const link = new NatsLink({ servers: [url], name: 'test relay', clock: systemClock, random: Math.random, log });
  const relay = new JournalRelay({ journal, link, site, consoleId, clock: systemClock, random: Math.random, log });
  await relay.start();
  link.start();
  return {
    relay,
    link,
    stop: async () => {
      relay.stop();
      await link.close();
    },
  };
}

export const LIVE_SUBJECT = journalSubject('test-site', 'c-testconsole1', 'LIVE');
export const DRILL_SUBJECT = journalSubject('test-site', 'c-testconsole1', 'DRILL');

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
