import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SiteFileSchema } from '../../../shared/site/schema';
import { createAssetRouter } from '../../../electron/core/http/assets';
import { buildCsp } from '../../../electron/core/http/csp';
import { resolveInside } from '../../../electron/core/http/safePath';
import { CameraSimulator } from '../../../electron/core/media/simulator';
import { createMemoryLog } from '../../../electron/core/support/log';
import { demoSiteDir, demoSiteFile, tempDir } from '../../support/paths';

const site = SiteFileSchema.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));

describe('traversal guard', () => {
  const root = tempDir('root');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'a.js'), 'x');
  const outside = tempDir('outside');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(outside, join(root, 'link'));

  it.each([
    ['../etc/passwd'],
    ['assets/../../x'],
    ['%2e%2e/%2e%2e/etc/passwd'],
    ['assets%2f..%2f..%2fx'],
    ['..%5c..%5cwindows'],
    ['a%00b'],
    ['C:%5Cwindows'],
    ['link/secret.txt'],
    ['%E0%A4%A'],
  ])('refuses %s', (path) => {
    expect(resolveInside(root, path)).toBeUndefined();
  });

  it('resolves ordinary paths inside the root', () => {
    expect(resolveInside(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    expect(resolveInside(root, 'assets//./a.js')).toBe(join(root, 'assets', 'a.js'));
  });
});

describe('asset router', () => {
  const rendererDir = tempDir('renderer');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const sim = new CameraSimulator(site.cameras, demoSiteDir, () => Date.now(), createMemoryLog(), () => undefined);
  const route = createAssetRouter({ rendererDir, siteDir: demoSiteDir, simulator: sim, csp: buildCsp(site) });

  it('serves the page with a CSP and security headers', () => {
    const res = route('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves plan images but never the site file itself', () => {
    expect(route('/site-assets/floors/f1.svg').status).toBe(200);
    expect(route('/site-assets/site.json').status).toBe(404);
    expect(route('/site-assets/../site.json').status).toBe(404);
  });

  it('serves simulated media and 404s unknown media paths', () => {
    expect(route('/media/lobby/sub/index.m3u8').status).toBe(200);
    expect(route('/media/lobby/sub/index.m3u8/extra').status).toBe(404);
    expect(route('/media/../../site.json').status).toBe(404);
  });

  it('refuses traversal out of the renderer folder', () => {
    expect(route('/..%2f..%2fetc%2fpasswd').status).toBe(403);
  });
});

describe('content security policy', () => {
  it('allows only the site origins it names for media and signaling', () => {
    const custom = {
      ...site,
      cameras: [{ ...site.cameras[0]!, streams: { main: { kind: 'hls' as const, url: 'http://10.1.2.3:8080/cam/main.m3u8' }, sub: site.cameras[0]!.streams.sub } }],
      sfus: [{ id: 'sfu-1', url: 'wss://sfu.site.local:4443/ws' }],
    };
    const csp = buildCsp(custom);
    expect(csp).toContain('media-src \'self\' blob: http://10.1.2.3:8080');
    expect(csp).toContain('connect-src \'self\' http://10.1.2.3:8080 wss://sfu.site.local:4443');
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
