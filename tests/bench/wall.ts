// `npm run bench:wall`: the camera wall in Chromium against host mode with the
// simulated live HLS cameras (640×360 sub streams, 25 fps). Prints one JSON document.
//
// Scenarios: the wall route with 16 and 36 tiles for WALL_BENCH_SECONDS (default 60);
// per tile presented fps (requestVideoFrameCallback counts) p5, dropped-frame ratio
// (getVideoPlaybackQuality), renderer CPU (CDP SystemInfo.getProcessInfo cpuTime of the
// renderer process) and memory (/proc RSS + JS heap), live latency p50/p95 (hls.js
// latency from EXT-X-PROGRAM-DATE-TIME, as the tile overlay shows it), time from a
// layout switch to all tiles playing; the baseline: a plain page with 16 bare hls.js
// players on the same streams (CPU per tile ratio); and a churn soak (layout switch
// every few seconds) with memory growth, WALL_BENCH_SOAK_MIN minutes (default 2; 30 for the full soak).
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { startHost, type HostProcess } from '../support/hostProcess';
import { demoSiteDir, repoRoot, tempDir } from '../support/paths';
import { TEST_PASSWORD } from '../support/operators';
import { FRAME_COUNTER, percentileOf, samplePage } from './frames';
import { summarize } from './stats';

const SECONDS = Number(process.env.WALL_BENCH_SECONDS ?? 60);
const SOAK_MIN = Number(process.env.WALL_BENCH_SOAK_MIN ?? 2);
const CHURN_EVERY_MS = Number(process.env.WALL_BENCH_CHURN_MS ?? 4000);
const SKIP_36 = process.env.WALL_BENCH_SKIP_36 === '1';

interface SiteJson {
  cameras: { id: string; name: unknown; [k: string]: unknown }[];
  wall?: { layouts?: unknown[]; tours?: unknown[] };
  [k: string]: unknown;
}

/** A copy of the demo site with 36 cameras (the demo's 16, cloned) and a 6×6 custom layout. */
function siteWith36Cameras(): string {
  const dir = join(tempDir('bench-wall-site'), 'site');
  cpSync(demoSiteDir, dir, { recursive: true });
  const file = join(dir, 'site.json');
  const site = JSON.parse(readFileSync(file, 'utf8')) as SiteJson;
  const base = site.cameras;
  for (let i = base.length; i < 36; i++) {
    const src = base[i % 16]!;
    site.cameras.push({ ...src, id: `bench-${i + 1}`, name: { en: `Bench ${i + 1}`, 'zh-CN': `测试 ${i + 1}` }, zone: undefined });
  }
  const cells = [];
  for (let y = 0; y < 6; y++) for (let x = 0; x < 6; x++) cells.push({ x, y, w: 1, h: 1 });
  site.wall = { ...site.wall, layouts: [...(site.wall?.layouts ?? []), { id: 'six-by-six', name: '6×6', columns: 6, rows: 6, cells }] };
  writeFileSync(file, JSON.stringify(site, (_k, v: unknown) => (v === undefined ? undefined : v), 2));
  return file;
}

async function rendererCpu(cdp: CDPSession): Promise<{ cpuSec: number; pids: number[] }> {
  const info = await cdp.send('SystemInfo.getProcessInfo');
  const renderers = info.processInfo.filter((p) => p.type === 'renderer');
  return { cpuSec: renderers.reduce((s, p) => s + p.cpuTime, 0), pids: renderers.map((p) => p.id) };
}

function rssMb(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // The process went away between listing and reading.
    }
  }
  return Math.round(kb / 1024);
}

