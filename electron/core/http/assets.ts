import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { HttpResult } from '../media/liveHls';
import type { CameraSimulator } from '../media/simulator';
import { regularFileInside, resolveInside } from './safePath';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
};

/**
 * Generated documents (reports, exports) run no scripts at all and load
 * nothing from elsewhere. Sandboxed, but keeping their origin and modals: the
 * desk shows a report in a frame and prints it (`contentWindow.print()` needs
 * the same origin, and print() in a sandbox needs allow-modals). No allow-scripts.
 */
const DOCUMENT_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox allow-same-origin allow-modals";

/**
 * Plan images and wall snapshots: an SVG opened on its own is a document, so
 * it gets no scripts, no requests elsewhere and a sandbox (an opaque origin),
 * whatever the file holds (imports are sanitised too: site/svgSanitize.ts).
 */
const IMAGE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** Site files served to the renderer: plan images only, never the site file or credentials. */
const SITE_ASSET_TYPES = new Set(['.svg', '.png', '.jpg', '.jpeg', '.webp']);

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
} as const;

export interface AssetRouterOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** The folder of the site file. */
  readonly siteDir: string;
  readonly simulator: CameraSimulator;
  readonly csp: string;
  /** The console's data folder: `reports/` and `exports/` under it are served read-only. */
  readonly dataDir?: string;
}

export type AssetRouter = (pathname: string) => HttpResult;

/**
 * Answers every GET the renderer makes of the console itself, for both shells:
 * electron/host wraps it in an HTTP server, electron/main in the app://
 * protocol. Routes: renderer files, `site-assets/…` (plan images),
 * `media/<camera>/<stream>/…` (simulated live HLS), and from the data
 * folder `reports/…` and `exports/…` (generated documents, no scripts).
 */
export function createAssetRouter(options: AssetRouterOptions): AssetRouter {
  return (pathname) => {
    const path = pathname.replace(/^\/+/, '');
    if (path.startsWith('media/')) {
      const [, camera = '', stream = '', file = '', ...rest] = path.split('/');
      const result = rest.length === 0 ? options.simulator.handle(camera, stream, file) : undefined;
      return withSecurity(result ?? notFound());
    }
    if (path.startsWith('site-assets/')) {
      const rel = path.slice('site-assets/'.length);
      if (!SITE_ASSET_TYPES.has(extname(rel).toLowerCase())) return withSecurity(notFound());
      return withSecurity(served(serveFile(options.siteDir, rel, 'max-age=60'), IMAGE_CSP));
    }
    if (options.dataDir && (path.startsWith('reports/') || path.startsWith('exports/'))) {
      const doc = served(serveFile(options.dataDir, path, 'no-cache'), DOCUMENT_CSP);
      return withSecurity(path.startsWith('exports/') ? { ...doc, headers: { ...doc.headers, 'content-disposition': 'attachment' } } : doc);
    }
    // Wall snapshots (PNG only), linked from wall.snapshot entries.
    if (options.dataDir && path.startsWith('snapshots/')) {
      if (extname(path).toLowerCase() !== '.png') return withSecurity(notFound());
      return withSecurity(served(serveFile(options.dataDir, path, 'max-age=31536000, immutable'), IMAGE_CSP));
    }
    if (path === '' || path === 'index.html') {
      const page = serveFile(options.rendererDir, 'index.html', 'no-cache');
      return withSecurity(page.status === 200 ? { ...page, headers: { ...page.headers, 'content-security-policy': options.csp } } : page);
    }
    return withSecurity(serveFile(options.rendererDir, path, path.startsWith('assets/') ? 'max-age=31536000, immutable' : 'no-cache'));
  };
}

/** Regular files inside `root` only: a symlink anywhere below it is not found (see regularFileInside). */
function serveFile(root: string, rel: string, cacheControl: string): HttpResult {
  if (!resolveInside(root, rel)) return { status: 403, headers: { 'content-type': 'text/plain' }, body: 'forbidden path' };
  const file = regularFileInside(root, rel);
  if (!file) return notFound();
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a link swapped in after the check above is still refused.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    if (!fstatSync(fd).isFile()) return notFound();
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { 'content-type': type, 'cache-control': cacheControl }, body: new Uint8Array(readFileSync(fd)) };
  } catch {
    return notFound();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function notFound(): HttpResult {
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
}

/**
 * The headers of a file from the site or data folder: its own CSP, and only
 * the console's own pages may embed or fetch it (Cross-Origin-Resource-Policy).
 */
function served(result: HttpResult, csp: string): HttpResult {
  return { ...result, headers: { ...result.headers, 'content-security-policy': csp, 'cross-origin-resource-policy': 'same-origin' } };
}

function withSecurity(result: HttpResult): HttpResult {
  return { ...result, headers: { ...SECURITY_HEADERS, ...result.headers } };
}
