import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page model of a camera wall: the desk's wall (`desk-wall`, with its
 * controls) or a wall screen (`#/wall/<n>`, `wall-view`). Both show the same
 * stage: a grid of tiles and, above it, the spotlight.
 */
export class WallPage {
  private constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  /** The wall at the desk, with its address, layout and tour controls. */
  static atDesk(page: Page): WallPage {
    return new WallPage(page, page.getByTestId('desk-wall'));
  }

  /** A wall screen (`#/wall/<n>`): no controls. */
  static screen(page: Page): WallPage {
    return new WallPage(page, page.getByTestId('wall-view'));
  }

  grid(): Locator {
    return this.root.getByTestId('wall-grid');
  }

  /** Grid tile `n` (0-based), never the spotlight. */
  tile(n: number): Locator {
    return this.grid().locator(`.tile[data-tile="${n}"]`);
  }

  /** The grid tile showing `cameraId`. */
  tileOf(cameraId: string): Locator {
    return this.grid().locator(`.tile[data-tile][data-camera="${cameraId}"]`);
  }

  spotlight(): Locator {
    return this.root.getByTestId('wall-spotlight');
  }

  async expectTiles(count: number): Promise<void> {
    await expect(this.grid()).toHaveAttribute('data-tiles', String(count));
  }

  /** Desk only: which wall the desk shows and drives. */
  async show(wallId: string): Promise<void> {
    await this.page.getByTestId('wall-address').selectOption(wallId);
    await expect(this.root).toHaveAttribute('data-wall', wallId);
  }

  /** Desk only: the layout buttons (1, 4, 9, 16, 25). */
  async setLayout(tiles: number): Promise<void> {
    await this.page.locator(`[data-layout="${tiles}"]`).click();
  }

  /** Desk only: the running tour's status (absent when no tour runs). */
  tourStatus(): Locator {
    return this.page.getByTestId('tour-status');
  }
}
