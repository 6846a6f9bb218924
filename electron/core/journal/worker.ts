import { parentPort, workerData } from 'node:worker_threads';
import { ConsoleError } from '../../../shared/errors';
import { serveWorker } from '../support/workerRpc';
import { exportRange } from './exportRange';
import type { JournalWorkerApi, VerificationProgress, WorkerEvent, WorkerInit, WorkerStatus } from './protocol';
import { loadOrCreateSigner } from './signer';
import { fromColumns, outcomesToColumns, type OutcomeColumns } from './batch';
import { JournalStore, type PreparedDraft } from './store';

// The journal's one writer, in a worker thread so the UI thread never waits
// on the disk. Appends that arrive together are committed together (group
// commit): messages queue while a transaction runs and the next flush takes
// them all. Between flushes it verifies the chain in small steps.

const port = parentPort;
if (!port) throw new Error('journal worker must run in a worker thread');
const init = (workerData as { init: WorkerInit }).init;

const VERIFY_STEP = 5000;
const MAX_BATCH = 2000;

let store: JournalStore;
try {
  const signer = loadOrCreateSigner(init.keyFile);
  store = JournalStore.open(
    {
      file: init.file,
      site: init.site,
      consoleId: init.consoleId,
      signer,
      ...(init.checkpointEvery !== undefined ? { checkpointEvery: init.checkpointEvery } : {}),
      ...(init.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: init.checkpointIntervalMs } : {}),
      ...(init.maxPageCount !== undefined ? { maxPageCount: init.maxPageCount } : {}),
      ...(init.segment ? { segment: init.segment } : {}),
    },
    init.now,
  );
} catch (err) {
  post({ event: 'init-failed', error: ConsoleError.toData(err) });
  process.exit(1);
}

interface QueuedAppend {
  readonly drafts: readonly PreparedDraft[];
  readonly done: (outcomes: OutcomeColumns) => void;
}

let verifier = store.createVerifier();
let verifyScheduled = false;
const pendingAppends: QueuedAppend[] = [];
let flushScheduled = false;

function post(message: WorkerEvent): void {
  port?.postMessage(message);
}

function verification(): VerificationProgress {
  return { verifiedTo: verifier.verifiedTo, lastGoodHash: verifier.lastGoodHash, done: verifier.done, problem: verifier.problem };
}

function status(): WorkerStatus {
  return { ...store.status(), verification: verification() };
}

/**
 * Verification yields to appends: it steps only when the writer has been idle
 * for a moment, so a burst is committed at full speed and the chain is
 * checked right after it ("verified to #N" catches up).
 */
let lastFlushAt = 0;
const VERIFY_IDLE_MS = 50;

function scheduleVerify(): void {
  if (verifyScheduled) return;
  verifyScheduled = true;
  setTimeout(() => {
    verifyScheduled = false;
    if (pendingAppends.length > 0 || performance.now() - lastFlushAt < VERIFY_IDLE_MS) {
      scheduleVerify();
      return;
    }
    const more = verifier.step(VERIFY_STEP);
    const problem = verifier.problem;
    if (problem) {
      store.markBroken(`entry #${problem.seq}: ${problem.problem}`);
      post({ event: 'status', status: status() });
      return;
    }
    if (more) scheduleVerify();
    else post({ event: 'status', status: status() });
  }, VERIFY_IDLE_MS);
}

function flush(): void {
  flushScheduled = false;
  lastFlushAt = performance.now();
  while (pendingAppends.length > 0) {
    const batch: QueuedAppend[] = [];
    let size = 0;
    while (pendingAppends.length > 0 && size < MAX_BATCH) {
      const next = pendingAppends.shift();
      if (!next) break;
      batch.push(next);
      size += next.drafts.length;
    }
    const before = store.status().state;
    const outcomes = store.append(batch.flatMap((b) => b.drafts));
    // A state change (full, or recovered) is announced before the replies, so a caller who
    // sees its error also sees the journal's new state (replies go out once their promises settle, after this).
    if (store.status().state !== before) post({ event: 'status', status: status() });
    const system = store.takeSystemEntries();
    let offset = 0;
    batch.forEach((request, i) => {
      const value = outcomesToColumns(outcomes.slice(offset, offset + request.drafts.length));
      // Replies go out in the order they are settled here, so the last one carries what the writer added after every draft of the batch.
      if (i === batch.length - 1 && system.length > 0) value.system = system;
      request.done(value);
      offset += request.drafts.length;
    });
  }
  verifier.resume();
  scheduleVerify();
}

const handlers = {
  getById: (id) => store.getById(id),
  entriesAfter: (afterSeq, limit) => store.entriesAfter(afterSeq, limit),
  pageAfter: (afterSeq, mode, limit) => store.pageAfter(afterSeq, mode, limit),
  countAfter: (afterSeq, mode) => store.countAfter(afterSeq, mode),
  getSync: (subject) => store.getSync(subject),
  setSync: (subject, ackedSeq, ackedAt) => store.setSync(subject, ackedSeq, ackedAt),
  peerPage: (site, afterHlc, afterConsole, limit) => store.peerPage(site, afterHlc, afterConsole, limit),
  peerHeads: (site) => store.peerHeads(site),
  checkFoldPoint: (point) => store.checkFoldPoint(point),
  getMeta: (key) => store.getMeta(key),
  quickCheck: () => store.quickCheck(),

  append: (drafts) =>
    new Promise<OutcomeColumns>((done) => {
      pendingAppends.push({ drafts: fromColumns(drafts), done });
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    }),
  query: (query) => store.query(query),
  storePeers: (entries, receivedAt, meta) => store.storePeerEntries(entries, receivedAt, meta),
  observe: (hlc, now) => store.observe(hlc, now),
  status,
  verify: () => {
    verifier = store.createVerifier();
    scheduleVerify();
    return verification();
  },
  exportRange: (from, to, dir, now) =>
    exportRange((after, limit) => store.rawPage(after, limit), { from, to, dir, site: init.site, console: init.consoleId, now }),
  // Async so that its reply goes out after those of the appends this flush settles (promise
  // reactions run in the order they were queued); the port closes once the reply is sent.
  close: async () => {
    flush();
    store.close();
    setImmediate(() => port.close());
  },
} satisfies JournalWorkerApi;

serveWorker(port, handlers);
post({ event: 'ready', status: status() });
scheduleVerify();
