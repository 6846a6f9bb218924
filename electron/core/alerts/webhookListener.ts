import { createServer, type Server } from 'node:http';
import type { Log } from '../support/log';
import type { AlertIngest } from './alertIngest';
import { ALERT_WEBHOOK_PATH, handleAlertWebhook } from './webhook';

/**
 * The desktop app has no HTTP server of its own (its pages come over app://),
 * so local integrations reach the alert webhook on a loopback listener that
 * serves that one path and nothing else. Host mode serves the same handler on
 * its own server instead.
 */
export async function startWebhookListener(deps: { ingest: AlertIngest; token: string; port: number; log: Log }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== ALERT_WEBHOOK_PATH) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `only ${ALERT_WEBHOOK_PATH} is served here` }));
      return;
    }
    void handleAlertWebhook(req, res, { ingest: deps.ingest, token: deps.token, log: deps.log });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : deps.port;
  return {
    url: `http://127.0.0.1:${port}${ALERT_WEBHOOK_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
