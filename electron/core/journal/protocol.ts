import type { ConsoleErrorData } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { JournalQueryParsed } from '../../../shared/journal/query';
import type { DraftColumns, OutcomeColumns } from './batch';
import type { ExportManifest } from './exportRange';
import type { AppendOutcome, Head, JournalStore, PeerStoreResult, SegmentPrevious, StoreState } from './store';

/** Everything the journal worker needs to open the file (sent as workerData). */
export interface WorkerInit {
  readonly file: string;
  readonly keyFile: string;
  readonly site: string;
  readonly consoleId: string;
  readonly now: number;
  readonly checkpointEvery?: number;
  readonly checkpointIntervalMs?: number;
  readonly maxPageCount?: number;
  readonly segment?: { readonly startSeq: number; readonly prevHash: string; readonly previous: SegmentPrevious };
}

/**
 * Store methods the worker serves as they are and JournalService forwards
 * unchanged: their signatures are the store's own. A new store read is a
 * method on JournalStore, its name here and its line in the worker's handlers
 * (the compiler asks for it); callers then have `journal.<name>(…)`.
 */
export const storeReads = [
  'getById',
  'entriesAfter',
  'pageAfter',
  'countAfter',
  'getSync',
  'setSync',
  'peerPage',
  'peerHeads',
  'checkFoldPoint',
  'getMeta',
  'quickCheck',
] as const satisfies readonly (keyof JournalStore)[];

export type StoreReads = Pick<JournalStore, (typeof storeReads)[number]>;

/** What the journal worker serves (electron/core/support/workerRpc.ts carries it). */
export interface JournalWorkerApi extends StoreReads {
  /** Queued and committed with the appends that arrive with it (group commit); the last reply of a transaction carries its system entries. */
  append(drafts: DraftColumns): Promise<OutcomeColumns>;
  query(query: JournalQueryParsed): JournalEntry[];
  storePeers(entries: readonly JournalEntry[], receivedAt: number, meta?: { key: string; value: string }): PeerStoreResult;
  observe(hlc: string, now: number): boolean;
  status(): WorkerStatus;
  /** Restarts the background verification from the first entry. */
  verify(): VerificationProgress;
  exportRange(from: number, to: number, dir: string, now: number): ExportManifest;
  /** Commits what is queued, closes the file, then the worker's port. */
  close(): Promise<void>;
}

export interface VerificationProgress {
  readonly verifiedTo: number;
  readonly lastGoodHash: string | undefined;
  readonly done: boolean;
  readonly problem: { readonly seq: number; readonly id: string | undefined; readonly problem: string } | undefined;
}

export interface WorkerStatus {
  readonly state: StoreState;
  readonly detail: string | undefined;
  readonly head: Head;
  readonly lastCheckpointSeq: number;
  readonly verification: VerificationProgress;
}

/** Unprompted messages from the worker (beside the replies). */
export type WorkerEvent =
  | { readonly event: 'ready'; readonly status: WorkerStatus }
  | { readonly event: 'init-failed'; readonly error: ConsoleErrorData }
  | { readonly event: 'status'; readonly status: WorkerStatus };

export function isWorkerEvent(message: unknown): message is WorkerEvent {
  return typeof message === 'object' && message !== null && typeof (message as { event?: unknown }).event === 'string';
}

export type { AppendOutcome, ExportManifest, JournalEntry };