/** Runs a page for `seconds` and measures it; the page must already be playing. */
async function measure(page: Page, cdp: CDPSession, tiles: number, seconds: number) {
  const cpu0 = await rendererCpu(cdp);
  const s0 = await samplePage(page);
  const t0 = Date.now();
  const latencies: number[] = [];
  const end = t0 + seconds * 1000;
  while (Date.now() < end) {
    await page.waitForTimeout(1000);
    latencies.push(...(await samplePage(page)).latencies);
  }
  const s1 = await samplePage(page);
  const cpu1 = await rendererCpu(cdp);
  const elapsed = (Date.now() - t0) / 1000;
  // Tiles present for the whole window; a tile replaced mid-window is not a tile of this measurement.
  const fps = Object.entries(s1.frames)
    .filter(([id]) => id in s0.frames)
    .map(([id, f]) => (f - (s0.frames[Number(id)] ?? 0)) / elapsed);
  const cpuPct = ((cpu1.cpuSec - cpu0.cpuSec) / elapsed) * 100;
  const decoded = s1.total - s0.total;
  return {
    tiles,
    seconds: Math.round(elapsed),
    tilesPlaying: s1.playing,
    presentedFps: summarize(fps),
    presentedFpsP5: Math.round(percentileOf(fps, 5) * 10) / 10,
    droppedFrameRatio: decoded > 0 ? Math.round(((s1.dropped - s0.dropped) / decoded) * 10000) / 10000 : null,
    rendererCpuPct: Math.round(cpuPct * 10) / 10,
    cpuPctPerTile: Math.round((cpuPct / tiles) * 100) / 100,
    rendererRssMb: rssMb(cpu1.pids),
    jsHeapMb: Math.round(s1.heap / 1048576),
    latencySec: latencies.length > 0 ? { p50: percentileOf(latencies, 50), p95: percentileOf(latencies, 95) } : null,
  };
}

async function waitPlaying(page: Page, count: number, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  await page.waitForFunction((n) => document.querySelectorAll('.wallstage__grid .tile[data-state="playing"]').length >= n, count, { polling: 100, timeout: timeoutMs });
  return Date.now() - started;
}

async function wallPage(browser: Browser, host: HostProcess, route: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(FRAME_COUNTER);
  await page.goto(host.urlFor(route));
  const cdp = await browser.newBrowserCDPSession();
  return { page, cdp };
}

/** The baseline: 16 bare hls.js players with default settings on the same sub streams, nothing else on the page. */
async function baseline(browser: Browser, host: HostProcess, cameras: readonly string[], seconds: number) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(FRAME_COUNTER);
  // Same origin as the streams (the access cookie is set by the token), no console code.
  await page.goto(`${host.origin}/bench-baseline?token=${encodeURIComponent(host.token)}`);
  await page.setContent(
    `<!doctype html><style>body{margin:0;background:#000;display:grid;grid-template-columns:repeat(4,1fr);height:100vh}video{width:100%;height:100%;object-fit:contain}</style>` +
      cameras.map((c) => `<video muted autoplay playsinline data-src="/media/${c}/sub/index.m3u8"></video>`).join(''),
  );
  await page.addScriptTag({ path: join(repoRoot, 'node_modules/hls.js/dist/hls.min.js') });
  await page.evaluate(() => {
    const H = (window as unknown as { Hls: new (c?: object) => { loadSource(u: string): void; attachMedia(v: HTMLVideoElement): void; latency: number } }).Hls;
    const players: { latency: number }[] = [];
    document.querySelectorAll('video').forEach((v) => {
      const hls = new H();
      hls.loadSource(v.getAttribute('data-src') ?? '');
      hls.attachMedia(v);
      void v.play().catch(() => undefined);
      players.push(hls);
    });
    (window as unknown as { __latency: () => number[] }).__latency = () => players.map((p) => p.latency).filter((x) => Number.isFinite(x) && x > 0);
  });
  await page.waitForFunction(() => [...document.querySelectorAll('video')].every((v) => v.currentTime > 1), null, { timeout: 60_000 });
  const cdp = await browser.newBrowserCDPSession();
  const result = await measure(page, cdp, cameras.length, seconds);
  await page.close();
  return result;
}

