import { createServer, type Server } from 'node:http';
import type { Log } from '../support/log';
import type { AlertIngest } from './alertIngest';
import { ALERT_WEBHOOK_PATH, handleAlertWebhook } from './webhook';

/** The path of an origin-form request target; undefined for anything else (absolute-form, `*`, unparsable). */
function webhookPath(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/')) return undefined;
  try {
    return new URL(`http://127.0.0.1${target}`).pathname;
  } catch {
    return undefined;
  }
}

/**
 * The desktop app has no HTTP server of its own (its pages come over app://),
 * so local integrations reach the alert webhook on a loopback listener that
 * serves that one path and nothing else. Host mode serves the same handler on
 * its own server instead.
 */
export async function startWebhookListener(deps: { ingest: AlertIngest; token: string; port: number; log: Log }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const reply = (status: number, error: string): void => {
      if (res.headersSent) res.destroy();
      else res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify({ error }));
    };
    // Only origin-form targets: an absolute-form one (`http://a:b:c/…`) made `new URL` throw and the process exit.
    const path = webhookPath(req.url);
    if (path === undefined) return reply(400, 'the request target must be a path');
    if (path !== ALERT_WEBHOOK_PATH) return reply(404, `only ${ALERT_WEBHOOK_PATH} is served here`);
    handleAlertWebhook(req, res, { ingest: deps.ingest, token: deps.token, log: deps.log }).catch((err: unknown) => {
      deps.log.error('alert webhook request failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      reply(500, 'internal error');
    });
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
