import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSiteDir, tempDir } from './paths';

/**
 * A copy of the demo site in a temp folder, optionally changed (a bus, a
 * broken field). The clips are linked, not copied.
 */
export function copyDemoSite(change: (site: Record<string, unknown>) => void = () => undefined): string {
  const dir = join(tempDir('site'), 'site');
  cpSync(demoSiteDir, dir, { recursive: true, filter: (src) => !src.startsWith(join(demoSiteDir, 'clips')) });
  symlinkSync(join(demoSiteDir, 'clips'), join(dir, 'clips'));
  const file = join(dir, 'site.json');
  const site = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(site);
  writeFileSync(file, JSON.stringify(site, null, 2));
  return file;
}
