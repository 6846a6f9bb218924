#!/usr/bin/env node
// `npm test`: every suite, in order, then one line summing them all:
//   N passed, N failed[, N skipped]
// Type checking, lint and the build count as one test each. A suite that
// crashes before reporting counts as one failure. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'watchpost-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${[command.replace(root, ''), ...args].join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function check(label, command, args) {
  const { ok, seconds } = run(label, command, args);
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  return ok;
}

function suite(label, command, args, reportFile, read, env = {}) {
  const { ok, seconds } = run(label, command, args, env);
  let counts;
  try {
    counts = existsSync(reportFile) ? read(JSON.parse(readFileSync(reportFile, 'utf8'))) : undefined;
  } catch {
    counts = undefined;
  }
  if (!counts) counts = { passed: 0, failed: 1, skipped: 0 };
  if (!ok && counts.failed === 0) counts.failed = 1; // crashed after reporting, or a hook failed
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`);
}

check('typecheck', bin('tsc'), ['-b']);
check('lint', bin('eslint'), ['.']);
const built = check('build', bin('electron-vite'), ['build', '--logLevel', 'warn']);

const vitestReport = join(reports, 'vitest.json');
suite('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], vitestReport, (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
}));

const playwrightReport = join(reports, 'playwright.json');
if (built) {
  suite('e2e', bin('playwright'), ['test'], playwrightReport, (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }), { PW_JSON_OUTPUT: playwrightReport });
} else {
  totals.failed += 1;
  lines.push('e2e: not run, the build failed');
}

process.stdout.write(`\n${lines.join('\n')}\n`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(totals.failed > 0 ? 1 : 0);
