import { resolve } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { verifyJournalFile } from './verify';

// `npm run journal -- verify <file>`: checks a journal file offline (it opens
// the file read-only) and names the first bad entry. Exit 0 when the chain and
// the file are sound, 1 when not, 2 on usage errors.

const USAGE = 'Usage: npm run journal -- verify <journal.sqlite> [--json]';

function main(argv: readonly string[]): number {
  const [command, file, ...rest] = argv;
  if (command !== 'verify' || !file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const json = rest.includes('--json');
  // npm runs scripts from the package root; resolve the path from where the user typed it.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  let report;
  try {
    report = verifyJournalFile(path, { quickCheck: true });
  } catch (err) {
    const message = err instanceof ConsoleError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`journal verify: cannot open ${path}: ${message}\n`);
    return 1;
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  }
  const lines = [
    `file:        ${report.file}`,
    `entries:     ${report.entries} (checkpoints: ${report.checkpoints})`,
    `verified to: #${report.verifiedTo}${report.lastGoodHash ? ` (hash ${report.lastGoodHash})` : ''}`,
    `sqlite:      ${report.quickCheck ?? 'not checked'}`,
  ];
  if (report.firstBad) {
    lines.push(`FIRST BAD ENTRY: #${report.firstBad.seq}${report.firstBad.id ? ` (${report.firstBad.id})` : ''}: ${report.firstBad.problem}`);
  }
  lines.push(report.ok ? 'result:      OK — the chain verifies' : 'result:      FAILED');
  process.stdout.write(`${lines.join('\n')}\n`);
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
