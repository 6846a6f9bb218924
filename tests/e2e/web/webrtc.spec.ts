import type { Server } from 'node:http';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost } from '../../support/hostProcess';
import { demoSiteDir } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';
import { SfuPeer, serveWebRtcHarness } from '../../support/sfuPeer';

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


let server: Server;
let js = '';
let pageUrl = '';

test.beforeAll(async () => {
  const harness = await serveWebRtcHarness();
  js = harness.js;
  server = harness.server;
  pageUrl = harness.url;
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

test('host mode: a site camera whose sub stream is on the SFU plays in the console page under its CSP', async ({ page }) => {
  const peer = await SfuPeer.start({ producers: PRODUCERS });
  const site = copyDemoSite((s) => {
    s.sfus = [{ id: 'sfu-1', url: peer.url }];
    const cameras = s.cameras as { id: string; streams: Record<string, unknown> }[];
    const gate = cameras.find((c) => c.id === 'gate-01');
    if (gate) gate.streams.sub = { kind: 'mediasoup', sfu: 'sfu-1', producerId: 'gate-sub' };
  });
  const host = await startHost({ site });
  try {
    // The core resolves the stream for the renderer: playback kind + the SFU the site lists.
    const boot = await (await host.signedIn()).getBootstrap();
    const camera = boot.site.cameras.find((c) => c.id === 'gate-01');
    expect(camera?.playback.sub).toEqual({ kind: 'mediasoup', sfu: 'sfu-1', producerId: 'gate-sub' });
    const sfu = boot.site.sfus.find((s) => s.id === 'sfu-1');
    expect(sfu?.url).toBe(peer.url);

    // The harness is served from the console's own origin, so the page's real CSP
    // (script-src 'self'; connect-src with the site's SFU origins) governs it.
    await page.route(`${host.origin}/__webrtc-harness.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: js }));
    await page.goto(host.urlFor('desk'));
    await page.evaluate((cfg) => {
      (window as unknown as { __webrtcHarness: unknown }).__webrtcHarness = cfg;
    }, { sfu: sfu?.url, producers: [camera?.playback.sub.kind === 'mediasoup' ? camera.playback.sub.producerId : ''] });
    await page.addScriptTag({ url: `${host.origin}/__webrtc-harness.js`, type: 'module' });
    await expect.poll(async () => (await tiles(page))['gate-sub']?.phase, { timeout: 20_000 }).toBe('playing');
    await framesAdvance(page, 'gate-sub', 25);
    // The CSP really is in force: a socket to an origin the site does not list is refused.
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          try {
            new WebSocket('ws://127.0.0.1:9/');
          } catch {
            resolve('connect-src (thrown)');
          }
        }),
    );
    expect(blocked).toMatch(/^connect-src/);
  } finally {
    await host.stop();
    await peer.stop();
  }
});
