import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import type { Log } from '../support/log';
import { defaultDataDir } from '../paths';
import { loadSite } from '../site/loadSite';
import type { SiteFile } from '../../../shared/site/schema';
import { demoStream } from './demoStream';
import { readWebhookEndpoint } from './webhook';

/**
 * `npm run demo:alarms -- [--data-dir DIR] [--site FILE] [--url URL] [--token T] [--every SEC] [--count N]`
 *
 * Sends a realistic mixed stream of alarms (shared by the site's sensors,
 * cameras and zones) to a running console's webhook, as its devices would,
 * until Ctrl-C or `--count` alarms. The console's data folder tells where it
 * serves the webhook and holds its token, so with the defaults it finds the
 * console started by `npm start` or `npm run serve` on the same machine.
 */
const USAGE = `Usage: npm run demo:alarms -- [--data-dir DIR] [--site FILE] [--url URL] [--token TOKEN] [--every SEC] [--count N]
  --data-dir DIR  the console's data folder (default: $WATCHPOST_DATA_DIR, else the OS app-data folder): its webhook address and token
  --site FILE     the site whose sensors, cameras and alarm types to use (default: $WATCHPOST_SITE, else the demo site)
  --url URL       the webhook (default: where the console last served it, from the data folder)
  --token TOKEN   the webhook's bearer token (default: the data folder's alert-webhook-token)
  --every SEC     mean seconds between alarms (default 6; 0.05 for a quick burst)
  --count N       stop after N alarms (default: until Ctrl-C)`;

interface DemoOptions {
  readonly dataDir: string;
  readonly siteFile: string;
  readonly url: string | undefined;
  readonly token: string | undefined;
  readonly everySec: number;
  readonly count: number | undefined;
}

function usageError(message: string): ConsoleError {
  return new ConsoleError('invalid-argument', `${message}\n${USAGE}`);
}

export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv, demoSiteFile: string): DemoOptions {
  let dataDir = env.WATCHPOST_DATA_DIR ?? defaultDataDir(env);
  let siteFile = env.WATCHPOST_SITE ?? demoSiteFile;
  let url: string | undefined;
  let token: string | undefined;
  let everySec = 6;
  let count: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw usageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--data-dir':
        dataDir = value();
        break;
      case '--site':
        siteFile = value();
        break;
      case '--url':
        url = value();
        if (!/^https?:\/\/[^/]+\/api\/alerts$/.test(url)) throw usageError(`--url must be a console's webhook, like http://127.0.0.1:8790/api/alerts (got "${url}")`);
        break;
      case '--token':
        token = value();
        break;
      case '--every':
        everySec = Number(value());
        if (!Number.isFinite(everySec) || everySec < 0.01 || everySec > 3600) throw usageError('--every must be seconds between 0.01 and 3600');
        break;
      case '--count':
        count = Number(value());
        if (!Number.isInteger(count) || count < 1) throw usageError('--count must be a whole number of alarms, 1 or more');
        break;
      case '--help':
        throw usageError('');
      default:
        throw usageError(`unknown argument "${flag}"`);
    }
  }
  return { dataDir: resolve(dataDir), siteFile: resolve(siteFile), url, token, everySec, count };
}

/** The webhook and its token: from the options, else from the console's data folder, with a clear word when neither says. */
function target(options: DemoOptions): { url: string; token: string } {
  const url = options.url ?? readWebhookEndpoint(options.dataDir);
  if (url === undefined) {
    throw new ConsoleError(
      'unavailable',
      `no console has served its alert webhook from ${options.dataDir}: start one (npm start or npm run serve) on a site whose alerts.webhook is enabled, or give --url and --token`,
    );
  }
  const tokenFile = join(options.dataDir, 'alert-webhook-token');
  const token = options.token ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (token === undefined || token === '') throw new ConsoleError('unavailable', `no webhook token in ${tokenFile}: give --token (the desk's alerts page shows it)`);
  return { url, token };
}

export interface DemoDeps {
  readonly now: () => number;
  readonly random: () => number;
}

