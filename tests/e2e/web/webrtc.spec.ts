import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';
import { demoSiteDir, repoRoot } from '../../support/paths';
import { SfuPeer } from '../../support/sfuPeer';

/**
 * WebRTC tiles against a REAL WebRTC peer on loopback (werift: ICE-lite,
 * DTLS-SRTP, H.264 RTP from ffmpeg) that speaks the console's SFU protocol.
 *
 * The wall's player factory (renderer/features/video/playerFactory.ts) is
 * another engineer's work and not on main yet, so this drives the real
 * WebRtcTilePlayer + SfuSession + mediasoup-client from a small page bundled
 * with esbuild; the same player object plugs into the factory unchanged.
 */

const PRODUCERS = {
  'gate-sub': join(demoSiteDir, 'clips', 'gate', 'sub'),
  'yard-sub': join(demoSiteDir, 'clips', 'yard', 'sub'),
};

interface TileRecord {
  phase: string;
  reason: { kind: string } | undefined;
  frames: number;
  health: { transport: string; width: number; height: number; fps: number; kbps: number } | undefined;
}

const PAGE_ENTRY = `
import { WebRtcTilePlayer } from './renderer/features/video/webrtc/webRtcTilePlayer';
import { sfuSessionFor } from './renderer/features/video/webrtc/sfuSession';
const params = new URLSearchParams(location.search);
const url = params.get('sfu');
const tiles = {};
window.__tiles = tiles;
window.__session = () => ({ consumeBatches: sfuSessionFor(url).consumeBatches });
for (const producerId of params.get('producers').split(',')) {
  const video = document.createElement('video');
  video.id = producerId;
  video.style.width = '320px';
  video.style.height = '180px';
  video.muted = true;
  document.body.append(video);
  const rec = { phase: 'connecting', reason: undefined, frames: 0, health: undefined };
  tiles[producerId] = rec;
  // Counted independently of the player: frames the compositor actually presented.
  const tick = () => { rec.frames += 1; video.requestVideoFrameCallback(tick); };
  video.requestVideoFrameCallback(tick);
  const player = new WebRtcTilePlayer(video, { url, producerId }, {
    onPhase: (p) => { rec.phase = p.phase; rec.reason = p.phase === 'no-signal' ? p.reason : undefined; video.dataset.state = p.phase; },
    onHealth: (h) => { rec.health = h; },
  });
  player.start();
}
`;

let server: Server;
let pageUrl = '';

