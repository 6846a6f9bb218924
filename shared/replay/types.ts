import { z } from 'zod';
import type { JournalEntry } from '../journal/entry';
import type { SiteState } from '../state';
import type { DrillRun } from '../state/drillDomain';

/** What replay can open: this console's live journal, a journal file, or an exported bundle (entries.jsonl + manifest.json). */
export const ReplaySourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('live') }),
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
  z.strictObject({ kind: z.literal('bundle'), path: z.string().min(1).max(4096) }),
]);
export type ReplaySource = z.infer<typeof ReplaySourceSchema>;

export interface ReplaySourceInfo {
  readonly source: ReplaySource;
  readonly label: string;
  readonly bytes: number;
  readonly modifiedAt: number;
}

/** A journal entry on the replay timeline: its merge position and its time on the timeline (HLC wall clock). */
export type TimelineEntry = JournalEntry & { readonly index: number; readonly t: number };

export interface ReplayInfo {
  readonly replayId: string;
  readonly label: string;
  readonly entries: number;
  readonly consoles: readonly string[];
  /** Timeline bounds (ms since epoch). */
  readonly start: number;
  readonly end: number;
  /** Where alerts and drill injects happened, for "jump to next" and the timeline marks. */
  readonly marks: readonly { readonly index: number; readonly t: number; readonly kind: string }[];
  /** True when every entry checked out (hash chain for journal files; manifest and hashes for bundles). */
  readonly verified: boolean;
  readonly problem: string | undefined;
}

export interface ReplayFrame {
  readonly index: number;
  readonly t: number;
  readonly state: SiteState;
  /** The latest entries at or before t, newest first. */
  readonly recent: readonly TimelineEntry[];
}

/** One drill as recorded: what its after-action report is computed from. */
export interface DrillRecord {
  readonly run: DrillRun;
  /** DRILL entries from the run's start to its end, in merge order. */
  readonly entries: readonly JournalEntry[];
  readonly evaluations: readonly JournalEntry[];
  /** Observer notes whose observed time falls inside the run. */
  readonly annotations: readonly JournalEntry[];
}
