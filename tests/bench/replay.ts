// `npm run bench:replay`: a 24-hour journal of 1,000,000 entries with a drill
// in it. Measures opening it for replay, seeking to random points (goal p95
// ≤ 200 ms), writing the drill's after-action report, and the replay view in
// Chromium playing at 60x (goal ≥ 30 fps). Prints one JSON document.
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DrillScenarioSchema, type DrillScenario } from '../../shared/drill/scenario';
import { drillAlertId, scoreDrill } from '../../shared/drill/scoring';
import { journalKinds } from '../../shared/journal/kinds';
import { renderDrillReport } from '../../shared/reports/drillReport';
import { loadOrCreateIdentity } from '../../electron/core/identity';
import { JournalService, journalPaths } from '../../electron/core/journal/service';
import { ReplaySession } from '../../electron/core/replay/session';
import { createLog } from '../../electron/core/support/log';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { FakeClock } from '../support/fakeClock';
import { startHost } from '../support/hostProcess';
import { demoSiteDir, demoSiteFile, repoRoot, tempDir } from '../support/paths';
import { openAs } from '../e2e/web/pages/SessionPage';
import { summarize } from './stats';
import { printProfile, startProfile } from './profile';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const SPAN_MS = 24 * 3600_000;
// Small batches: entries of one batch share a wall time, so the day has no artificial gaps.
const BATCH = 100;
const FPS_SECONDS = Number(process.env.BENCH_FPS_SECONDS ?? 10);
const log = createLog({ level: 'error' });
const hr = (): number => Number(process.hrtime.bigint()) / 1e6;

const scenario: DrillScenario = DrillScenarioSchema.parse(JSON.parse(readFileSync(join(demoSiteDir, 'drills', 'perimeter-night.json'), 'utf8')));

/** Writes the journal through the real append path on a clock that walks 24 h. */
async function buildJournal(dataDir: string): Promise<{ ms: number; drillStartId: string }> {
  const t0 = Date.now() - SPAN_MS - 3600_000;
  const clock = new FakeClock(t0);
  const identity = loadOrCreateIdentity(dataDir, () => clock.now());
  const journal = await JournalService.open({
    paths: journalPaths(dataDir),
    worker: { file: join(repoRoot, 'out', 'main', 'journal-worker.js') },
    site: 'demo-harbour-hotel',
    consoleId: identity.consoleId,
    kinds: journalKinds,
    clock,
    log,
  });
  const step = SPAN_MS / ENTRIES;
  const start = hr();
  let drillStartId = '';
  const drillAt = Math.floor(ENTRIES / 2);
  for (let done = 0; done < ENTRIES; done += BATCH) {
    const n = Math.min(BATCH, ENTRIES - done);
    if (done <= drillAt && drillAt < done + n) {
      // A drill in the middle of the day, with its injects and some handling, at 10x.
      const started = await journal.append(
        { kind: 'drill.started', mode: 'DRILL', payload: { scenarioId: scenario.id, name: 'bench', durationSec: scenario.durationSec, speed: 10, injects: scenario.injects.length } },
        { actor: 'duty-liu', mode: 'DRILL' },
      );
      drillStartId = started.id;
      for (const inject of scenario.injects) {
        clock.advance(inject.atSec * 100 - (clock.now() - started.occurredAt));
        await journal.append(
          { kind: 'drill.inject', ref: started.id, mode: 'DRILL', payload: { scenarioId: scenario.id, inject, phase: 'start' } },
          { actor: 'system', mode: 'DRILL', allowSystem: true },
        );
        if (inject.kind === 'alert') {
          clock.advance(2000);
          await journal.append({ kind: 'note', mode: 'DRILL', payload: { text: `ack ${drillAlertId(started.id, inject.id)}` } }, { actor: 'op-he', mode: 'DRILL' });
        }
      }
      clock.advance(scenario.durationSec * 100 - (clock.now() - started.occurredAt));
      await journal.append({ kind: 'drill.ended', ref: started.id, mode: 'DRILL', payload: { scenarioId: scenario.id } }, { actor: 'system', mode: 'DRILL', allowSystem: true });
    }
    const drafts = Array.from({ length: n }, (_, k) => ({ kind: 'note', payload: { text: `巡逻 第${done + k}次 patrol ${done + k}` } }));
    await journal.appendMany(drafts, { actor: 'duty-liu' });
    clock.advance(step * n);
  }
  await journal.close();
  return { ms: hr() - start, drillStartId };
}

