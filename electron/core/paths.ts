import { homedir } from 'node:os';
import { join } from 'node:path';

/** Folder name under the OS app-data location; Electron's app name resolves to the same folder. */
export const APP_FOLDER = 'Watchpost';

/**
 * The OS app-data folder for this app, the same one Electron's
 * `app.getPath('userData')` gives, so host mode and the desktop app share data.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

export interface CorePaths {
  /** The site file (JSON). Files it names are resolved relative to its folder. */
  readonly siteFile: string;
  /** Where this console keeps its journal, settings and keys. */
  readonly dataDir: string;
}
