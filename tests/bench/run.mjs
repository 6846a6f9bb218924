#!/usr/bin/env node
// `npm run bench [part ...]`: builds once, runs each benchmark part in its own
// process (so one part's heap does not colour another's), and prints one JSON
// document with every part's figures. Parts print their own JSON on stdout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const PARTS = {
  startup: 'tests/bench/startup.ts',
  journal: 'tests/bench/journal.ts',
  replay: 'tests/bench/replay.ts',
  site: 'tests/bench/site.ts',
  alerts: 'tests/bench/alerts.ts',
  heatmap: 'tests/bench/heatmap.ts',
  wall: 'tests/bench/wall.ts',
  sfu: 'tests/bench/sfu.ts',
  roster: 'tests/bench/roster.ts',
  trust: 'tests/bench/trust.ts',
  operators: 'tests/bench/operators.ts',
};

const requested = process.argv.slice(2);
const unknown = requested.filter((p) => !(p in PARTS));
if (unknown.length > 0) {
  console.error(`unknown bench part(s): ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
const parts = requested.length > 0 ? requested : Object.keys(PARTS);

const build = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(1);

const results = { machine: { node: process.version, platform: process.platform, cpus: (await import('node:os')).cpus().length }, parts: {} };
let failed = false;
for (const part of parts) {
  const file = join(root, PARTS[part]);
  if (!existsSync(file)) throw new Error(`${file} missing`);
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [file], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  try {
    results.parts[part] = JSON.parse(run.stdout);
  } catch {
    results.parts[part] = { error: `exit ${run.status}`, stdout: run.stdout.slice(-2000) };
    failed = true;
  }
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(failed ? 1 : 0);