test.beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: PAGE_ENTRY, resolveDir: repoRoot, loader: 'ts', sourcefile: 'webrtc-harness.ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  server = createServer((req, res) => {
    if (req.url?.startsWith('/harness.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body><script type="module" src="/harness.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const tiles = (page: Page): Promise<Record<string, TileRecord>> =>
  page.evaluate(() => (window as unknown as { __tiles: Record<string, TileRecord> }).__tiles);

async function framesAdvance(page: Page, producerId: string, by: number, timeoutMs = 15_000): Promise<void> {
  const start = (await tiles(page))[producerId]?.frames ?? 0;
  await expect.poll(async () => ((await tiles(page))[producerId]?.frames ?? 0) - start, { timeout: timeoutMs }).toBeGreaterThanOrEqual(by);
}

test('WebRTC tiles play from a real loopback peer: one transport, one consume batch, frames decoded, health measured', async ({ page }) => {
  const peer = await SfuPeer.start({ producers: PRODUCERS });
  try {
    await page.goto(`${pageUrl}?sfu=${encodeURIComponent(peer.url)}&producers=gate-sub,yard-sub`);
    await expect.poll(async () => Object.values(await tiles(page)).map((t) => t.phase), { timeout: 20_000 }).toEqual(['playing', 'playing']);
    await framesAdvance(page, 'gate-sub', 25);
    await framesAdvance(page, 'yard-sub', 25);
    await expect.poll(async () => (await tiles(page))['gate-sub']?.health?.kbps ?? 0).toBeGreaterThan(0);
    const health = (await tiles(page))['gate-sub']?.health;
    expect(health).toMatchObject({ transport: 'webrtc', width: 640, height: 360 });
    expect(peer.requestCounts.get('createRecvTransport')).toBe(1);
    expect(peer.requestCounts.get('consume')).toBe(1);
    expect(peer.maxBatch).toBe(2);

    // A hidden tile pauses its consumer on the server (not closed); shown again it resumes and plays.
    await page.evaluate(() => {
      const v = document.getElementById('yard-sub');
      if (v) v.style.display = 'none';
    });
    await expect.poll(() => peer.consumerStates().find((c) => c.producerId === 'yard-sub')?.paused).toBe(true);
    await framesAdvance(page, 'gate-sub', 10);
    await page.evaluate(() => {
      const v = document.getElementById('yard-sub');
      if (v) v.style.display = '';
    });
    await expect.poll(() => peer.consumerStates().find((c) => c.producerId === 'yard-sub')?.paused).toBe(false);
    await framesAdvance(page, 'yard-sub', 25);
    expect(peer.requestCounts.get('consume')).toBe(1);
    expect(peer.requestCounts.get('closeConsumers') ?? 0).toBe(0);
  } finally {
    await peer.stop();
  }
});

test('kill the peer → NO SIGNAL; restart it on the same URL → the tile recovers by itself', async ({ page }) => {
  let peer = await SfuPeer.start({ producers: PRODUCERS });
  const port = peer.port;
  try {
    await page.goto(`${pageUrl}?sfu=${encodeURIComponent(peer.url)}&producers=gate-sub`);
    await expect.poll(async () => (await tiles(page))['gate-sub']?.phase, { timeout: 20_000 }).toBe('playing');
    await framesAdvance(page, 'gate-sub', 25);

    await peer.stop();
    await expect.poll(async () => (await tiles(page))['gate-sub']?.phase, { timeout: 5_000 }).toBe('no-signal');
    await expect(page.locator('video#gate-sub')).toHaveAttribute('data-state', 'no-signal');

    peer = await SfuPeer.start({ producers: PRODUCERS, port });
    await expect.poll(async () => (await tiles(page))['gate-sub']?.phase, { timeout: 20_000 }).toBe('playing');
    await framesAdvance(page, 'gate-sub', 25);
  } finally {
    await peer.stop();
  }
});

test('a camera going silent behind a healthy connection: NO SIGNAL (stalled) while the other tile plays; back → recovers', async ({ page }) => {
  const peer = await SfuPeer.start({ producers: PRODUCERS });
  try {
    await page.goto(`${pageUrl}?sfu=${encodeURIComponent(peer.url)}&producers=gate-sub,yard-sub`);
    await expect.poll(async () => Object.values(await tiles(page)).map((t) => t.phase), { timeout: 20_000 }).toEqual(['playing', 'playing']);
    peer.silence('yard-sub', true);
    // Judged by frames presented, not by the (still connected) transport.
    await expect.poll(async () => (await tiles(page))['yard-sub']?.phase, { timeout: 6_000 }).toBe('no-signal');
    expect((await tiles(page))['yard-sub']?.reason?.kind).toBe('stalled');
    await framesAdvance(page, 'gate-sub', 25);
    expect((await tiles(page))['gate-sub']?.phase).toBe('playing');
    peer.silence('yard-sub', false);
    await expect.poll(async () => (await tiles(page))['yard-sub']?.phase, { timeout: 25_000 }).toBe('playing');
    await framesAdvance(page, 'yard-sub', 25);
    // Recovery re-consumed over the same transport.
    expect(peer.requestCounts.get('createRecvTransport')).toBe(1);
    expect(peer.requestCounts.get('consume') ?? 0).toBeGreaterThanOrEqual(2);
  } finally {
    await peer.stop();
  }
});