async function main(): Promise<void> {
  const dataDir = tempDir('bench-replay');
  const built = await buildJournal(dataDir);
  const liveFile = journalPaths(dataDir).file;

  // Open (fold once, snapshots) and seek, in this process: what the replay worker does.
  const openStart = hr();
  const session = ReplaySession.open({ kind: 'live' }, liveFile);
  const openMs = hr() - openStart;
  const { start, end, entries } = session.info;
  const seeks: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = start + Math.random() * (end - start);
    const s0 = hr();
    session.seek(t);
    seeks.push(hr() - s0);
  }
  const reportStart = hr();
  const record = session.drillRecord(built.drillStartId);
  const score = scoreDrill(record.run, scenario, record.entries);
  const html = renderDrillReport(
    { siteName: 'bench', timeZone: 'Asia/Shanghai', scenario, score, evaluations: [], observations: [], names: {}, generatedAt: Date.now(), source: 'bench' },
    'zh-CN',
  );
  const reportMs = hr() - reportStart;
  session.close();

  // The replay view in Chromium, playing the same journal at 60x.
  // A console opening a million-entry journal folds it before it serves (measured as hostStartMs).
  const hostStart = hr();
  const host = await startHost({ dataDir, site: demoSiteFile, startTimeoutMs: 600_000 });
  const hostStartMs = hr() - hostStart;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  let ui: Record<string, unknown> = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    // Replay is a desk's: someone signs in first (not part of the measured open).
    await openAs(page, host.urlFor('replay'));
    const openUi = hr();
    await page.getByTestId('replay-sources').getByRole('button').first().click();
    await page.getByTestId('replay-timeline').waitFor({ timeout: 600_000 });
    const openUiMs = hr() - openUi;
    await page.selectOption('select[name="replaySpeed"]', '60');
    // Seeks from the UI: scrubber to random points, time to the clock showing the new frame.
    const uiSeeks: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = Math.round(start + Math.random() * (end - start));
      const s0 = hr();
      await page.getByTestId('replay-scrubber').fill(String(t));
      await page.waitForFunction((want) => Math.abs(Number(document.querySelector('[data-testid="replay-timeline"]')?.getAttribute('data-t')) - want) < 1000, t);
      uiSeeks.push(hr() - s0);
    }
    await page.getByTestId('replay-play').click();
    // REPLAY_BENCH_PROFILE: where the page's time goes while it plays (stderr).
    const cdp = process.env.REPLAY_BENCH_PROFILE ? await startProfile(page) : undefined;
    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    const frames = await page.evaluate<{ frames: number; seconds: number; gaps: number[]; longest: number }>(`(async (seconds) => {
      const times = [];
      let longest = 0;
      const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
      try { obs.observe({ type: 'longtask', buffered: false }); } catch { /* no longtask support */ }
      const t0 = performance.now();
      await new Promise((done) => {
        const tick = (now) => { times.push(now); if (now - t0 < seconds * 1000) requestAnimationFrame(tick); else done(); };
        requestAnimationFrame(tick);
      });
      obs.disconnect();
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      return { frames: times.length, seconds: (times[times.length - 1] - times[0]) / 1000, gaps, longest };
    })(${FPS_SECONDS})`);
    if (cdp) await printProfile(cdp);
    const tStart = Number(await page.getByTestId('replay-timeline').getAttribute('data-t'));
    await page.waitForTimeout(1000);
    const tEnd = Number(await page.getByTestId('replay-timeline').getAttribute('data-t'));
    ui = {
      hostStartMs: Math.round(hostStartMs),
      openMs: Math.round(openUiMs),
      seekFromUiMs: summarize(uiSeeks),
      play60x: {
        fps: Math.round((frames.frames / frames.seconds) * 10) / 10,
        frameGapMs: summarize(frames.gaps),
        longestTaskMs: Math.round(frames.longest),
        timelineAdvancedPerSecondMs: tEnd - tStart,
      },
    };
  } finally {
    await browser.close();
    await host.stop();
  }
  // The same console restarted: it starts from the site state it saved beside the journal, not a full fold.
  const restart = hr();
  const again = await startHost({ dataDir, site: demoSiteFile, startTimeoutMs: 600_000 });
  const hostRestartMs = hr() - restart;
  await again.stop();
  ui = { ...ui, hostRestartMs: Math.round(hostRestartMs) };

  process.stdout.write(
    `${JSON.stringify({
      entries,
      spanHours: Math.round(((end - start) / 3600_000) * 10) / 10,
      buildJournalMs: Math.round(built.ms),
      openMs: Math.round(openMs),
      seekMs: summarize(seeks),
      report: { ms: Math.round(reportMs * 10) / 10, drillEntries: record.entries.length, bytes: html.length, scored: `${score.passed}/${score.total}` },
      ui,
      goals: { seekP95Ms: 200, play60xFps: 30 },
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
