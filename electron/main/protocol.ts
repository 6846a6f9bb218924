import { protocol } from 'electron';
import type { AssetRouter } from '../core/http/assets';
import { APP_HOST, APP_SCHEME } from './origin';

/** Must run before app ready: app:// behaves like https (standard, secure, fetch, streaming for media). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/**
 * Serves app://console/… from the core's asset router, the same routes host
 * mode serves over HTTP (renderer, plan images, simulated media). The router
 * holds the traversal guard; other hosts under app:// get 404.
 */
export function serveAppProtocol(assets: AssetRouter): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') {
      return new Response('not found', { status: 404 });
    }
    const result = assets(url.pathname);
    const body = typeof result.body === 'string' ? result.body : Buffer.from(result.body);
    return new Response(body, { status: result.status, headers: result.headers });
  });
}
