import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { createCore } from '../../../electron/core';
import { loadSite } from '../../../electron/core/site/loadSite';
import { createMemoryLog } from '../../../electron/core/support/log';
import { sourceWorkers } from '../../support/journal';
import { demoSiteDir, demoSiteFile, tempDir } from '../../support/paths';

function copyDemo(): string {
  const dir = join(tempDir('site'), 'site');
  cpSync(demoSiteDir, dir, { recursive: true, filter: (src) => !src.includes(`${demoSiteDir}/clips/`) });
  return join(dir, 'site.json');
}

function expectSiteError(fn: () => unknown): ConsoleError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).code).toBe('invalid-site');
    return err as ConsoleError;
  }
  throw new Error('expected the site to be refused');
}

describe('loading a site file', () => {
  it('loads the demo site with its drill and no warnings', () => {
    const loaded = loadSite(demoSiteFile);
    expect(loaded.site.id).toBe('demo-harbour-hotel');
    expect(loaded.drills.map((d) => d.scenario.id)).toEqual(['perimeter-night', 'quarantine-power']);
    expect(loaded.warnings).toEqual([]);
  });

  it('names the file when it does not exist', () => {
    const err = expectSiteError(() => loadSite('/nonexistent/site.json'));
    expect(err.message).toContain('/nonexistent/site.json');
    expect(err.issues[0]).toEqual({ path: '(file)', message: 'file not found' });
  });

  it('gives the line and column of a JSON syntax error', () => {
    const file = join(tempDir('json'), 'site.json');
    writeFileSync(file, '{\n  "format": "watchpost-site/1",\n  "id": "x",,\n}');
    const err = expectSiteError(() => loadSite(file));
    expect(err.issues[0]?.message).toBe('not valid JSON: line 3, column 13: expected a string in double quotes');
  });

  it('names every bad field with its path', () => {
    const file = copyDemo();
    const site = JSON.parse(readFileSync(file, 'utf8')) as { timezone: unknown; floors: { plan: { metresPerPixel: number } }[] };
    site.timezone = '';
    site.floors[1]!.plan.metresPerPixel = -1;
    writeFileSync(file, JSON.stringify(site));
    const err = expectSiteError(() => loadSite(file));
    expect(err.message).toContain(file);
    expect(err.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['timezone', 'floors[1].plan.metresPerPixel']));
  });

  it('warns about a missing plan image or a bad drill file but still opens the site', () => {
    const file = copyDemo();
    const dir = join(file, '..');
    writeFileSync(join(dir, 'drills', 'perimeter-night.json'), '{"format":"watchpost-drill/1"}');
    const site = JSON.parse(readFileSync(file, 'utf8')) as { floors: { plan: { image: string } }[] };
    site.floors[0]!.plan.image = 'floors/missing.svg';
    writeFileSync(file, JSON.stringify(site));
    const loaded = loadSite(file);
    expect(loaded.drills.map((d) => d.scenario.id)).toEqual(['quarantine-power']);
    expect(loaded.warnings.map((w) => w.path)).toEqual(expect.arrayContaining(['floors[0].plan.image', 'id', 'injects']));
  });

  it('touches no stored data when the site is refused', async () => {
    const file = copyDemo();
    writeFileSync(file, '{"format":"watchpost-site/2"}');
    const dataDir = join(tempDir('data'), 'never');
    await expect(
      createCore({ paths: { siteFile: file, dataDir }, rendererDir: '/nonexistent', workers: sourceWorkers, station: 'desk', shell: 'host', version: 't', random: Math.random, log: createMemoryLog() }),
    ).rejects.toThrow(ConsoleError);
    expect(existsSync(dataDir)).toBe(false);
  });
});
