import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core';
import { imageSize, loadEditableSite } from '../../../electron/core/site/siteEditor';
import { createMemoryLog } from '../../../electron/core/support/log';
import { ConsoleError } from '../../../shared/errors';
import type { PlanEdit } from '../../../shared/plans/edit';
import { sourceWorkers } from '../../support/journal';
import { demoSiteFile, tempDir } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function start(siteFile: string, dataDir = join(tempDir('data'), 'd')): Promise<Core> {
  const core = await createCore({ paths: { siteFile, dataDir }, rendererDir: '/nonexistent', workers: sourceWorkers, station: 'desk', shell: 'host', version: 't', random: Math.random, log: createMemoryLog() });
  cores.push(core);
  return core;
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><rect width="800" height="400" fill="#223"/></svg>';
const png = (w: number, h: number): Buffer => {
  const b = Buffer.alloc(33);
  Buffer.from('89504e470d0a1a0a', 'hex').copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  return b;
};

async function refused(p: Promise<unknown>): Promise<ConsoleError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ConsoleError);
    return err as ConsoleError;
  }
  throw new Error('expected a refusal');
}

describe('site editor (real core, real files)', () => {
  it('edits a copy of the built-in demo in the data folder, never the original', async () => {
    const before = readFileSync(demoSiteFile, 'utf8');
    const dataDir = join(tempDir('data'), 'd');
    const core = await start(demoSiteFile, dataDir);
    expect(core.site.file).toBe(join(dataDir, 'site', 'site.json'));
    await core.handlers.editSitePlan({ op: 'zone', zone: { id: 'lab', name: { en: 'Lab', 'zh-CN': '实验室' }, floor: 'f1', kind: 'key-area', polygon: [[1, 1], [5, 1], [5, 4]] } });
    expect(readFileSync(demoSiteFile, 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(core.site.file, 'utf8')).zones.some((z: { id: string }) => z.id === 'lab')).toBe(true);
    // The edited copy survives a restart (and is not refreshed from the original).
    await core.close();
    cores.splice(0);
    const again = loadEditableSite(demoSiteFile, dataDir);
    expect(again.site.zones.some((z) => z.id === 'lab')).toBe(true);
  });

  it('saves a zone, journals site.plan-changed and pushes the new view', async () => {
    const file = copyDemoSite((s) => (s.demo = false));
    const core = await start(file);
    const pushed: string[][] = [];
    core.events.subscribe('onSiteChanged', (view) => pushed.push(view.zones.map((z) => z.id)));
    const result = await core.handlers.editSitePlan({ op: 'zone', zone: { id: 'dock', name: 'Dock', floor: 'f1', kind: 'activity', polygon: [[10, 10], [20, 10], [20, 15], [10, 15]] } });
    expect(result.site.zones.find((z) => z.id === 'dock')?.polygon).toEqual([[10, 10], [20, 10], [20, 15], [10, 15]]);
    expect(pushed.at(-1)).toContain('dock');
    const entries = (await core.handlers.queryJournal({ kinds: ['site.plan-changed'], limit: 10 })).entries;
    expect(entries[0]?.payload).toEqual({ floor: 'f1', what: 'zone dock added (4 corners)' });
    expect((await core.handlers.getBootstrap()).site.zones.some((z) => z.id === 'dock')).toBe(true);
  });

  it('calibrates by two points and a distance, keeping zones over the same image spot', async () => {
    const file = copyDemoSite((s) => (s.demo = false));
    const core = await start(file);
    const gateBefore = core.site.site.zones.find((z) => z.id === 'gate')?.polygon[0];
    // 100 px = 10 m → 0.1 m/px (was 0.05): metric positions double.
    const { site } = await core.handlers.editSitePlan({ op: 'calibrate', floor: 'f1', a: [100, 100], b: [160, 180], distanceM: 10 });
    const f1 = site.floors.find((f) => f.id === 'f1');
    expect(f1?.plan.metresPerPixel).toBeCloseTo(0.1, 6);
    expect(f1?.widthM).toBeCloseTo(120, 6);
    const gateAfter = site.zones.find((z) => z.id === 'gate')?.polygon[0];
    expect(gateAfter?.[0]).toBeCloseTo((gateBefore?.[0] ?? 0) * 2, 1);
    const err = await refused(core.handlers.editSitePlan({ op: 'calibrate', floor: 'f1', a: [1, 1], b: [2, 2], distanceM: 10 }));
    expect(err.issues[0]?.path).toBe('b');
  });

  it('imports an SVG or PNG plan into floors/ and reads its size', async () => {
    const file = copyDemoSite((s) => (s.demo = false));
    const core = await start(file);
    const { site } = await core.handlers.editSitePlan({ op: 'import-plan', floor: 'f3', name: { en: 'Roof', 'zh-CN': '屋顶' }, level: 3, fileName: 'roof.svg', dataBase64: Buffer.from(SVG).toString('base64') });
    const f3 = site.floors.find((f) => f.id === 'f3');
    expect(f3?.plan).toMatchObject({ widthPx: 800, heightPx: 400 });
    expect(existsSync(join(dirname(file), f3?.plan.image ?? 'x'))).toBe(true);
    const again = await core.handlers.editSitePlan({ op: 'import-plan', floor: 'f3', fileName: 'roof.png', dataBase64: png(640, 480).toString('base64') });
    expect(again.site.floors.find((f) => f.id === 'f3')?.plan).toMatchObject({ widthPx: 640, heightPx: 480 });
  });

  it('refuses bad input with field errors and leaves the file and floors/ untouched', async () => {
    const file = copyDemoSite((s) => (s.demo = false));
    const core = await start(file);
    const before = readFileSync(file, 'utf8');
    const floorsBefore = readdirSync(join(dirname(file), 'floors')).sort();
    const cases: [PlanEdit, string][] = [
      // a zone on a floor that does not exist
      [{ op: 'zone', zone: { id: 'x', name: 'X', floor: 'nope', kind: 'other', polygon: [[0, 0], [1, 0], [1, 1]] } }, 'floor'],
      // a camera that does not exist
      [{ op: 'camera', camera: 'ghost', floor: 'f1', position: [1, 1], heading: 0, fov: 60 }, 'camera'],
      // a new floor without a name
      [{ op: 'import-plan', floor: 'f9', fileName: 'a.svg', dataBase64: Buffer.from(SVG).toString('base64') }, 'name'],
      // not an image at all
      [{ op: 'import-plan', floor: 'f1', fileName: 'a.png', dataBase64: Buffer.from('hello').toString('base64') }, 'dataBase64'],
    ];
    for (const [edit, path] of cases) {
      const err = await refused(core.handlers.editSitePlan(edit));
      expect(err.issues.map((i) => i.path)).toContain(path);
    }
    // An id the site schema refuses (ids are slugs) is caught by the contract's schema.
    const dup = await refused(core.handlers.editSitePlan({ op: 'zone', zone: { id: 'a b', name: 'Bad id', floor: 'f1', kind: 'other', polygon: [[0, 0], [1, 0], [1, 1]] } }));
    expect(dup.code).toBe('invalid-argument');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(join(dirname(file), 'floors')).sort()).toEqual(floorsBefore);
  });

  it('places a camera with heading and field of view', async () => {
    const file = copyDemoSite((s) => (s.demo = false));
    const core = await start(file);
    const { site } = await core.handlers.editSitePlan({ op: 'camera', camera: 'gate-01', floor: 'f1', position: [12.345, 20], heading: 90, fov: 75, range: 18 });
    expect(site.cameras.find((c) => c.id === 'gate-01')).toMatchObject({ position: [12.35, 20], heading: 90, fov: 75, range: 18 });
  });

  it('reads plan image sizes and refuses scripts in SVG', () => {
    expect(imageSize(Buffer.from('<svg viewBox="0 0 1200 900" xmlns="http://www.w3.org/2000/svg"></svg>'), 'a.svg')).toEqual({ widthPx: 1200, heightPx: 900 });
    expect(() => imageSize(Buffer.from('<svg width="10" height="10"><script>alert(1)</script></svg>'), 'a.svg')).toThrow(/scripts/);
    expect(imageSize(png(3, 2), 'p.png')).toEqual({ widthPx: 3, heightPx: 2 });
  });

  it('a whole-site validation error refuses the edit', async () => {
    const file = copyDemoSite((s) => (s.demo = false));
    // Someone hand-edits the file into an invalid state while the console runs: the editor validates the whole
    // site, so it refuses to save over it rather than writing a site that cannot open.
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const core = await start(file);
    raw.timezone = '';
    writeFileSync(file, JSON.stringify(raw));
    const broken = readFileSync(file, 'utf8');
    const err = await refused(core.handlers.editSitePlan({ op: 'delete-zone', id: 'gate' }));
    expect(err.issues.some((i) => i.path === 'timezone')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });
});
