import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportFatal, runHost } from './cli';
import { findElectronBinary } from './electronBinary';

/**
 * `npm start`: the desktop app when the Electron binary is installed, else
 * host mode in this process (an offline or air-gapped install, a build
 * machine), said in one line.
 */
// Built to out/main/start.js: the app root is two folders up.
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const binary = findElectronBinary();
if (binary) {
  const child = spawn(binary, [appRoot, ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
} else {
  process.stdout.write('Electron binary not installed here; starting host mode instead (open the URL below in a Chromium-based browser).\n');
  runHost(args, appRoot).catch(reportFatal);
}
