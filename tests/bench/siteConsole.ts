// One console of bench:site in its own process, as on a real site where every
// console is its own machine: a whole core on the site file, driven over IPC
// by the bench. It stamps the officer's action when it takes it, and reports
// the first moment each alert is in the site state it sends its own views.
import { alertList } from '../../shared/state/alertsDomain';
import { startConsole } from '../support/siteConsoles';

type Command = { readonly submit: string } | { readonly close: true };
export type Report = { readonly ready: true } | { readonly acted: readonly [string, number][]; readonly seen: readonly [string, number][] } | { readonly closed: true };

const hr = (): number => performance.timeOrigin + performance.now();
const [siteFile, station] = process.argv.slice(2);
if (!siteFile || (station !== 'wall' && station !== 'desk')) throw new Error('usage: siteConsole.ts <site file> <wall|desk>');
const send = (report: Report): void => {
  process.send?.(report);
};

async function main(): Promise<void> {
  const core = await startConsole(siteFile as string, station as 'wall' | 'desk');
  const reported = new Set<string>();
  let acted: [string, number][] = [];
  let seen: [string, number][] = [];
  const saw = (id: string, at: number): void => {
    if (reported.has(id) || !id.startsWith('bench-')) return;
    reported.add(id);
    seen.push([id, at]);
  };
  core.events.subscribe('onSiteState', (change) => {
    const now = hr();
    if (change.kind === 'append') {
      for (const e of change.entries) if (e.kind === 'alert.raised') saw((e.payload as { alertId: string }).alertId, now);
    } else for (const a of alertList(change.state.alerts)) saw(a.id, now);
  });
  const flush = setInterval(() => {
    if (acted.length === 0 && seen.length === 0) return;
    send({ acted, seen });
    acted = [];
    seen = [];
  }, 100);
  process.on('message', (command: Command) => {
    if ('submit' in command) {
      acted.push([command.submit, hr()]);
      void core.alerts.ingest.submit({ id: command.submit, type: 'door-held', zone: 'gate', occurredAt: Date.now(), mode: 'LIVE' }, 'webhook');
      return;
    }
    clearInterval(flush);
    void core.close().then(() => {
      send({ closed: true });
      process.exit(0);
    });
  });
  const upstream = setInterval(() => {
    if (!core.relay?.status().lastAck) return;
    clearInterval(upstream);
    send({ ready: true });
  }, 100);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
