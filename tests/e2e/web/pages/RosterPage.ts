import { expect, type Locator, type Page } from '@playwright/test';
import { DESK_ACCOUNT, openAs } from './SessionPage';

/** Page model of the desk's roster section (`#/desk/roster`): duty, checks, roll call, attempts, import. */
export class RosterPage {
  constructor(readonly page: Page) {}

  /** Opens the desk at `url`, signed in as `as` (DESK_ACCOUNT, a supervisor, by default; null: nobody). */
  async open(url: string, as: string | null = DESK_ACCOUNT): Promise<void> {
    await openAs(this.page, url, as);
    await expect(this.section()).toBeVisible();
  }

  section(): Locator {
    return this.page.getByTestId('roster-section');
  }

  rollcall(): Locator {
    return this.page.getByTestId('rollcall');
  }

  /** The roll call's list of people, one answer each. */
  answers(): Locator {
    return this.rollcall().locator('.roster__answers > li');
  }

  /** The roll call's line for one person. */
  answer(personId: string): Locator {
    return this.rollcall().locator(`.roster__answers > li[data-person="${personId}"]`);
  }

  /** The roll call's lines that have an answer. */
  answered(): Locator {
    return this.rollcall().locator('.roster__answers > li[data-answer]:not([data-answer=""])');
  }

  checkRow(checkId: string): Locator {
    return this.page.locator(`[data-testid="check-row"][data-check="${checkId}"]`);
  }

  escalation(checkId: string): Locator {
    return this.page.locator(`[data-testid="escalation"][data-check="${checkId}"]`);
  }

  attemptForm(): Locator {
    return this.page.getByTestId('attempt-form');
  }

  /** Logs a contact attempt to `personId` by the attempt form's keyboard shortcut (1 answered, …). */
  async logAttempt(personId: string, key: string): Promise<void> {
    await this.page.selectOption('select[name="to"]', personId);
    await this.attemptForm().locator('select[name="method"]').focus();
    await this.page.keyboard.press(key);
  }

  /** Chooses a CSV: its preview (or the problems) shows; nothing is applied yet. */
  async chooseCsv(file: string): Promise<void> {
    await this.page.getByTestId('roster-import').setInputFiles(file);
    await expect(this.page.getByTestId('import-preview').or(this.page.getByTestId('import-failed')).or(this.page.getByTestId('import-unreadable'))).toBeVisible();
  }

  /** Chooses a CSV and, when it previews cleanly, applies it. */
  async importCsv(file: string): Promise<void> {
    await this.chooseCsv(file);
    const apply = this.page.getByTestId('import-apply');
    if (await apply.isVisible()) await apply.click();
  }

  person(personId: string): Locator {
    return this.page.locator(`[data-testid="person"][data-person="${personId}"]`);
  }

  offline(): Locator {
    return this.page.getByTestId('roster-offline');
  }
}
