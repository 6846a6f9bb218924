import { join } from 'node:path';
import { ConsoleError } from '../../shared/errors';
import { createCore } from '../core';
import { parseConsoleArgs } from '../core/options';
import { refuseDemoAlarmsUnlessDemo, startDemoAlarms, type DemoAlarms } from '../core/alerts/demoCli';
import { ALERT_WEBHOOK_PATH, writeWebhookEndpoint } from '../core/alerts/webhook';
import { createAccessToken } from './auth';
import { installLastResort } from '../core/support/lastResort';
import { startHostServer } from './server';

/**
 * Host mode: `node out/main/host.js [--station …] [--site …] [--data-dir …] [--port …]`.
 * Prints the URL to open (with its access token) on stdout as
 * `Watchpost console: <url>` and keeps running until SIGINT or SIGTERM.
 */
export async function runHost(argv: readonly string[], appRoot: string): Promise<void> {
  const options = parseConsoleArgs(argv, process.env, join(appRoot, 'resources', 'demo-site', 'site.json'));
  const token = createAccessToken();
  const version = process.env.npm_package_version ?? '0.1.0';
  // The port is only known after listening; the CSP allows the host's own ws origin via 'self'.
  const core = await createCore({
    paths: { siteFile: options.siteFile, dataDir: options.dataDir },
    rendererDir: join(appRoot, 'out', 'renderer'),
    workers: {
      journal: { file: join(appRoot, 'out', 'main', 'journal-worker.js') },
      replay: { file: join(appRoot, 'out', 'main', 'replay-worker.js') },
    },
    station: options.station,
    shell: 'host',
    version,
    random: Math.random,
  });
  // From here on nothing may end the process but SIGINT/SIGTERM (a failed start-up still exits, with the reason).
  installLastResort(core.log.child({ part: 'host' }));
  // Refused before anything listens: a real site never takes invented alarms.
  if (options.demoAlarms) refuseDemoAlarms(core);
  const server = await startHostServer(core, { port: options.port, token });
  process.stdout.write(`Watchpost console: ${server.urlFor(options.station)}\n`);
  process.stdout.write(`  desk:   ${server.urlFor('desk')}\n  wall:   ${server.urlFor('wall')}\n  replay: ${server.urlFor('replay')}\n`);
  if (core.alerts.webhookEnabled) {
    // Alarms are posted to the host's own port; the token is in the data folder and on the desk's alerts page.
    const webhook = `http://127.0.0.1:${server.port}${ALERT_WEBHOOK_PATH}`;
    writeWebhookEndpoint(options.dataDir, webhook);
    process.stdout.write(`  alerts: POST ${webhook} (bearer token: ${join(options.dataDir, 'alert-webhook-token')}; try \`npm run demo:alarms\`)\n`);
  }
  const demo = options.demoAlarms ? startHostDemoAlarms(core, server.port) : undefined;

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    core.log.info('host stopping', { signal });
    void demo?.stop();
    void server
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

type HostCore = Awaited<ReturnType<typeof createCore>>;

function refuseDemoAlarms(core: HostCore): void {
  refuseDemoAlarmsUnlessDemo(core.site.site);
  if (!core.alerts.webhookEnabled) throw new ConsoleError('invalid-argument', '--demo-alarms needs the site\'s alert webhook on (alerts.webhook.enabled)');
}

/** `--demo-alarms`: the demo stream to the host's own webhook. */
function startHostDemoAlarms(core: HostCore, port: number): DemoAlarms {
  const demo = startDemoAlarms({ site: core.site.site, url: `http://127.0.0.1:${port}${ALERT_WEBHOOK_PATH}`, token: core.alerts.webhookToken, log: core.log.child({ part: 'demo' }), now: () => Date.now(), random: Math.random });
  process.stdout.write('  demo alarms: a mixed stream arrives every few seconds (--demo-alarms)\n');
  return demo;
}

export function reportFatal(err: unknown): never {
  if (err instanceof ConsoleError) process.stderr.write(`watchpost: ${err.message}\n`);
  else process.stderr.write(`watchpost: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(err instanceof ConsoleError && err.code === 'invalid-argument' ? 2 : 1);
}
