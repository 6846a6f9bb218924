import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const demoSiteFile = join(repoRoot, 'resources', 'demo-site', 'site.json');
export const demoSiteDir = join(repoRoot, 'resources', 'demo-site');
export const artifactsDir = join(repoRoot, 'tests', 'artifacts');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `watchpost-${prefix}-`));
}
