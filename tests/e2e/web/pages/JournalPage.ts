import { expect, type Locator, type Page } from '@playwright/test';
import { DESK_ACCOUNT, openAs, SessionPage } from './SessionPage';

/** Page model of the desk's journal section. */
export class JournalPage {
  constructor(readonly page: Page) {}

  /** Opens the desk at `url`, signed in as `as` (DESK_ACCOUNT, a supervisor, by default; null: nobody). */
  async open(url: string, as: string | null = DESK_ACCOUNT): Promise<void> {
    await openAs(this.page, url, as);
    await expect(this.panel()).toBeVisible();
  }

  panel(): Locator {
    return this.page.getByTestId('journal-panel');
  }

  rows(): Locator {
    return this.page.locator('[data-testid="journal-list"] li.entry');
  }

  row(seq: number): Locator {
    return this.page.locator(`[data-testid="journal-list"] li.entry[data-seq="${seq}"]`);
  }

  /** Puts `personId` at the keyboard through the sign-in UI (signing them in if they are not yet). */
  async signIn(personId: string): Promise<void> {
    await new SessionPage(this.page).beAtKeyboard(personId);
  }

  async writeNote(text: string, tags = ''): Promise<void> {
    await this.page.getByRole('tab', { name: /记事|Note/ }).click();
    await this.page.fill('textarea[name="text"]', text);
    if (tags) await this.page.fill('input[name="tags"]', tags);
    await this.page.getByTestId('composer-submit').click();
  }

  async search(text: string): Promise<void> {
    await this.page.fill('input[name="search"]', text);
    await this.page.press('input[name="search"]', 'Enter');
  }

  badge(): Locator {
    return this.page.getByTestId('integrity-badge').first();
  }
}
