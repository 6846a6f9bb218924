import type { ConsoleErrorData } from '../../../shared/errors';
import type { JournalEntry, Mode } from '../../../shared/journal/entry';
import type { JournalQueryParsed } from '../../../shared/journal/query';
import type { DraftColumns } from './batch';
import type { AppendOutcome, FoldPoint, Head, SegmentPrevious, StoreState } from './store';
import type { ExportManifest } from './exportRange';

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

/** Requests from the core to the worker; each gets exactly one reply with the same id. */
export type WorkerRequest =
  | { readonly id: number; readonly op: 'append'; readonly drafts: DraftColumns }
  | { readonly id: number; readonly op: 'query'; readonly query: JournalQueryParsed }
  | { readonly id: number; readonly op: 'getById'; readonly entryId: string }
  | { readonly id: number; readonly op: 'pageAfter'; readonly afterSeq: number; readonly mode: Mode; readonly limit: number }
  | { readonly id: number; readonly op: 'countAfter'; readonly afterSeq: number; readonly mode: Mode }
  | { readonly id: number; readonly op: 'getSync'; readonly subject: string }
  | { readonly id: number; readonly op: 'setSync'; readonly subject: string; readonly ackedSeq: number; readonly ackedAt: number }
  | { readonly id: number; readonly op: 'status' }
  | { readonly id: number; readonly op: 'verify' }
  | { readonly id: number; readonly op: 'quickCheck' }
  | { readonly id: number; readonly op: 'export'; readonly from: number; readonly to: number; readonly dir: string; readonly now: number }
  | { readonly id: number; readonly op: 'entriesInRange'; readonly from: number; readonly to: number; readonly limit: number }
  | { readonly id: number; readonly op: 'entriesAfter'; readonly afterSeq: number; readonly limit: number }
  | { readonly id: number; readonly op: 'storePeers'; readonly entries: readonly JournalEntry[]; readonly receivedAt: number; readonly meta?: { key: string; value: string } }
  | { readonly id: number; readonly op: 'peerPage'; readonly site: string; readonly afterHlc: string; readonly afterConsole: string; readonly limit: number }
  | { readonly id: number; readonly op: 'peerHeads'; readonly site: string }
  | { readonly id: number; readonly op: 'checkFoldPoint'; readonly point: FoldPoint }
  | { readonly id: number; readonly op: 'getMeta'; readonly key: string }
  | { readonly id: number; readonly op: 'observe'; readonly hlc: string; readonly now: number }
  | { readonly id: number; readonly op: 'close' };

export type WorkerReply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: ConsoleErrorData };

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

/** Unprompted messages from the worker. */
export type WorkerEvent =
  | { readonly event: 'ready'; readonly status: WorkerStatus }
  | { readonly event: 'init-failed'; readonly error: ConsoleErrorData }
  | { readonly event: 'status'; readonly status: WorkerStatus };

export type { AppendOutcome, ExportManifest, JournalEntry };
