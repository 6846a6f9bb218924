import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { readIdentity } from '../identity';
import { keyFingerprint } from './signer';
import { verifyJournalFile } from './verify';

// `npm run journal -- verify <file>`: checks a journal file offline (it opens
// the file read-only) and names the first bad entry. Exit 0 when the chain and
// the file are sound, 1 when not, 2 on usage errors. Signatures are checked
// against the key pinned in the console's identity file (`--identity`, or the
// console.json of the data folder the file lies in), never only against the
// key the journal names itself.

const USAGE = 'Usage: npm run journal -- verify <journal.sqlite> [--identity <console.json>] [--json]';

/** The data folder's console.json: beside journal/ (journal/journal.sqlite) or two up (journal/segments/…). */
function findIdentity(file: string): string | undefined {
  for (let dir = dirname(file), i = 0; i < 3; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'console.json');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function main(argv: readonly string[]): number {
  const [command, file, ...rest] = argv;
  if (command !== 'verify' || !file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const json = rest.includes('--json');
  // npm runs scripts from the package root; resolve the path from where the user typed it.
  const base = process.env.INIT_CWD ?? process.cwd();
  const path = resolve(base, file);
  const at = rest.indexOf('--identity');
  if (at >= 0 && !rest[at + 1]) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const identityPath = at >= 0 ? resolve(base, rest[at + 1] ?? '') : findIdentity(path);
  let pinnedKey: string | undefined;
  let report;
  try {
    pinnedKey = identityPath ? readIdentity(identityPath)?.journalKey : undefined;
    if (at >= 0 && pinnedKey === undefined) throw new Error(`${identityPath ?? ''} pins no journal key`);
    report = verifyJournalFile(path, { quickCheck: true, ...(pinnedKey !== undefined ? { pinnedKey } : {}) });
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
    `key:         ${pinnedKey !== undefined ? `${keyFingerprint(pinnedKey)}, pinned in ${identityPath ?? ''}` : 'no identity file found: checked against the key the journal names (use --identity <console.json>)'}`,
  ];
  if (report.firstBad) {
    lines.push(`FIRST BAD ENTRY: #${report.firstBad.seq}${report.firstBad.id ? ` (${report.firstBad.id})` : ''}: ${report.firstBad.problem}`);
  }
  lines.push(report.ok ? 'result:      OK — the chain verifies' : 'result:      FAILED');
  process.stdout.write(`${lines.join('\n')}\n`);
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