const siteFile = siteWith36Cameras();
const host = await startHost({ site: siteFile });
const api = host.api();
// Wall control is a signed-in person's (issue 15), as at a desk.
await api.signIn({ accountId: 'duty-liu', password: TEST_PASSWORD, reason: 'wall benchmark' });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const out: Record<string, unknown> = {
  what: 'camera wall in Chromium, host mode, simulated live HLS 640x360 25 fps sub streams',
  secondsPerScenario: SECONDS,
};
try {
  const site = (await api.getBootstrap()).site;
  const first16 = site.cameras.slice(0, 16).map((c) => c.id);

  // Baseline first, alone in the browser.
  out.baseline16 = await baseline(browser, host, first16, SECONDS);

  await api.wallSetLayout({ wall: 'wall-1', layout: '16' });
  const { page, cdp } = await wallPage(browser, host, 'wall/1');
  out.firstAllPlayingMs = await waitPlaying(page, 16);
  await page.waitForTimeout(3000);
  out.wall16 = await measure(page, cdp, 16, SECONDS);

  // Layout switch → all tiles playing.
  const switches: number[] = [];
  for (const layout of ['4', '9', '16', '9', '16'] as const) {
    await api.wallSetLayout({ wall: 'wall-1', layout });
    const n = Number(layout);
    const t0 = Date.now();
    await page.waitForFunction((count) => document.querySelector('[data-testid="wall-grid"]')?.getAttribute('data-tiles') === String(count), n);
    await waitPlaying(page, n);
    switches.push(Date.now() - t0);
  }
  out.layoutSwitchToAllPlayingMs = summarize(switches);

  if (!SKIP_36) {
    await api.wallSetLayout({ wall: 'wall-1', layout: 'custom', customId: 'six-by-six' });
    const t0 = Date.now();
    await waitPlaying(page, 36, 90_000).catch(() => undefined);
    out.switchTo36AllPlayingMs = Date.now() - t0;
    await page.waitForTimeout(3000);
    out.wall36 = await measure(page, cdp, 36, SECONDS);
    await api.wallSetLayout({ wall: 'wall-1', layout: '16' });
    await waitPlaying(page, 16);
  }

  const w16 = out.wall16 as { cpuPctPerTile: number };
  const b16 = out.baseline16 as { cpuPctPerTile: number };
  out.cpuPerTileRatioToBaseline = b16.cpuPctPerTile > 0 ? Math.round((w16.cpuPctPerTile / b16.cpuPctPerTile) * 100) / 100 : null;

  // Churn soak: layout switches every few seconds; memory after settling on 16 tiles, start vs end.
  const settle = async (): Promise<{ rssMb: number; heapMb: number }> => {
    await api.wallSetLayout({ wall: 'wall-1', layout: '16' });
    await waitPlaying(page, 16).catch(() => undefined);
    await page.waitForTimeout(3000);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    const s = await samplePage(page);
    return { rssMb: rssMb((await rendererCpu(cdp)).pids), heapMb: Math.round(s.heap / 1048576) };
  };
  const before = await settle();
  const soakEnd = Date.now() + SOAK_MIN * 60_000;
  const cycle = ['4', '25', '9', '1', '16'] as const;
  let switchesDone = 0;
  while (Date.now() < soakEnd) {
    await api.wallSetLayout({ wall: 'wall-1', layout: cycle[switchesDone % cycle.length]! });
    switchesDone += 1;
    await page.waitForTimeout(CHURN_EVERY_MS);
  }
  const after = await settle();
  const players = await page.evaluate(() => document.querySelectorAll('video').length);
  out.soak = {
    minutes: SOAK_MIN,
    switches: switchesDone,
    before,
    after,
    rssGrowthPct: Math.round(((after.rssMb - before.rssMb) / Math.max(1, before.rssMb)) * 1000) / 10,
    heapGrowthPct: Math.round(((after.heapMb - before.heapMb) / Math.max(1, before.heapMb)) * 1000) / 10,
    videoElementsAfter: players,
  };
  const w = out.wall16 as { presentedFpsP5: number; droppedFrameRatio: number | null; latencySec: { p95: number } | null };
  out.goals = { fpsP5: 24, droppedRatio: 0.01, cpuPerTileRatio: 1.2, latencyP95Sec: 3, layoutSwitchMs: 2000, soakGrowthPct: 10 };
  out.met = {
    fpsP5: w.presentedFpsP5 >= 24,
    dropped: (w.droppedFrameRatio ?? 1) < 0.01,
    cpuPerTile: (out.cpuPerTileRatioToBaseline as number | null) !== null && (out.cpuPerTileRatioToBaseline as number) <= 1.2,
    latency: w.latencySec !== null && w.latencySec.p95 <= 3,
    layoutSwitch: (out.layoutSwitchToAllPlayingMs as { max: number }).max <= 2000,
    soak: (out.soak as { rssGrowthPct: number }).rssGrowthPct < 10,
  };
  await page.close();
} finally {
  await browser.close();
  await host.stop();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
