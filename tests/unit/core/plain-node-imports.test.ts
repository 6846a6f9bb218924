import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths';

/** Every module of electron/core and electron/host, found on disk so a new file is covered without editing this test. */
function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// Entry points run on import (they start servers, parse argv, or need a worker thread): the e2e and journal tests run them.
const ENTRIES = new Set(['electron/host/main.ts', 'electron/host/start.ts', 'electron/core/journal/worker.ts', 'electron/core/journal/checkWorker.ts', 'electron/core/journal/cli.ts', 'electron/host/demoAlarms.ts', 'electron/core/replay/worker.ts']);

describe('the core runs under plain Node', () => {
  const files = [...modules(join(repoRoot, 'electron', 'core')), ...modules(join(repoRoot, 'electron', 'host'))]
    .map((f) => relative(repoRoot, f))
    .filter((f) => !ENTRIES.has(f));

  it('finds the core modules', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files)('imports %s without Electron', async (file) => {
    const mod = (await import(join(repoRoot, file))) as Record<string, unknown>;
    expect(mod).toBeTypeOf('object');
    expect(process.versions.electron).toBeUndefined();
  });
});
