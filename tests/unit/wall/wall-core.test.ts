import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/entry';
import { journalKinds } from '../../../shared/journal/kinds';
import { foldEntries, initialSiteState, wallAlarms } from '../../../shared/state';
import { wallModel } from '../../../shared/wall/model';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// The smallest valid PNG: 1×1, one black pixel.
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgAB4iG8MwAAAABJRU5ErkJggg==';

describe('wall handlers on a real journal', () => {
  it('journals layout, push, spotlight and tour, and the projection follows', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    const h = core.handlers;
    await h.wallSetLayout({ wall: 'wall-2', layout: '4' });
    await h.wallPush({ wall: 'wall-2', tile: 3, camera: 'lobby' });
    await h.wallSpotlight({ wall: 'wall-2', camera: 'gate-01', reason: 'operator' });
    await h.wallTour({ wall: 'wall-2', tourId: 'night-round', action: 'start' });
    const screen = core.state.current().wall.walls['wall-2'];
    expect(screen).toMatchObject({ layout: '4', tiles: { 3: 'lobby' }, spotlight: { camera: 'gate-01', reason: 'operator' }, tour: { tourId: 'night-round' } });
    await h.wallSetLayout({ wall: 'wall-2', layout: 'custom', customId: 'one-plus-five' });
    expect(core.state.current().wall.walls['wall-2']?.customId).toBe('one-plus-five');
    await h.wallTour({ wall: 'wall-2', tourId: null, action: 'stop' });
    expect(core.state.current().wall.walls['wall-2']?.tour).toBeUndefined();
    // Pushing a camera already on the wall moves it.
    await h.wallPush({ wall: 'wall-2', tile: 0, camera: 'lobby' });
    expect(core.state.current().wall.walls['wall-2']?.tiles).toEqual({ 0: 'lobby' });
  });

  it('refuses unknown cameras, tiles outside the layout, unknown layouts and tours, naming the field', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    const h = core.handlers;
    const before = core.journal.status().headSeq;
    await expect(h.wallPush({ wall: 'wall-1', tile: 0, camera: 'nope' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'camera' }] });
    await h.wallSetLayout({ wall: 'wall-1', layout: '4' });
    await expect(h.wallPush({ wall: 'wall-1', tile: 4, camera: 'lobby' })).rejects.toMatchObject({ issues: [{ path: 'tile' }] });
    await expect(h.wallSetLayout({ wall: 'wall-1', layout: 'custom', customId: 'nope' })).rejects.toMatchObject({ issues: [{ path: 'customId' }] });
    await expect(h.wallTour({ wall: 'wall-1', tourId: 'nope', action: 'start' })).rejects.toMatchObject({ issues: [{ path: 'tourId' }] });
    await expect(h.wallLiftMask({ camera: 'gate-02', maskIndex: 9, reason: 'x' })).rejects.toMatchObject({ issues: [{ path: 'maskIndex' }] });
    expect(core.journal.status().headSeq).toBe(before + 1);
  });

  it('the journal refuses a bad wall entry with a field-level error', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    await expect(core.handlers.appendEntry({ kind: 'wall.mask-lifted', payload: { camera: 'gate-02', maskIndex: 0, reason: '  ' } })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(core.handlers.appendEntry({ kind: 'wall.layout', payload: { wall: 'screen', layout: '4' } })).rejects.toMatchObject({ code: 'invalid-argument' });
    // Snapshots are written only by the snapshot method (it stores the file first).
    await expect(
      core.handlers.appendEntry({ kind: 'wall.snapshot', payload: { camera: 'lobby', file: 'snapshots/x.png', sha256: '0'.repeat(64), at: 1 } }),
    ).rejects.toBeTruthy();
  });

  it('stores a snapshot under snapshots/ with its SHA-256, journals it, and serves it', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    const result = await core.handlers.wallSnapshot({ camera: 'lobby', pngBase64: PNG_1x1, unmasked: [] });
    const file = join(core.dataDir, result.url);
    const bytes = readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(result.sha256);
    expect(result.entry.kind).toBe('wall.snapshot');
    expect(result.entry.payload).toMatchObject({ camera: 'lobby', file: result.url, sha256: result.sha256 });
    expect(core.state.current().wall.snapshots.at(-1)).toMatchObject({ file: result.url, sha256: result.sha256 });
    const served = core.assets(`/${result.url}`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(core.assets('/snapshots/../journal/journal.sqlite').status).not.toBe(200);
  });

  it('a snapshot that leaves a mask out needs that mask lifted; lifting needs a reason; both are journaled', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    const h = core.handlers;
    await expect(h.wallSnapshot({ camera: 'gate-02', pngBase64: PNG_1x1, unmasked: [0] })).rejects.toMatchObject({ issues: [{ path: 'unmasked' }] });
    expect(existsSync(join(core.dataDir, 'snapshots')) ? readdirSync(join(core.dataDir, 'snapshots')) : []).toEqual([]);
    await h.wallLiftMask({ camera: 'gate-02', maskIndex: 0, reason: 'incident 12: need to see the gate keypad' });
    expect(core.state.current().wall.liftedMasks['gate-02']?.[0]?.reason).toContain('incident 12');
    await h.wallSnapshot({ camera: 'gate-02', pngBase64: PNG_1x1, unmasked: [0] });
    await h.wallRestoreMask({ camera: 'gate-02', maskIndex: 0 });
    expect(core.state.current().wall.liftedMasks['gate-02']).toEqual({});
    await expect(h.wallSnapshot({ camera: 'gate-02', pngBase64: PNG_1x1, unmasked: [0] })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('rejects a picture that is not a PNG and stores nothing', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    await expect(core.handlers.wallSnapshot({ camera: 'lobby', pngBase64: Buffer.from('GIF89a-not-a-png').toString('base64'), unmasked: [] })).rejects.toMatchObject({
      code: 'invalid-argument',
      issues: [{ path: 'pngBase64' }],
    });
    expect(existsSync(join(core.dataDir, 'snapshots')) ? readdirSync(join(core.dataDir, 'snapshots')) : []).toEqual([]);
  });
});

