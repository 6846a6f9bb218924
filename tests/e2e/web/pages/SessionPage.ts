import { expect, type Locator, type Page } from '@playwright/test';
import { TEST_PASSWORD, TEST_PIN } from '../../../support/operators';

/** Who the page models sign in at the desk unless told otherwise: a supervisor, so four-eyes actions need no extra step. */
export const DESK_ACCOUNT = 'duty-liu';

/**
 * Opens `url` and, on a desk or replay route, signs `accountId` in through the
 * UI (each page is a connection of its own, so a session of its own). The
 * page models' `open` use it; null opens without signing in.
 */
export async function openAs(page: Page, url: string, accountId: string | null = DESK_ACCOUNT): Promise<void> {
  await page.goto(url);
  if (accountId === null || !/#\/(desk|replay)/.test(url)) return;
  // A new route in the same page keeps its session: someone may be signed in already.
  const session = new SessionPage(page);
  await expect(session.signInForm().or(session.strip())).toBeVisible();
  if (await session.strip().isVisible()) await session.beAtKeyboard(accountId);
  else await session.signIn(accountId);
}

/** Page model of sign-in, the session strip, the lock and the approval dialog (renderer/features/session). */
export class SessionPage {
  constructor(readonly page: Page) {}

  signInForm(): Locator {
    return this.page.getByTestId('sign-in-form');
  }

  strip(): Locator {
    return this.page.getByTestId('session-strip');
  }

  person(accountId: string): Locator {
    return this.strip().locator(`[data-testid="session-person"][data-account="${accountId}"]`);
  }

  lockOverlay(): Locator {
    return this.page.getByTestId('lock-overlay');
  }

  error(): Locator {
    return this.page.getByTestId('session-error');
  }

  /**
   * Signs `accountId` in through the visible sign-in form (the desk's, the
   * strip's "add person", or the lock's "someone else"). When the console asks
   * for a reason (outside the roster's shift), gives one. A pending handover
   * is accepted only when asked.
   */
  async signIn(accountId: string, options: { password?: string; reason?: string; handover?: boolean; expectOk?: boolean } = {}): Promise<void> {
    const form = this.signInForm();
    await expect(form).toBeVisible();
    await form.locator('select[name="account"]').selectOption(accountId);
    await form.locator('input[name="password"]').fill(options.password ?? TEST_PASSWORD);
    const handover = form.locator('input[name="handover"]');
    if (await handover.isVisible()) await handover.setChecked(options.handover ?? false);
    await form.getByTestId('sign-in-submit').click();
    if (options.expectOk === false) return;
    const reason = form.locator('input[name="reason"]');
    const signedIn = this.person(accountId);
    await expect(signedIn.or(reason)).toBeVisible();
    if (await reason.isVisible()) {
      await reason.fill(options.reason ?? 'e2e test');
      await form.getByTestId('sign-in-submit').click();
    }
    await expect(signedIn).toBeVisible();
  }

  /** Opens the desk at `url` and signs in (an operator by default). */
  async openSignedIn(url: string, accountId = 'op-he'): Promise<void> {
    await this.page.goto(url);
    await this.signIn(accountId);
  }

  /** Adds a second person at the desk (the strip's "add person"). */
  async addPerson(accountId: string, options: { handover?: boolean } = {}): Promise<void> {
    await this.strip().getByTestId('add-person').click();
    await this.signIn(accountId, options);
  }

  /** Makes `accountId` the one at the keyboard: already there, signed in as the second person, or signed in first. */
  async beAtKeyboard(accountId: string): Promise<void> {
    if (await this.person(accountId).isVisible()) {
      if ((await this.person(accountId).getAttribute('data-owner')) !== 'true') await this.takeKeyboard(accountId);
      return;
    }
    if (await this.strip().isVisible()) {
      // Two at the desk at most: the one not at the keyboard makes room.
      if ((await this.strip().getByTestId('session-person').count()) >= 2) await this.strip().locator('[data-owner="false"]').getByTestId('sign-out').click();
      await this.addPerson(accountId);
    } else {
      await this.signIn(accountId);
    }
  }

  /** Another signed-in person takes the keyboard with their PIN. */
  async takeKeyboard(accountId: string, pin = TEST_PIN): Promise<void> {
    await this.person(accountId).getByTestId('take-keyboard').click();
    await this.page.getByTestId('pin-form').locator('input[name="pin"]').fill(pin);
    await this.page.getByTestId('pin-submit').click();
    await expect(this.person(accountId)).toHaveAttribute('data-owner', 'true');
  }

  async lockNow(): Promise<void> {
    await this.strip().getByTestId('lock-now').click();
    await expect(this.lockOverlay()).toBeVisible();
  }

  async unlock(accountId?: string, pin = TEST_PIN): Promise<void> {
    const form = this.lockOverlay().getByTestId('pin-form');
    if (accountId) {
      const who = form.locator('select[name="pin-account"]');
      if (await who.isVisible()) await who.selectOption(accountId);
    }
    await form.locator('input[name="pin"]').fill(pin);
    await form.getByTestId('pin-submit').click();
  }

  /** A supervisor approves the pending four-eyes action with their PIN. */
  async approve(accountId: string, pin = TEST_PIN): Promise<void> {
    const dialog = this.page.getByTestId('approval-dialog');
    await expect(dialog).toBeVisible();
    await dialog.locator('select[name="approver"]').selectOption(accountId);
    await dialog.locator('input[name="approver-pin"]').fill(pin);
    await dialog.getByTestId('approve-submit').click();
    await expect(dialog).toBeHidden();
  }
}
