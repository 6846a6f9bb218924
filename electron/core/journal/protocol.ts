import type { ConsoleErrorData } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { JournalQueryParsed } from '../../../shared/journal/query';
import type { DraftColumns, OutcomeColumns } from './batch';
import type { ExportManifest } from './exportRange';
import type { AppendOutcome, BreakKind, Head, JournalStore, PeerStoreResult, SegmentPrevious, StoreState } from './store';

/** Everything the journal worker needs to open the file (sent as workerData). */
export interface WorkerInit {
  readonly file: string;
  readonly keyFile: string;
  /** The signing key itself when the service loaded it from a KeyVault (support/keyVault.ts); else the worker reads `keyFile`. */
  readonly privateKeyPem?: string;
  /** Where that key is kept, for messages. */
  readonly keyWhere?: string;
  readonly site: string;
  readonly consoleId: string;
  readonly now: number;
  readonly checkpointEvery?: number;
  readonly checkpointIntervalMs?: number;
  readonly maxPageCount?: number;
  readonly segment?: { readonly startSeq: number; readonly prevHash: string; readonly previous: SegmentPrevious };
  /** The console's pinned public key (identity file): a signing key or a journal signed by another is refused. */
  readonly pinnedKey?: string;
  /** The head last recorded in the identity file: an emptied, cut or older file is not reused (StoreOptions.expectedHead). */
  readonly expectedHead?: { readonly seq: number; readonly hash: string };
  /** Re-walk the whole chain from #1 this long after the previous walk finished (default 4 min). */
  readonly fullVerifyEveryMs?: number;
}

/**
 * Store methods the worker serves as they are and JournalService forwards
 * unchanged: their signatures are the store's own. A new store read is a
 * method on JournalStore, its name here and its line in the worker's handlers
 * (the compiler asks for it); callers then have `journal.<name>(…)`.
 */
export const storeReads = [
  'getById',
  'getByAppendKey',
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

/** How the writer refuses an idempotency key already used (a `conflict`); the service answers it with the stored entry. */
export const REPEATED_KEY_PREFIX = 'idempotencyKey: already recorded';

export type StoreReads = Pick<JournalStore, (typeof storeReads)[number]>;

/** What the journal worker serves (electron/core/support/workerRpc.ts carries it). */
export interface JournalWorkerApi extends StoreReads {
  /** Queued and committed with the appends that arrive with it (group commit); the last reply of a transaction carries its system entries. */
  append(drafts: DraftColumns): Promise<OutcomeColumns>;
  query(query: JournalQueryParsed): JournalEntry[];
  storePeers(entries: readonly JournalEntry[], receivedAt: number, meta?: { key: string; value: string }): PeerStoreResult;
  observe(hlc: string, now: number): boolean;
  status(): WorkerStatus;
  /** Walks the whole chain from #1 now (joining a walk under way) and answers when it has finished. */
  verify(): Promise<VerificationProgress>;
  /** The desk has seen why this segment started: the status stops showing it. */
  acknowledgeNotice(now: number): void;
  exportRange(from: number, to: number, dir: string, now: number): ExportManifest;
  /** Commits what is queued, closes the file, then the worker's port. */
  close(): Promise<void>;
}

export interface VerificationProgress {
  readonly verifiedTo: number;
  readonly lastGoodHash: string | undefined;
  readonly done: boolean;
  readonly problem: { readonly seq: number; readonly id: string | undefined; readonly problem: string } | undefined;
  /** The last walk of the whole chain from #1 that finished (at start-up, then every fullVerifyEveryMs). */
  readonly lastFullWalk: FullWalk | undefined;
}

export interface FullWalk {
  /** When it finished, on the caller's clock (WorkerInit.now plus the time since). */
  readonly at: number;
  readonly ok: boolean;
  readonly entries: number;
  readonly ms: number;
}

export interface WorkerStatus {
  readonly state: StoreState;
  readonly detail: string | undefined;
  /** Why appends are refused, when broken (store.ts BreakKind). */
  readonly breakKind: BreakKind | undefined;
  /** Why this segment started (a break before it), until acknowledged. */
  readonly notice: string | undefined;
  /** This worker's signing key (SPKI DER, base64): pinned on first use. */
  readonly publicKey: string;
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
