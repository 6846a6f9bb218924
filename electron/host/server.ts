import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { consoleContract, type Station } from '../../shared/contract';
import { createDispatcher } from '../../shared/contract/dispatch';
import { MAX_FRAME_BYTES } from '../../shared/contract/wire';
import type { Core } from '../core';
import { ALERT_WEBHOOK_PATH, handleAlertWebhook } from '../core/alerts/webhook';
import { cookieName, originAllowed, tokenFromRequest, tokenMatches } from './auth';
import { serveContractSocket } from './wsApi';

export const WS_PATH = '/api/ws';
const LOOPBACK = '127.0.0.1';

export interface HostServer {
  readonly port: number;
  /** The URL to open, token included, for the given station's route. */
  urlFor(station: Station): string;
  close(): Promise<void>;
}

/**
 * Host mode: the built renderer, site assets, simulated media and the
 * contract over WebSocket, on 127.0.0.1 only. Every request must carry the
 * run's access token (query, bearer header, or the cookie set when the page
 * is first opened with it).
 */
export async function startHostServer(core: Core, options: { port: number; token: string }): Promise<HostServer> {
  const dispatch = createDispatcher(consoleContract, core.handlers, core.log);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = options.port;

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      core.log.error('host request failed', { url: req.url, error: String(err) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    // Local integrations post alerts with their own bearer token (not the page's access token).
    if (url.pathname === ALERT_WEBHOOK_PATH) {
      return handleAlertWebhook(req, res, { ingest: core.alerts.webhookEnabled ? core.alerts.ingest : undefined, token: core.alerts.webhookToken, log: core.log });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      res.end('method not allowed');
      return;
    }
    const token = tokenFromRequest(req, url, port);
    if (!tokenMatches(options.token, token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Missing or wrong access token. Open the URL the console printed when it started.\n');
      return;
    }
    const result = core.assets(url.pathname);
    const headers: Record<string, string> = { ...result.headers };
    if (url.searchParams.has('token')) {
      headers['set-cookie'] = `${cookieName(port)}=${encodeURIComponent(options.token)}; Path=/; HttpOnly; SameSite=Strict`;
    }
    res.writeHead(result.status, headers);
    res.end(req.method === 'HEAD' ? undefined : result.body);
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WS_PATH) return refuse(404, 'Not Found');
    if (!originAllowed(req.headers.origin, port)) {
      core.log.warn('websocket refused: foreign origin', { origin: req.headers.origin });
      return refuse(403, 'Forbidden');
    }
    if (!tokenMatches(options.token, tokenFromRequest(req, url, port))) {
      core.log.warn('websocket refused: missing or wrong token');
      return refuse(401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveContractSocket(ws, dispatch, core.events, core.log));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  // Keep-alive well past hls.js's one-second playlist reloads.
  server.keepAliveTimeout = 65_000;

  return {
    port,
    urlFor: (station) => `http://${LOOPBACK}:${port}/?token=${encodeURIComponent(options.token)}#/${station}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
