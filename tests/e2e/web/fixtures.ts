import { test as base } from '@playwright/test';
import { startHost, type HostProcess } from '../../support/hostProcess';
import { ConsolePage } from './pages/ConsolePage';

/** One host per worker on the demo site; tests that need another site start their own. */
export const test = base.extend<{ consolePage: ConsolePage }, { host: HostProcess }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
    async ({}, use) => {
      const host = await startHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  consolePage: async ({ page }, use) => {
    await use(new ConsolePage(page));
  },
});

export { expect } from '@playwright/test';
