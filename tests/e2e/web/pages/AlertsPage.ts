import { expect, type Locator, type Page } from '@playwright/test';
import { DESK_ACCOUNT, openAs } from './SessionPage';

/** Page model of the desk's alerts section (`#/desk/alerts`): queue, detail, quarantine, duty level. */
export class AlertsPage {
  constructor(readonly page: Page) {}

  /** Opens the desk at `url`, signed in as `as` (DESK_ACCOUNT, a supervisor, by default; null: nobody). */
  async open(url: string, as: string | null = DESK_ACCOUNT): Promise<void> {
    await openAs(this.page, url, as);
    await expect(this.section()).toBeVisible();
  }

  section(): Locator {
    return this.page.getByTestId('alerts-section');
  }

  queue(): Locator {
    return this.page.getByTestId('alert-queue');
  }

  /** The queue's rows, in the order shown (severity, then age). */
  rows(): Locator {
    return this.queue().locator('tbody tr');
  }

  row(alertId: string): Locator {
    return this.queue().locator(`tr[data-alert="${alertId}"]`);
  }

  openCount(): Locator {
    return this.page.getByTestId('alert-open-count');
  }

  detail(): Locator {
    return this.page.getByTestId('alert-detail');
  }

  history(): Locator {
    return this.detail().getByTestId('alert-history');
  }

  quarantine(): Locator {
    return this.page.getByTestId('quarantine-list');
  }

  dutyLevel(): Locator {
    return this.page.getByTestId('duty-level');
  }

  /** A handling key (A acknowledge, N note, R resolve, arrows to select) pressed with the section focused. */
  async press(key: string): Promise<void> {
    await this.section().focus();
    await this.page.keyboard.press(key);
  }

  /** Closes the selected (acknowledged) alarm through the desk's form: R or F, a closure code, the comment it may need. */
  async closeSelected(code: string, comment = '', key: 'r' | 'f' = 'r'): Promise<void> {
    await this.press(key);
    const form = this.page.getByTestId('alert-close');
    await form.locator(`input[value="${code}"]`).check();
    if (comment) await form.locator('textarea[name="closure-note"]').fill(comment);
    await form.locator('button[type="submit"]').click();
    await expect(form).toHaveCount(0);
  }

  async setDutyLevel(level: 1 | 2 | 3, reason: string): Promise<void> {
    await this.dutyLevel().locator('select').selectOption(String(level));
    await this.page.fill('input[name="duty-reason"]', reason);
    await this.page.keyboard.press('Enter');
  }
}
