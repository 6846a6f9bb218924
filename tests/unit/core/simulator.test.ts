import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import type { SourceStatus } from '../../../shared/media/sources';
import { SiteFileSchema } from '../../../shared/site/schema';
import { CameraSimulator } from '../../../electron/core/media/simulator';
import { createMemoryLog } from '../../../electron/core/support/log';
import { readFileSync } from 'node:fs';
import { demoSiteDir, demoSiteFile, tempDir } from '../../support/paths';
import { FakeClock } from '../../support/fakeClock';

const site = SiteFileSchema.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));

describe('camera simulator', () => {
  it('serves every demo camera and reports them live', () => {
    const clock = new FakeClock();
    const sim = new CameraSimulator(site.cameras, demoSiteDir, () => clock.now(), createMemoryLog(), () => undefined);
    expect(sim.statuses().filter((s) => s.state === 'live')).toHaveLength(site.cameras.length * 2);
    expect(sim.handle('lobby', 'main', 'index.m3u8')?.status).toBe(200);
    expect(sim.handle('lobby', 'main', 'init.mp4')?.status).toBe(200);
    expect(sim.handle('lobby', 'main', '../../site.json')).toBeUndefined();
    expect(sim.handle('nobody', 'main', 'index.m3u8')).toBeUndefined();
  });

  it('stops and restarts a camera, announcing each change', () => {
    const clock = new FakeClock();
    const events: SourceStatus[] = [];
    const sim = new CameraSimulator(site.cameras, demoSiteDir, () => clock.now(), createMemoryLog(), (s) => events.push(s));
    sim.setFault({ cameraId: 'gate-01', stream: 'both', state: 'down' });
    expect(sim.handle('gate-01', 'sub', 'index.m3u8')?.status).toBe(503);
    expect(sim.handle('gate-02', 'sub', 'index.m3u8')?.status).toBe(200);
    sim.setFault({ cameraId: 'gate-01', stream: 'sub', state: 'live' });
    expect(sim.handle('gate-01', 'sub', 'index.m3u8')?.status).toBe(200);
    expect(events.map((e) => `${e.stream}:${e.state}`)).toEqual(['main:down', 'sub:down', 'sub:live']);
  });

  it('refuses faults on cameras it does not simulate', () => {
    const real = site.cameras.map((c, i) => (i === 0 ? { ...c, streams: { main: { kind: 'hls' as const, url: 'http://nvr.local/a.m3u8' }, sub: c.streams.sub } } : c));
    const sim = new CameraSimulator(real, demoSiteDir, () => 0, createMemoryLog(), () => undefined);
    expect(() => sim.setFault({ cameraId: real[0]!.id, stream: 'main', state: 'down' })).toThrow(ConsoleError);
    expect(() => sim.setFault({ cameraId: 'nope', stream: 'both', state: 'down' })).toThrow(/no camera/);
  });

  it('disables only the cameras whose clip is broken, with the reason', () => {
    const dir = join(tempDir('sim'), 'site');
    cpSync(demoSiteDir, dir, { recursive: true });
    rmSync(join(dir, 'clips', 'gate', 'sub', 'seg-004.m4s'));
    const log = createMemoryLog();
    const sim = new CameraSimulator(site.cameras, dir, () => 0, log, () => undefined);
    const broken = sim.statuses().filter((s) => s.state === 'error');
    expect(broken.map((s) => `${s.cameraId}/${s.stream}`).sort()).toEqual(['gate-01/sub', 'gate-02/sub']);
    expect(broken[0]?.reason).toContain('seg-004.m4s: file not found');
    const res = sim.handle('gate-01', 'sub', 'index.m3u8');
    expect(res?.status).toBe(503);
    expect(String(res?.body)).toContain('seg-004.m4s');
    expect(log.records.some((r) => r.message === 'demo clip unusable')).toBe(true);
  });
});
