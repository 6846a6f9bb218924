import { test as base } from '@playwright/test';
import { startHost, type HostProcess } from '../../support/hostProcess';
import { ConsolePage } from './pages/ConsolePage';
import { SessionPage } from './pages/SessionPage';

/**
 * One host per worker on the demo site, shared by every spec the worker runs;
 * tests that need another site start their own. A test that changes what
 * the console keeps (its settings, such as the language) takes `ownHost`:
 * a host of its own on a fresh data folder, so no other spec sees the change.
 */
/**
 * Every host starts with the test accounts (tests/support/operators.ts);
 * `session` signs people in through the desk's own UI.
 */
export const test = base.extend<{ consolePage: ConsolePage; session: SessionPage; ownHost: HostProcess }, { host: HostProcess }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
    async ({}, use) => {
      const host = await startHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  ownHost: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
  },
  consolePage: async ({ page }, use) => {
    await use(new ConsolePage(page));
  },
  session: async ({ page }, use) => {
    await use(new SessionPage(page));
  },
});

export { expect } from '@playwright/test';