export async function runDemoAlarms(argv: readonly string[], env: NodeJS.ProcessEnv, demoSiteFile: string, out: (line: string) => void, deps: DemoDeps): Promise<number> {
  const options = parseDemoArgs(argv, env, demoSiteFile);
  const site = loadSite(options.siteFile).site;
  const { url, token } = target(options);
  const stream = demoStream(site, deps.random);
  let sent = 0;
  let refused = 0;
  let stopped = false;
  process.once('SIGINT', () => (stopped = true));
  out(`sending alarms of site ${site.id} to ${url}${options.count !== undefined ? ` (${options.count})` : ' until Ctrl-C'}`);
  while (!stopped && (options.count === undefined || sent < options.count)) {
    const { message, retry } = stream.next(deps.now());
    let status: number;
    let body: string;
    try {
      const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(message) });
      status = res.status;
      body = await res.text();
    } catch (err) {
      throw new ConsoleError('unavailable', `the console at ${url} does not answer (${err instanceof Error ? err.message : String(err)}): is it running?`);
    }
    if (status === 401) throw new ConsoleError('unauthenticated', `the console refused the token (401): it is in ${join(options.dataDir, 'alert-webhook-token')} and on the desk's alerts page`);
    if (status >= 400) refused += 1;
    sent += 1;
    const where = message.sensor ?? message.camera ?? message.zone ?? '';
    out(`${new Date(deps.now()).toISOString()} ${retry ? 're-sent' : 'sent   '} ${message.id} ${message.type} ${where} → ${status} ${body.slice(0, 120)}`);
    if (options.count !== undefined && sent >= options.count) break;
    await new Promise((r) => setTimeout(r, gapMs(options.everySec, deps.random)));
  }
  out(`${sent} sent, ${refused} refused`);
  return refused > 0 ? 1 : 0;
}

/** A gap drawn around the mean (exponential, capped at five means): alarms come in clusters and lulls, as they do. */
function gapMs(everySec: number, random: () => number): number {
  return Math.min(-Math.log(1 - random()) * everySec * 1000, everySec * 5000);
}

/**
 * `--demo-alarms`: the console sends itself the demo stream through its own
 * webhook, the path every device takes, so a newcomer sees alarms arrive with
 * nothing configured. Only on a demo site (`"demo": true`): a real site's
 * journal holds only real alarms. A refused or failed post is logged; the
 * stream goes on until stopped.
 */
export interface DemoAlarms {
  /** Alarms posted so far (answered or not). */
  readonly sent: number;
  /** Stops the stream; resolves once a post on its way has been answered. */
  stop(): Promise<void>;
}

/** Throws unless the site is a demo site: both shells refuse `--demo-alarms` elsewhere before anything starts. */
export function refuseDemoAlarmsUnlessDemo(site: SiteFile): void {
  if (!site.demo) throw new ConsoleError('invalid-argument', '--demo-alarms is for a demo site ("demo": true in the site file): a real site\'s journal holds only real alarms');
}

export function startDemoAlarms(deps: DemoDeps & { site: SiteFile; url: string; token: string; log: Log; everySec?: number }): DemoAlarms {
  refuseDemoAlarmsUnlessDemo(deps.site);
  const everySec = deps.everySec ?? 6;
  const stream = demoStream(deps.site, deps.random);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let sent = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const send = async (): Promise<void> => {
    const { message } = stream.next(deps.now());
    sent += 1;
    try {
      const res = await fetch(deps.url, { method: 'POST', headers: { authorization: `Bearer ${deps.token}`, 'content-type': 'application/json' }, body: JSON.stringify(message) });
      if (res.status >= 400) deps.log.warn('demo alarm refused', { alertId: message.id, status: res.status, body: (await res.text()).slice(0, 300) });
    } catch (err) {
      deps.log.warn('demo alarm not sent', { alertId: message.id, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const loop = (): void => {
    timer = setTimeout(() => {
      inFlight = send().finally(() => {
        if (!stopped) loop();
      });
    }, gapMs(everySec, deps.random));
    timer.unref();
  };
  deps.log.info('demo alarms on', { url: deps.url, everySec });
  loop();
  return {
    get sent() {
      return sent;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
