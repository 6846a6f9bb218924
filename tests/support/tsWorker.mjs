// Runs a TypeScript worker entry under tsx, for tests that start workers from
// source (the app runs the built out/main/*.js instead). workerData.entry
// names the .ts file.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
