import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportFatal, runHost } from './cli';

// Entry of `npm run serve`: host mode directly. Built to out/main/host.js, so
// the app root (with resources/ and out/renderer/) is two folders up.
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
runHost(process.argv.slice(2), appRoot).catch(reportFatal);
