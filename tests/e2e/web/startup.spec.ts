import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { demoSiteDir, repoRoot, tempDir } from '../../support/paths';
import { expect, test } from './fixtures';

function runHostOnce(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'out', 'main', 'host.js'), '--port', '0', ...args], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { status: result.status, stderr: result.stderr };
}

test.describe('start-up and bad input', () => {
  test('a malformed site file is refused, naming the file, the field and why, and no data is written', async () => {
    const siteDir = join(tempDir('badsite'), 'site');
    cpSync(demoSiteDir, siteDir, { recursive: true, filter: (src) => !src.includes('clips') });
    const file = join(siteDir, 'site.json');
    const site = JSON.parse(readFileSync(file, 'utf8')) as { cameras: { streams: { sub: unknown } }[] };
    site.cameras[3]!.streams.sub = { kind: 'hls', url: 'not a url' };
    writeFileSync(file, JSON.stringify(site));
    const dataDir = join(tempDir('baddata'), 'never-created');

    const result = runHostOnce(['--site', file, '--data-dir', dataDir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('cameras[3].streams.sub.url');
    expect(result.stderr).toContain('must be an absolute URL');
    expect(existsSync(dataDir)).toBe(false);
  });

  test('a site file that is not JSON is refused with the line and column', async () => {
    const file = join(tempDir('badjson'), 'site.json');
    writeFileSync(file, '{\n  "format": "watchpost-site/1",\n  "id": oops\n}');
    const result = runHostOnce(['--site', file, '--data-dir', tempDir('d')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON: .*line 3/);
  });

  test('an unknown command-line flag is refused with the usage', async () => {
    const result = runHostOnce(['--statoin', 'wall']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown argument "--statoin"');
    expect(result.stderr).toContain('Usage:');
  });

  test('requests and WebSockets without the access token are refused; bad calls get typed errors', async ({ host, request }) => {
    expect((await request.get(`${host.origin}/`)).status()).toBe(401);
    expect((await request.get(`${host.origin}/media/lobby/sub/index.m3u8`)).status()).toBe(401);
    expect((await request.get(`${host.origin}/?token=wrong`)).status()).toBe(401);
    expect((await request.get(`${host.origin}/?token=${host.token}`)).status()).toBe(200);

    const WebSocket = (await import('ws')).default;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api/ws`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);

    const api = await host.signedIn();
    const error = await api.setLocale('fr' as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe('invalid-argument');
    expect((error as ConsoleError).issues[0]?.path).toBe('[0]');
    // Nothing else happened: the console still answers, settings unchanged.
    expect((await api.getBootstrap()).settings.locale).toBe('zh-CN');
    const notSimulated = await api.simulateSourceFault({ cameraId: 'no-such-camera', state: 'down' }).catch((e: unknown) => e);
    expect((notSimulated as ConsoleError).code).toBe('not-found');
  });
});
