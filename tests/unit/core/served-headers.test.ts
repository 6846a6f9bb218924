import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssetRouter } from '../../../electron/core/http/assets';
import { buildCsp } from '../../../electron/core/http/csp';
import { CameraSimulator } from '../../../electron/core/media/simulator';
import { createMemoryLog } from '../../../electron/core/support/log';
import { SiteFileSchema } from '../../../shared/site/schema';
import { readFileSync } from 'node:fs';
import { demoSiteDir, demoSiteFile, tempDir } from '../../support/paths';

const site = SiteFileSchema.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));

/** The directives of a CSP header, by name. */
function directives(csp: string | undefined): Map<string, string> {
  return new Map((csp ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0] ?? '', d.split(/\s+/).slice(1).join(' ')]));
}

describe('headers of served site assets, snapshots and reports (host mode and app:// share this router)', () => {
  const rendererDir = tempDir('renderer');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const dataDir = tempDir('data');
  mkdirSync(join(dataDir, 'reports'), { recursive: true });
  mkdirSync(join(dataDir, 'snapshots'), { recursive: true });
  mkdirSync(join(dataDir, 'exports', 'x'), { recursive: true });
  writeFileSync(join(dataDir, 'reports', 'r.html'), '<!doctype html><p>report</p>');
  writeFileSync(join(dataDir, 'snapshots', 's.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  writeFileSync(join(dataDir, 'exports', 'x', 'entries.jsonl'), '{}\n');
  const sim = new CameraSimulator(site.cameras, demoSiteDir, () => Date.now(), createMemoryLog(), () => undefined);
  const route = createAssetRouter({ rendererDir, siteDir: demoSiteDir, simulator: sim, csp: buildCsp(site), dataDir });

  it.each(['/site-assets/floors/f1.svg', '/snapshots/s.png'])('%s: no scripts, nothing from elsewhere, sandboxed, same-origin only, nosniff', (path) => {
    const res = route(path);
    expect(res.status).toBe(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('style-src')).toBe("'unsafe-inline'");
    expect(csp.has('script-src')).toBe(false);
    expect(csp.get('sandbox')).toBe('');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/reports/r.html', '/exports/x/entries.jsonl'])('%s: no scripts, sandboxed (printable from the desk frame), same-origin only, nosniff', (path) => {
    const res = route(path);
    expect(res.status).toBe(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.has('script-src')).toBe(false);
    expect(csp.get('sandbox')).toBe('allow-same-origin allow-modals');
    expect(csp.get('frame-ancestors')).toBe("'self'");
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("leaves the renderer's own page its own CSP (scripts from the app, no sandbox)", () => {
    const res = route('/');
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.has('sandbox')).toBe(false);
  });
});
