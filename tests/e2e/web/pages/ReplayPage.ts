import { expect, type Locator, type Page } from '@playwright/test';
import { DESK_ACCOUNT, openAs } from './SessionPage';

/** Page model of the replay station (`#/replay`): a source, the timeline and the panels as of its time. */
export class ReplayPage {
  constructor(readonly page: Page) {}

  /** Opens the replay view and the first source it offers (this console's journal). */
  async openFirstSource(url: string, as: string | null = DESK_ACCOUNT): Promise<void> {
    await openAs(this.page, url, as);
    await this.page.getByTestId('replay-sources').getByRole('button').first().click();
    await expect(this.timeline()).toBeVisible();
  }

  /** The timeline; `data-t` is the replayed time. */
  timeline(): Locator {
    return this.page.getByTestId('replay-timeline');
  }

  async time(): Promise<number> {
    return Number(await this.timeline().getAttribute('data-t'));
  }

  verified(): Locator {
    return this.page.getByTestId('replay-verified');
  }

  async nextAlert(): Promise<void> {
    await this.page.getByTestId('replay-next-alert').click();
  }

  scrubber(): Locator {
    return this.page.getByTestId('replay-scrubber');
  }

  /** Moves the scrubber to its start or its end; returns the value it was set to. */
  async scrubTo(end: 'min' | 'max'): Promise<number> {
    const value = Number(await this.scrubber().getAttribute(end));
    await this.scrubber().fill(String(value));
    return value;
  }

  /** The replayed journal, newest first. */
  entries(): Locator {
    return this.page.getByTestId('replay-journal').locator('li.entry');
  }

  /** The replayed alert queue. */
  alerts(): Locator {
    return this.page.getByTestId('replay-alerts').locator('li');
  }

  /** The drill banner as of the replayed time (absent when no drill ran then). */
  drillBanner(): Locator {
    return this.page.getByTestId('drill-banner');
  }

  async play(speed: number): Promise<void> {
    await this.page.selectOption('select[name="replaySpeed"]', String(speed));
    await this.page.getByTestId('replay-play').click();
  }
}
