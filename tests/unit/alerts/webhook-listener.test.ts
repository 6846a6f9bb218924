import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { alertById } from '../../../shared/state/alertsDomain';
import { freePort } from '../../support/natsServer';
import { startConsole } from '../../support/siteConsoles';
import { copyDemoSite } from '../../support/siteCopy';
import { consoleWithWebhook } from './alertRig';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("the desktop app's loopback alert webhook", () => {
  it('takes alerts on 127.0.0.1 with the token, serves nothing else, and survives a busy port', async () => {
    const { core, port } = await consoleWithWebhook(cleanups);
    const url = core.alerts.webhookUrl;
    expect(url).toBe(`http://127.0.0.1:${port}/api/alerts`);
    const token = core.alerts.webhookToken;
    const post = (body: unknown, auth = `Bearer ${token}`) =>
      fetch(url ?? '', { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ id: 'desk-hook-1', type: 'fire', zone: 'lobby', occurredAt: Date.now() })).status).toBe(202);
    expect((await post({ id: 'desk-hook-2', type: 'fire', zone: 'lobby', occurredAt: Date.now() }, 'Bearer wrong')).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect(alertById(core.state.current().alerts, 'desk-hook-1')?.source).toBe('webhook');
    expect((await core.handlers.webhookInfo()).url).toBe(url);

    // A second console on the same port cannot listen: it says so and keeps running.
    const blocker = createServer();
    const busy = await freePort();
    await new Promise<void>((r) => blocker.listen(busy, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const other = await startConsole(copyDemoSite((s) => {
      s.alerts = { webhook: { enabled: true, port: busy } };
    }));
    cleanups.push(() => other.close());
    await other.alerts.listenForWebhook();
    expect(other.alerts.webhookUrl).toBeUndefined();
    expect((await other.handlers.webhookInfo()).url).toBeUndefined();
  });
});
