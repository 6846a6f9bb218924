import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debugSwitchesIn, refuseDebugLaunch } from '../../../electron/main/debugSwitches';
import { repoRoot } from '../../support/paths';

describe('debug switches at launch', () => {
  it('finds them on the command line, as parsed by Chromium, and in NODE_OPTIONS', () => {
    expect(debugSwitchesIn(['/opt/watchpost', '--station', 'wall'], {})).toEqual([]);
    expect(debugSwitchesIn(['/opt/watchpost', '--remote-debugging-port=9222', '--inspect', '--inspect-brk=0.0.0.0:9229'], {})).toEqual([
      '--remote-debugging-port',
      '--inspect',
      '--inspect-brk',
    ]);
    expect(debugSwitchesIn(['x'], {}, (name) => name === 'remote-debugging-pipe')).toEqual(['--remote-debugging-pipe']);
    expect(debugSwitchesIn(['x'], { NODE_OPTIONS: '--max-old-space-size=4096 --inspect=9229' })).toEqual(['NODE_OPTIONS=--inspect']);
    expect(debugSwitchesIn(['x'], { NODE_OPTIONS: '--max-old-space-size=4096' })).toEqual([]);
    expect(debugSwitchesIn(['x'], { ELECTRON_RUN_AS_NODE: '1' })).toEqual(['ELECTRON_RUN_AS_NODE']);
    // A value that merely mentions a switch is not one.
    expect(debugSwitchesIn(['--site', '--inspect.json'], {})).toEqual([]);
  });

  it('a wall station refuses to start with any of them, naming them; desk and replay do not', () => {
    expect(refuseDebugLaunch('wall', [])).toBeUndefined();
    expect(refuseDebugLaunch('wall', ['--remote-debugging-port', '--inspect'])).toBe(
      'a wall station does not start with debugging switches (--remote-debugging-port, --inspect): they would let anyone on this machine control the wall. Start it without them.',
    );
    expect(refuseDebugLaunch('desk', ['--inspect'])).toBeUndefined();
    expect(refuseDebugLaunch('replay', ['--inspect'])).toBeUndefined();
  });
});

describe('packaging fuses (electron-builder.yml)', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect, and loads only a checked app.asar', () => {
    const yml = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?: {2}.*\n)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries([...block.matchAll(/^ {2}(\w+): (true|false)\b/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    // Integrity validation needs the asar and its embedded hash.
    expect(yml).not.toMatch(/^asar: false/m);
    expect(yml).not.toMatch(/disableIntegrity: true/);
  });
});
