import { expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { WallPage } from './pages/WallPage';
import { openAs } from './pages/SessionPage';

/**
 * The desk drives the wall through the journal: every wall window or browser
 * on `#/wall/<n>` folds the same entries and shows the same wall. Each test
 * uses its own wall address, since the host (and its journal) is shared by
 * the worker's tests.
 */
test.describe('the desk drives the wall', () => {
  test('layout switch and drag a camera from the list onto a tile; a browser on the wall route shows the same', async ({ host, page, consolePage, browser }) => {
    await consolePage.open(host.urlFor('desk'));
    const desk = WallPage.atDesk(page);
    await desk.show('wall-2');
    await desk.setLayout(4);
    await desk.expectTiles(4);
    await consolePage.expectTilesReallyPlaying(4);

    // HTML5 drag and drop of the camera id from the camera list onto tile 3.
    await page.locator('.camlist [data-camera="lobby"]').dragTo(desk.tile(3));
    await expect(desk.tile(3)).toHaveAttribute('data-camera', 'lobby');
    // … and from the floor plan: the gate camera's icon onto tile 2.
    await page.locator('[data-camera-drag="gate-01"]').dragTo(desk.tile(2));
    await expect(desk.tile(2)).toHaveAttribute('data-camera', 'gate-01');

    const wallPage = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      const wall = new ConsolePage(wallPage);
      const screen = WallPage.screen(wallPage);
      await wall.open(host.urlFor('wall/2'));
      await expect(screen.root).toHaveAttribute('data-wall', 'wall-2');
      await screen.expectTiles(4);
      await expect(screen.tile(3)).toHaveAttribute('data-camera', 'lobby');
      await wall.expectTilesReallyPlaying(4);

      // Layout switch at the desk: the wall follows and all its tiles play.
      const switchedAt = Date.now();
      await desk.setLayout(9);
      await screen.expectTiles(9);
      await wall.expectTilesReallyPlaying(9);
      test.info().annotations.push({ type: 'timing', description: `layout 4→9: all 9 tiles proven playing ${Date.now() - switchedAt} ms after the click` });
      await expect(screen.tile(3)).toHaveAttribute('data-camera', 'lobby');
    } finally {
      await wallPage.close();
    }
    const entries = await (await host.signedIn()).queryJournal({ kinds: ['wall.layout', 'wall.push'], limit: 20 });
    expect(entries.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['wall.layout', 'wall.push']));
  });

  test('double-click spotlights a tile; the spotlight plays the main stream, grid tiles the sub stream', async ({ host, page, consolePage }) => {
    const api = await host.signedIn();
    await api.wallSetLayout({ wall: 'wall-3', layout: '4' });
    await consolePage.open(host.urlFor('wall/3'));
    const screen = WallPage.screen(page);
    await screen.expectTiles(4);
    await consolePage.expectTilesReallyPlaying(4);
    await expect(screen.tile(0)).toHaveAttribute('data-stream', 'sub');

    // The desk double-clicks tile 0 of wall-3 (the wall itself has no controls): one journal entry.
    const deskPage = await page.context().newPage();
    try {
      await deskPage.setViewportSize({ width: 1600, height: 900 });
      await openAs(deskPage, host.urlFor('desk'));
      const desk = WallPage.atDesk(deskPage);
      await desk.show('wall-3');
      const camera = await desk.tile(0).getAttribute('data-camera');
      await desk.tile(0).dblclick();
      const spot = screen.spotlight();
      await expect(spot).toHaveAttribute('data-camera', camera ?? '');
      await expect(spot).toHaveAttribute('data-reason', 'operator');
      await expect(spot.locator('.tile')).toHaveAttribute('data-stream', 'main');
      await expect(spot.locator('.tile')).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
      await expect(spot.getByTestId('tile-health')).toContainText('1280×720', { timeout: 10_000 });
      // The overlay's live latency comes from EXT-X-PROGRAM-DATE-TIME: a plausible number of seconds.
      await expect
        .poll(async () => Number((await spot.getByTestId('tile-health').getAttribute('data-latency')) || 'NaN'), { timeout: 10_000 })
        .toBeGreaterThan(0);
      expect(Number(await spot.getByTestId('tile-health').getAttribute('data-latency'))).toBeLessThan(30);
      // Closing the spotlight.
      await deskPage.getByTestId('spotlight-clear').click();
      await expect(screen.spotlight()).toHaveCount(0);
    } finally {
      await deskPage.close();
    }
  });

  test('an alarm spotlight pops the camera up on the wall in the reserved slot', async ({ host, page, consolePage }) => {
    // The alerts domain is not on this branch: the pop-up logic is unit-tested on alert.* entries (tests/unit/wall),
    // and here the wall shows an alarm spotlight entry end to end.
    const api = await host.signedIn();
    await api.wallSetLayout({ wall: 'wall-4', layout: '4' });
    await consolePage.open(host.urlFor('wall/4'));
    await consolePage.expectTilesReallyPlaying(4);
    await api.wallSpotlight({ wall: 'wall-4', camera: 'perimeter-n', reason: 'alarm', alertId: 'A-e2e-1' });
    const spot = WallPage.screen(page).spotlight();
    await expect(spot).toHaveAttribute('data-reason', 'alarm');
    await expect(spot).toHaveAttribute('data-alert', 'A-e2e-1');
    await expect(page.getByTestId('wall-alarm')).toBeVisible();
    await expect(spot.locator('.tile[data-camera="perimeter-n"]')).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
    await expect(api.wallSpotlight({ wall: 'wall-4', camera: 'perimeter-n', reason: 'alarm' })).rejects.toThrow(/alertId/);
  });

  test('privacy masks cover the picture and the snapshot; lifting one needs a reason and is journaled', async ({ host, page, consolePage }) => {
    const api = await host.signedIn();
    await api.wallSetLayout({ wall: 'wall-5', layout: '4' });
    await api.wallPush({ wall: 'wall-5', tile: 0, camera: 'gate-02' });
    await consolePage.open(host.urlFor('desk'));
    const desk = WallPage.atDesk(page);
    await desk.show('wall-5');
    const tile = desk.tileOf('gate-02');
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
    await expect(tile.locator('.tile__mask').first()).toBeVisible();

    // Snapshot with the mask burnt in: the PNG's pixel in the middle of the mask is black.
    await tile.hover();
    await tile.getByTestId('tile-snapshot').click();
    const message = page.getByTestId('wall-message');
    await expect(message).toContainText('snapshots/');
    const url = /snapshots\/\S+\.png/.exec((await message.textContent()) ?? '')?.[0] ?? '';
    const site = (await api.getBootstrap()).site;
    const mask = site.cameras.find((c) => c.id === 'gate-02')?.masks[0];
    expect(mask).toBeDefined();
    const pixel = await page.evaluate(
      async ({ url, mx, my }) => {
        const img = new Image();
        img.src = url;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d');
        if (!ctx) return [];
        ctx.drawImage(img, 0, 0);
        return [...ctx.getImageData(Math.floor(mx * img.naturalWidth), Math.floor(my * img.naturalHeight), 1, 1).data];
      },
      { url, mx: (mask?.x ?? 0) + (mask?.w ?? 0) / 2, my: (mask?.y ?? 0) + (mask?.h ?? 0) / 2 },
    );
    expect(pixel.slice(0, 3)).toEqual([0, 0, 0]);
    const snaps = await api.queryJournal({ kinds: ['wall.snapshot'], limit: 5 });
    expect(snaps.entries[0]?.payload).toMatchObject({ camera: 'gate-02', file: url });

    // Lift: the dialog refuses an empty reason, then records it.
    await tile.hover();
    await tile.getByTestId('mask-lift').first().click();
    await page.getByTestId('mask-confirm').click();
    await expect(page.getByTestId('mask-dialog')).toContainText(/reason|原因/);
    await page.getByTestId('mask-reason').fill('Incident 7: identify the vehicle at the gate');
    await page.getByTestId('mask-confirm').click();
    await expect(page.getByTestId('mask-dialog')).toHaveCount(0);
    await expect(tile.locator('.tile__mask--lifted')).toHaveCount(1);
    const lifted = await api.queryJournal({ kinds: ['wall.mask-lifted'], limit: 5 });
    expect(lifted.entries[0]?.payload).toMatchObject({ camera: 'gate-02', maskIndex: 0, reason: 'Incident 7: identify the vehicle at the gate' });
    await tile.hover();
    await tile.getByTestId('mask-restore').click();
    await expect(tile.locator('.tile__mask--lifted')).toHaveCount(0);
  });
});

