import { parentPort, workerData } from 'node:worker_threads';
import { ConsoleError } from '../../../shared/errors';
import { exportRange } from './exportRange';
import type { VerificationProgress, WorkerEvent, WorkerInit, WorkerReply, WorkerRequest, WorkerStatus } from './protocol';
import { loadOrCreateSigner } from './signer';
import { fromColumns, outcomesToColumns } from './batch';
import { rowToEntry } from './chain';
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

let verifier = store.createVerifier();
let verifyScheduled = false;
const pendingAppends: { id: number; drafts: readonly PreparedDraft[] }[] = [];
let flushScheduled = false;

function post(message: WorkerEvent | WorkerReply): void {
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
    const batch: { id: number; drafts: readonly PreparedDraft[] }[] = [];
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
    // sees its error also sees the journal's new state.
    if (store.status().state !== before) post({ event: 'status', status: status() });
    const system = store.takeSystemEntries();
    let offset = 0;
    batch.forEach((request, i) => {
      const value = outcomesToColumns(outcomes.slice(offset, offset + request.drafts.length));
      // Replies arrive in order, so the last one carries what the writer added after every draft of the batch.
      if (i === batch.length - 1 && system.length > 0) value.system = system;
      post({ id: request.id, ok: true, value });
      offset += request.drafts.length;
    });
  }
  verifier.resume();
  scheduleVerify();
}

function reply(id: number, fn: () => unknown): void {
  try {
    post({ id, ok: true, value: fn() });
  } catch (err) {
    post({ id, ok: false, error: ConsoleError.toData(err) });
  }
}

port.on('message', (request: WorkerRequest) => {
  switch (request.op) {
    case 'append':
      pendingAppends.push({ id: request.id, drafts: fromColumns(request.drafts) });
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
      return;
    case 'query':
      return reply(request.id, () => store.query(request.query));
    case 'getById':
      return reply(request.id, () => store.getById(request.entryId) ?? null);
    case 'pageAfter':
      return reply(request.id, () => store.pageAfter(request.afterSeq, request.mode, request.limit));
    case 'countAfter':
      return reply(request.id, () => store.countAfter(request.afterSeq, request.mode));
    case 'getSync':
      return reply(request.id, () => store.getSync(request.subject) ?? null);
    case 'setSync':
      return reply(request.id, () => store.setSync(request.subject, request.ackedSeq, request.ackedAt));
    case 'status':
      return reply(request.id, status);
    case 'verify':
      verifier = store.createVerifier();
      scheduleVerify();
      return reply(request.id, verification);
    case 'quickCheck':
      return reply(request.id, () => store.quickCheck());
    case 'export':
      return reply(request.id, () =>
        exportRange((after, limit) => store.rawPage(after, limit), {
          from: request.from,
          to: request.to,
          dir: request.dir,
          site: init.site,
          console: init.consoleId,
          now: request.now,
        }),
      );
    case 'entriesAfter':
      return reply(request.id, () => store.rawPage(request.afterSeq, request.limit).map(rowToEntry));
    case 'entriesInRange':
      return reply(request.id, () => store.query({ from: request.from, to: request.to, limit: request.limit }));
    case 'storePeers':
      return reply(request.id, () => store.storePeerEntries(request.entries, request.receivedAt, request.meta));
    case 'peerPage':
      return reply(request.id, () => store.peerPage(request.site, request.afterHlc, request.afterConsole, request.limit));
    case 'peerHeads':
      return reply(request.id, () => store.peerHeads(request.site));
    case 'checkFoldPoint':
      return reply(request.id, () => store.checkFoldPoint(request.point) ?? null);
    case 'getMeta':
      return reply(request.id, () => store.getMeta(request.key) ?? null);
    case 'observe':
      return reply(request.id, () => store.observe(request.hlc, request.now));
    case 'close':
      flush();
      store.close();
      post({ id: request.id, ok: true, value: null });
      port.close();
      return;
  }
});

post({ event: 'ready', status: status() });
scheduleVerify();
