import type { SiteFile } from '../../../shared/site/schema';

/**
 * The Content-Security-Policy of the renderer. Scripts only from the app
 * itself; media, playlists and signaling only from the console and the
 * origins the site file names (its NVRs and SFUs).
 */
export function buildCsp(site: SiteFile, extraConnect: readonly string[] = []): string {
  const mediaOrigins = new Set<string>();
  const connectOrigins = new Set<string>(extraConnect);
  for (const camera of site.cameras) {
    for (const stream of [camera.streams.main, camera.streams.sub]) {
      if (stream.kind === 'hls') {
        const origin = new URL(stream.url).origin;
        mediaOrigins.add(origin);
        connectOrigins.add(origin);
      }
    }
  }
  for (const sfu of site.sfus) connectOrigins.add(new URL(sfu.url).origin.replace(/^http/, 'ws'));
  const media = ["'self'", 'blob:', ...mediaOrigins].join(' ');
  const connect = ["'self'", ...connectOrigins].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    // React sets style attributes for layout; no inline <style> or scripts are used.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `media-src ${media}`,
    `connect-src ${connect}`,
    // hls.js runs its transmuxer in a worker built from a blob URL.
    "worker-src 'self' blob:",
    // Generated reports are shown in a frame for printing.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
