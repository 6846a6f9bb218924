import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Station } from '../../shared/contract';
import { MAX_FRAME_BYTES } from '../../shared/contract/wire';
import type { ConsoleErrorData, ErrorCode } from '../../shared/errors';
import type { Core } from '../core';
import { ALERT_WEBHOOK_PATH, handleAlertWebhook } from '../core/alerts/webhook';
import { hostAllowed, originAllowed, requestUrl, sessionCookie, tokenFromRequest, tokenMatches } from './auth';
import { serveContractSocket } from './wsApi';

export const WS_PATH = '/api/ws';
const LOOPBACK = '127.0.0.1';

/** Every refusal is the contract's error shape, `{ error: { code, message } }`, as JSON. */
function errorBody(code: ErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } satisfies ConsoleErrorData });
}

const ERROR_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } as const;

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  const body = errorBody(code, message);
  res.writeHead(status, { ...ERROR_HEADERS, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** The same refusal written straight to a socket (upgrades and unparsable requests have no ServerResponse). */
function rawError(status: number, code: ErrorCode, message: string): string {
  const body = errorBody(code, message);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n` +
    `Content-Type: ${ERROR_HEADERS['content-type']}\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

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
  const dispatch = core.dispatcher();
  let sockets = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = options.port;

  const server: Server = createServer((req, res) => {
    const failed = (err: unknown): void => {
      core.log.error('host request failed', { method: req.method, url: req.url?.slice(0, 200), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
      else res.destroy();
    };
    try {
      handleHttp(req, res).catch(failed);
    } catch (err) {
      failed(err);
    }
  });

  // Requests Node cannot parse (broken request line, headers too large, truncated):
  // answered in the same error shape rather than Node's bare 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(rawError(status, 'invalid-argument', `malformed HTTP request (${err.code ?? 'unparsable'})`));
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) {
      return sendError(res, 421, 'unauthorized', `this console answers only as 127.0.0.1:${port}, localhost:${port} or [::1]:${port}`);
    }
    const url = requestUrl(req.url, port);
    if (!url) return sendError(res, 400, 'invalid-argument', 'the request target must be a path (origin-form)');
    // Local integrations post alerts with their own bearer token (not the page's access token).
    if (url.pathname === ALERT_WEBHOOK_PATH) {
      return handleAlertWebhook(req, res, { ingest: core.alerts.webhookEnabled ? core.alerts.ingest : undefined, token: core.alerts.webhookToken, log: core.log });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, 'invalid-argument', 'method not allowed', { allow: 'GET, HEAD' });
    }
    const token = tokenFromRequest(req, url, port);
    if (!tokenMatches(options.token, token)) {
      return sendError(res, 401, 'unauthorized', 'Missing or wrong access token. Open the URL the console printed when it started.');
    }
    const result = core.assets(url.pathname);
    const headers: Record<string, string> = { ...result.headers };
    if (url.searchParams.has('token')) headers['set-cookie'] = sessionCookie(port, options.token);
    res.writeHead(result.status, headers);
    res.end(req.method === 'HEAD' ? undefined : result.body);
  }

  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    // Node takes its own error listener off an upgraded socket: without ours a
    // client resetting mid-handshake would be an uncaught 'error' event.
    socket.on('error', (err) => core.log.debug('upgrade socket error', { error: err.message }));
    const refuse = (status: number, code: ErrorCode, message: string): void => {
      if (socket.writable) socket.end(rawError(status, code, message));
      else socket.destroy();
    };
    try {
      if (!hostAllowed(req.headers.host, port)) return refuse(421, 'unauthorized', 'wrong Host for this console');
      const url = requestUrl(req.url, port);
      if (!url) return refuse(400, 'invalid-argument', 'the request target must be a path (origin-form)');
      if (url.pathname !== WS_PATH) return refuse(404, 'not-found', `no WebSocket at ${url.pathname.slice(0, 100)}`);
      if (!originAllowed(req.headers.origin, port)) {
        core.log.warn('websocket refused: foreign origin', { origin: req.headers.origin?.slice(0, 200) });
        return refuse(403, 'unauthorized', 'foreign origin');
      }
      if (!tokenMatches(options.token, tokenFromRequest(req, url, port))) {
        core.log.warn('websocket refused: missing or wrong token');
        return refuse(401, 'unauthorized', 'missing or wrong access token');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const id = `ws:${++sockets}`;
        serveContractSocket(ws, dispatch, core.events, core.log, { id, end: () => void core.endConnection(id) });
      });
    } catch (err) {
      core.log.error('websocket upgrade failed', { url: req.url?.slice(0, 200), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      refuse(500, 'internal', 'internal error');
    }
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