describe('wall domain and model', () => {
  let seq = 0;
  const entry = (kind: string, payload: unknown, at = 1000): JournalEntry => ({
    seq: ++seq,
    id: `0190f0a0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    site: 's',
    console: 'c',
    kind,
    occurredAt: at,
    hlc: '',
    actor: 'op',
    mode: 'LIVE',
    ref: null,
    payload,
    prevHash: '',
    hash: '',
  });

  it('takes its alarms from the alerts fold, and the wall pops the camera up until acknowledged', () => {
    const state = foldEntries(initialSiteState(), [
      entry('alert.raised', { alertId: 'A1', source: 'nats', type: 'intrusion', severity: 'red', cameras: ['perimeter-n'], occurredAt: 1000, mode: 'LIVE' }, 1000),
    ]);
    expect(wallAlarms(state.alerts)).toEqual([expect.objectContaining({ alertId: 'A1', status: 'new', cameras: ['perimeter-n'] })]);
    const input = {
      screen: { layout: '16' as const, customId: undefined, tiles: {}, spotlight: undefined, tour: { tourId: 'night-round', startedAt: 0 } },
      cameraIds: ['a', 'b'],
      groups: [{ id: 'entrances', cameras: ['a'] }],
      customLayouts: [],
      tours: [{ id: 'night-round', name: 'N', steps: [{ group: 'entrances', dwellSec: 10 }] }],
      zoneCameras: {},
      tourActiveMs: 0,
    };
    const popped = wallModel({ ...input, alarms: wallAlarms(state.alerts), now: 60_000 });
    expect(popped.spotlight).toMatchObject({ camera: 'perimeter-n', reason: 'alarm', alertId: 'A1' });
    expect(popped.tour?.paused).toBe(true);
    const acked = foldEntries(state, [entry('alert.acknowledged', { alertId: 'A1' }, 61_000)]);
    expect(wallAlarms(acked.alerts)[0]?.status).toBe('acknowledged');
    const after = wallModel({ ...input, alarms: wallAlarms(acked.alerts), now: 61_500 });
    expect(after.spotlight).toBeUndefined();
    expect(after.tour?.paused).toBe(false);
    // Within the minimum hold, an acknowledged alert still shows.
    expect(wallModel({ ...input, alarms: wallAlarms(acked.alerts), now: 5000 }).spotlight?.reason).toBe('alarm');
  });

  it('a red alarm no camera covers is a card that pauses the tour; a camera alarm beside it keeps the spotlight', () => {
    const state = foldEntries(initialSiteState(), [
      entry('alert.raised', { alertId: 'F1', source: 'nats', type: 'fence-climb', severity: 'red', zone: 'perimeter-w', cameras: [], occurredAt: 1000, mode: 'LIVE' }, 1000),
    ]);
    const input = {
      screen: { layout: '16' as const, customId: undefined, tiles: {}, spotlight: undefined, tour: { tourId: 't', startedAt: 0 } },
      cameraIds: ['a'],
      groups: [],
      customLayouts: [],
      tours: [{ id: 't', name: 'T', steps: [{ camera: 'a', dwellSec: 10 }] }],
      zoneCameras: {},
      tourActiveMs: 0,
      now: 5000,
    };
    const card = wallModel({ ...input, alarms: wallAlarms(state.alerts) });
    expect(card.spotlight).toBeUndefined();
    expect(card.alarmCards).toEqual([expect.objectContaining({ alertId: 'F1', camera: undefined, zone: 'perimeter-w' })]);
    expect(card.tour?.paused).toBe(true);
    const both = foldEntries(state, [
      entry('alert.raised', { alertId: 'D1', source: 'nats', type: 'door-forced', severity: 'orange', cameras: ['a'], occurredAt: 2000, mode: 'LIVE' }, 2000),
      entry('alert.raised', { alertId: 'D2', source: 'nats', type: 'door-forced', severity: 'orange', cameras: ['a'], occurredAt: 3000, mode: 'LIVE' }, 3000),
    ]);
    const m = wallModel({ ...input, alarms: wallAlarms(both.alerts), alarmSlots: 2 });
    expect(m.spotlight).toMatchObject({ reason: 'alarm', alertId: 'D1' });
    expect(m.alarmCards.map((c) => c.alertId)).toEqual(['F1']);
    expect(m.waitingAlarms).toBe(1);
  });

  it('an alarm spotlight entry takes the slot and pauses the tour', () => {
    const state = foldEntries(initialSiteState(), [entry('wall.spotlight', { wall: 'wall-1', camera: 'lobby', reason: 'alarm', alertId: 'A2' })]);
    const screen = state.wall.walls['wall-1']!;
    const m = wallModel({ screen, cameraIds: ['lobby'], groups: [], customLayouts: [], tours: [], alarms: [], zoneCameras: {}, now: 2000, tourActiveMs: 0 });
    expect(m.spotlight).toMatchObject({ camera: 'lobby', reason: 'alarm', alertId: 'A2' });
  });

  it('every wall kind is registered with a strict payload', () => {
    for (const k of ['wall.layout', 'wall.push', 'wall.spotlight', 'wall.tour', 'wall.snapshot', 'wall.mask-lifted', 'wall.mask-restored']) {
      expect(journalKinds).toHaveProperty([k]);
    }
    expect(journalKinds['wall.push'].payload.safeParse({ wall: 'wall-1', tile: 0, camera: 'x', extra: 1 }).success).toBe(false);
  });
});
