/**
 * `npm run bench:sfu`: WebRTC tiles through the console's SFU session.
 *
 * 1. consume: 160 consumers over one transport, batched (all asked in one task)
 *    vs serial (one request per tile, each awaited), against a loopback
 *    signaling server with mediasoup-client's FakeHandler (no SDP, no media:
 *    this isolates signaling round trips and client bookkeeping), answering
 *    at once and after 20 ms (an SFU one LAN/WAN hop away).
 * 2. browser: Chromium, 16 WebRTC tiles from 16 producers on the real werift
 *    peer (H.264 640×360 25 fps copied from the demo clips): time from page
 *    load to all 16 playing, consume requests, presented fps per tile (p5)
 *    and dropped-frame ratio over 15 s.
 * Prints one JSON document.
 */
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { Device, FakeHandler, testFakeParameters } from 'mediasoup-client';
import type { ConsumerState } from '../../renderer/features/video/webrtc/consumerMachine';
import { SfuSession } from '../../renderer/features/video/webrtc/sfuSession';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { demoSiteDir } from '../support/paths';
import { SfuPeer, serveWebRtcHarness } from '../support/sfuPeer';
import { FakeSfu, nodeSocket } from '../unit/sfu/fakeSfu';
import { percentile } from './stats';

const CONSUMERS = 160;
const TILES = 16;
const MEASURE_MS = 15_000;

async function consumeRun(batched: boolean, latencyMs: number): Promise<{ ms: number; consumeRequests: number }> {
  const sfu = await FakeSfu.start();
  sfu.latencyMs = latencyMs;
  for (let i = 0; i < CONSUMERS; i++) sfu.producers.add(`p-${i}`);
  const session = new SfuSession(sfu.url, {
    socket: nodeSocket,
    device: () => new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) }),
    now: () => Date.now(),
    random: Math.random,
    lingerMs: 60_000,
    warn: () => undefined,
  });
  const live = (id: number): Promise<void> =>
    new Promise((resolve) => {
      session.acquire(`p-${id}`, { onTrack: () => undefined, onState: (s: ConsumerState) => s.phase === 'live' && resolve() }, true);
    });
  const t0 = performance.now();
  if (batched) {
    await Promise.all(Array.from({ length: CONSUMERS }, (_, i) => live(i)));
  } else {
    for (let i = 0; i < CONSUMERS; i++) await live(i);
  }
  const ms = Math.round(performance.now() - t0);
  const consumeRequests = sfu.count('consume');
  session.dispose();
  await sfu.close();
  return { ms, consumeRequests };
}

async function browserRun(): Promise<Record<string, unknown>> {
  const scenes = ['gate', 'yard', 'corridor', 'lobby'];
  const producers: Record<string, string> = {};
  for (let i = 0; i < TILES; i++) producers[`p-${i}`] = join(demoSiteDir, 'clips', scenes[i % scenes.length] ?? 'gate', 'sub');
  const peer = await SfuPeer.start({ producers });
  const harness = await serveWebRtcHarness();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const t0 = Date.now();
    await page.goto(`${harness.url}?sfu=${encodeURIComponent(peer.url)}&producers=${Object.keys(producers).join(',')}`);
    const phases = (): Promise<string[]> =>
      page.evaluate(() => Object.values((window as unknown as { __tiles: Record<string, { phase: string }> }).__tiles).map((t) => t.phase));
    let allPlayingMs: number | undefined;
    while (Date.now() - t0 < 60_000) {
      if ((await phases()).every((p) => p === 'playing')) {
        allPlayingMs = Date.now() - t0;
        break;
      }
      await page.waitForTimeout(100);
    }
    const quality = (): Promise<{ total: number; dropped: number }[]> =>
      page.evaluate(() =>
        [...document.querySelectorAll('video')].map((v) => {
          const q = v.getVideoPlaybackQuality();
          return { total: q.totalVideoFrames, dropped: q.droppedVideoFrames };
        }),
      );
    const frames = (): Promise<number[]> =>
      page.evaluate(() => Object.values((window as unknown as { __tiles: Record<string, { frames: number }> }).__tiles).map((t) => t.frames));
    const [f0, q0] = [await frames(), await quality()];
    await page.waitForTimeout(MEASURE_MS);
    const [f1, q1] = [await frames(), await quality()];
    const fps = f1.map((f, i) => ((f - (f0[i] ?? 0)) * 1000) / MEASURE_MS);
    const total = q1.reduce((s, q, i) => s + q.total - (q0[i]?.total ?? 0), 0);
    const dropped = q1.reduce((s, q, i) => s + q.dropped - (q0[i]?.dropped ?? 0), 0);
    return {
      tiles: TILES,
      allPlayingMs: allPlayingMs ?? null,
      consumeRequests: peer.requestCounts.get('consume') ?? 0,
      largestConsumeBatch: peer.maxBatch,
      transports: peer.requestCounts.get('createRecvTransport') ?? 0,
      presentedFpsP5: Math.round(percentile(fps, 5) * 10) / 10,
      presentedFpsP50: Math.round(percentile(fps, 50) * 10) / 10,
      droppedRatio: total > 0 ? Math.round((dropped / total) * 10000) / 10000 : null,
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => harness.server.close(() => resolve()));
    await peer.stop();
  }
}

const consume: Record<string, unknown> = {};
for (const latencyMs of [0, 20]) {
  const batched = await consumeRun(true, latencyMs);
  const serial = await consumeRun(false, latencyMs);
  consume[`rtt${latencyMs}ms`] = { batched, serial, speedup: Math.round((serial.ms / Math.max(1, batched.ms)) * 10) / 10 };
}
const browserFigures = await browserRun();
process.stdout.write(
  `${JSON.stringify({
    consume: { consumers: CONSUMERS, note: 'loopback signaling + mediasoup-client FakeHandler (no SDP, no media)', ...consume },
    browser: browserFigures,
  })}\n`,
);
process.exit(0);
