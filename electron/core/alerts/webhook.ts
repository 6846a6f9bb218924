import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { writeFileAtomic } from '../support/atomicFile';
import type { Log } from '../support/log';
import type { AlertIngest } from './alertIngest';

export const ALERT_WEBHOOK_PATH = '/api/alerts';
/** The largest body read; a bigger message is quarantined with the reason (and a cut of itself). */
const MAX_BODY_BYTES = 256 * 1024;

/** The webhook's bearer token: made once, kept in the data folder (mode 600), shown in the desk's settings. */
export function loadOrCreateWebhookToken(dataDir: string): string {
  const path = join(dataDir, 'alert-webhook-token');
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{32,}$/.test(token)) return token;
  }
  const token = randomBytes(24).toString('hex');
  writeFileAtomic(path, `${token}\n`);
  return token;
}

/** Where the webhook is served, kept beside its token so a local tool (`npm run demo:alarms`) finds it: host mode's own port or the desktop app's listener. */
const ENDPOINT_FILE = 'alert-webhook-url';

export function writeWebhookEndpoint(dataDir: string, url: string): void {
  writeFileAtomic(join(dataDir, ENDPOINT_FILE), `${url}\n`, 'the alert webhook address');
}

/** The address the console last served its webhook on, if it ever did. */
export function readWebhookEndpoint(dataDir: string): string | undefined {
  const path = join(dataDir, ENDPOINT_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * POST /api/alerts for local integrations: `Authorization: Bearer <token>`,
 * a JSON alert as the body. 202 with the alert id when journaled (or absorbed
 * as a duplicate), 400 with the reason when quarantined, 401 without the
 * token, 503 when the journal cannot store it (the caller should retry).
 * Requests from web pages (any Origin header) are refused: only local
 * programs post here.
 */
export async function handleAlertWebhook(req: IncomingMessage, res: ServerResponse, deps: { ingest: AlertIngest | undefined; token: string; log: Log }): Promise<void> {
  if (!deps.ingest) return send(res, 404, { error: 'the alert webhook is not enabled in this site file (alerts.webhook.enabled)' });
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return send(res, 405, { error: 'method not allowed: POST an alert' });
  }
  if (req.headers.origin !== undefined) return send(res, 403, { error: 'requests from web pages are refused' });
  if (!sameToken(deps.token, bearer(req))) return send(res, 401, { error: 'missing or wrong bearer token' });
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
    else tooBig = true;
  }
  const body = Buffer.concat(chunks).toString('utf8');
  try {
    const result = tooBig
      ? await deps.ingest.quarantine('webhook', `message: ${size} bytes, larger than the ${MAX_BODY_BYTES} allowed`, body)
      : await deps.ingest.submit(body, 'webhook');
    if (result.status === 'quarantined') return send(res, 400, { status: 'quarantined', reason: result.reason });
    if (result.status === 'conflict') return send(res, 202, { status: 'conflict', alertId: result.alertId, conflictOf: result.conflictOf });
    return send(res, 202, { status: result.status, alertId: result.alertId });
  } catch (err) {
    deps.log.error('webhook alert not journaled', { error: String(err) });
    return send(res, 503, { error: `not stored, try again: ${err instanceof Error ? err.message : String(err)}` });
  }
}
