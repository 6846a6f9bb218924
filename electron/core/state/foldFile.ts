import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { FOLD_VERSION, initialSiteState, type SiteState } from '../../../shared/state';
import { writeFileAtomic } from '../support/atomicFile';
import type { Log } from '../support/log';
import { mkdirPrivate } from '../support/privateFiles';

/** A fold of the site state saved at a point in merge order, with the last entry folded from each console. */
export interface SavedFold {
  readonly point: { readonly hlc: string; readonly console: string };
  readonly heads: Readonly<Record<string, { readonly seq: number; readonly hash: string }>>;
  readonly state: SiteState;
}

const FileSchema = z.object({
  format: z.literal(1),
  fold: z.number(),
  version: z.string(),
  site: z.string(),
  includeOwn: z.boolean(),
  point: z.object({ hlc: z.string().min(1), console: z.string().min(1) }),
  heads: z.record(z.string(), z.object({ seq: z.number().int().positive(), hash: z.string().length(64) })),
  state: z.record(z.string(), z.unknown()),
});

/**
 * The site state saved beside the journal so a console with a long journal
 * starts in a second, not after folding a million entries. It is only ever
 * a shortcut: the journal stays the record. A file from another build,
 * another fold, another site, or that the journal no longer agrees with
 * (checked by the caller) is ignored and the journal is folded in full.
 */
export class FoldFile {
  constructor(
    private readonly file: string,
    private readonly id: { readonly site: string; readonly includeOwn: boolean; readonly version: string },
    private readonly log: Log,
  ) {}

  /** The saved fold, or why there is none to use. */
  read(): SavedFold | { readonly unusable: string } {
    if (!existsSync(this.file)) return { unusable: 'none saved' };
    let parsed: z.infer<typeof FileSchema>;
    try {
      parsed = FileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (err) {
      return { unusable: `unreadable: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}` };
    }
    if (parsed.fold !== FOLD_VERSION || parsed.version !== this.id.version) return { unusable: `saved by another build (fold ${parsed.fold}, ${parsed.version})` };
    if (parsed.site !== this.id.site || parsed.includeOwn !== this.id.includeOwn) return { unusable: 'saved for another site' };
    const expected = Object.keys(initialSiteState()).sort().join(',');
    if (Object.keys(parsed.state).sort().join(',') !== expected) return { unusable: 'its state has other parts than this build folds' };
    return { point: parsed.point, heads: parsed.heads, state: parsed.state as unknown as SiteState };
  }

  write(fold: SavedFold): void {
    const started = performance.now();
    try {
      mkdirPrivate(dirname(this.file));
      const text = JSON.stringify({ format: 1, fold: FOLD_VERSION, ...this.id, point: fold.point, heads: fold.heads, state: fold.state });
      writeFileAtomic(this.file, text);
      this.log.debug('site state saved', { bytes: text.length, ms: Math.round(performance.now() - started) });
    } catch (err) {
      // Only a shortcut is lost: the next start folds the journal in full.
      this.log.warn('could not save the site state', { file: this.file, error: String(err) });
    }
  }
}
