import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { SiteState } from '../../../shared/state';
import { journalSubject } from '../../../electron/core/sync/subjects';
import { FakeClock } from '../../support/fakeClock';
import { NatsServer } from '../../support/natsServer';
import { demoSiteFile } from '../../support/paths';
import { waitFor } from '../../support/relayRig';
import { siteOnBus, startConsole } from '../../support/siteConsoles';
import { readUpstream } from '../../support/upstream';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const hash = (state: SiteState): string => createHash('sha256').update(canonicalJson(state)).digest('hex');

/** Lets queued promise chains (appends through the worker) settle between clock steps. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('drills', () => {
  it('runs the demo drill on a controlled clock; replaying its journal gives the identical state at every inject', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 14, 0, 0));
    const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
    cleanups.push(() => core.close());
    const run = await core.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 10 });
    expect(run.scenarioId).toBe('perimeter-night');
    expect(core.state.current().drill.active?.startId).toBe(run.startId);
    await expect(core.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 1 })).rejects.toMatchObject({ code: 'conflict' });

    const checkpoints: { t: number; hash: string }[] = [];
    // 1200 s scenario at 10x: 120 s of clock, stepped one second at a time.
    for (let s = 0; s < 125; s++) {
      clock.advance(1000);
      await settle();
      const last = core.state.current().duty.lastEntry;
      if (last && checkpoints[checkpoints.length - 1]?.hash !== hash(core.state.current())) {
        checkpoints.push({ t: clock.now(), hash: hash(core.state.current()) });
      }
      if (s === 16) expect(core.simulator.statuses().find((x) => x.cameraId === 'perimeter-n' && x.stream === 'sub')?.state).toBe('down');
    }
    const drill = core.state.current().drill;
    expect(drill.active).toBeUndefined();
    const finished = drill.runs[drill.runs.length - 1];
    expect(finished?.end?.reason).toBe('ended');
    expect(finished?.fired.map((f) => `${f.inject.id}:${f.phase}`)).toEqual([
      'fibre-alarm:start',
      'fence-climb:start',
      'camera-loss:start',
      'warden-silent:start',
      'camera-loss:restore',
      'all-clear:start',
    ]);
    expect(core.simulator.statuses().find((x) => x.cameraId === 'perimeter-n')?.state).toBe('live');
    // Every drill entry is DRILL.
    const drillEntries = (await core.journal.query({ kinds: ['drill.started', 'drill.inject', 'drill.ended'], limit: 100 })).entries;
    expect(drillEntries.every((e) => e.mode === 'DRILL')).toBe(true);

    // Replay: the same fold over the same entries, from snapshots.
    const info = await core.handlers.openReplay({ kind: 'live' });
    expect(info.verified).toBe(true);
    expect(checkpoints.length).toBeGreaterThan(5);
    for (const cp of checkpoints) {
      const frame = await core.handlers.replaySeek({ replayId: info.replayId, t: cp.t });
      expect(hash(frame.state)).toBe(cp.hash);
    }
    await core.handlers.closeReplay({ replayId: info.replayId });
  });

  it('a restart in the middle of a drill fires the remaining injects once, and none twice', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 14, 0, 0));
    const first = await startConsole(demoSiteFile, 'desk', undefined, clock);
    await first.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 10 });
    clock.advance(10_000); // fibre-alarm (3 s) and fence-climb (9 s) fire
    await settle();
    expect(first.state.current().drill.active?.fired).toHaveLength(2);
    await first.close();
    const second = await startConsole(demoSiteFile, 'desk', first.dataDir, clock);
    cleanups.push(() => second.close());
    clock.advance(120_000);
    await settle();
    const run = second.state.current().drill.runs.at(-1);
    expect(run?.fired.map((f) => f.inject.id)).toEqual(['fibre-alarm', 'fence-climb', 'camera-loss', 'warden-silent', 'camera-loss', 'all-clear']);
    expect(run?.end?.reason).toBe('ended');
  });

  it('keeps drill entries off the live subject; a real-emergency stop is live', async () => {
    const nats = await NatsServer.start();
    cleanups.push(() => nats.stop());
    const core = await startConsole(siteOnBus([nats.url]));
    cleanups.push(() => core.close());
    await core.journal.append({ kind: 'note', payload: { text: 'live before the drill' } }, { actor: 'duty-liu' });
    await core.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 100 });
    await waitFor(() => (core.state.current().drill.active?.fired.length ?? 0) >= 2, 10_000, 'injects');
    await core.handlers.stopDrill({ reason: 'real-emergency', note: '真实警情：东门有人闯入' });
    expect(core.state.current().drill.active).toBeUndefined();
    const head = core.journal.status().headSeq;
    await waitFor(() => (core.relay?.status().lastAck?.seq ?? 0) >= head - 5 && core.relay?.status().behind === 0, 20_000, 'upstream');
    const site = core.site.site.id;
    const live = await readUpstream(nats.url, site, journalSubject(site, core.identity.consoleId, 'LIVE'));
    const drill = await readUpstream(nats.url, site, journalSubject(site, core.identity.consoleId, 'DRILL'));
    expect(live.entries.every((e) => e.mode === 'LIVE')).toBe(true);
    expect(live.entries.map((e) => e.kind)).toContain('drill.stopped');
    expect(live.entries.some((e) => e.kind === 'drill.inject' || e.kind === 'drill.started')).toBe(false);
    expect(drill.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['drill.started', 'drill.inject']));
    expect(drill.entries.every((e) => e.mode === 'DRILL')).toBe(true);
  });

  it('writes the after-action report from the recorded journal, with the evaluation and the observer notes', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 28, 9, 0, 0));
    const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
    cleanups.push(() => core.close());
    const run = await core.handlers.startDrill({ scenarioId: 'quarantine-power', speed: 100 });
    for (let s = 0; s < 12; s++) {
      clock.advance(1000);
      await settle();
    }
    expect(core.state.current().drill.active).toBeUndefined();
    await core.handlers.appendEntry({
      kind: 'drill.evaluation',
      ref: run.startId,
      payload: { strengths: ['配电室报警发现及时'], improvements: [], correctiveActions: [{ action: '补充卫星电话演练', owner: '刘', due: '2026-12-10' }] },
    });
    await core.handlers.appendEntry({ kind: 'annotation', payload: { text: '东侧隔离区摄像机失效后靠对讲指挥', observedAt: run.startedAt + 3000, source: 'live' } });
    const report = await core.handlers.drillReport({ startId: run.startId, locale: 'zh-CN' });
    expect(report.total).toBe(8);
    expect(report.passed).toBe(0);
    const html = readFileSync(report.file, 'utf8');
    expect(html).toContain('停电期间隔离区人员擅自外出演练');
    expect(html).toContain('补充卫星电话演练');
    expect(html).toContain('东侧隔离区摄像机失效后靠对讲指挥');
    expect(report.url).toMatch(/^reports\/drill-.*-zh-CN\.html$/);
    await expect(core.handlers.drillReport({ startId: '01937c5e-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
