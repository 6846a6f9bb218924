/**
 * Switches that open the console's processes to a debugger: anyone on the
 * machine (or, with an address, the network) could then drive the wall's
 * renderer or run code in the main process. Packaged builds also turn the
 * Node ones off with fuses (electron-builder.yml `electronFuses`); this check
 * covers a development binary and the Chromium ones fuses do not reach.
 * Pure (no `electron` import), so it is unit-tested under Node.
 */
export const DEBUG_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-wait',
  'inspect-brk-node',
  'inspect-publish-uid',
] as const;

/** Node options that start an inspector when set in NODE_OPTIONS. */
const INSPECT_IN_NODE_OPTIONS = /(^|\s)--inspect(-brk|-wait|-port|-publish-uid)?(=|\s|$)/;

/**
 * The debug switches a launch carries: on the command line (`--name`,
 * `--name=value`, also after `--`), as Chromium parsed them
 * (`hasSwitch`: `app.commandLine.hasSwitch`), or in NODE_OPTIONS. Empty when
 * none.
 */
export function debugSwitchesIn(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, hasSwitch: (name: string) => boolean = () => false): string[] {
  const found = new Set<string>();
  for (const arg of argv) {
    const m = /^--?([a-z-]+)(=.*)?$/.exec(arg);
    const name = m?.[1];
    if (name !== undefined && (DEBUG_SWITCHES as readonly string[]).includes(name)) found.add(`--${name}`);
  }
  for (const name of DEBUG_SWITCHES) if (hasSwitch(name)) found.add(`--${name}`);
  if (INSPECT_IN_NODE_OPTIONS.test(env.NODE_OPTIONS ?? '')) found.add('NODE_OPTIONS=--inspect');
  if (env.ELECTRON_RUN_AS_NODE !== undefined && env.ELECTRON_RUN_AS_NODE !== '') found.add('ELECTRON_RUN_AS_NODE');
  return [...found];
}

/**
 * Why this launch must not start, or undefined. A wall station runs
 * unattended in the control room: it refuses every debug switch. Desk and
 * replay stations allow them (a developer at a desk), with a warning logged.
 */
export function refuseDebugLaunch(station: string, found: readonly string[]): string | undefined {
  if (station !== 'wall' || found.length === 0) return undefined;
  return `a wall station does not start with debugging switches (${found.join(', ')}): they would let anyone on this machine control the wall. Start it without them.`;
}
