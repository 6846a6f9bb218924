import { resolve } from 'node:path';
import { StationSchema, type Station } from '../../shared/contract';
import { ConsoleError } from '../../shared/errors';
import { defaultDataDir } from './paths';

export interface ConsoleOptions {
  readonly station: Station;
  readonly siteFile: string;
  readonly dataDir: string;
  /** Host mode: TCP port on 127.0.0.1 (0 picks a free one). */
  readonly port: number;
  /** Desk station: also open the wall view in its own window. */
  readonly wallWindow: boolean;
  /** Wall station / wall windows: which displays (by index) get a wall window. */
  readonly wallDisplays: readonly number[] | undefined;
  /** Demo site only: the console sends itself a mixed stream of demo alarms through its webhook. */
  readonly demoAlarms: boolean;
}

export const USAGE = `Usage: watchpost [--station desk|wall|replay] [--site FILE] [--data-dir DIR] [--port N] [--wall-window] [--wall-displays 1,2] [--demo-alarms]
  --station       desk (default): duty officer desktop; wall: kiosk wall view; replay: offline drill replay
  --site FILE     site file (default: $WATCHPOST_SITE, else the built-in demo site)
  --data-dir DIR  journal and settings (default: $WATCHPOST_DATA_DIR, else the OS app-data folder)
  --port N        host mode: port on 127.0.0.1 (default: $WATCHPOST_PORT, else a free port)
  --wall-window   desk station: also open the wall view in its own window
  --wall-displays wall windows on these displays (0-based indexes, comma separated)
  --demo-alarms   demo site only: a stream of demo alarms arrives through the console's own webhook`;

/**
 * Parses the command line both shells share. Unknown flags are errors: a
 * typo on a kiosk's command line must not silently start the wrong station.
 */
export function parseConsoleArgs(argv: readonly string[], env: NodeJS.ProcessEnv, demoSiteFile: string): ConsoleOptions {
  let station: Station = 'desk';
  let siteFile = env.WATCHPOST_SITE ?? demoSiteFile;
  let dataDir = env.WATCHPOST_DATA_DIR ?? defaultDataDir(env);
  let port = env.WATCHPOST_PORT ? parsePort(env.WATCHPOST_PORT, 'WATCHPOST_PORT') : 0;
  let wallWindow = false;
  let wallDisplays: number[] | undefined;
  let demoAlarms = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw usageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--station': {
        const parsed = StationSchema.safeParse(value());
        if (!parsed.success) throw usageError(`--station must be desk, wall or replay`);
        station = parsed.data;
        break;
      }
      case '--site':
        siteFile = value();
        break;
      case '--data-dir':
        dataDir = value();
        break;
      case '--port':
        port = parsePort(value(), '--port');
        break;
      case '--wall-window':
        wallWindow = true;
        break;
      case '--demo-alarms':
        demoAlarms = true;
        break;
      case '--wall-displays':
        wallDisplays = value()
          .split(',')
          .map((s) => {
            const n = Number(s.trim());
            if (!Number.isInteger(n) || n < 0) throw usageError(`--wall-displays takes display indexes like 0,1 (got "${s}")`);
            return n;
          });
        break;
      default:
        // Chromium/Electron append their own switches (e.g. --no-sandbox); leave those alone.
        if (flag.startsWith('--') && isKnownForeignSwitch(flag)) break;
        throw usageError(`unknown argument "${arg}"`);
    }
  }
  return { station, siteFile: resolve(siteFile), dataDir: resolve(dataDir), port, wallWindow, wallDisplays, demoAlarms };
}

const FOREIGN_SWITCHES = new Set(['--no-sandbox', '--disable-gpu', '--inspect', '--remote-debugging-port', '--enable-logging']);
function isKnownForeignSwitch(flag: string): boolean {
  return FOREIGN_SWITCHES.has(flag);
}

function parsePort(text: string, name: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`${name} must be a port number 0-65535 (got "${text}")`);
  return port;
}

function usageError(message: string): ConsoleError {
  return new ConsoleError('invalid-argument', `${message}\n${USAGE}`);
}