test('a tour shows its steps on the wall and pauses while an alarm holds the spotlight', async ({ host, page, consolePage }) => {
  const api = await host.signedIn();
  const site = (await api.getBootstrap()).site;
  const entrances = site.cameraGroups.find((g) => g.id === 'entrances')?.cameras ?? [];
  await api.wallSetLayout({ wall: 'wall-6', layout: '4' });
  await api.wallTour({ wall: 'wall-6', tourId: 'night-round', action: 'start' });
  await consolePage.open(host.urlFor('desk'));
  const desk = WallPage.atDesk(page);
  await desk.show('wall-6');
  // Step 1 of the demo tour is the "entrances" group: it fills the wall.
  await expect(desk.tile(0)).toHaveAttribute('data-camera', entrances[0] ?? '');
  await expect(desk.tourStatus()).toHaveAttribute('data-paused', 'false');
  await api.wallSpotlight({ wall: 'wall-6', camera: 'lobby', reason: 'alarm', alertId: 'A-tour-1' });
  await expect(desk.tourStatus()).toHaveAttribute('data-paused', 'true');
  await api.wallSpotlight({ wall: 'wall-6', camera: null, reason: 'operator' });
  await expect(desk.tourStatus()).toHaveAttribute('data-paused', 'false');
  await page.getByTestId('tour-stop').click();
  await expect(desk.tourStatus()).toHaveCount(0);
});
