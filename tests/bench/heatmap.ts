// `npm run bench:heatmap`: the floor-plan heat map in Chromium. Render time
// for 100,000 events and frame rate while scrubbing a 24 h window over
// 10,000 events, against simpleheat (the baseline) on the same data and the
// same output resolution, in the same run. Prints one JSON document.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { artifactsDir, repoRoot } from '../support/paths';
import { summarize } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SCRUB_MS = Number(process.env.BENCH_SCRUB_MS ?? 4000);

async function bundle(entry: string): Promise<string> {
  const out = await build({ entryPoints: [join(repoRoot, entry)], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'silent' });
  return out.outputFiles[0]?.text ?? '';
}

const files: Record<string, string> = {
  '/': '<!doctype html><meta charset="utf-8"><title>heat bench</title><body><script src="/simpleheat.js"></script><script type="module" src="/bench.js"></script></body>',
  '/bench.js': await bundle('tests/bench/heatmapPage.ts'),
  // The client asks for new URL('./heatWorker.ts', import.meta.url): serve the bundled worker there.
  '/heatWorker.ts': await bundle('renderer/features/heatmap/heatWorker.ts'),
  '/simpleheat.js': readFileSync(join(repoRoot, 'node_modules/simpleheat/simpleheat.js'), 'utf8'),
};
const server = createServer((req, res) => {
  const body = files[req.url ?? '/'];
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': req.url === '/' ? 'text/html' : 'text/javascript' }).end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => 'bench' in window);
const loadBefore = loadavg()[0] ?? 0;
const paintedPixels = await page.evaluate(() => (window as unknown as { bench: { showcase(): Promise<number> } }).bench.showcase());
mkdirSync(artifactsDir, { recursive: true });
const screenshot = join(artifactsDir, 'heatmap-bench.png');
await page.locator('#showcase').screenshot({ path: screenshot });

type Render = Record<'packMs' | 'engineMs' | 'accumulateMs' | 'colourMs' | 'uploadMs' | 'roundTripMs' | 'simpleheatMs', number[]>;
type Scrub = { framesDrawn: number; seconds: number; rafGaps: number[] };
const render = (await page.evaluate((runs) => (window as unknown as { bench: { render100k(n: number): Promise<unknown> } }).bench.render100k(runs), RUNS)) as Render;
const scrubOurs = (await page.evaluate((ms) => (window as unknown as { bench: { scrub(w: string, ms: number): Promise<unknown> } }).bench.scrub('ours', ms), SCRUB_MS)) as Scrub;
const scrubBase = (await page.evaluate((ms) => (window as unknown as { bench: { scrub(w: string, ms: number): Promise<unknown> } }).bench.scrub('simpleheat', ms), SCRUB_MS)) as Scrub;
await browser.close();
server.close();

const engine = summarize(render.engineMs);
const roundTrip = summarize(render.roundTripMs);
const base = summarize(render.simpleheatMs);
const fps = (s: Scrub): number => Math.round((s.framesDrawn / s.seconds) * 10) / 10;
const round = (x: number): number => Math.round(x * 100) / 100;

process.stdout.write(
  `${JSON.stringify(
    {
      what: 'heat map: 200 × 120 m floor, 0.25 m cells (800 × 480 px), 5 m radius, severity-weighted; ours = Float32 grid in a worker, bin + separable blur, fixed LUT; baseline = simpleheat 0.4 (npm) on a canvas of the same size',
      machine: { cpus: (await import('node:os')).cpus().length, chromium: browser.version(), loadAverageBefore: round(loadBefore), loadAverageAfter: round(loadavg()[0] ?? 0) },
      showcase: { paintedPixels, screenshot: screenshot.slice(repoRoot.length + 1) },
      render100k: {
        packMainThreadMs: round(render.packMs[0] ?? 0),
        oursComputeMs: engine,
        oursStagesP50Ms: {
          accumulate: summarize(render.accumulateMs).p50,
          colour: summarize(render.colourMs).p50,
          upload: summarize(render.uploadMs).p50,
        },
        oursWorkerRoundTripMs: roundTrip,
        simpleheatMs: base,
        speedupVsSimpleheat: round(base.p50 / engine.p50),
        speedupRoundTripVsSimpleheat: round(base.p50 / roundTrip.p50),
      },
      scrub10k: {
        windowHours: 24,
        oursFps: fps(scrubOurs),
        oursMainThreadFrameGapMs: summarize(scrubOurs.rafGaps),
        simpleheatFps: fps(scrubBase),
        simpleheatMainThreadFrameGapMs: summarize(scrubBase.rafGaps),
        fpsRatioVsSimpleheat: round(fps(scrubOurs) / Math.max(0.1, fps(scrubBase))),
      },
      goals: { render100kMs: 16, scrubFps: 30, fasterThanBaseline: true },
    },
    null,
    2,
  )}\n`,
);
