import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { loadOrCreateIdentity } from '../../../electron/core/identity';
import { parseConsoleArgs } from '../../../electron/core/options';
import { defaultDataDir } from '../../../electron/core/paths';
import { SettingsStore } from '../../../electron/core/settings';
import { createMemoryLog } from '../../../electron/core/support/log';
import { tempDir } from '../../support/paths';

describe('settings store', () => {
  it('starts from defaults, persists changes atomically, and reads them back', () => {
    const dir = tempDir('settings');
    const store = new SettingsStore(dir, createMemoryLog(), () => 1);
    expect(store.get().locale).toBe('zh-CN');
    store.update({ locale: 'en' });
    expect(new SettingsStore(dir, createMemoryLog(), () => 2).get().locale).toBe('en');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a damaged settings file aside and starts with defaults', () => {
    const dir = tempDir('settings');
    writeFileSync(join(dir, 'settings.json'), '{"locale": "klingon"');
    const log = createMemoryLog();
    const store = new SettingsStore(dir, log, () => 42);
    expect(store.get().locale).toBe('zh-CN');
    expect(readFileSync(join(dir, 'settings.json.bad-42'), 'utf8')).toBe('{"locale": "klingon"');
    expect(log.records.some((r) => r.level === 'warn')).toBe(true);
  });
});

describe('console identity', () => {
  it('is created once and stays the same', () => {
    const dir = tempDir('id');
    const a = loadOrCreateIdentity(dir, () => 0);
    expect(a.consoleId).toMatch(/^c-[a-z0-9]{12}$/);
    expect(loadOrCreateIdentity(dir, () => 1)).toEqual(a);
  });

  it('refuses to invent a new id over a damaged file', () => {
    const dir = tempDir('id');
    writeFileSync(join(dir, 'console.json'), 'garbage');
    expect(() => loadOrCreateIdentity(dir, () => 0)).toThrow(ConsoleError);
    expect(readFileSync(join(dir, 'console.json'), 'utf8')).toBe('garbage');
  });
});

describe('command line', () => {
  const demo = '/app/resources/demo-site/site.json';

  it('defaults to the desk station on the demo site in the OS app-data folder', () => {
    const o = parseConsoleArgs([], { HOME: '/home/duty' }, demo);
    expect(o).toMatchObject({ station: 'desk', siteFile: demo, port: 0, wallWindow: false });
    expect(o.dataDir).toBe(defaultDataDir({ HOME: '/home/duty' }));
  });

  it('reads stations, site, data folder and port from flags and environment', () => {
    const o = parseConsoleArgs(['--station=wall', '--data-dir', '/d', '--wall-displays', '0,1'], { WATCHPOST_SITE: '/s/site.json', WATCHPOST_PORT: '8123' }, demo);
    expect(o).toMatchObject({ station: 'wall', siteFile: '/s/site.json', dataDir: '/d', port: 8123, wallDisplays: [0, 1] });
  });

  it.each([
    [['--station', 'kitchen'], '--station must be desk, wall or replay'],
    [['--port', '99999'], '--port must be a port number'],
    [['--site'], '--site needs a value'],
    [['--wall-displays', 'left'], '--wall-displays takes display indexes'],
    [['--frobnicate'], 'unknown argument "--frobnicate"'],
  ])('refuses %j', (args, message) => {
    expect(() => parseConsoleArgs(args, {}, demo)).toThrow(message);
  });

  it('uses the platform app-data location', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\d\\AppData\\Roaming' }, 'win32')).toContain('Watchpost');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Watchpost');
    expect(existsSync('/x/Watchpost')).toBe(false);
  });
});
