import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConsoleError } from '../../shared/errors';
import { runDemoAlarms } from '../core/alerts/demoCli';

// Entry of `npm run demo:alarms`, built to out/main/demo-alarms.js: the app root (with resources/) is two folders up.
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
runDemoAlarms(process.argv.slice(2), process.env, join(appRoot, 'resources', 'demo-site', 'site.json'), (line) => process.stdout.write(`${line}\n`), {
  now: () => Date.now(),
  random: Math.random,
})
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`demo:alarms: ${err instanceof ConsoleError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof ConsoleError && err.code === 'invalid-argument' ? 2 : 1);
  });
