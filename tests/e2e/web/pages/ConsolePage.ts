import { expect, type Locator, type Page } from '@playwright/test';
import { DESK_ACCOUNT, openAs } from './SessionPage';

/** What a tile's <video> reports: media time, frames decoded. */
export interface TileProgress {
  readonly camera: string;
  readonly state: string;
  readonly currentTime: number;
  readonly frames: number;
}

/** Page model shared by the desk and wall views. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  /** Opens `url`; a desk or replay route signed in as `as` (DESK_ACCOUNT by default; null: nobody), a wall route as a display. */
  async open(url: string, as: string | null = DESK_ACCOUNT): Promise<void> {
    await openAs(this.page, url, as);
  }

  /** The camera's tile in the wall grid (a spotlight of the same camera, if any, is a second tile). */
  tile(cameraId: string): Locator {
    return this.page.locator(`.tile[data-tile][data-camera="${cameraId}"]`);
  }

  tiles(): Locator {
    return this.page.locator('.tile[data-camera]');
  }

  async progress(): Promise<TileProgress[]> {
    return this.page.$$eval('.tile[data-camera]', (tiles) =>
      tiles.map((tile) => {
        const video = tile.querySelector('video');
        const quality = video?.getVideoPlaybackQuality();
        return {
          camera: tile.getAttribute('data-camera') ?? '',
          state: tile.getAttribute('data-state') ?? '',
          currentTime: video?.currentTime ?? 0,
          frames: quality?.totalVideoFrames ?? 0,
        };
      }),
    );
  }

  /** Waits until `count` tiles say they play, then proves it: media time and decoded frames advance. */
  async expectTilesReallyPlaying(count: number, except: readonly string[] = []): Promise<void> {
    await expect
      .poll(async () => (await this.progress()).filter((p) => p.state === 'playing' && !except.includes(p.camera)).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(count);
    const before = await this.progress();
    await this.page.waitForTimeout(2000);
    const after = await this.progress();
    const advancing = after.filter((a) => {
      const b = before.find((x) => x.camera === a.camera);
      return b !== undefined && !except.includes(a.camera) && a.currentTime > b.currentTime + 0.5 && a.frames > b.frames + 10;
    });
    expect(advancing.map((a) => a.camera).length, `tiles advancing: ${JSON.stringify(after)}`).toBeGreaterThanOrEqual(count);
  }
}
