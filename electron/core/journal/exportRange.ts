import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { canonicalJson } from '../../../shared/journal/canonical';
import { rowToEntry, type JournalRow } from './chain';
import { AtomicFile, buildDirAtomic, writeFileAtomic } from '../support/atomicFile';

export interface ExportManifest {
  readonly format: 'watchpost-journal-export/1';
  readonly site: string;
  readonly console: string;
  readonly from: number;
  readonly to: number;
  readonly createdAt: number;
  readonly entries: number;
  readonly firstSeq: number | undefined;
  readonly lastSeq: number | undefined;
  /** prevHash of the first exported entry: anchors the range in the full chain. */
  readonly anchorHash: string | undefined;
  /** hash of the last exported entry. */
  readonly headHash: string | undefined;
  /** SHA-256 of entries.jsonl as written. */
  readonly fileSha256: string;
  readonly file: string;
}

/**
 * Writes the entries recorded in [from, to) as JSON Lines (one canonical
 * entry per line, in sequence order) and a manifest with the file's SHA-256
 * and the chain hashes at both ends, so the range can be checked on its own
 * and against the full journal. Pages through the file: memory stays flat.
 */
export function exportRange(
  pageAfter: (afterSeq: number, limit: number) => JournalRow[],
  options: { from: number; to: number; dir: string; site: string; console: string; now: number },
): ExportManifest {
  // Built in a temp folder renamed into place when complete: a full disk leaves no partial export (support/atomicFile.ts).
  return buildDirAtomic(options.dir, 'the journal export', (dir) => {
    const entries = new AtomicFile(join(dir, 'entries.jsonl'), 'the journal export');
    const hash = createHash('sha256');
    let count = 0;
    let first: JournalRow | undefined;
    let last: JournalRow | undefined;
    try {
      let after = 0;
      for (;;) {
        const rows = pageAfter(after, 5000);
        if (rows.length === 0) break;
        const lines: string[] = [];
        for (const row of rows) {
          after = row.seq;
          if (row.occurred_at < options.from || row.occurred_at >= options.to) continue;
          first ??= row;
          last = row;
          count += 1;
          lines.push(canonicalJson(rowToEntry(row)));
        }
        if (lines.length > 0) {
          const chunk = `${lines.join('\n')}\n`;
          hash.update(chunk, 'utf8');
          entries.write(chunk);
        }
      }
      entries.commit();
    } catch (err) {
      entries.abort();
      throw err;
    }
    const manifest: ExportManifest = {
      format: 'watchpost-journal-export/1',
      site: options.site,
      console: options.console,
      from: options.from,
      to: options.to,
      createdAt: options.now,
      entries: count,
      firstSeq: first?.seq,
      lastSeq: last?.seq,
      anchorHash: first?.prev_hash,
      headHash: last?.hash,
      fileSha256: hash.digest('hex'),
      file: 'entries.jsonl',
    };
    writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'the journal export');
    return manifest;
  });
}
